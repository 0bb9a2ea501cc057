import * as http from "node:http"
import type { AddressInfo } from "node:net"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { describe, expect, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { ClerkConfig } from "../src/ClerkConfig.js"
import * as FetchTransport from "../src/FetchTransport.js"
import { Sessions } from "../src/Sessions.js"
import { sessionWire } from "./utils/fixtures.js"

interface Seen {
  readonly method: string
  readonly url: string
  readonly headers: http.IncomingHttpHeaders
  readonly body: string
}

const session = sessionWire("sess_1")

// A loopback server: `/hang` sends headers and part of a body, then never ends it.
const server = (onClose: () => void) =>
  Effect.acquireRelease(
    Effect.async<{ readonly url: string; readonly seen: Array<Seen>; readonly http: http.Server }>((resume) => {
      const seen: Array<Seen> = []
      const s = http.createServer((req, res) => {
        let body = ""
        req.on("data", (chunk) => {
          body += chunk
        })
        req.on("end", () => {
          seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body })
          if (req.url === "/hang") {
            res.on("close", onClose)
            res.writeHead(200, { "content-type": "application/json" })
            res.write('{"partial":')
            return
          }
          res.writeHead(200, { "content-type": "application/json" })
          res.end(JSON.stringify(session))
        })
      })
      s.listen(0, "127.0.0.1", () => {
        const { port } = s.address() as AddressInfo
        resume(Effect.succeed({ url: `http://127.0.0.1:${port}`, seen, http: s }))
      })
    }),
    ({ http }) =>
      Effect.sync(() => {
        http.closeAllConnections()
        http.close()
      })
  )

describe("FetchTransport", () => {
  it.scoped("carries the SDK's requests: method, path, query, headers, JSON body", () =>
    Effect.gen(function* () {
      const { url, seen } = yield* server(() => {})
      const layer = Sessions.layer.pipe(
        Layer.provide(ClerkConfig.layer({ secretKey: Redacted.make("sk_test_transport"), apiUrl: url })),
        Layer.provide(FetchTransport.layer)
      )
      const got = yield* Effect.provide(Sessions.get("sess_1"), layer)
      expect(got.userId).toBe("user_1")
      yield* Effect.provide(Sessions.list({ userId: "user_1", limit: 5 }), layer).pipe(Effect.ignore)
      yield* Effect.provide(Sessions.create({ userId: "user_1" }), layer)
      expect(seen[0]).toMatchObject({ method: "GET", url: "/v1/sessions/sess_1" })
      expect(seen[0]!.headers.authorization).toBe("Bearer sk_test_transport")
      expect(seen[0]!.headers["clerk-api-version"]).toBeDefined()
      expect(seen[1]!.url).toBe("/v1/sessions?user_id=user_1&limit=5&paginated=true")
      expect(seen[2]).toMatchObject({ method: "POST", url: "/v1/sessions", body: '{"user_id":"user_1"}' })
      expect(seen[2]!.headers["content-type"]).toBe("application/json")
    })
  )

  it.scoped("interrupting a body read aborts the request (no dangling socket)", () =>
    Effect.gen(function* () {
      const closed = yield* Deferred.make<void>()
      const { url } = yield* server(() => Deferred.unsafeDone(closed, Effect.void))
      const client = yield* HttpClient.HttpClient
      const response = yield* client.execute(HttpClientRequest.get(`${url}/hang`))
      expect(response.status).toBe(200)
      const reading = yield* Effect.fork(response.text)
      // Let the read begin (it waits on the body the server never finishes), then interrupt it.
      yield* Effect.yieldNow()
      yield* Effect.yieldNow()
      yield* Fiber.interrupt(reading)
      // Resolves only once the server saw the connection go away.
      yield* Deferred.await(closed)
    }).pipe(Effect.provide(FetchTransport.layer))
  )

  it.effect("an unreachable host is a Transport RequestError", () =>
    Effect.gen(function* () {
      const client = yield* HttpClient.HttpClient
      const error = yield* Effect.flip(client.execute(HttpClientRequest.get("http://127.0.0.1:1/x")))
      expect(error._tag).toBe("RequestError")
      expect(error.reason).toBe("Transport")
    }).pipe(Effect.provide(FetchTransport.layer))
  )
})
