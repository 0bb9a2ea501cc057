import type * as Headers from "@effect/platform/Headers"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import type { SDKError } from "../ClerkError.js"
import { fromRequestError } from "./responses.js"

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
 * How a lean call ends: at most once, whatever comes first (the answer, a
 * failure, the timer, an interruption).
 * @internal
 */
export type LeanFinish<E> = (result: Effect.Effect<LeanAnswer, SDKError | E>) => void

/**
 * The one `Effect.async` of a lean exchange: `start` sends the request,
 * reports through `finish`, and returns how to abort it. The attempt's timer
 * and interruption both abort; whatever ends the call first wins.
 * @internal
 */
export const leanCall = <E>(
  timeout: LeanTimeout<E> | undefined,
  start: (finish: LeanFinish<E>) => () => void
): Effect.Effect<LeanAnswer, SDKError | E> =>
  Effect.async<LeanAnswer, SDKError | E>((resume) => {
    let done = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const finish: LeanFinish<E> = (result) => {
      if (done) return
      done = true
      if (timer !== undefined) clearTimeout(timer)
      resume(result)
    }
    const abort = start(finish)
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
