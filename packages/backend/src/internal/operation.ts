/**
 * One operation of the core: attempts within the deadline, retried by
 * policy, recorded at the end.
 *
 * Why an object: every call of every resource runs one, so what it holds is
 * paid on every call. As one closure per step (the deadline's error, the
 * answer's reading, the attempt, the retry test, the end) it allocated
 * about 2 KB a call; as one object whose steps are methods it is a few
 * hundred bytes (benchmark 9). The object is also the exchange's
 * {@link Attempt} (the timer of the attempt about to run, the clock, the
 * trace parent), where the attempt in flight leaves its abort
 * ({@link InFlight}), and the retries' {@link RetryBounds}.
 *
 * @internal
 */
import { OperationBudget } from "@clerk-effect/core/budget"
import type { ClerkHeaders, WireRequest } from "@clerk-effect/core/wire"
import { isSuccess, toWireRequest } from "@clerk-effect/core/wire"
import type * as Cause from "effect/Cause"
import type * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"
import type * as ParseResult from "effect/ParseResult"
import type * as Schema from "effect/Schema"
import type * as Tracer from "effect/Tracer"
import type { ClerkRequest } from "../ClerkClient.js"
import type { ClerkError } from "../Errors.js"
import { SDKError } from "../Errors.js"
import { clockOf } from "./effectDefaults.js"
import type { Answer, Attempt, Exchange, InFlight } from "./exchange.js"
import { makeResponseDecoder } from "./fastDecode.js"
import { recordOperation } from "./operationMetrics.js"
import type { ResolvedOptions } from "./requestOptions.js"
import { decodeSuccessText, failureFromText } from "./responses.js"
import type { RetryBounds } from "./retrying.js"
import { retrying } from "./retrying.js"
import { isRetryable } from "./retryPolicy.js"

/**
 * What every operation of one client shares, built once with the client.
 * @internal
 */
export interface ClientParts {
  readonly exchange: Exchange
  /** The client-side rate limit (internal/slidingWindowLimiter.ts), when one is set. */
  readonly limiter: { readonly acquire: Effect.Effect<void> } | undefined
  readonly baseUrl: string
  readonly headers: ClerkHeaders
}

type Decoder<A> = (input: unknown) => Either.Either<A, ParseResult.ParseError>

// Building a decoder walks the schema's AST; do it once per schema, not per call.
const decoders = new WeakMap<Schema.Schema.Any, Decoder<unknown>>()
const decoderFor = <A, I>(schema: Schema.Schema<A, I>): Decoder<A> => {
  let decoder = decoders.get(schema)
  if (decoder === undefined) {
    // The schema's own decoder behind a fast path compiled from the same schema (see fastDecode.ts).
    decoder = makeResponseDecoder(schema) as Decoder<unknown>
    decoders.set(schema, decoder)
  }
  return decoder as Decoder<A>
}

const retryableIdempotent = isRetryable(true)
const retryableOther = isRetryable(false)

const timeoutError = (what: string, duration: Duration.Duration) =>
  new SDKError({ reason: "Timeout", message: `${what} did not complete within ${Duration.format(duration)}` })

/**
 * One call of `ClerkClient.request`; {@link Operation.run} is the whole of it.
 * @internal
 */
export class Operation<A, I> implements Attempt<SDKError>, InFlight, RetryBounds {
  /** The abort of the attempt in flight, called if the operation is interrupted (see `InFlight`). */
  abort: (() => void) | undefined = undefined
  /** The timer of the attempt about to run: its own timeout, or what is left of the deadline. */
  millis = 0
  /** Whether the deadline, not the attempt's own timeout, ends that timer. */
  private deadlineFirst = false
  readonly inFlight: InFlight = this
  readonly clock: Clock.Clock
  readonly traceParent: Tracer.AnySpan | undefined
  readonly recordsSpans: boolean
  /** The deadline: what is left of it bounds every attempt, every wait for a permit and every backoff wait. */
  private readonly budget: OperationBudget
  private readonly wire: WireRequest
  private readonly decode: Decoder<A>

  constructor(
    private readonly client: ClientParts,
    private readonly spec: ClerkRequest<A, I>,
    private readonly fiber: Fiber.RuntimeFiber<unknown, unknown>,
    /** The operation's own span, when the tracer records spans. */
    private readonly span: Tracer.Span | undefined,
    private readonly options: ResolvedOptions
  ) {
    const clock = clockOf(fiber)
    this.clock = clock
    this.traceParent = span ?? fiber.currentSpan
    // The operation opens its own span exactly when the fiber's tracer records spans.
    this.recordsSpans = span !== undefined
    this.wire = toWireRequest(client.baseUrl, client.headers, spec)
    this.decode = decoderFor(spec.success)
    this.budget = new OperationBudget(
      () => clock.unsafeCurrentTimeMillis(),
      Duration.toMillis(options.deadline),
      Duration.toMillis(options.timeout)
    )
  }

  /** Attempt, deadline, retry; whatever ends it, recorded. */
  run(): Effect.Effect<A, ClerkError> {
    const limiter = this.client.limiter
    const attempt =
      limiter === undefined ? Effect.suspend(this.exchanged) : Effect.suspend(() => this.limited(limiter.acquire))
    const run = retrying(attempt, this.options.schedule, this)
    // What `Effect.onExit` does, with the end handled in place: `onExit`
    // would add an exit value, a `sync` and a `zipRight` to every call.
    return Effect.uninterruptibleMask((restore) => Effect.matchCauseEffect(restore(run), this.ending))
  }

  /** One attempt, timed by whichever ends first: its own timeout or the deadline. */
  private readonly exchanged = (): Effect.Effect<A, ClerkError> => {
    const timer = this.budget.startAttempt()
    if (timer === undefined) return Effect.fail(this.deadlineError())
    this.millis = timer.millis
    this.deadlineFirst = timer.deadlineFirst
    return this.client.exchange(this.wire, this, this.interpret)
  }

  /** Waiting for a rate-limit permit counts against the deadline, not the attempt. */
  private limited(acquire: Effect.Effect<void>): Effect.Effect<A, ClerkError> {
    return Effect.zipRight(
      Effect.timeoutFail(acquire, {
        duration: Math.max(0, this.budget.remaining()),
        onTimeout: () => this.deadlineError()
      }),
      Effect.suspend(this.exchanged)
    )
  }

  /** The answer of one attempt: decoded on 2xx, an error otherwise. */
  private readonly interpret = (answer: Answer): Effect.Effect<A, ClerkError> => {
    this.span?.attribute("http.response.status_code", answer.status)
    return isSuccess(answer.status)
      ? decodeSuccessText(answer.status, answer.text, this.decode)
      : Effect.fail(failureFromText(answer.status, answer.header, answer.text, this.clock.unsafeCurrentTimeMillis()))
  }

  /** The attempt's timer ran out (see {@link Attempt}). */
  onTimeout(): SDKError {
    return this.deadlineFirst ? this.deadlineError() : timeoutError("The attempt", this.options.timeout)
  }

  /** Whether an error is retried: never past the deadline (see {@link RetryBounds}). */
  shouldRetry(error: ClerkError): boolean {
    return !this.budget.deadlineReached() && (this.spec.idempotent ? retryableIdempotent : retryableOther)(error)
  }

  /** Milliseconds left before the deadline (see {@link RetryBounds}). */
  remaining(): number {
    return this.budget.remaining()
  }

  private deadlineError(): SDKError {
    this.budget.reachDeadline()
    return timeoutError(`${this.spec.operation} (all attempts)`, this.options.deadline)
  }

  // However the operation ends: an attempt still in flight (only an
  // interruption leaves one) is aborted, and the operation is recorded.
  private readonly ending = {
    onFailure: (cause: Cause.Cause<ClerkError>) => this.end(Exit.failCause(cause)),
    onSuccess: (value: A) => this.end(Exit.succeed(value))
  }

  private end(exit: Exit.Exit<A, ClerkError>): Exit.Exit<A, ClerkError> {
    this.abort?.()
    recordOperation({
      operation: this.spec.operation,
      exit,
      attempts: this.budget.attempts(),
      millis: this.budget.elapsed(),
      fiber: this.fiber,
      span: this.span
    })
    return exit
  }
}
