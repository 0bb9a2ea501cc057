/**
 * A user's install of the BUILT packages, made without a registry: a folder
 * with a `node_modules` where `@clerk-effect/backend` and `@clerk-effect/core`
 * are what `pnpm pack` would publish (package.json with its `publishConfig`
 * applied, `dist/`), and their dependencies (`effect`, `@effect/platform`,
 * `jose`) are links to the workspace's installed copies. The program files
 * (program.ts, cli.ts, worker.ts) are transpiled into it by esbuild, so every
 * runtime imports `@clerk-effect/backend` exactly as a user's code does: the
 * package's export map resolves to `dist/esm`, never to `src`.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import * as esbuild from "esbuild"

/** packages/runtimes */
export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..")
/** The repository's root. */
export const ROOT = resolve(PACKAGE_DIR, "../..")
/** Where the consumer folder is made (ignored by git). */
export const CONSUMER_DIR = join(PACKAGE_DIR, ".consumer")

/** The workspace packages installed in their packed form. */
const BUILT_PACKAGES = [
  { name: "@clerk-effect/core", dir: "packages/core" },
  { name: "@clerk-effect/backend", dir: "packages/backend" }
] as const

/** Their runtime dependencies, linked from where the backend package resolves them. */
const LINKED_DEPENDENCIES = ["effect", "@effect/platform", "jose"] as const

/** package.json as `pnpm pack` writes it: `publishConfig` applied, workspace ranges made exact. */
export const packedManifest = (manifest: Record<string, unknown>): Record<string, unknown> => {
  const {
    publishConfig,
    devDependencies: _dev,
    ...rest
  } = manifest as {
    readonly publishConfig?: Record<string, unknown>
    readonly devDependencies?: unknown
  } & Record<string, unknown>
  const packed: Record<string, unknown> = { ...rest, ...(publishConfig ?? {}) }
  delete packed.access
  const dependencies = packed.dependencies as Record<string, string> | undefined
  if (dependencies !== undefined) {
    packed.dependencies = Object.fromEntries(
      Object.entries(dependencies).map(([name, range]) => [name, range.startsWith("workspace:") ? "0.0.0" : range])
    )
  }
  return packed
}

/** The program's sources, transpiled one to one (no bundling) into the consumer folder. */
const PROGRAM_FILES = [
  "program.ts",
  "cli.ts",
  "worker.ts",
  "inprocess.ts",
  "inprocess-cli.ts",
  "worker-inprocess.ts"
] as const

/**
 * Makes the consumer folder from scratch. Fails, naming the command to run,
 * when a package has not been built.
 */
export const prepareConsumer = async (dir: string = CONSUMER_DIR): Promise<string> => {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(join(dir, "node_modules/@effect"), { recursive: true })
  mkdirSync(join(dir, "node_modules/@clerk-effect"), { recursive: true })
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ name: "runtime-matrix-consumer", private: true, type: "module" }, null, 2)}\n`
  )
  for (const { name, dir: packageDir } of BUILT_PACKAGES) {
    const source = join(ROOT, packageDir)
    if (!existsSync(join(source, "dist/esm/index.js")) && !existsSync(join(source, "dist/esm"))) {
      throw new Error(`${name} is not built (${packageDir}/dist is missing): run 'pnpm build' first`)
    }
    const target = join(dir, "node_modules", name)
    mkdirSync(target, { recursive: true })
    const manifest = JSON.parse(readFileSync(join(source, "package.json"), "utf8")) as Record<string, unknown>
    writeFileSync(join(target, "package.json"), `${JSON.stringify(packedManifest(manifest), null, 2)}\n`)
    cpSync(join(source, "dist"), join(target, "dist"), { recursive: true })
  }
  const fromBackend = createRequire(join(ROOT, "packages/backend/package.json"))
  for (const name of LINKED_DEPENDENCIES) {
    // The package folder itself, followed to its real place so that its own
    // dependencies (effect's, @effect/platform's) resolve from there.
    const manifest = realpathSync(fromBackend.resolve(`${name}/package.json`))
    symlinkSync(dirname(manifest), join(dir, "node_modules", name), "dir")
  }
  await esbuild.build({
    entryPoints: PROGRAM_FILES.map((file) => join(PACKAGE_DIR, "src", file)),
    outdir: dir,
    bundle: false,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    logLevel: "error"
  })
  return dir
}

/** What bundling an entry for a Worker (workerd, a browser) found. */
export interface WorkerBundle {
  readonly outfile: string
  /** Every `node:` (or bare Node built-in) import left in the bundle. */
  readonly nodeImports: ReadonlyArray<string>
  readonly bytes: number
}

/**
 * Bundles `entry` as a Worker module would be (esbuild, platform `browser`,
 * conditions `workerd` and `worker`, as wrangler does), failing on anything
 * that does not resolve, and lists the Node built-ins it still imports.
 */
export const bundleForWorkers = async (entry: string, outfile: string): Promise<WorkerBundle> => {
  const result = await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    target: "es2022",
    metafile: true,
    logLevel: "silent"
  })
  const nodeImports = new Set<string>()
  for (const input of Object.values(result.metafile.inputs)) {
    for (const imported of input.imports) {
      if (imported.external && (imported.path.startsWith("node:") || !imported.path.startsWith("."))) {
        nodeImports.add(imported.path)
      }
    }
  }
  const output = result.metafile.outputs[Object.keys(result.metafile.outputs)[0]!]!
  return { outfile, nodeImports: [...nodeImports].sort(), bytes: output.bytes }
}
