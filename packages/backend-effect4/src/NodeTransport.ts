/**
 * An `HttpClient` on Node's own `node:http` and `node:https`, with keep-alive
 * agents: the recommended transport on Node.
 *
 * Node's `fetch` is undici behind the WHATWG `Request`/`Response`/streams
 * layer; over loopback that layer costs more per call than the whole SDK.
 * For the SDK's own calls this transport talks to `node:http` directly
 * (@clerk-effect/core/nodeHttpSend): each answer read in one callback
 * chain. It is also an ordinary effect 4 `HttpClient` for anything else in
 * your program (built with `HttpClient.make`, so with its spans and
 * interruption): bodies stream, and interrupting a call destroys its
 * socket, also while the body is being read.
 *
 * Node only: import it from `@clerk-effect/backend-effect4/NodeTransport`
 * (the package's main entry never loads `node:http`). Use `FetchTransport`
 * on runtimes with only `fetch`.
 *
 * @since 0.1.0
 */
import * as http from "node:http"
import * as https from "node:https"
import { Readable } from "node:stream"
import { makeBodyBuffers } from "@clerk-effect/core/bodyCollector"
import type { NodeAgentOptions } from "@clerk-effect/core/nodeAgents"
import { agentOptionProblems, destroyAgents, makeAgents } from "@clerk-effect/core/nodeAgents"
import type { Agents } from "@clerk-effect/core/nodeHttpSend"
import { nodeHttpSend } from "@clerk-effect/core/nodeHttpSend"
import type * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientError from "effect/http/HttpClientError"
import type * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as HttpClientResponse from "effect/http/HttpClientResponse"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import { invalidSettings } from "./internal/configErrors.js"
import { withDirectSend } from "./internal/exchange.js"

/**
 * Settings of the keep-alive agents (one for `http:`, one for `https:`). A
 * setting that cannot work (`maxSockets: 0`, a negative timeout) fails the
 * layer with a `ConfigError` naming it, as every other setting of the SDK.
 *
 * @since 0.1.0
 * @category models
 */
export interface NodeTransportOptions extends NodeAgentOptions {}

// Statuses whose responses have no body by definition: a web Response refuses one.
const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([204, 205, 304])

const UNSUPPORTED = "NodeTransport sends empty, text and binary bodies only (no FormData, no streams)"

const bodyOf = (request: HttpClientRequest.HttpClientRequest): string | Uint8Array | undefined | null => {
  const body = request.body
  switch (body._tag) {
    case "Empty":
      return undefined
    case "Uint8Array":
      return body.body
    case "Raw":
      return typeof body.body === "string" || body.body instanceof Uint8Array ? body.body : null
    default:
      // The SDK only sends JSON; FormData and streamed bodies are for @effect/platform-node's NodeHttpClient.
      return null
  }
}

const webHeaders = (rawHeaders: ReadonlyArray<string>): globalThis.Headers => {
  const headers = new globalThis.Headers()
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) headers.append(rawHeaders[i]!, rawHeaders[i + 1]!)
  return headers
}

const transportError = (request: HttpClientRequest.HttpClientRequest, cause: unknown, description?: string) =>
  new HttpClientError.HttpClientError({
    reason: new HttpClientError.TransportError({
      request,
      cause,
      ...(description === undefined ? {} : { description })
    })
  })

// Any other use: a platform response over the streamed body. `HttpClient.make`
// builds the URL, opens the span and aborts `signal` on interruption.
const platformClient = (agents: Agents): HttpClient.HttpClient =>
  HttpClient.make((request, url, signal) => {
    const body = bodyOf(request)
    if (body === null) {
      return Effect.fail(
        new HttpClientError.HttpClientError({
          reason: new HttpClientError.EncodeError({ request, description: UNSUPPORTED })
        })
      )
    }
    return Effect.callback<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>((resume) => {
      let req: http.ClientRequest
      try {
        const options = { method: request.method, headers: request.headers, signal }
        req =
          url.protocol === "https:"
            ? https.request(url, { ...options, agent: agents.https })
            : http.request(url, { ...options, agent: agents.http })
      } catch (cause) {
        resume(Effect.fail(transportError(request, cause)))
        return
      }
      req.on("response", (res) => {
        const status = res.statusCode ?? 0
        const stream =
          NULL_BODY_STATUSES.has(status) || request.method === "HEAD"
            ? null
            : (Readable.toWeb(res) as ReadableStream<Uint8Array>)
        try {
          resume(
            Effect.succeed(
              HttpClientResponse.fromWeb(request, new Response(stream, { status, headers: webHeaders(res.rawHeaders) }))
            )
          )
        } catch (cause) {
          // A status a web Response cannot hold (> 599).
          res.destroy()
          resume(Effect.fail(transportError(request, cause, `status ${status}`)))
        }
      })
      req.on("error", (cause) => resume(Effect.fail(transportError(request, cause))))
      req.end(body)
      return Effect.sync(() => req.destroy())
    })
  })

/**
 * The Node `HttpClient` with its own keep-alive agents, closed (every idle
 * socket destroyed) when the scope closes. A setting that cannot work fails
 * with a `ConfigError` at its name (see {@link NodeTransportOptions}).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (
  options: NodeTransportOptions = {}
): Effect.Effect<HttpClient.HttpClient, Config.ConfigError, Scope.Scope> =>
  Effect.suspend(() => {
    const problems = agentOptionProblems(options)
    if (problems.length > 0) return Effect.fail(invalidSettings(problems))
    return Effect.map(
      Effect.acquireRelease(
        Effect.sync(() => makeAgents(options)),
        (agents) => Effect.sync(() => destroyAgents(agents))
      ),
      // The SDK's own direct path: @clerk-effect/core/nodeHttpSend.
      (agents) => withDirectSend(platformClient(agents), nodeHttpSend(agents, makeBodyBuffers()))
    )
  })

/**
 * Provides the Node `HttpClient`: a drop-in for `FetchHttpClient.layer` or
 * `NodeHttpClient.layerUndici`, and the fastest transport for the SDK on
 * Node.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { ClerkConfig, Sessions } from "@clerk-effect/backend-effect4"
 * import * as NodeTransport from "@clerk-effect/backend-effect4/NodeTransport"
 *
 * const program = Sessions.get("sess_123").pipe(
 *   Effect.provide(Sessions.layer.pipe(Layer.provide([ClerkConfig.layerConfig(), NodeTransport.layer])))
 * )
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<HttpClient.HttpClient> = Layer.effect(HttpClient.HttpClient, Effect.orDie(make()))

/**
 * {@link layer} with agent settings of your own. A setting that cannot work
 * fails the layer with a `ConfigError` naming it.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerWith = (options: NodeTransportOptions): Layer.Layer<HttpClient.HttpClient, Config.ConfigError> =>
  Layer.effect(HttpClient.HttpClient, make(options))
