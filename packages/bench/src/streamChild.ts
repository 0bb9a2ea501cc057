/**
 * One `stream` run in a fresh process, so its peak RSS is its own: walks every
 * session of one user with `Sessions.stream` on `NodeTransport` (the recommended
 * transport on Node), or, as the baseline, with a plain
 * `fetch` + `JSON.parse` paging loop, or with a plain `node:http` one), then prints one JSON line with the
 * count, wall time, peak RSS and peak V8 heap use.
 *
 * Usage: `node <bundled streamChild.mjs> <apiUrl> <secretKey> <userId> <sdk|fetch|http>`
 * (streamBench.ts bundles it; `tsx src/streamChild.ts ...` also works, with
 * tsx's own memory on top).
 *
 * @since 0.1.0
 */
import * as http from "node:http"
import { constants, PerformanceObserver } from "node:perf_hooks"
import { getHeapStatistics } from "node:v8"
import { ClerkConfig, Sessions } from "@clerk-effect/backend"
import * as NodeTransport from "@clerk-effect/backend/NodeTransport"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"

const [apiUrl, secretKey, userId, mode] = process.argv.slice(2) as [string, string, string, string]

const viaSdk = (): Promise<number> =>
  Sessions.stream({ userId }).pipe(
    Stream.runFold(0, (count) => count + 1),
    Effect.provide(
      Sessions.layer.pipe(
        Layer.provide(ClerkConfig.layer({ secretKey: Redacted.make(secretKey), apiUrl })),
        Layer.provide(NodeTransport.layer)
      )
    ),
    Effect.runPromise
  )

const viaFetch = async (): Promise<number> => {
  let count = 0
  for (let offset = 0; ; ) {
    const response = await fetch(`${apiUrl}/v1/sessions?user_id=${userId}&limit=500&offset=${offset}&paginated=true`, {
      headers: { authorization: `Bearer ${secretKey}`, "clerk-api-version": "2026-05-12" }
    })
    const page = JSON.parse(await response.text()) as { data: Array<unknown>; total_count: number }
    count += page.data.length
    offset += page.data.length
    if (page.data.length < 500 || offset >= page.total_count) return count
  }
}

// The floor of any client on Node: node:http with a keep-alive agent, the
// body's Buffers concatenated and parsed, nothing decoded or checked.
const viaNodeHttp = async (): Promise<number> => {
  const agent = new http.Agent({ keepAlive: true })
  const page = (offset: number) =>
    new Promise<{ data: Array<unknown>; total_count: number }>((resolve, reject) => {
      const url = `${apiUrl}/v1/sessions?user_id=${userId}&limit=500&offset=${offset}&paginated=true`
      const headers = { authorization: `Bearer ${secretKey}`, "clerk-api-version": "2026-05-12" }
      http
        .get(url, { agent, headers }, (res) => {
          const chunks: Array<Buffer> = []
          res.on("data", (chunk: Buffer) => chunks.push(chunk))
          res.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8"))))
          res.on("error", reject)
        })
        .on("error", reject)
    })
  let count = 0
  try {
    for (let offset = 0; ; ) {
      const { data, total_count } = await page(offset)
      count += data.length
      offset += data.length
      if (data.length < 500 || offset >= total_count) return count
    }
  } finally {
    agent.destroy()
  }
}

const MB = 1024 * 1024
const heapUsed = () => getHeapStatistics().used_heap_size
// RSS is what the target names, but it also holds garbage V8 has not collected yet and
// memory it keeps after collecting; the live heap, sampled while the stream runs, tells
// retention (it would grow with the count) from a high-water mark (it would not).
const startHeap = heapUsed()
let peakHeap = startHeap
// What RSS is made of besides live objects: the heap V8 has committed (young
// generation included) and memory outside it (Buffers, ArrayBuffers).
let peakHeapTotal = 0
let peakExternal = 0
const sampler = setInterval(() => {
  const stats = getHeapStatistics()
  peakHeap = Math.max(peakHeap, stats.used_heap_size)
  peakHeapTotal = Math.max(peakHeapTotal, stats.total_heap_size)
  peakExternal = Math.max(peakExternal, stats.external_memory)
}, 5)
// Right after a full (mark-compact) collection the heap holds only live objects: the highest
// such figure over the run is what the stream keeps alive, garbage excluded.
let majorGcs = 0
let peakLiveHeap = 0
const gcObserver = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    // Node sets `detail.kind` on "gc" entries; the installed typings do not declare it.
    const kind = (entry as { readonly detail?: { readonly kind?: number } }).detail?.kind
    if (kind !== constants.NODE_PERFORMANCE_GC_MAJOR) continue
    majorGcs++
    peakLiveHeap = Math.max(peakLiveHeap, heapUsed())
  }
})
gcObserver.observe({ entryTypes: ["gc"] })
const rssBefore = process.memoryUsage.rss()
const start = performance.now()
const count = await (mode === "fetch" ? viaFetch() : mode === "http" ? viaNodeHttp() : viaSdk())
const wallMs = performance.now() - start
clearInterval(sampler)
gcObserver.disconnect()
const endHeap = heapUsed()
// resourceUsage().maxRSS is in kilobytes: the peak over the process's life.
const peakRssMb = process.resourceUsage().maxRSS / 1024
process.stdout.write(
  `${JSON.stringify({
    count,
    wallMs,
    peakRssMb,
    startRssMb: rssBefore / MB,
    startHeapMb: startHeap / MB,
    peakHeapMb: Math.max(peakHeap, endHeap) / MB,
    endHeapMb: endHeap / MB,
    majorGcs,
    peakHeapTotalMb: peakHeapTotal / MB,
    peakExternalMb: peakExternal / MB,
    peakLiveHeapMb: peakLiveHeap / MB
  })}\n`
)
