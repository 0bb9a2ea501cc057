/**
 * Benchmark 9, `alloc` (`pnpm bench --only alloc`): bytes allocated and CPU
 * per `Sessions.get` of the BUILT package, next to the floors of benchmark
 * 7, with no socket (see allocChild.ts). Wall-clock ratios on a shared
 * machine move by tens of percent from run to run; these figures move by a
 * few, so they are what shows a change to the SDK's own path. On a real
 * socket every byte a call allocates costs more, because the garbage
 * collector's work grows with what is live around a request in flight
 * (docs/performance.md, "8.").
 *
 * @since 0.1.0
 */
import { execFile } from "node:child_process"
import { mkdirSync, rmSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import type { AllocOptions, AllocResult } from "./allocChild.js"
import { bundleChild } from "./children.js"
import { node22 } from "./editionsBench.js"
import { ensureBuilt } from "./transportsBench.js"

/**
 * Runs the child once under Node 22 and returns its figures, in group order
 * (the first contestant of each group is its baseline).
 *
 * @since 0.1.0
 * @category benchmarks
 */
export const allocBench = async (
  repoRoot: string,
  options: AllocOptions,
  log: (message: string) => void
): Promise<ReadonlyArray<AllocResult>> => {
  const distDir = ensureBuilt(repoRoot, log)
  const node = node22(repoRoot, "9. alloc runs under Node 22 (its heap profiler counts collected objects from V8 12)")
  // Next to packages/bench, so that effect and @effect/platform resolve to the copies the dist imports.
  const dir = join(repoRoot, "packages", "bench", "bench-results", `.alloc-${process.pid}`)
  mkdirSync(dir, { recursive: true })
  const childFile = join(dir, "allocChild.mjs")
  try {
    await bundleChild(fileURLToPath(new URL("./allocChild.ts", import.meta.url)), childFile, "node22")
    return await new Promise((resolve, reject) => {
      execFile(node, [childFile, distDir, JSON.stringify(options)], { maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
        if (error) return reject(new Error(`9. alloc child failed: ${error.message}\n${stderr}`))
        resolve(JSON.parse(stdout.trim().split("\n").pop() ?? "[]"))
      })
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
