/**
 * Benchmark 9 (`allocBench.ts`), in a process of its own under Node 22: what
 * one call allocates and what CPU it takes, from the BUILT package, with no
 * socket at all (so that neither the network nor a busy machine moves the
 * figures much). Bytes come from V8's sampling heap profiler with objects
 * already collected counted too (`includeObjectsCollectedByMinorGC` and
 * `...MajorGC`, which need Node 22's V8); CPU is this process's user +
 * system time over the same calls. Prints one JSON line.
 *
 * Usage: `node <bundled allocChild.mjs> <backend dist/esm dir> <options JSON>`.
 *
 * @since 0.1.0
 */
import { Session as Inspector } from "node:inspector/promises"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import type * as Backend from "@clerk-effect/backend"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import { SECRET_KEY, SESSION_ID, wireSession } from "./fixtures.js"
import type { Contestant } from "./loops.js"
import {
  cancellableFetchContestant,
  cancellableFetchInEffectContestant,
  effectContestant,
  rawFetchHttpClientContestant
} from "./loops.js"
import { usePublishedCore } from "./publishedCore.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface AllocOptions {
  readonly calls: number
  readonly warmupCalls: number
  /** Heap samples per contestant (the median is kept). */
  readonly repeats: number
  /** Interleaved rounds of the CPU measure (the median is kept). */
  readonly cpuRounds: number
}

/**
 * One contestant's figures: bytes allocated and CPU microseconds per call
 * (medians over `repeats`), and their ratios to its group's baseline.
 *
 * @since 0.1.0
 * @category models
 */
export interface AllocResult {
  readonly group: string
  readonly name: string
  readonly bytesPerCall: number
  readonly cpuMicrosPerCall: number
}

// The core's `Send` and its answer, as the dist's internal/exchange.js takes them (this package does not depend on the core).
interface Answered {
  readonly _tag: "Answered"
  readonly status: number
  readonly header: (name: string) => string | undefined
  readonly text: string
}
type Send = (request: unknown, done: (outcome: Answered) => void) => () => void

const [distDir, json] = process.argv.slice(2) as [string, string]
const options = JSON.parse(json) as AllocOptions
usePublishedCore(join(distDir, "..", "..", "..", "core", "dist", "esm"))
const load = async <M>(file: string): Promise<M> => (await import(pathToFileURL(join(distDir, file)).href)) as M

const apiUrl = "http://127.0.0.1:9"
const body = JSON.stringify({ ...wireSession(0), id: SESSION_ID })
const answer: Answered = { _tag: "Answered", status: 200, header: () => undefined, text: body }
const realFetch = globalThis.fetch
// A `fetch` that answers without a socket: every contestant of groups 2 and
// 3 pays the same `Response` and body read, so what differs is theirs.
const stubFetch: typeof fetch = async () =>
  new Response(body, { status: 200, headers: { "content-type": "application/json" } })

interface Entry {
  readonly group: string
  readonly name: string
  /** `calls` calls one after the other (the contestant's sequential loop). */
  readonly run: (calls: number) => Promise<void>
}

const entry = (group: string, name: string, contestant: Contestant): Entry => ({
  group,
  name,
  run: contestant.sequential
})

const contestants = async (): Promise<ReadonlyArray<Entry>> => {
  const backend = await load<typeof Backend>("index.js")
  const exchange = await load<{
    withDirectSend: (client: HttpClient.HttpClient, send: Send) => HttpClient.HttpClient
  }>("internal/exchange.js")
  const sdk = (name: string, layer: Layer.Layer<HttpClient.HttpClient>) =>
    effectContestant(
      name,
      ManagedRuntime.make(
        backend.Sessions.layer.pipe(
          Layer.provide(backend.ClerkConfig.layer({ secretKey: Redacted.make(SECRET_KEY), apiUrl })),
          Layer.provide(layer)
        )
      ),
      backend.Sessions.get(SESSION_ID)
    )
  // Group 1: the SDK's own path, on a Send that answers on the next microtask.
  const instantSend: Send = (_, done) => {
    queueMicrotask(() => done(answer))
    return () => {}
  }
  const instantClient = exchange.withDirectSend(
    HttpClient.makeWith(() => Effect.die("not called"), Effect.succeed),
    instantSend
  )
  const bareAsync = Effect.async<unknown>((resume) => {
    queueMicrotask(() => resume(Effect.succeed(JSON.parse(body))))
  })
  const direct = "direct path, a Send answering at once"
  const fetchGroup = "FetchTransport, fetch answering without a socket"
  const platformGroup = "FetchHttpClient, fetch answering without a socket"
  return [
    entry(
      direct,
      "Effect.async + JSON.parse, in an Effect loop",
      effectContestant("bare", ManagedRuntime.make(Layer.empty), bareAsync)
    ),
    entry(direct, "SDK Sessions.get", sdk("sdk", Layer.succeed(HttpClient.HttpClient, instantClient))),
    // Groups 2 and 3: benchmark 7's floors and SDK rows, on the stubbed fetch.
    entry(fetchGroup, "fetch + AbortSignal + timer + JSON.parse", cancellableFetchContestant(apiUrl)),
    entry(fetchGroup, "the same, in an Effect loop", cancellableFetchInEffectContestant(apiUrl)),
    entry(fetchGroup, "SDK on FetchTransport", sdk("sdk", backend.FetchTransport.layer)),
    entry(platformGroup, "FetchHttpClient raw (get + text + JSON.parse)", await rawFetchHttpClientContestant(apiUrl)),
    entry(platformGroup, "SDK on FetchHttpClient", sdk("sdk", FetchHttpClient.layer)),
    entry(
      platformGroup,
      "(context) FetchHttpClient raw, its span off",
      await rawFetchHttpClientContestant(apiUrl, { spans: false })
    )
  ]
}

const median = (values: ReadonlyArray<number>) => [...values].sort((a, b) => a - b)[values.length >> 1]!

// CPU first, before the heap profiler is enabled at all (an enabled
// profiler slows every allocation down): every contestant warmed up, then
// rounds that take each in turn, as the other benchmarks do.
const cpuPerCall = async (all: ReadonlyArray<Entry>): Promise<ReadonlyArray<number>> => {
  for (const c of all) await c.run(options.warmupCalls)
  const rounds = all.map(() => [] as Array<number>)
  for (let round = 0; round < options.cpuRounds; round++) {
    for (const [i, c] of all.entries()) {
      const started = process.cpuUsage()
      await c.run(options.calls)
      const used = process.cpuUsage(started)
      rounds[i]!.push((used.user + used.system) / options.calls)
    }
  }
  return rounds.map(median)
}

const bytesPerCall = async (inspector: Inspector, c: Entry): Promise<number> => {
  const bytes: Array<number> = []
  for (let i = 0; i < options.repeats; i++) {
    // A 64-byte interval: small objects (most of what a call allocates) are sampled fairly.
    await inspector.post("HeapProfiler.startSampling", {
      samplingInterval: 64,
      includeObjectsCollectedByMinorGC: true,
      includeObjectsCollectedByMajorGC: true
    })
    await c.run(options.calls)
    const { profile } = await inspector.post("HeapProfiler.stopSampling")
    let total = 0
    const walk = (node: typeof profile.head) => {
      total += node.selfSize
      for (const child of node.children) walk(child)
    }
    walk(profile.head)
    bytes.push(total / options.calls)
  }
  return median(bytes)
}

const run = async () => {
  globalThis.fetch = stubFetch
  const all = await contestants()
  const cpu = await cpuPerCall(all)
  const inspector = new Inspector()
  inspector.connect()
  await inspector.post("HeapProfiler.enable")
  const results: Array<AllocResult> = []
  for (const [i, c] of all.entries()) {
    results.push({
      group: c.group,
      name: c.name,
      bytesPerCall: await bytesPerCall(inspector, c),
      cpuMicrosPerCall: cpu[i]!
    })
  }
  inspector.disconnect()
  globalThis.fetch = realFetch
  process.stdout.write(`${JSON.stringify(results)}\n`)
  process.exit(0)
}

run().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
