/**
 * The transports against a real, misbehaving server on loopback: answers,
 * connection resets, bodies cut short, a server that never answers. Every
 * transport is run through the SDK (the direct path for ours, the platform
 * path for effect 4's FetchHttpClient) and, for ours, as a plain HttpClient.
 */
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Redacted } from "effect"
import { FetchHttpClient, HttpClient } from "effect/http"
import { ClerkConfig } from "../src/ClerkConfig.js"
import * as FetchTransport from "../src/FetchTransport.js"
import { directSendOf } from "../src/internal/exchange.js"
import * as NodeTransport from "../src/NodeTransport.js"
import { Sessions } from "../src/Sessions.js"
import { SECRET, wireSession } from "./utils/fakeClerk.js"

let server: http.Server
let baseUrl: string
const seen: Array<{ readonly url: string; readonly authorization: string | undefined }> = []

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? "", authorization: req.headers.authorization })
    const id = (req.url ?? "").split("/")[3]?.split("?")[0]
    switch (id) {
      case "reset":
        req.socket.destroy()
        return
      case "truncated":
        res.writeHead(200, { "content-type": "application/json", "content-length": "1000" })
        res.write('{"object":"session","id":')
        setTimeout(() => req.socket.destroy(), 10)
        return
      case "slow":
        // Never answers; the client's timer must give up and close the socket.
        return
      case "html":
        res.writeHead(502, { "content-type": "text/html" })
        res.end("<html>bad gateway</html>")
        return
      case "big": {
        // Many chunks: a list page's worth.
        res.writeHead(200, { "content-type": "application/json" })
        const data = Array.from({ length: 500 }, (_, i) => wireSession(`sess_${i}`))
        const text = JSON.stringify({ data, total_count: 500 })
        for (let i = 0; i < text.length; i += 16_384) res.write(text.slice(i, i + 16_384))
        res.end()
        return
      }
      default:
        res.writeHead(200, { "content-type": "application/json" })
        res.end(JSON.stringify(wireSession(id)))
    }
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

const transports: ReadonlyArray<readonly [string, Layer.Layer<HttpClient.HttpClient>]> = [
  ["NodeTransport (direct)", NodeTransport.layer],
  ["FetchTransport (direct)", FetchTransport.layer],
  ["FetchHttpClient (platform)", FetchHttpClient.layer]
]

describe.each(transports)("%s against a loopback server", (_name, transport) => {
  const layer = () =>
    Sessions.layer.pipe(
      Layer.provide(
        ClerkConfig.layer({ secretKey: Redacted.make(SECRET), apiUrl: baseUrl, retry: false, timeout: "300 millis" })
      ),
      Layer.provide(transport)
    )

  it.live("answers a session, with the bearer key", () =>
    Effect.gen(function* () {
      const session = yield* Effect.provide(Sessions.get("sess_ok"), layer())
      expect(session.id).toBe("sess_ok")
      expect(seen.at(-1)).toEqual({ url: "/v1/sessions/sess_ok", authorization: `Bearer ${SECRET}` })
    })
  )

  it.live("reads a many-chunk body whole", () =>
    Effect.gen(function* () {
      const session = yield* Effect.provide(Sessions.get("big").pipe(Effect.flip), layer())
      // A list page is not a session: the body was read whole and judged by the schema.
      expect(session).toMatchObject({ _tag: "SDKError", reason: "InvalidResponse", status: 200 })
    })
  )

  it.live("a connection reset is SDKError Transport", () =>
    Effect.gen(function* () {
      const error = yield* Effect.provide(Effect.flip(Sessions.get("reset")), layer())
      expect(error).toMatchObject({ _tag: "SDKError", reason: "Transport" })
      expect(error.message).not.toContain(SECRET)
    })
  )

  it.live("a body cut short is SDKError Transport, not a decode failure", () =>
    Effect.gen(function* () {
      const error = yield* Effect.provide(Effect.flip(Sessions.get("truncated")), layer())
      expect(error).toMatchObject({ _tag: "SDKError", reason: "Transport" })
    })
  )

  it.live("a server that never answers is SDKError Timeout after the attempt's timeout", () =>
    Effect.gen(function* () {
      const started = Date.now()
      const error = yield* Effect.provide(Effect.flip(Sessions.get("slow")), layer())
      expect(error).toMatchObject({ _tag: "SDKError", reason: "Timeout" })
      expect(Date.now() - started).toBeLessThan(3000)
    })
  )

  it.live("an HTML 502 is SDKError UnexpectedStatus", () =>
    Effect.gen(function* () {
      const error = yield* Effect.provide(Effect.flip(Sessions.get("html")), layer())
      expect(error).toMatchObject({
        _tag: "SDKError",
        reason: "UnexpectedStatus",
        status: 502,
        body: "<html>bad gateway</html>"
      })
    })
  )
})

describe("our transports as plain HttpClients", () => {
  for (const [name, transport] of [
    ["NodeTransport", NodeTransport.layer],
    ["FetchTransport", FetchTransport.layer]
  ] as const) {
    it.live(`${name} serves any request of the program, and offers the core its direct path`, () =>
      Effect.gen(function* () {
        const client = yield* HttpClient.HttpClient
        expect(directSendOf(client)).toBeTypeOf("function")
        const response = yield* client.get(`${baseUrl}/v1/sessions/plain_1`)
        expect(response.status).toBe(200)
        const body = (yield* response.json) as { readonly id: string }
        expect(body.id).toBe("plain_1")
        // A wrapped client is a new object: the core then goes through the wrapper.
        expect(directSendOf(HttpClient.mapRequest(client, (request) => request))).toBeUndefined()
      }).pipe(Effect.provide(transport))
    )
  }

  it.live("NodeTransport fails typed on a reset", () =>
    Effect.gen(function* () {
      const client = yield* HttpClient.HttpClient
      const error = yield* Effect.flip(client.get(`${baseUrl}/v1/sessions/reset`))
      expect(error._tag).toBe("HttpClientError")
      expect(error.reason._tag).toBe("TransportError")
    }).pipe(Effect.provide(NodeTransport.layer))
  )
})
