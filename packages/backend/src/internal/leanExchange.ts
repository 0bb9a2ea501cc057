import * as Headers from "@effect/platform/Headers"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { SDKError } from "../Errors.js"
import { fromRequestError, isSuccess } from "./responses.js"
import type { PreparedRequest } from "./transportRequest.js"
import { prepareRequest, type UNSUPPORTED_BODY } from "./transportRequest.js"

/**
 * A whole answer, body read: what the core needs of a response and nothing
 * more. `headers` is only filled for non-2xx answers (the core reads
 * `Retry-After` and the trace id there, and never on a success).
 * @internal
 */
export interface LeanAnswer {
  readonly status: number
  readonly headers: Headers.Headers
  readonly text: string
}

/**
 * One timer for the attempt, owned by the transport: when it fires the
 * request (or its body read) is aborted and the exchange fails with
 * `onTimeout()`. Only used on the live clock; see ClerkClient.
 * @internal
 */
export interface LeanTimeout<E> {
  readonly millis: number
  readonly onTimeout: () => E
}

/**
 * The lean path of one of our transports: sends the request and reads the
 * whole body in one `Effect.async`, with the attempt's timeout as a plain
 * timer, so that a call costs no fiber, no `HttpClientResponse` wrapper and
 * no `http.client` span. Failures are already the SDK's own
 * (`SDKError` `Transport` or `InvalidInput`).
 * @internal
 */
export type LeanExchange = <E>(
  request: HttpClientRequest.HttpClientRequest,
  timeout: LeanTimeout<E> | undefined
) => Effect.Effect<LeanAnswer, SDKError | E>

// Module-local on purpose (not `Symbol.for`): a second copy of this package
// in the process does not share the protocol, so its core never calls
// another version's transport internals; it goes through the HttpClient.
const LeanExchangeId = Symbol("@clerk-effect/backend/LeanExchange")

/**
 * Marks a transport's `HttpClient` as also offering the lean path. The mark
 * is an own property of that very client object: any wrapper a user puts
 * around it (`mapRequest`, `retryTransient`, a tap...) is a new object
 * without it, so the core then goes through the wrapped `HttpClient` as
 * usual and the wrapper is never skipped.
 * @internal
 */
export const withLeanExchange = (client: HttpClient.HttpClient, exchange: LeanExchange): HttpClient.HttpClient =>
  Object.defineProperty(client, LeanExchangeId, { value: exchange, enumerable: false })

/** @internal */
export const leanExchangeOf = (client: HttpClient.HttpClient): LeanExchange | undefined =>
  Object.hasOwn(client, LeanExchangeId)
    ? (client as unknown as Record<symbol, LeanExchange>)[LeanExchangeId]
    : undefined

/**
 * The largest delay `setTimeout` honours; anything longer fires at once, so
 * it is treated as no timer at all (as Effect's own clock does).
 */
const MAX_TIMER_MILLIS = 2 ** 31 - 1

/**
 * A request that failed before any answer, as the SDK's error.
 * @internal
 */
export const transportFailed = (request: HttpClientRequest.HttpClientRequest, cause: unknown): SDKError =>
  fromRequestError(new HttpClientError.RequestError({ request, reason: "Transport", cause }))

/**
 * How a transport reports the end of its exchange (the answer, or a failure
 * of its own); at most the first report counts, and the attempt's timer and
 * interruption may have ended the call before it.
 * @internal
 */
export type LeanFinish = (result: Effect.Effect<LeanAnswer, SDKError>) => void

/**
 * A whole answer as the core reads it: headers only for a non-2xx status
 * (see {@link LeanAnswer}).
 * @internal
 */
export const leanAnswer = (status: number, headers: Headers.Input, text: string): LeanAnswer => ({
  status,
  headers: isSuccess(status) ? Headers.empty : Headers.fromInput(headers),
  text
})

/**
 * A transport's lean path: the request is checked before any I/O (see
 * `prepareRequest`; a failure is the SDK's `InvalidInput`), then `start`
 * sends it, reports through `finish`, and returns how to abort it, all in one
 * `Effect.async`. The attempt's timer and interruption both abort; whatever
 * ends the call first wins.
 * @internal
 */
export const makeLeanExchange =
  <B>(
    bodyOf: (request: HttpClientRequest.HttpClientRequest) => B | typeof UNSUPPORTED_BODY,
    unsupported: string,
    start: (
      request: HttpClientRequest.HttpClientRequest,
      prepared: PreparedRequest<B>,
      finish: LeanFinish
    ) => () => void
  ): LeanExchange =>
  <E>(
    request: HttpClientRequest.HttpClientRequest,
    timeout: LeanTimeout<E> | undefined
  ): Effect.Effect<LeanAnswer, SDKError | E> => {
    const prepared = prepareRequest(request, bodyOf, unsupported)
    if (Either.isLeft(prepared)) return Effect.fail(fromRequestError(prepared.left))
    return Effect.async<LeanAnswer, SDKError | E>((resume) => {
      let done = false
      let timer: ReturnType<typeof setTimeout> | undefined
      const finish = (result: Effect.Effect<LeanAnswer, SDKError | E>) => {
        if (done) return
        done = true
        if (timer !== undefined) clearTimeout(timer)
        resume(result)
      }
      const abort = start(request, prepared.right, finish)
      if (!done && timeout !== undefined && timeout.millis <= MAX_TIMER_MILLIS) {
        timer = setTimeout(() => {
          finish(Effect.fail(timeout.onTimeout()))
          abort()
        }, timeout.millis)
      }
      return Effect.sync(() => {
        done = true
        if (timer !== undefined) clearTimeout(timer)
        abort()
      })
    })
  }
