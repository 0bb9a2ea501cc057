/**
 * Benchmarks 1 and 2 in a process of their own, run by plain `node`: the
 * contestants are bundled JavaScript and nothing else shares the process (no
 * tsx loader thread, no source-map support, no other benchmark's heap).
 * Prints one JSON line with the results.
 *
 * Usage: `node <bundled httpChild.mjs> <bundled contestants.mjs> <apiUrl> <settings JSON>`
 * (main.ts bundles both and runs it).
 *
 * @since 0.1.0
 */
import { pathToFileURL } from "node:url"
import type * as ContestantsModule from "./contestants.js"
import type { Contestant } from "./contestants.js"
import type { HttpBenchOptions } from "./httpBench.js"
import { concurrentThroughput, sequentialLatency } from "./httpBench.js"

/**
 * What main.ts asks of the child.
 *
 * @since 0.1.0
 * @category models
 */
export interface HttpChildSettings {
  readonly options: HttpBenchOptions
  readonly sequential: boolean
  readonly throughput: boolean
  /** Indexes of the contestants to run (0, the baseline, always runs); all when absent. */
  readonly picked?: ReadonlyArray<number> | undefined
}

const [contestantsFile, apiUrl, json] = process.argv.slice(2) as [string, string, string]
const settings = JSON.parse(json) as HttpChildSettings

// Each contestant from a module instance of its own (see contestant() in contestants.ts).
const instance = (i: number) =>
  import(`${pathToFileURL(contestantsFile).href}?contestant=${i}`) as Promise<typeof ContestantsModule>

const run = async () => {
  const contestants: Array<Contestant> = []
  const count = (await instance(0)).CONTESTANTS
  for (let i = 0; i < count; i++) {
    if (i === 0 || settings.picked === undefined || settings.picked.includes(i)) {
      contestants.push((await instance(i)).contestant(i, apiUrl))
    }
  }
  const sequential = settings.sequential ? await sequentialLatency(contestants, settings.options) : undefined
  const throughput = settings.throughput ? await concurrentThroughput(contestants, settings.options) : undefined
  for (const c of contestants) await c.dispose()
  process.stdout.write(`${JSON.stringify({ sequential, throughput })}\n`)
}

run().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
