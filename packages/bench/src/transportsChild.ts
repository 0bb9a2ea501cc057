/**
 * One transport of the `transports` benchmark (see transportsBench.ts) in a
 * process of its own, under plain `node`: the SDK as a user's node loads
 * it, from the package's built `dist/esm` (`effect` and `@effect/platform`
 * resolved from the workspace, one copy of each), and the one floor it is
 * held to, interleaved in the same rounds. Prints one JSON line.
 *
 * Usage: `node <bundled transportsChild.mjs> <dist/esm dir> <apiUrl> <node|fetch|platform> <options JSON>`
 * (transportsBench.ts bundles it, its own imports left to node, and runs it).
 *
 * @since 0.1.0
 */
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import type * as Backend from "@clerk-effect/backend"
import type * as NodeTransportModule from "@clerk-effect/backend/NodeTransport"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import { SECRET_KEY, SESSION_ID } from "./fixtures.js"
import type { HttpBenchOptions } from "./httpBench.js"
import { concurrentThroughput, sequentialLatency } from "./httpBench.js"
import type { Contestant } from "./loops.js"
import {
  cancellableFetchContestant,
  cancellableFetchInEffectContestant,
  effectContestant,
  plainFetchContestant,
  rawFetchHttpClientContestant
} from "./loops.js"
import { usePublishedCore } from "./publishedCore.js"

/**
 * The three transports, each measured in a process of its own.
 *
 * @since 0.1.0
 * @category models
 */
export type TransportName = "node" | "fetch" | "platform"

const [distDir, apiUrl, transport, json] = process.argv.slice(2) as [string, string, TransportName, string]
const options = JSON.parse(json) as HttpBenchOptions
// The dist imports @clerk-effect/core: its built dist, packages/core/dist/esm, as in a user's install.
usePublishedCore(join(distDir, "..", "..", "..", "core", "dist", "esm"))

const load = async <M>(file: string): Promise<M> => (await import(pathToFileURL(join(distDir, file)).href)) as M

const sdkContestant = (
  backend: typeof Backend,
  name: string,
  layer: Layer.Layer<HttpClient.HttpClient>
): Contestant => {
  const runtime = ManagedRuntime.make(
    backend.Sessions.layer.pipe(
      Layer.provide(backend.ClerkConfig.layer({ secretKey: Redacted.make(SECRET_KEY), apiUrl })),
      Layer.provide(layer)
    )
  )
  return effectContestant(name, runtime, backend.Sessions.get(SESSION_ID))
}

// The floor first: it is the baseline of every round's ratio.
const contestantsFor = async (name: TransportName): Promise<ReadonlyArray<Contestant>> => {
  const backend = await load<typeof Backend>("index.js")
  switch (name) {
    case "node": {
      const NodeTransport = await load<typeof NodeTransportModule>("NodeTransport.js")
      return [plainFetchContestant(apiUrl), sdkContestant(backend, "SDK on NodeTransport", NodeTransport.layer)]
    }
    case "fetch":
      return [
        cancellableFetchContestant(apiUrl),
        sdkContestant(backend, "SDK on FetchTransport", backend.FetchTransport.layer),
        // Context: the floor itself, run inside Effect (see loops.ts).
        cancellableFetchInEffectContestant(apiUrl)
      ]
    case "platform":
      return [
        await rawFetchHttpClientContestant(apiUrl),
        sdkContestant(backend, "SDK on FetchHttpClient", FetchHttpClient.layer),
        // Context: the raw client without the span the SDK leaves out when nothing records it.
        await rawFetchHttpClientContestant(apiUrl, { spans: false })
      ]
  }
}

const run = async () => {
  const contestants = await contestantsFor(transport)
  const sequential = await sequentialLatency(contestants, options)
  const throughput = await concurrentThroughput(contestants, options)
  for (const c of contestants) await c.dispose()
  process.stdout.write(`${JSON.stringify({ sequential, throughput })}\n`)
}

run().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
