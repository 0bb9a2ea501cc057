/**
 * An `HttpClient` on Node's own `node:http` and `node:https`, with keep-alive
 * agents: the recommended transport on Node.
 *
 * Node's `fetch` is undici behind the WHATWG `Request`/`Response`/streams
 * layer; over loopback that layer costs more per call than the whole SDK.
 * This transport talks to `node:http` directly and, for the SDK's own calls,
 * reads each answer in one callback chain with the attempt's timeout as a
 * plain timer (see docs/performance.md for the measured difference). It is
 * also an ordinary `HttpClient` for anything else in your program: bodies
 * stream, and interrupting a call (a timeout, a deadline) destroys its
 * socket, also while the body is being read.
 *
 * Memory: each transport keeps one buffer for reading multi-chunk answers
 * (a list page), reused from one answer to the next so that walking many
 * pages does not leave a buffer per page to the garbage collector. It grows
 * to the largest such answer and is not kept past 4 MB.
 *
 * Node only: import it from `@clerk-effect/backend/NodeTransport` (the
 * package's main entry never loads `node:http`). Use `FetchTransport` on
 * runtimes with only `fetch`.
 *
 * @since 0.1.0
 */
import * as http from "node:http"
import * as https from "node:https"
import { Readable } from "node:stream"
import { makeBodyBuffers } from "@clerk-effect/core/bodyCollector"
import type { NodeAgentOptions } from "@clerk-effect/core/nodeAgents"
import { agentOptionProblems, destroyAgents, makeAgents as newAgents } from "@clerk-effect/core/nodeAgents"
import type { Agents } from "@clerk-effect/core/nodeHttpSend"
import { nodeHttpSend } from "@clerk-effect/core/nodeHttpSend"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import type * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import { invalidSettings } from "./internal/configErrors.js"
import { withDirectSend } from "./internal/exchange.js"
import { prepareRequest, UNSUPPORTED_BODY } from "./internal/transportRequest.js"
import { abortingOnInterrupt } from "./internal/transportResponse.js"

/**
 * Settings of the keep-alive agents (one for `http:`, one for `https:`). A
 * setting that cannot work (`maxSockets: 0`, a negative timeout) fails the
 * layer with a `ConfigError` naming it, as every other setting of the SDK.
 *
 * @since 0.1.0
 * @category models
 */
export interface NodeTransportOptions extends NodeAgentOptions {}

const bodyOf = (
  request: HttpClientRequest.HttpClientRequest
): string | Uint8Array | undefined | typeof UNSUPPORTED_BODY => {
  const body = request.body
  switch (body._tag) {
    case "Empty":
      return undefined
    case "Uint8Array":
      return body.body
    case "Raw":
      return typeof body.body === "string" || body.body instanceof Uint8Array ? body.body : UNSUPPORTED_BODY
    default:
      // The SDK only sends JSON; FormData and streamed bodies are for @effect/platform-node's NodeHttpClient.
      return UNSUPPORTED_BODY
  }
}

const UNSUPPORTED_MESSAGE = "NodeTransport sends empty, text and binary bodies only (no FormData, no streams)"

// Statuses whose responses have no body by definition: a web Response refuses one.
const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([204, 205, 304])

const makeAgents = (options: NodeTransportOptions): Effect.Effect<Agents, ConfigError.ConfigError> => {
  const problems = agentOptionProblems(options)
  return problems.length > 0 ? Effect.fail(invalidSettings(problems)) : Effect.sync(() => newAgents(options))
}

const open = (agents: Agents, url: URL, request: HttpClientRequest.HttpClientRequest): http.ClientRequest =>
  url.protocol === "https:"
    ? https.request(url, { method: request.method, headers: request.headers, agent: agents.https })
    : http.request(url, { method: request.method, headers: request.headers, agent: agents.http })

const webHeaders = (rawHeaders: ReadonlyArray<string>): globalThis.Headers => {
  const headers = new globalThis.Headers()
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) headers.append(rawHeaders[i]!, rawHeaders[i + 1]!)
  return headers
}

// Any other use: a platform response over the streamed body.
const send =
  (agents: Agents) =>
  (
    request: HttpClientRequest.HttpClientRequest
  ): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.RequestError> => {
    const prepared = prepareRequest(request, bodyOf, UNSUPPORTED_MESSAGE)
    if (Either.isLeft(prepared)) return Effect.fail(prepared.left)
    const { url, body } = prepared.right
    return Effect.async<HttpClientResponse.HttpClientResponse, HttpClientError.RequestError>((resume) => {
      let req: http.ClientRequest
      const failed = (cause: unknown) =>
        resume(Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause })))
      try {
        req = open(agents, url, request)
      } catch (cause) {
        failed(cause)
        return
      }
      req.on("response", (res) => {
        const status = res.statusCode ?? 0
        const stream =
          NULL_BODY_STATUSES.has(status) || request.method === "HEAD"
            ? null
            : (Readable.toWeb(res) as ReadableStream<Uint8Array>)
        let response: Response
        try {
          response = new Response(stream, { status, headers: webHeaders(res.rawHeaders) })
        } catch (cause) {
          // A status a web Response cannot hold (> 599).
          res.destroy()
          return failed(cause)
        }
        resume(Effect.succeed(abortingOnInterrupt(HttpClientResponse.fromWeb(request, response), () => req.destroy())))
      })
      req.on("error", failed)
      req.end(body)
      return Effect.sync(() => req.destroy())
    })
  }

const makeClient = (agents: Agents): HttpClient.HttpClient =>
  withDirectSend(
    HttpClient.makeWith<HttpClientError.HttpClientError, never, HttpClientError.HttpClientError, never>(
      (request) => Effect.flatMap(request, send(agents)),
      (request) => Effect.succeed(request)
    ),
    // The SDK's own direct path: @clerk-effect/core (nodeHttpSend.ts).
    nodeHttpSend(agents, makeBodyBuffers())
  )

/**
 * The Node `HttpClient` with its own keep-alive agents, closed (every idle
 * socket destroyed) when the scope closes. With options, a setting that
 * cannot work fails with a `ConfigError.InvalidData` at its name (see
 * {@link NodeTransportOptions}); without, it cannot fail, which keeps
 * {@link layer} infallible.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: {
  (): Effect.Effect<HttpClient.HttpClient, never, Scope.Scope>
  (options: NodeTransportOptions): Effect.Effect<HttpClient.HttpClient, ConfigError.ConfigError, Scope.Scope>
} = ((options: NodeTransportOptions = {}) =>
  Effect.map(
    Effect.acquireRelease(
      Effect.suspend(() => makeAgents(options)),
      (agents) => Effect.sync(() => destroyAgents(agents))
    ),
    makeClient
  )) as never

/**
 * Provides the Node `HttpClient`: a drop-in for `FetchHttpClient.layer` or
 * `NodeHttpClient.layerUndici`, and the fastest transport for the SDK on
 * Node.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { ClerkConfig, Sessions } from "@clerk-effect/backend"
 * import * as NodeTransport from "@clerk-effect/backend/NodeTransport"
 *
 * const program = Sessions.get("sess_123").pipe(
 *   Effect.provide(Sessions.layer),
 *   Effect.provide(ClerkConfig.layerConfig()),
 *   Effect.provide(NodeTransport.layer)
 * )
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<HttpClient.HttpClient> = Layer.scoped(HttpClient.HttpClient, make())

/**
 * {@link layer} with agent settings of your own. A setting that cannot work
 * fails the layer with a `ConfigError` naming it.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerWith = (options: NodeTransportOptions): Layer.Layer<HttpClient.HttpClient, ConfigError.ConfigError> =>
  Layer.scoped(HttpClient.HttpClient, make(options))
