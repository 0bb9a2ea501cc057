/**
 * The loopback server the latency and throughput benchmarks call: a minimal
 * `node:http` server answering canned Clerk bodies with keep-alive on, so that
 * what is measured is the client, not the server. It runs in a process of its
 * own (see {@link startCannedServer}) so its work does not share the client's
 * event loop.
 *
 * Routes: `GET /v1/sessions/{id}` answers one session; `GET /v1/sessions`
 * answers a paginated page from `offset`/`limit` over generated sessions:
 * `user_bench_<n>` has n of them, any other user `BENCH_TOTAL_SESSIONS`
 * (default 100,000).
 *
 * @since 0.1.0
 */
import { fork } from "node:child_process"
import * as http from "node:http"
import { fileURLToPath } from "node:url"
import { listPageBody, SESSION_ID, wireSession } from "./fixtures.js"

const sessionBody = JSON.stringify({ ...wireSession(0), id: SESSION_ID })
const jsonHeaders = { "content-type": "application/json", "clerk-trace-id": "trace_bench" }

const serve = (total: number) => {
  const server = http.createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost")
    if (req.method === "GET" && url.pathname === "/v1/sessions") {
      const offset = Number(url.searchParams.get("offset") ?? 0)
      const limit = Number(url.searchParams.get("limit") ?? 10)
      // `user_bench_<n>` owns n sessions (what the stream benchmark walks); anyone else owns `total`.
      const sized = /^user_bench_(\d+)$/.exec(url.searchParams.get("user_id") ?? "")
      res.writeHead(200, jsonHeaders)
      res.end(listPageBody(offset, limit, sized === null ? total : Number(sized[1])))
      return
    }
    if (req.method === "GET" && url.pathname.startsWith("/v1/sessions/")) {
      res.writeHead(200, jsonHeaders)
      res.end(sessionBody)
      return
    }
    res.writeHead(404, jsonHeaders)
    res.end(
      JSON.stringify({ errors: [{ code: "resource_not_found", message: "not found", long_message: "not found" }] })
    )
  })
  server.keepAliveTimeout = 60_000
  server.listen(0, "127.0.0.1", () => {
    const address = server.address()
    const port = typeof address === "object" && address !== null ? address.port : 0
    process.send?.({ port })
  })
}

/**
 * A running canned server in its own process.
 *
 * @since 0.1.0
 * @category models
 */
export interface CannedServer {
  readonly url: string
  readonly close: () => void
}

/**
 * Forks the canned server and resolves once it listens.
 *
 * @since 0.1.0
 * @category constructors
 */
export const startCannedServer = (total = 100_000): Promise<CannedServer> =>
  new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ["--serve"], {
      env: { ...process.env, BENCH_TOTAL_SESSIONS: String(total) },
      stdio: ["ignore", "inherit", "inherit", "ipc"]
    })
    child.once("error", reject)
    child.once("exit", (code) => reject(new Error(`canned server exited early (code ${code})`)))
    child.once("message", (message) => {
      const port = (message as { port: number }).port
      resolve({ url: `http://127.0.0.1:${port}`, close: () => child.kill() })
    })
  })

if (process.argv.includes("--serve")) {
  serve(Number(process.env.BENCH_TOTAL_SESSIONS ?? 100_000))
}
