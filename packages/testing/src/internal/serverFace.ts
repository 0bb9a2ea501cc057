/**
 * The loopback face: a real HTTP server (`@effect/platform` router on Node)
 * answering from the same core, so any client can call it.
 */
import * as Http from "node:http"
import * as HttpRouter from "@effect/platform/HttpRouter"
import type * as HttpServer from "@effect/platform/HttpServer"
import type { ServeError } from "@effect/platform/HttpServerError"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import type { FakeClerkService } from "../FakeClerk.js"

const encoder = new TextEncoder()

const app = (fake: FakeClerkService, origin: () => string) =>
  HttpRouter.empty.pipe(
    HttpRouter.all(
      "*",
      Effect.gen(function* () {
        const request = yield* HttpServerRequest.HttpServerRequest
        const text = yield* Effect.orElseSucceed(request.text, () => "")
        const reply = yield* fake.handle({
          method: request.method,
          url: new URL(request.url, origin()),
          headers: { ...request.headers },
          body: text === "" ? undefined : text
        })
        const nodeResponse = NodeHttpServerRequest.toServerResponse(request)
        switch (reply._tag) {
          case "Respond":
            return HttpServerResponse.text(reply.body, {
              status: reply.status,
              headers: reply.headers,
              contentType: reply.headers["content-type"] ?? "application/json"
            })
          case "Reset":
            nodeResponse.socket?.destroy()
            // The "close" event interrupts this fiber; nothing else will be written.
            return yield* Effect.never
          case "Truncated": {
            const bytes = encoder.encode(reply.body)
            nodeResponse.writeHead(reply.status, { ...reply.headers, "content-length": String(bytes.length) })
            nodeResponse.write(bytes.subarray(0, reply.sentBytes), () => nodeResponse.socket?.destroy())
            return yield* Effect.never
          }
          case "NeverEnding":
            return HttpServerResponse.stream(Stream.concat(Stream.make(encoder.encode(reply.prefix)), Stream.never), {
              status: reply.status,
              headers: reply.headers,
              contentType: reply.headers["content-type"] ?? "application/json"
            })
        }
      })
    )
  )

/**
 * Starts the server on `host:port` (port 0 picks a free one) for the life of
 * the scope, and answers its base URL (`http://127.0.0.1:PORT`).
 * @internal
 */
export const serve = (
  fake: FakeClerkService,
  options: { readonly port?: number | undefined; readonly host?: string | undefined }
): Effect.Effect<{ readonly url: string; readonly port: number }, ServeError, Scope.Scope> =>
  Effect.gen(function* () {
    const nodeServer = Http.createServer()
    const host = options.host ?? "127.0.0.1"
    const server: HttpServer.HttpServer = yield* NodeHttpServer.make(() => nodeServer, {
      port: options.port ?? 0,
      host
    })
    // Runs before the server's own close: a never-ending body would otherwise keep it open forever.
    yield* Effect.addFinalizer(() => Effect.sync(() => nodeServer.closeAllConnections()))
    const port = server.address._tag === "TcpAddress" ? server.address.port : 0
    const url = `http://${host}:${port}`
    yield* server.serve(app(fake, () => url))
    return { url, port }
  })
