/**
 * Benchmarks 1 and 2: `get` latency (sequential) and throughput at 32
 * concurrent calls. Contestants run interleaved in every round (in a rotating
 * order) so that noise from other processes lands on all of them alike; each
 * figure is a ratio against plain `fetch` + `JSON.parse` in the same round.
 *
 * @since 0.1.0
 */
import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"
import { bundle } from "./bundled.js"
import type { HttpChildSettings } from "./httpChild.js"
import type { HttpBenchResult } from "./rounds.js"

export {
  type ContestantResult,
  concurrentThroughput,
  type HttpBenchOptions,
  type HttpBenchResult,
  sequentialLatency
} from "./rounds.js"

/**
 * Runs benchmarks 1 and 2 in a bundled child process under plain `node`
 * (see httpChild.ts) and returns its results.
 *
 * @since 0.1.0
 * @category benchmarks
 */
export const runHttpChild = async (
  apiUrl: string,
  settings: HttpChildSettings
): Promise<{ readonly sequential?: HttpBenchResult; readonly throughput?: HttpBenchResult }> => {
  const child = await bundle(fileURLToPath(new URL("./httpChild.ts", import.meta.url)))
  const contestants = await bundle(fileURLToPath(new URL("./contestants.ts", import.meta.url)))
  try {
    return await new Promise((resolve, reject) => {
      execFile(
        process.execPath,
        [child.file, contestants.file, apiUrl, JSON.stringify(settings)],
        { maxBuffer: 1 << 24 },
        (error, stdout, stderr) => {
          if (error) return reject(new Error(`HTTP benchmark child failed: ${error.message}\n${stderr}`))
          resolve(JSON.parse(stdout.trim().split("\n").pop() ?? "{}"))
        }
      )
    })
  } finally {
    child.remove()
    contestants.remove()
  }
}
