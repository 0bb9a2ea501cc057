/**
 * esbuild bundles of benchmark modules, so that what is measured is plain
 * JavaScript as users ship it: not tsx's loader, and not the `__name`
 * wrapper tsx's transform puts around every function created at run time
 * (a `defineProperty` per closure, which would bill each call of the SDK for
 * a TypeScript loader no user runs).
 *
 * @since 0.1.0
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { basename, dirname, join } from "node:path"
import { pathToFileURL } from "node:url"
import { build } from "esbuild"

/**
 * A bundled module in a temporary directory, removed by `remove`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Bundle {
  readonly file: string
  readonly remove: () => void
}

/**
 * Bundles `entry` (every dependency inside) to one ESM file for Node.
 *
 * @since 0.1.0
 * @category constructors
 */
export const bundle = async (entry: string): Promise<Bundle> => {
  const file = join(mkdtempSync(join(tmpdir(), "clerk-effect-bench-")), basename(entry).replace(/\.ts$/, ".mjs"))
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: file,
    logLevel: "error",
    // Some bundled CommonJS dependencies `require` Node built-ins.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);"
    }
  })
  return { file, remove: () => rmSync(dirname(file), { recursive: true, force: true }) }
}

/**
 * Bundles `entry` and imports the bundle.
 *
 * @since 0.1.0
 * @category constructors
 */
export const importBundled = async <M>(entry: string): Promise<{ readonly module: M; readonly remove: () => void }> => {
  const bundled = await bundle(entry)
  return { module: (await import(pathToFileURL(bundled.file).href)) as M, remove: bundled.remove }
}
