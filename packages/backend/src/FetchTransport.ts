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
 * It is an ordinary `HttpClient` layer: use it in place of
 * `FetchHttpClient.layer`, and the rest of your program is unchanged.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as UrlParams from "@effect/platform/UrlParams"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"

const UNSUPPORTED = Symbol("unsupported body")

const bodyOf = (request: HttpClientRequest.HttpClientRequest): BodyInit | null | typeof UNSUPPORTED => {
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
      return UNSUPPORTED
  }
}

// Reading the body of a response whose call was interrupted aborts the request.
const abortOnInterrupt =
  (controller: AbortController) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.onInterrupt(effect, () => Effect.sync(() => controller.abort()))

const interruptible = (
  response: HttpClientResponse.HttpClientResponse,
  controller: AbortController
): HttpClientResponse.HttpClientResponse => {
  const abort = abortOnInterrupt(controller)
  // Everything else (status, headers, TypeId...) is read through the prototype.
  return Object.create(response, {
    text: { get: () => abort(response.text) },
    json: { get: () => abort(response.json) },
    arrayBuffer: { get: () => abort(response.arrayBuffer) },
    formData: { get: () => abort(response.formData) },
    urlParamsBody: { get: () => abort(response.urlParamsBody) }
  }) as HttpClientResponse.HttpClientResponse
}

const send = (
  request: HttpClientRequest.HttpClientRequest
): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.RequestError> => {
  const url = UrlParams.makeUrl(request.url, request.urlParams, request.hash)
  if (Either.isLeft(url)) {
    return Effect.fail(new HttpClientError.RequestError({ request, reason: "InvalidUrl", cause: url.left }))
  }
  const body = bodyOf(request)
  if (body === UNSUPPORTED) {
    return Effect.fail(
      new HttpClientError.RequestError({
        request,
        reason: "Encode",
        description: "FetchTransport does not send streamed request bodies"
      })
    )
  }
  return Effect.suspend(() => {
    const controller = new AbortController()
    return Effect.async<HttpClientResponse.HttpClientResponse, HttpClientError.RequestError>((resume) => {
      globalThis
        .fetch(url.right, { method: request.method, headers: request.headers, body, signal: controller.signal })
        .then(
          (response) =>
            resume(Effect.succeed(interruptible(HttpClientResponse.fromWeb(request, response), controller))),
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
export const make: HttpClient.HttpClient = HttpClient.makeWith<
  HttpClientError.HttpClientError,
  never,
  HttpClientError.HttpClientError,
  never
>(
  (request) => Effect.flatMap(request, send),
  (request) => Effect.succeed(request)
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
