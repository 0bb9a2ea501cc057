/**
 * How one attempt reaches Clerk: the single point where the core's two ways
 * of sending meet, chosen once when a client is built.
 *
 * - **direct**: one of our transports (`NodeTransport`, `FetchTransport`)
 *   offers a plain {@link Send}; the attempt is one `Effect.async` around it
 *   and, on Effect's live clock, owns its timer (a `setTimeout` that aborts
 *   the request): no fiber is forked per call.
 * - **platform**: any other `HttpClient` (the platform's, a test double, or
 *   one of ours wrapped by the user) is called as it is, through
 *   `execute`; on the live clock the attempt runs in one child fiber that a
 *   `setTimeout` interrupts (see `timed`).
 *
 * On any other clock (`TestClock`, a user's own) both use
 * `Effect.timeoutFail`, so that simulated time stays entirely that clock's.
 *
 * Either way an attempt answers an {@link Answer} or fails with the SDK's
 * own `SDKError` (`Transport`, `InvalidInput`) or the timer's error; a
 * timeout or an interruption aborts the request, also during the body read.
 *
 * @internal
 */

import type { Send, WireOutcome, WireRequest } from "@clerk-effect/core/wire"
import { pathOf } from "@clerk-effect/core/wire"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpTraceContext from "@effect/platform/HttpTraceContext"
import type * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as FiberId from "effect/FiberId"
import * as FiberRef from "effect/FiberRef"
import type * as Tracer from "effect/Tracer"
import { SDKError } from "../Errors.js"
import { isLiveClock } from "./effectDefaults.js"

/**
 * A whole answer, body read. `header` is only asked for non-2xx answers.
 * @internal
 */
export type Answer = Extract<WireOutcome, { readonly _tag: "Answered" }>

/**
 * What an exchange needs of the attempt: its timer (the attempt's own
 * timeout or what is left of the deadline, whichever is shorter), the
 * fiber's clock, and the span a propagated trace context descends from.
 * @internal
 */
export interface Attempt<E> {
  readonly millis: number
  readonly onTimeout: () => E
  readonly clock: Clock.Clock
  readonly span: Tracer.AnySpan | undefined
  /** Whether the fiber's tracer records spans (the operation then has its own; see `recordsSpans`). */
  readonly recordsSpans: boolean
  /**
   * Given, the caller takes over aborting on interruption: the exchange
   * leaves the abort of the request in flight here (and clears it once the
   * attempt has ended), and the caller calls it when it is interrupted.
   * Absent, the exchange registers its own canceler.
   */
  readonly inFlight?: InFlight | undefined
}

/**
 * Where an attempt in flight leaves its abort. Why: in effect 3, an
 * `Effect.async` that returns a canceler is wrapped in `onInterrupt`, one
 * more uninterruptible region per call (about 2 KB allocated and a few µs);
 * the operation around the attempt already has one (it records its
 * metrics however it ends), and calls this abort from there.
 * @internal
 */
export interface InFlight {
  abort: (() => void) | undefined
}

/**
 * Sends one request, reads its whole answer within the attempt's timer, and
 * goes on with `onAnswer`. The continuation is the exchange's to call
 * because the direct path resumes the fiber with its result at once: one
 * step per call, not a second one to hand the answer over.
 * @internal
 */
export type Exchange = <E, A, E2>(
  request: WireRequest,
  attempt: Attempt<E>,
  onAnswer: (answer: Answer) => Effect.Effect<A, E2>
) => Effect.Effect<A, SDKError | E | E2>

// ---------------------------------------------------------------------------
// Failures before a whole answer, as the SDK's errors

/**
 * A request that got no answer at all.
 * @internal
 */
export const notAnswered = (
  method: string,
  url: string,
  cause: unknown,
  reason = "Transport",
  description?: string
): SDKError =>
  new SDKError({
    // Anything but a transport failure is a request that could not be built (`InvalidUrl`, `Encode`).
    reason: reason === "Transport" ? "Transport" : "InvalidInput",
    // The request itself is left out on purpose: it holds the Authorization header.
    message: `${method} ${pathOf(url)} failed: ${reason}${description === undefined ? "" : ` (${description})`}`,
    cause
  })

/**
 * A body that broke off (connection reset, truncated chunked stream) is a
 * transport failure, not a decode failure.
 * @internal
 */
export const bodyReadFailed = (status: number, cause: unknown): SDKError =>
  new SDKError({
    reason: "Transport",
    status,
    message: `Reading the response body failed (status ${status})`,
    cause
  })

const fromOutcome = (
  request: WireRequest,
  outcome: Exclude<WireOutcome, { readonly _tag: "Answered" }>
): Effect.Effect<never, SDKError> =>
  Effect.fail(
    outcome._tag === "NotAnswered"
      ? notAnswered(request.method, request.url, outcome.cause)
      : bodyReadFailed(outcome.status, outcome.cause)
  )

// `onAnswer` called outside the fiber (in the transport's callback): what
// it throws is a defect, as it would be inside `Effect.flatMap`, and never
// escapes into the transport's promise chain.
const continued = <A, E>(onAnswer: (answer: Answer) => Effect.Effect<A, E>, answer: Answer): Effect.Effect<A, E> => {
  try {
    return onAnswer(answer)
  } catch (defect) {
    return Effect.die(defect)
  }
}

// ---------------------------------------------------------------------------
// direct

/**
 * The largest delay `setTimeout` honours; anything longer fires at once, so
 * it is treated as no timer at all (as Effect's own clock does).
 */
const MAX_TIMER_MILLIS = 2 ** 31 - 1

const sendOnce = <E, A, E2>(
  send: Send,
  request: WireRequest,
  timer: Attempt<E> | undefined,
  inFlight: InFlight | undefined,
  onAnswer: (answer: Answer) => Effect.Effect<A, E2>
) =>
  Effect.async<A, SDKError | E | E2>((resume) => {
    let done = false
    let handle: ReturnType<typeof setTimeout> | undefined
    const end = () => {
      done = true
      if (handle !== undefined) clearTimeout(handle)
      if (inFlight !== undefined) inFlight.abort = undefined
    }
    const abort = send(request, (outcome) => {
      if (done) return
      end()
      resume(outcome._tag === "Answered" ? continued(onAnswer, outcome) : fromOutcome(request, outcome))
    })
    if (done) return
    if (timer !== undefined && timer.millis <= MAX_TIMER_MILLIS) {
      handle = setTimeout(() => {
        if (done) return
        end()
        resume(Effect.fail(timer.onTimeout()))
        abort()
      }, timer.millis)
    }
    const cancel = () => {
      if (done) return
      end()
      abort()
    }
    if (inFlight !== undefined) {
      inFlight.abort = cancel
      return
    }
    return Effect.sync(cancel)
  })

/**
 * The direct exchange over a transport's {@link Send}. On the live clock
 * the attempt's timer is a plain `setTimeout`; on any other clock
 * (`TestClock`, a user's own) it is `Effect.timeoutFail`, so that simulated
 * time stays entirely that clock's. The platform's clients propagate the
 * trace context from their own span; this path has none, so it sends the
 * attempt's.
 * @internal
 */
export const directExchange =
  (send: Send, tracePropagation: boolean): Exchange =>
  (request, attempt, onAnswer) => {
    const span = attempt.span
    const sent =
      tracePropagation && span?._tag === "Span"
        ? { ...request, headers: { ...request.headers, ...HttpTraceContext.toHeaders(span) } }
        : request
    if (isLiveClock(attempt.clock)) return sendOnce(send, sent, attempt, attempt.inFlight, onAnswer)
    // The race interrupts the loser in a fiber of its own: the attempt keeps its own canceler.
    return Effect.timeoutFail(sendOnce(send, sent, undefined, undefined, onAnswer), {
      duration: attempt.millis,
      onTimeout: attempt.onTimeout
    })
  }

// ---------------------------------------------------------------------------
// platform

const always = () => true
// Set in an attempt's own fiber: the platform opens no span for its request.
const withoutPlatformSpan = /* @__PURE__ */ FiberRef.set(HttpClient.currentTracerDisabledWhen, always)

/**
 * `effect` under the attempt's timer. `Effect.timeoutFail` races it against
 * a sleep in two forked fibers, which cost about 45 µs a call on this
 * machine (more than the rest of the core): on the live clock the attempt
 * runs in one child fiber and a plain `setTimeout` interrupts it (which
 * aborts the platform's request), about 8 µs. Any other clock keeps
 * `Effect.timeoutFail`, so that simulated time stays entirely that clock's.
 */
const timed = <A, E, E2>(
  effect: Effect.Effect<A, E>,
  attempt: Attempt<E2>,
  tracePropagation: boolean
): Effect.Effect<A, E | E2> => {
  // The platform's tracing of the request: its trace propagation as
  // configured, or, when no tracer records spans and nothing is propagated,
  // no `http.client` span at all. That span would be opened for nobody, as
  // the operation's own is not (see `recordsSpans`); it is about a fifth of
  // what `FetchHttpClient` costs a call (docs/performance.md).
  const spanless = !tracePropagation && !attempt.recordsSpans
  if (!isLiveClock(attempt.clock) || attempt.millis > MAX_TIMER_MILLIS) {
    const traced = spanless
      ? Effect.locally(effect, HttpClient.currentTracerDisabledWhen, always)
      : Effect.locally(effect, HttpClient.currentTracerPropagation, tracePropagation)
    return Effect.timeoutFail(traced, { duration: attempt.millis, onTimeout: attempt.onTimeout })
  }
  // The child only runs the exchange and is never joined (nothing of its
  // state flows back), so it sets the platform's tracing for itself: no
  // `Effect.locally` per call.
  const child = Effect.zipRight(
    spanless ? withoutPlatformSpan : FiberRef.set(HttpClient.currentTracerPropagation, tracePropagation),
    effect
  )
  const inFlight = attempt.inFlight
  return Effect.flatMap(Effect.fork(child), (child) =>
    Effect.async<A, E | E2>((resume) => {
      let done = false
      const end = () => {
        done = true
        clearTimeout(timer)
        if (inFlight !== undefined) inFlight.abort = undefined
      }
      const timer = setTimeout(() => {
        if (done) return
        end()
        child.unsafeInterruptAsFork(FiberId.none)
        resume(Effect.fail(attempt.onTimeout()))
      }, attempt.millis)
      child.addObserver((exit) => {
        if (done) return
        end()
        resume(exit)
      })
      if (done) return
      const cancel = () => {
        if (done) return
        end()
        child.unsafeInterruptAsFork(FiberId.none)
      }
      if (inFlight !== undefined) {
        inFlight.abort = cancel
        return
      }
      return Effect.sync(cancel)
    })
  )
}

/**
 * The platform request of a {@link WireRequest}.
 * @internal
 */
export const toPlatformRequest = (request: WireRequest): HttpClientRequest.HttpClientRequest => {
  const platformRequest = HttpClientRequest.make(request.method)(request.url, { headers: request.headers })
  return request.body === undefined
    ? platformRequest
    : HttpClientRequest.bodyText(platformRequest, request.body, "application/json")
}

/**
 * The platform exchange over any `HttpClient`, with the platform's trace
 * propagation as configured (our trace context is none of Clerk's business
 * unless a user opts in).
 * @internal
 */
export const platformExchange = (client: HttpClient.HttpClient, tracePropagation: boolean): Exchange => {
  return (request, attempt, onAnswer) =>
    timed(
      Effect.matchEffect(client.execute(toPlatformRequest(request)), {
        onFailure: (error) =>
          Effect.fail(
            error._tag === "RequestError"
              ? notAnswered(request.method, request.url, error.cause, error.reason, error.description)
              : new SDKError({ reason: "Transport", message: error.message, status: error.response.status })
          ),
        onSuccess: (response) =>
          Effect.matchEffect(response.text, {
            onFailure: (error) => Effect.fail(bodyReadFailed(response.status, error.cause ?? error.description)),
            onSuccess: (text) =>
              onAnswer({
                _tag: "Answered",
                status: response.status,
                header: (name) => response.headers[name],
                text
              })
          })
      }),
      attempt,
      tracePropagation
    )
}

// ---------------------------------------------------------------------------
// the choice

// Module-local on purpose (not `Symbol.for`): a second copy of this package
// in the process does not share the protocol, so its core never calls
// another version's transport internals; it goes through the HttpClient.
const SendId = Symbol("@clerk-effect/backend/Send")

/**
 * Marks a transport's `HttpClient` as also offering a direct {@link Send}.
 * The mark is an own property of that very client object: any wrapper a
 * user puts around it (`mapRequest`, `retryTransient`, a tap...) is a new
 * object without it, so the core then goes through the wrapped
 * `HttpClient` and the wrapper is never skipped.
 * @internal
 */
export const withDirectSend = (client: HttpClient.HttpClient, send: Send): HttpClient.HttpClient =>
  Object.defineProperty(client, SendId, { value: send, enumerable: false })

/**
 * The direct {@link Send} of one of our transports, if `client` is one.
 * @internal
 */
export const directSendOf = (client: HttpClient.HttpClient): Send | undefined =>
  Object.hasOwn(client, SendId) ? (client as unknown as Record<symbol, Send>)[SendId] : undefined

/**
 * The exchange for a client's `HttpClient`: direct when it is one of our
 * transports as it is, platform otherwise.
 * @internal
 */
export const exchangeFor = (client: HttpClient.HttpClient, tracePropagation: boolean): Exchange => {
  const send = directSendOf(client)
  return send === undefined ? platformExchange(client, tracePropagation) : directExchange(send, tracePropagation)
}
