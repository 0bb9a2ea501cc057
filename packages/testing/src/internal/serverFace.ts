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
import type { FakeClerkService } from "../FakeClerkService.js"
import type { FakeReply } from "../FakeExchange.js"

const encoder = new TextEncoder()

/**
 * Writes the reply to the socket here, in the request's interruptible fiber,
 * and never hands a body to the platform's response writer: that writer runs
 * uninterruptibly and waits for the callback of `end()`, which Node never
 * calls once the client has gone, so every client dropping at the wrong
 * moment left a fiber suspended for good. `end()` without a callback cannot
 * wait; the platform then sees the response ended and writes nothing. A
 * client that leaves earlier closes the response unfinished, which interrupts
 * this fiber wherever it waits (latency, signing, a never-ending body).
 */
const writeReply = (nodeResponse: Http.ServerResponse, reply: FakeReply): Effect.Effect<void> => {
  switch (reply._tag) {
    case "Respond":
      return Effect.sync(() => {
        const bytes = encoder.encode(reply.body)
        nodeResponse.writeHead(reply.status, { ...reply.headers, "content-length": String(bytes.length) })
        nodeResponse.end(bytes)
      })
    case "Reset":
      return Effect.zipRight(
        Effect.sync(() => nodeResponse.socket?.destroy()),
        // The "close" event interrupts this fiber; nothing else will be written.
        Effect.never
      )
    case "Truncated":
      return Effect.zipRight(
        Effect.sync(() => {
          const bytes = encoder.encode(reply.body)
          nodeResponse.writeHead(reply.status, { ...reply.headers, "content-length": String(bytes.length) })
          nodeResponse.write(bytes.subarray(0, reply.sentBytes), () => nodeResponse.socket?.destroy())
        }),
        Effect.never
      )
    case "NeverEnding":
      return Effect.zipRight(
        Effect.sync(() => {
          nodeResponse.writeHead(reply.status, reply.headers)
          nodeResponse.write(encoder.encode(reply.prefix))
        }),
        // Until the client or the server's scope closes the connection.
        Effect.never
      )
  }
}

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
        yield* writeReply(NodeHttpServerRequest.toServerResponse(request), reply)
        // Already ended: the platform writes nothing more.
        return HttpServerResponse.empty()
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
