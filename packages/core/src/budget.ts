/**
 * The time of one operation: its deadline, what is left of it, and the
 * timer of each attempt (its own timeout or what is left of the deadline,
 * whichever ends first). Plain bookkeeping on the edition's clock (`now`),
 * so that `TestClock` drives it. No Effect here.
 *
 * A class, not a record of closures: every call makes one, and its methods
 * live on the prototype (one object a call instead of eight).
 *
 * @internal
 */

/** @internal */
export class OperationBudget {
  private readonly startedAt: number
  private readonly deadlineAt: number
  private started = 0
  private reached = false

  constructor(
    private readonly now: () => number,
    deadlineMillis: number,
    private readonly attemptMillis: number
  ) {
    this.startedAt = now()
    this.deadlineAt = this.startedAt + deadlineMillis
  }

  /** Milliseconds left before the deadline (negative once past it). */
  remaining(): number {
    return this.deadlineAt - this.now()
  }

  /** Milliseconds since the operation started. */
  elapsed(): number {
    return this.now() - this.startedAt
  }

  /** Attempts started so far. */
  attempts(): number {
    return this.started
  }

  /** Whether the deadline ended the operation: nothing is retried after it. */
  deadlineReached(): boolean {
    return this.reached
  }

  /** Records that the deadline is what ends the operation (its error is being raised). */
  reachDeadline(): void {
    this.reached = true
  }

  /**
   * Starts an attempt: how long it may run and whether the deadline, not the
   * attempt's own timeout, is what would end it; `undefined` when no time
   * is left (the deadline is reached).
   */
  startAttempt(): { readonly millis: number; readonly deadlineFirst: boolean } | undefined {
    const left = this.remaining()
    if (left <= 0) {
      this.reached = true
      return undefined
    }
    this.started++
    const deadlineFirst = left < this.attemptMillis
    return { millis: deadlineFirst ? left : this.attemptMillis, deadlineFirst }
  }
}
