/**
 * A lean `HttpClient` on `globalThis.fetch`, for services where the SDK's own
 * cost per call matters.
 *
 * `FetchHttpClient` from `@effect/platform` wraps every request in an
 * `http.client` span (URL parsing, one attribute per header, header
 * redaction, request and response), registers each response in a
 * `FinalizationRegistry`, and wraps it to abort on interruption. The SDK
 * already runs every operation in its own `clerk.sessions.*` span with the
 * status code, so for Clerk calls that second span is mostly cost (see
 * docs/performance.md for the measured difference). This transport sends the
 * same request with `fetch` and keeps what matters for correctness:
 * interrupting a call (a timeout, a deadline) aborts the request, also while
 * the body is being read, so no socket is left dangling. (A response whose
 * body is never read at all is released when it is garbage-collected; the
 * SDK always reads the body right away.)
 *
 * For the SDK's own calls it also offers the core a direct path: request
 * and whole body in one promise chain, with the attempt's timeout as one
 * timer (no forked fiber per call; see internal/exchange.ts). On Node, `NodeTransport` is faster still.
 *
 * It is an ordinary `HttpClient` layer: use it in place of
 * `FetchHttpClient.layer`, and the rest of your program is unchanged.
 *
 * @since 0.1.0
 */

import { fetchSend } from "@clerk-effect/core/fetchSend"
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import { withDirectSend } from "./internal/exchange.js"
import { prepareRequest, UNSUPPORTED_BODY } from "./internal/transportRequest.js"
import { abortingOnInterrupt } from "./internal/transportResponse.js"

const bodyOf = (request: HttpClientRequest.HttpClientRequest): BodyInit | null | typeof UNSUPPORTED_BODY => {
  const body = request.body
  switch (body._tag) {
    case "Empty":
      return null
    case "Raw":
      return body.body as BodyInit
    case "Uint8Array":
      return body.body as BodyInit
    case "FormData":
      return body.formData
    case "Stream":
      // The SDK never streams a request body; anything else should use FetchHttpClient.
      return UNSUPPORTED_BODY
  }
}

const UNSUPPORTED_MESSAGE = "FetchTransport does not send streamed request bodies"

// `fetch` computes Content-Length from the body itself. The one
// @effect/platform sets on every JSON body must not be passed on: once undici 7
// from npm is loaded (any import of @effect/platform-node's server), Node 20's
// `fetch` refuses it ("invalid content-length header"), as FetchHttpClient knows.
const headersOf = (request: HttpClientRequest.HttpClientRequest): Headers.Headers =>
  request.headers["content-length"] === undefined ? request.headers : Headers.remove(request.headers, "content-length")

const send = (
  request: HttpClientRequest.HttpClientRequest
): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.RequestError> => {
  const prepared = prepareRequest(request, bodyOf, UNSUPPORTED_MESSAGE)
  if (Either.isLeft(prepared)) return Effect.fail(prepared.left)
  const { url, body } = prepared.right
  return Effect.suspend(() => {
    const controller = new AbortController()
    return Effect.async<HttpClientResponse.HttpClientResponse, HttpClientError.RequestError>((resume) => {
      globalThis
        .fetch(url, { method: request.method, headers: headersOf(request), body, signal: controller.signal })
        .then(
          (response) =>
            resume(
              Effect.succeed(
                abortingOnInterrupt(HttpClientResponse.fromWeb(request, response), () => controller.abort())
              )
            ),
          (cause) => resume(Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause })))
        )
      return Effect.sync(() => controller.abort())
    })
  })
}

/**
 * The lean fetch `HttpClient` (no `http.client` span of its own; see the
 * module comment).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: HttpClient.HttpClient = withDirectSend(
  HttpClient.makeWith<HttpClientError.HttpClientError, never, HttpClientError.HttpClientError, never>(
    (request) => Effect.flatMap(request, send),
    (request) => Effect.succeed(request)
  ),
  // The SDK's own direct path: @clerk-effect/core (fetchSend.ts).
  fetchSend
)

/**
 * Provides the lean fetch `HttpClient`: a drop-in for `FetchHttpClient.layer`
 * when the SDK's own spans are enough.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { ClerkConfig, FetchTransport, Sessions } from "@clerk-effect/backend"
 *
 * const program = Sessions.get("sess_123").pipe(
 *   Effect.provide(Sessions.layer),
 *   Effect.provide(ClerkConfig.layerConfig()),
 *   Effect.provide(FetchTransport.layer)
 * )
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<HttpClient.HttpClient> = Layer.succeed(HttpClient.HttpClient, make)
