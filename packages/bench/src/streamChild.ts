/**
 * One `stream` run in a fresh process, so its peak RSS is its own: walks every
 * session of one user with `Sessions.stream` (or, as the baseline, a plain
 * `fetch` + `JSON.parse` paging loop), then prints one JSON line with the
 * count, wall time and peak RSS.
 *
 * Usage: `tsx src/streamChild.ts <apiUrl> <secretKey> <userId> <sdk|fetch>`
 *
 * @since 0.1.0
 */
import { ClerkConfig, Sessions } from "@clerk-effect/backend"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
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
        Layer.provide(FetchHttpClient.layer)
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

const rssBefore = process.memoryUsage().rss
const start = performance.now()
const count = await (mode === "fetch" ? viaFetch() : viaSdk())
const wallMs = performance.now() - start
// resourceUsage().maxRSS is in kilobytes: the peak over the process's life.
const peakRssMb = process.resourceUsage().maxRSS / 1024
process.stdout.write(`${JSON.stringify({ count, wallMs, peakRssMb, startRssMb: rssBefore / 1024 / 1024 })}\n`)
