import * as http from "node:http"
import type { AddressInfo } from "node:net"
import * as Effect from "effect/Effect"
import { sessionWire } from "./fixtures.js"

/** What the server saw of one request. */
export interface Seen {
  readonly method: string
  readonly url: string
  readonly headers: http.IncomingHttpHeaders
  readonly body: string
}

/** A running loopback server (see {@link loopbackServer}). */
export interface Loopback {
  readonly url: string
  readonly seen: Array<Seen>
  /** Requests whose connection went away before their answer was finished. */
  readonly abandoned: Array<string>
}

/**
 * The page `/v1/sessions?user_id=user_chunked&limit=n` answers: n sessions
 * whose city names are multi-byte UTF-8, about 300 bytes each on the wire.
 */
export const chunkedPage = (limit: number) => ({
  data: Array.from({ length: limit }, (_, i) =>
    sessionWire(`sess_${i}`, {
      latest_activity: { object: "session_activity", id: `act_${i}`, is_mobile: false, city: `Zürich 東京 ${i} 🚀` }
    })
  ),
  total_count: limit
})

/**
 * A real HTTP server on loopback for transport tests, closed with the scope.
 * `/hang` sends headers and part of a body and never finishes it; `/cut`
 * promises more body than it sends, then drops the connection; any path
 * ending in `/429` answers Clerk's 429 with `Retry-After: 2` and a trace id
 * header, one ending in `/204` an empty 204, `/deep` a 200 nested 100,000
 * deep, `/huge` a 200 that is a 1 MB JSON string; a list for `user_chunked`
 * answers {@link chunkedPage} in many small writes; anything else answers a session.
 */
export const loopbackServer = Effect.acquireRelease(
  Effect.async<Loopback & { readonly server: http.Server }>((resume) => {
    const seen: Array<Seen> = []
    const abandoned: Array<string> = []
    const server = http.createServer((req, res) => {
      let body = ""
      req.on("data", (chunk) => {
        body += chunk
      })
      req.on("end", () => {
        const url = req.url ?? ""
        seen.push({ method: req.method ?? "", url, headers: req.headers, body })
        res.on("close", () => {
          if (!res.writableFinished) abandoned.push(url)
        })
        if (url.endsWith("/hang")) {
          res.writeHead(200, { "content-type": "application/json" })
          res.write('{"partial":')
          return
        }
        if (url.endsWith("/cut")) {
          res.writeHead(200, { "content-type": "application/json", "content-length": "1000" })
          res.write('{"partial":', () => res.destroy())
          return
        }
        if (url.startsWith("/v1/sessions?") && url.includes("user_id=user_chunked")) {
          // A page of many chunks, cut at arbitrary bytes (inside multi-byte
          // characters too), each written on a later turn of the event loop.
          const bytes = Buffer.from(
            JSON.stringify(chunkedPage(Number(new URL(url, "http://x").searchParams.get("limit"))))
          )
          res.writeHead(200, { "content-type": "application/json" })
          const writeFrom = (at: number): void => {
            if (at >= bytes.length) return void res.end()
            res.write(bytes.subarray(at, at + 4093), () => setImmediate(() => writeFrom(at + 4093)))
          }
          writeFrom(0)
          return
        }
        if (url.endsWith("/deep")) {
          // 200 with an array nested 100,000 deep: must end as a typed failure.
          res.writeHead(200, { "content-type": "application/json" })
          res.end(`${"[".repeat(100_000)}${"]".repeat(100_000)}`)
          return
        }
        if (url.endsWith("/huge")) {
          // 200 with a 1 MB JSON string: the error must stay small.
          res.writeHead(200, { "content-type": "application/json" })
          res.end(JSON.stringify("x".repeat(1_000_000)))
          return
        }
        if (url.endsWith("/204")) {
          res.writeHead(204)
          res.end()
          return
        }
        if (url.endsWith("/429")) {
          res.writeHead(429, { "content-type": "application/json", "retry-after": "2", "clerk-trace-id": "trace_429" })
          res.end(
            JSON.stringify({ errors: [{ code: "too_many_requests", message: "slow down", long_message: "slow down" }] })
          )
          return
        }
        res.writeHead(200, { "content-type": "application/json" })
        res.end(JSON.stringify(sessionWire("sess_1")))
      })
    })
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo
      resume(Effect.succeed({ url: `http://127.0.0.1:${port}`, seen, abandoned, server }))
    })
  }),
  ({ server }) =>
    Effect.sync(() => {
      server.closeAllConnections()
      server.close()
    })
)
