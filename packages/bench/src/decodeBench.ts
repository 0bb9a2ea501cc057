/**
 * Benchmark 3: decoding one 500-session `list` page.
 *
 * In process: `JSON.parse` + the SDK's decoder for `SessionListResponse`
 * against `JSON.parse` alone, rounds interleaved; plain
 * `Schema.decodeUnknownEither` of the same schema is shown alongside.
 *
 * `@clerk/backend` does not export its deserializer (`deserialize` and
 * `Session.fromJSON` live in an internal chunk; its package `exports` only
 * expose `createClerkClient` and friends), so it is measured through its
 * public path: `sessions.getSessionList({ limit: 500 })` against the loopback
 * server, next to `fetch` + `res.json()` of the same page (what its request
 * function does before deserializing) and our `Sessions.list` (on
 * `NodeTransport`, the recommended transport on Node). The difference
 * between `@clerk/backend` and `fetch` + `res.json()` bounds its deserializer
 * plus its request plumbing from above.
 *
 * @since 0.1.0
 */

import { createClerkClient } from "@clerk/backend"
import { ClerkConfig, SessionListResponse, Sessions } from "@clerk-effect/backend"
import * as NodeTransport from "@clerk-effect/backend/NodeTransport"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
// The SDK's own response decoder is internal (not in the package's exports); the bench is a
// private package of this repository, so it reaches it by path to measure exactly what the SDK runs.
import { makeResponseDecoder } from "../../backend/src/internal/fastDecode.js"
import { listPageBody, SECRET_KEY } from "./fixtures.js"
import type { Summary } from "./stats.js"
import { summarize, timeAsync, timeSync } from "./stats.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface DecodeResult {
  /** Microseconds per page. */
  readonly jsonParse: Summary
  /** JSON.parse + the SDK's decoder (the compiled fast path over SessionListResponse). */
  readonly ours: Summary
  /** ours / JSON.parse, per round. */
  readonly oursRatio: Summary
  /** JSON.parse + plain `Schema.decodeUnknownEither(SessionListResponse)` (what the SDK did before). */
  readonly schemaOnly: Summary
  readonly schemaOnlyRatio: Summary
  /** Over loopback, milliseconds per 500-session page. */
  readonly endToEnd: {
    readonly fetchJson: Summary
    readonly ours: Summary
    readonly clerkBackend: Summary
    readonly oursRatio: Summary
    readonly clerkBackendRatio: Summary
  }
}

const PAGE = 500

/**
 * @since 0.1.0
 * @category benchmarks
 */
export const decodeBench = async (
  apiUrl: string,
  options: { readonly rounds: number; readonly iterations: number; readonly pagesPerRound: number }
): Promise<DecodeResult> => {
  const body = listPageBody(0, PAGE, PAGE)
  const decode = makeResponseDecoder(SessionListResponse)
  const schemaDecode = Schema.decodeUnknownEither(SessionListResponse)
  const check = decode(JSON.parse(body))
  if (Either.isLeft(check) || check.right.data.length !== PAGE) throw new Error("the 500-session page does not decode")

  const parseOnly = () => {
    for (let i = 0; i < options.iterations; i++) JSON.parse(body)
  }
  const parseAndDecode = () => {
    for (let i = 0; i < options.iterations; i++) decode(JSON.parse(body))
  }
  const parseAndSchemaDecode = () => {
    for (let i = 0; i < options.iterations; i++) schemaDecode(JSON.parse(body))
  }
  parseOnly()
  parseAndDecode()
  parseAndSchemaDecode()
  const parse: Array<number> = []
  const ours: Array<number> = []
  const ratio: Array<number> = []
  const schemaOnly: Array<number> = []
  const schemaOnlyRatio: Array<number> = []
  for (let round = 0; round < options.rounds; round++) {
    const a = (timeSync(parseOnly) * 1000) / options.iterations
    const b = (timeSync(parseAndDecode) * 1000) / options.iterations
    const c = (timeSync(parseAndSchemaDecode) * 1000) / options.iterations
    parse.push(a)
    ours.push(b)
    ratio.push(b / a)
    schemaOnly.push(c)
    schemaOnlyRatio.push(c / a)
  }

  // End to end through each client's public path.
  const userId = "user_2abcdefghijklmnopqrstuvwxyz"
  const url = `${apiUrl}/v1/sessions?user_id=${userId}&limit=${PAGE}&paginated=true`
  const headers = { authorization: `Bearer ${SECRET_KEY}`, "clerk-api-version": "2026-05-12" }
  const runtime = ManagedRuntime.make(
    Sessions.layer.pipe(
      Layer.provide(ClerkConfig.layer({ secretKey: Redacted.make(SECRET_KEY), apiUrl })),
      Layer.provide(NodeTransport.layer)
    )
  )
  const clerk = createClerkClient({ secretKey: SECRET_KEY, apiUrl })
  const contestants: ReadonlyArray<() => Promise<unknown>> = [
    async () => (await fetch(url, { headers })).json(),
    () => runtime.runPromise(Sessions.list({ userId, limit: PAGE })),
    () => clerk.sessions.getSessionList({ userId, limit: PAGE })
  ]
  const times = contestants.map(() => [] as Array<number>)
  const loop = (f: () => Promise<unknown>) => async () => {
    for (let i = 0; i < options.pagesPerRound; i++) await f()
  }
  for (const f of contestants) await loop(f)()
  for (let round = 0; round < options.rounds; round++) {
    for (let k = 0; k < contestants.length; k++) {
      const index = (k + round) % contestants.length
      times[index]!.push((await timeAsync(loop(contestants[index]!))) / options.pagesPerRound)
    }
  }
  await runtime.dispose()
  const [fetchJson, oursE2e, clerkE2e] = times as [Array<number>, Array<number>, Array<number>]
  return {
    jsonParse: summarize(parse),
    ours: summarize(ours),
    oursRatio: summarize(ratio),
    schemaOnly: summarize(schemaOnly),
    schemaOnlyRatio: summarize(schemaOnlyRatio),
    endToEnd: {
      fetchJson: summarize(fetchJson),
      ours: summarize(oursE2e),
      clerkBackend: summarize(clerkE2e),
      oursRatio: summarize(oursE2e.map((t, i) => t / fetchJson[i]!)),
      clerkBackendRatio: summarize(clerkE2e.map((t, i) => t / fetchJson[i]!))
    }
  }
}
