/**
 * Benchmark 4: `Sessions.stream` over many sessions served by the fake
 * backend (or, with `--stream-server canned`, by the canned loopback server),
 * each size in a child process of its own (clean peak RSS), against plain
 * `fetch` + `JSON.parse` and `node:http` + `JSON.parse` paging loops over
 * the same server.
 *
 * @since 0.1.0
 */
import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"
import { bundle } from "./bundled.js"
import { startCannedServer } from "./cannedServer.js"
import { FAKE_SECRET_KEY_FOR_CANNED, startFakeServer, userForSize } from "./fakeServer.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface StreamRun {
  readonly count: number
  readonly wallMs: number
  readonly peakRssMb: number
  readonly startRssMb: number
  /** V8's live heap (`used_heap_size`) before the stream, at its sampled peak (every 5 ms), and after. */
  readonly startHeapMb: number
  readonly peakHeapMb: number
  readonly endHeapMb: number
  /** Full collections during the stream, and the highest heap seen right after one (0 if none ran). */
  readonly majorGcs: number
  readonly peakLiveHeapMb: number
  /** Sampled peaks of the heap V8 has committed (`total_heap_size`) and of memory outside it (`external_memory`). */
  readonly peakHeapTotalMb: number
  readonly peakExternalMb: number
}

/**
 * @since 0.1.0
 * @category models
 */
export interface StreamSizeResult {
  readonly size: number
  readonly sdk: StreamRun
  readonly fetch: StreamRun
  /** A plain `node:http` + `JSON.parse` paging loop: the floor of any client on Node. */
  readonly nodeHttp: StreamRun
  /** SDK wall time / fetch wall time. */
  readonly wallRatio: number
}

/**
 * How the child runs: `bundled` (default) is plain JavaScript, `streamChild.ts`
 * bundled by esbuild with effect and @effect/platform inside, run by `node`;
 * `tsx` runs the TypeScript source through tsx's loader, whose own memory
 * (esbuild service, transformed sources) lands in the child's RSS: kept only
 * to show that difference.
 *
 * @since 0.1.0
 * @category models
 */
export type StreamChildRuntime = "bundled" | "tsx"

const childSource = fileURLToPath(new URL("./streamChild.ts", import.meta.url))

const runChild = (command: ReadonlyArray<string>, args: ReadonlyArray<string>): Promise<StreamRun> =>
  new Promise((resolve, reject) => {
    execFile(process.execPath, [...command, ...args], { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`stream child failed: ${error.message}\n${stderr}`))
      const line = stdout.trim().split("\n").pop() ?? ""
      resolve(JSON.parse(line) as StreamRun)
    })
  })

/**
 * Streams every size once with the SDK and once with each plain loop.
 * `nodeFlags` go to each child's `node` (a diagnosis, e.g. a capped young
 * generation; the benchmark's own figures use none).
 *
 * @since 0.1.0
 * @category benchmarks
 */
export const streamBench = async (
  sizes: ReadonlyArray<number>,
  serverKind: "fake" | "canned",
  runtime: StreamChildRuntime = "bundled",
  nodeFlags: ReadonlyArray<string> = []
): Promise<ReadonlyArray<StreamSizeResult>> => {
  // Bundled to plain JavaScript, so that what is measured is the SDK, not a TypeScript loader.
  const bundled = runtime === "tsx" ? undefined : await bundle(childSource)
  const command = [...nodeFlags, ...(bundled === undefined ? ["--import", "tsx", childSource] : [bundled.file])]
  const server =
    serverKind === "fake"
      ? await startFakeServer(sizes)
      : { ...(await startCannedServer()), secretKey: FAKE_SECRET_KEY_FOR_CANNED }
  try {
    const results: Array<StreamSizeResult> = []
    for (const size of sizes) {
      const common = [server.url, server.secretKey, userForSize(size)]
      const fetchRun = await runChild(command, [...common, "fetch"])
      const httpRun = await runChild(command, [...common, "http"])
      const sdkRun = await runChild(command, [...common, "sdk"])
      if (sdkRun.count !== size || fetchRun.count !== size || httpRun.count !== size) {
        throw new Error(
          `stream of ${size} returned ${sdkRun.count} (SDK), ${fetchRun.count} (fetch) and ${httpRun.count} (node:http) sessions`
        )
      }
      results.push({
        size,
        sdk: sdkRun,
        fetch: fetchRun,
        nodeHttp: httpRun,
        wallRatio: sdkRun.wallMs / fetchRun.wallMs
      })
    }
    return results
  } finally {
    server.close()
    bundled?.remove()
  }
}
