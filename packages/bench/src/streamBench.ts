/**
 * Benchmark 4: `Sessions.stream` over many sessions served by the fake
 * backend (or, with `--stream-server canned`, by the canned loopback server),
 * each size in a child process of its own (clean peak RSS), against a plain
 * `fetch` + `JSON.parse` paging loop over the same server.
 *
 * @since 0.1.0
 */
import { execFile } from "node:child_process"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { build } from "esbuild"
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
}

/**
 * @since 0.1.0
 * @category models
 */
export interface StreamSizeResult {
  readonly size: number
  readonly sdk: StreamRun
  readonly fetch: StreamRun
  /** SDK wall time / fetch wall time. */
  readonly wallRatio: number
}

/**
 * The child is bundled to plain JavaScript first: run through tsx, its loader
 * alone would hold ~150 MB of RSS and swamp what is measured.
 */
const bundleChild = async (): Promise<string> => {
  const outfile = join(mkdtempSync(join(tmpdir(), "clerk-effect-bench-")), "streamChild.mjs")
  await build({
    entryPoints: [fileURLToPath(new URL("./streamChild.ts", import.meta.url))],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile,
    logLevel: "error"
  })
  return outfile
}

const runChild = (childScript: string, args: ReadonlyArray<string>): Promise<StreamRun> =>
  new Promise((resolve, reject) => {
    execFile(process.execPath, [childScript, ...args], { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`stream child failed: ${error.message}\n${stderr}`))
      const line = stdout.trim().split("\n").pop() ?? ""
      resolve(JSON.parse(line) as StreamRun)
    })
  })

/**
 * Streams every size once with the SDK and once with plain fetch.
 *
 * @since 0.1.0
 * @category benchmarks
 */
export const streamBench = async (
  sizes: ReadonlyArray<number>,
  serverKind: "fake" | "canned"
): Promise<ReadonlyArray<StreamSizeResult>> => {
  const childScript = await bundleChild()
  const server =
    serverKind === "fake"
      ? await startFakeServer(sizes)
      : { ...(await startCannedServer()), secretKey: FAKE_SECRET_KEY_FOR_CANNED }
  try {
    const results: Array<StreamSizeResult> = []
    for (const size of sizes) {
      const common = [server.url, server.secretKey, userForSize(size)]
      const fetchRun = await runChild(childScript, [...common, "fetch"])
      const sdkRun = await runChild(childScript, [...common, "sdk"])
      if (sdkRun.count !== size || fetchRun.count !== size) {
        throw new Error(`stream of ${size} returned ${sdkRun.count} (SDK) and ${fetchRun.count} (fetch) sessions`)
      }
      results.push({ size, sdk: sdkRun, fetch: fetchRun, wallRatio: sdkRun.wallMs / fetchRun.wallMs })
    }
    return results
  } finally {
    server.close()
  }
}
