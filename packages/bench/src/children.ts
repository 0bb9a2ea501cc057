/**
 * What the benchmarks that run a child process share: whether a package's
 * `dist` is older than its `src`, and bundling a child's own code with every
 * package left to node (so that the child resolves `effect` to the very copy
 * the dist it loads imports).
 *
 * @since 0.1.0
 */
import { readdirSync, statSync } from "node:fs"
import { join } from "node:path"
import { build } from "esbuild"

/**
 * The newest modification time of any file below `dir`, in milliseconds.
 *
 * @since 0.1.0
 * @category utils
 */
export const newestMtime = (dir: string): number => {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

/**
 * Bundles `entry` into `outfile` (ESM, every package external) and returns
 * the external imports it kept, for the callers that check them.
 *
 * @since 0.1.0
 * @category utils
 */
export const bundleChild = async (
  entry: string,
  outfile: string,
  target: "node20" | "node22"
): Promise<ReadonlyArray<string>> => {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target,
    outfile,
    metafile: true,
    logLevel: "error"
  })
  return Object.values(result.metafile.inputs).flatMap((input) =>
    input.imports.filter((i) => i.external).map((i) => i.path)
  )
}
