/**
 * How one attempt reaches Clerk: the single point where the core's two ways
 * of sending meet, chosen once when a client is built.
 *
 * - **direct**: one of our transports (`NodeTransport`, `FetchTransport`)
 *   offers a plain {@link Send} from @clerk-effect/core; the attempt is one
 *   `Effect.callback` around it: request and whole body in one callback
 *   chain, no web streams, no platform response object.
 * - **platform**: any other effect 4 `HttpClient` (`FetchHttpClient`,
 *   `NodeHttpClient`, a test double, or one of ours that the user wrapped)
 *   is called as it is, through `execute`.
 *
 * Either way the attempt is timed with `Effect.timeoutOrElse` on the
 * fiber's clock (so `TestClock` drives it), answers an {@link Answer}, or
 * fails with the SDK's own `SDKError` or the timer's error; a timeout or an
 * interruption aborts the request, also during the body read.
 *
 * @internal
 */
import type { Send, WireOutcome, WireRequest } from "@clerk-effect/core/wire"
import { pathOf } from "@clerk-effect/core/wire"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import type * as HttpClientError from "effect/http/HttpClientError"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as HttpTraceContext from "effect/http/HttpTraceContext"
import type * as Tracer from "effect/Tracer"
import { SDKError } from "../Errors.js"

/**
 * A whole answer, body read. `header` is only asked for non-2xx answers.
 * @internal
 */
export type Answer = Extract<WireOutcome, { readonly _tag: "Answered" }>

/**
 * What an exchange needs of the attempt: its timer (the attempt's own
 * timeout or what is left of the deadline, whichever is shorter) and the
 * span a propagated trace context descends from.
 * @internal
 */
export interface Attempt<E> {
  readonly millis: number
  readonly onTimeout: () => E
  readonly span: Tracer.AnySpan | undefined
  /** Whether the fiber's tracer records spans (the operation then has its own). */
  readonly recordsSpans: boolean
}

/**
 * Sends one request and reads its whole answer within the attempt's timer.
 * @internal
 */
export type Exchange = <E>(request: WireRequest, attempt: Attempt<E>) => Effect.Effect<Answer, SDKError | E>

/**
 * A request that got no answer at all. The request itself is left out on
 * purpose: it holds the Authorization header.
 * @internal
 */
export const notAnswered = (
  method: string,
  url: string,
  cause: unknown,
  reason: "Transport" | "InvalidInput" = "Transport",
  description?: string
): SDKError =>
  new SDKError({
    reason,
    message: `${method} ${pathOf(url)} failed${description === undefined ? "" : `: ${description}`}`,
    cause
  })

/**
 * A body that broke off (connection reset, truncated chunked stream) is a
 * transport failure, not a decode failure.
 * @internal
 */
export const bodyReadFailed = (status: number, cause: unknown): SDKError =>
  new SDKError({ reason: "Transport", status, message: `Reading the response body failed (status ${status})`, cause })

const fromOutcome = (request: WireRequest, outcome: WireOutcome): Effect.Effect<Answer, SDKError> => {
  switch (outcome._tag) {
    case "Answered":
      return Effect.succeed(outcome)
    case "NotAnswered":
      return Effect.fail(notAnswered(request.method, request.url, outcome.cause))
    case "BodyFailed":
      return Effect.fail(bodyReadFailed(outcome.status, outcome.cause))
  }
}

const timed = <A, E, E2>(effect: Effect.Effect<A, E>, attempt: Attempt<E2>): Effect.Effect<A, E | E2> =>
  Effect.timeoutOrElse(effect, {
    duration: attempt.millis,
    orElse: () => Effect.fail(attempt.onTimeout())
  })

// ---------------------------------------------------------------------------
// direct

const sendOnce = (send: Send, request: WireRequest): Effect.Effect<Answer, SDKError> =>
  Effect.callback<Answer, SDKError>((resume) => {
    // The first report wins: an aborted request may still report its failure.
    let done = false
    const abort = send(request, (outcome) => {
      if (done) return
      done = true
      resume(fromOutcome(request, outcome))
    })
    return Effect.sync(() => {
      done = true
      abort()
    })
  })

/**
 * The direct exchange over a transport's {@link Send}. The platform's
 * clients propagate the trace context from their own span; this path has
 * none, so it sends the attempt's when asked to.
 * @internal
 */
export const directExchange =
  (send: Send, tracePropagation: boolean): Exchange =>
  (request, attempt) => {
    const span = attempt.span
    const sent =
      tracePropagation && span?._tag === "Span"
        ? { ...request, headers: { ...request.headers, ...HttpTraceContext.toHeaders(span) } }
        : request
    return timed(sendOnce(send, sent), attempt)
  }

// ---------------------------------------------------------------------------
// platform

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

// effect 4's HttpClientError says what went wrong in its `reason`: a request
// that could not be built is the SDK's input at fault, anything else a
// transport failure.
const fromClientError = (request: WireRequest, error: HttpClientError.HttpClientError): SDKError => {
  const reason = error.reason
  switch (reason._tag) {
    case "InvalidUrlError":
    case "EncodeError":
      return notAnswered(request.method, request.url, reason.cause, "InvalidInput", reason._tag)
    case "TransportError":
      return notAnswered(request.method, request.url, reason.cause, "Transport", reason.description)
    case "StatusCodeError":
      // A client of the user's that refuses statuses (`filterStatusOk`): the
      // answer is not ours to read, so it cannot become ClerkErrors.
      return new SDKError({
        reason: "Transport",
        status: reason.response.status,
        message: `${request.method} ${pathOf(request.url)}: the HttpClient refused status ${reason.response.status}`
      })
    default:
      // The body could not be read (`DecodeError`, `EmptyBodyError`).
      return bodyReadFailed(reason.response.status, reason.cause ?? reason._tag)
  }
}

const always = () => true

/**
 * The platform exchange over any effect 4 `HttpClient`, with its trace
 * propagation as configured (our trace context is none of Clerk's business
 * unless a user opts in). When no tracer records spans and nothing is
 * propagated, the client opens no `http.client` span: it would be opened
 * for nobody, as the operation's own is not.
 * @internal
 */
export const platformExchange =
  (client: HttpClient.HttpClient, tracePropagation: boolean): Exchange =>
  (request, attempt) =>
    timed(
      client.execute(toPlatformRequest(request)).pipe(
        Effect.flatMap((response) =>
          Effect.map(
            response.text,
            (text): Answer => ({
              _tag: "Answered",
              status: response.status,
              header: (name) => response.headers[name],
              text
            })
          )
        ),
        Effect.catchTag("HttpClientError", (error) => Effect.fail(fromClientError(request, error))),
        !tracePropagation && !attempt.recordsSpans
          ? Effect.provideService(HttpClient.TracerDisabledWhen, always)
          : Effect.provideService(HttpClient.TracerPropagationEnabled, tracePropagation)
      ),
      attempt
    )

// ---------------------------------------------------------------------------
// the choice

// Module-local on purpose (not `Symbol.for`): a second copy of this package
// in the process does not share the protocol, so its core never calls
// another version's transport internals; it goes through the HttpClient.
const SendId = Symbol("@clerk-effect/backend-effect4/Send")

/**
 * A copy of `client` that also offers a direct {@link Send}. The mark is an
 * own property of that very object: any wrapper a user puts around it
 * (`mapRequest`, `retryTransient`, a tap...) is a new object without it, so
 * the core then goes through the wrapped `HttpClient` and the wrapper is
 * never skipped.
 * @internal
 */
export const withDirectSend = (client: HttpClient.HttpClient, send: Send): HttpClient.HttpClient =>
  Object.defineProperty(HttpClient.makeWith(client.postprocess, client.preprocess), SendId, {
    value: send,
    enumerable: false
  })

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
