/**
 * The time of one operation: its deadline, what is left of it, and the
 * timer of each attempt (its own timeout or what is left of the deadline,
 * whichever ends first). Plain bookkeeping on the edition's clock (`now`),
 * so that `TestClock` drives it. No Effect here.
 *
 * @internal
 */

/** @internal */
export interface OperationBudget {
  /** Milliseconds left before the deadline (negative once past it). */
  readonly remaining: () => number
  /** Milliseconds since the operation started. */
  readonly elapsed: () => number
  /** Attempts started so far. */
  readonly attempts: () => number
  /** Whether the deadline ended the operation: nothing is retried after it. */
  readonly deadlineReached: () => boolean
  /** Records that the deadline is what ends the operation (its error is being raised). */
  readonly reachDeadline: () => void
  /**
   * Starts an attempt: how long it may run and whether the deadline, not the
   * attempt's own timeout, is what would end it; `undefined` when no time
   * is left (the deadline is reached).
   */
  readonly startAttempt: () => { readonly millis: number; readonly deadlineFirst: boolean } | undefined
}

/** @internal */
export const operationBudget = (now: () => number, deadlineMillis: number, attemptMillis: number): OperationBudget => {
  const startedAt = now()
  const deadlineAt = startedAt + deadlineMillis
  let attempts = 0
  let reached = false
  const remaining = () => deadlineAt - now()
  return {
    remaining,
    elapsed: () => now() - startedAt,
    attempts: () => attempts,
    deadlineReached: () => reached,
    reachDeadline: () => {
      reached = true
    },
    startAttempt: () => {
      const left = remaining()
      if (left <= 0) {
        reached = true
        return undefined
      }
      attempts++
      const deadlineFirst = left < attemptMillis
      return { millis: deadlineFirst ? left : attemptMillis, deadlineFirst }
    }
  }
}
