/**
 * Benchmark 7, `transports`: the **built** package (`packages/backend/dist/esm`,
 * what `pnpm build` writes and a user's node loads) under plain `node`, one
 * transport per process, each SDK contestant interleaved in the same rounds
 * with the one floor it is held to:
 *
 * - `NodeTransport` against plain `fetch` + `JSON.parse` (target <= 1.00);
 * - `FetchTransport` against the cancellable-`fetch` floor (`fetch` +
 *   `AbortController` signal + timer + `JSON.parse`; target <= 1.10);
 * - the SDK on `@effect/platform`'s `FetchHttpClient` against that same
 *   client used raw inside Effect (`get`, `text`, `JSON.parse`; target <= 1.20).
 *
 * Each sequentially and at 32 concurrent calls, as a median ratio over rounds.
 *
 * @since 0.1.0
 */
import { execFile, spawnSync } from "node:child_process"
import { existsSync, mkdirSync, realpathSync, rmSync, statSync } from "node:fs"
import { loadavg } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { bundleChild, newestMtime } from "./children.js"
import type { HttpBenchOptions, HttpBenchResult } from "./httpBench.js"
import type { TransportName } from "./transportsChild.js"

/**
 * One transport's figures: the SDK against its floor, sequential and at 32
 * concurrent (contestant 0 of each result is the floor).
 *
 * @since 0.1.0
 * @category models
 */
export interface TransportResult {
  readonly transport: TransportName
  /** The SDK's transport, as the row names it. */
  readonly subject: string
  /** What it is held to. */
  readonly floor: string
  /** The target, a median ratio SDK / floor, sequential and at 32 concurrent. */
  readonly target: number
  readonly sequential: HttpBenchResult
  readonly throughput: HttpBenchResult
  readonly loadavgAtStart: ReadonlyArray<number>
  readonly loadavgAtEnd: ReadonlyArray<number>
  readonly seconds: number
}

const TRANSPORTS: ReadonlyArray<Pick<TransportResult, "transport" | "subject" | "floor" | "target">> = [
  { transport: "node", subject: "SDK on NodeTransport", floor: "fetch + JSON.parse", target: 1.0 },
  {
    transport: "fetch",
    subject: "SDK on FetchTransport",
    floor: "fetch + AbortSignal + timer + JSON.parse",
    target: 1.1
  },
  {
    transport: "platform",
    subject: "SDK on FetchHttpClient",
    floor: "FetchHttpClient raw (get + text + JSON.parse)",
    target: 1.2
  }
]

/**
 * The backend's `dist/esm`, built by `pnpm build` when it is missing or
 * older than `src` (so that what is measured is the code in the tree).
 *
 * @since 0.1.0
 * @category utils
 */
export const ensureBuilt = (repoRoot: string, log: (message: string) => void): string => {
  const backendDir = join(repoRoot, "packages", "backend")
  const distDir = join(backendDir, "dist", "esm")
  const entries = ["index.js", "NodeTransport.js", "FetchTransport.js"].map((f) => join(distDir, f))
  // The dist imports @clerk-effect/core, loaded from its dist too (publishedCore.ts).
  const coreDir = join(repoRoot, "packages", "core")
  if (
    !existsSync(join(coreDir, "dist", "esm")) ||
    newestMtime(join(coreDir, "src")) > statSync(join(coreDir, "dist", "esm")).mtimeMs
  ) {
    log("packages/core/dist/esm is missing or older than src; running `pnpm --filter @clerk-effect/core build`")
    const core = spawnSync("pnpm", ["--filter", "@clerk-effect/core", "build"], {
      cwd: repoRoot,
      stdio: ["ignore", process.stderr, process.stderr]
    })
    if (core.status !== 0)
      throw new Error("`pnpm --filter @clerk-effect/core build` failed; run `pnpm build` at the repository root")
  }
  const missing = entries.some((f) => !existsSync(f))
  const stale = !missing && newestMtime(join(backendDir, "src")) > statSync(entries[0]!).mtimeMs
  if (missing || stale) {
    log(
      `7. transports: packages/backend/dist/esm is ${missing ? "missing" : "older than src"}; running \`pnpm --filter @clerk-effect/backend build\``
    )
    const result = spawnSync("pnpm", ["--filter", "@clerk-effect/backend", "build"], {
      cwd: repoRoot,
      stdio: ["ignore", process.stderr, process.stderr]
    })
    if (result.status !== 0 || entries.some((f) => !existsSync(f))) {
      throw new Error(
        "7. transports needs the built package: `pnpm build` failed or was not found. Run `pnpm build` at the repository root, then rerun `pnpm bench --transports`."
      )
    }
  }
  // The child resolves effect and @effect/platform from packages/bench, the
  // dist from packages/backend: they must be one copy, as in a user's install.
  for (const dependency of ["effect", "@effect/platform"]) {
    const fromBackend = realpathSync(join(backendDir, "node_modules", dependency))
    const fromBench = realpathSync(join(repoRoot, "packages", "bench", "node_modules", dependency))
    if (fromBackend !== fromBench) {
      throw new Error(
        `7. transports: ${dependency} resolves to two copies (${fromBackend}, ${fromBench}); run pnpm install`
      )
    }
  }
  return distDir
}

const runChild = (
  childFile: string,
  distDir: string,
  apiUrl: string,
  transport: TransportName,
  options: HttpBenchOptions
) =>
  new Promise<{ readonly sequential: HttpBenchResult; readonly throughput: HttpBenchResult }>((resolve, reject) => {
    execFile(
      process.execPath,
      [childFile, distDir, apiUrl, transport, JSON.stringify(options)],
      { maxBuffer: 1 << 24 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`transports child (${transport}) failed: ${error.message}\n${stderr}`))
        resolve(JSON.parse(stdout.trim().split("\n").pop() ?? "{}"))
      }
    )
  })

/**
 * Runs the three transports, one child process each, one after the other.
 *
 * @since 0.1.0
 * @category benchmarks
 */
export const transportsBench = async (
  repoRoot: string,
  apiUrl: string,
  options: HttpBenchOptions,
  log: (message: string) => void
): Promise<ReadonlyArray<TransportResult>> => {
  const distDir = ensureBuilt(repoRoot, log)
  // The child's own code bundled, every package left to node: next to
  // packages/bench so that `effect` and `@effect/platform` resolve from the
  // workspace, the very copies the dist imports.
  const dir = join(repoRoot, "packages", "bench", "bench-results", `.transports-${process.pid}`)
  mkdirSync(dir, { recursive: true })
  const childFile = join(dir, "transportsChild.mjs")
  try {
    await bundleChild(fileURLToPath(new URL("./transportsChild.ts", import.meta.url)), childFile, "node20")
    const results: Array<TransportResult> = []
    for (const t of TRANSPORTS) {
      const loadavgAtStart = loadavg()
      const started = Date.now()
      const { sequential, throughput } = await runChild(childFile, distDir, apiUrl, t.transport, options)
      const seconds = (Date.now() - started) / 1000
      results.push({ ...t, sequential, throughput, loadavgAtStart, loadavgAtEnd: loadavg(), seconds })
      log(`7. transports: ${t.subject} done in ${seconds.toFixed(0)} s`)
    }
    return results
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
