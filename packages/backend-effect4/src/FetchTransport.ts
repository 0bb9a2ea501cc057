/**
 * An `HttpClient` on `globalThis.fetch` that also gives the SDK's own calls
 * a direct path.
 *
 * As an `HttpClient` it is effect 4's own `FetchHttpClient`, unchanged
 * (spans, trace propagation, `FetchHttpClient.Fetch` and `RequestInit`
 * honoured): the rest of your program uses it as it would that one. For
 * the SDK's own calls it offers the core a direct path instead
 * (@clerk-effect/core/fetchSend): request and whole body in one promise
 * chain aborted by one `AbortController`, no platform response object and
 * no second span (the SDK already opens `clerk.sessions.*`). On Node,
 * `NodeTransport` is faster still.
 *
 * @since 0.1.0
 */
import { fetchSend } from "@clerk-effect/core/fetchSend"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import { withDirectSend } from "./internal/exchange.js"

/**
 * Provides the fetch `HttpClient` with the SDK's direct path: a drop-in for
 * `FetchHttpClient.layer`.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { ClerkConfig, FetchTransport, Sessions } from "@clerk-effect/backend-effect4"
 *
 * const program = Sessions.get("sess_123").pipe(
 *   Effect.provide(
 *     Sessions.layer.pipe(Layer.provide([ClerkConfig.layerConfig(), FetchTransport.layer]))
 *   )
 * )
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<HttpClient.HttpClient> = Layer.effect(
  HttpClient.HttpClient,
  HttpClient.HttpClient.useSync((client) => withDirectSend(client, fetchSend))
).pipe(Layer.provide(FetchHttpClient.layer))
