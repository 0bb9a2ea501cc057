#!/usr/bin/env node
/**
 * Builds the package in the current directory to `dist/`:
 *
 * - `dist/esm`: ES modules with `.d.ts` and declaration maps (tsconfig.build.json);
 * - `dist/cjs`: CommonJS with its own `.d.ts` (tsconfig.build.cjs.json), marked
 *   `{"type":"commonjs"}` so that Node and TypeScript read those files as CJS
 *   inside a `"type": "module"` package (that is what keeps attw clean);
 * - the `bin` entry (if the package has one in publishConfig) gets a node
 *   shebang and the executable bit, so it runs under plain `node` once packed.
 *
 * Run from a package directory (`pnpm build` at the root runs it for each).
 */
import { spawnSync } from "node:child_process"
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"

const cwd = process.cwd()
const pkg = JSON.parse(readFileSync(join(cwd, "package.json"), "utf8"))
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc")

const run = (project) => {
  const result = spawnSync(process.execPath, [tsc, "-p", project], { cwd, stdio: "inherit" })
  if (result.status !== 0) {
    console.error(`${pkg.name}: tsc -p ${project} failed`)
    process.exit(result.status ?? 1)
  }
}

// A package that reports its own version (the SDK's User-Agent) reads it from
// src/internal/version.ts, rewritten here from package.json so that a release
// (changesets bumps package.json) can never ship a stale one.
const versionFile = join(cwd, "src/internal/version.ts")
if (existsSync(versionFile)) {
  const source = readFileSync(versionFile, "utf8")
  const updated = source.replace(/PACKAGE_VERSION = "[^"]*"/, `PACKAGE_VERSION = ${JSON.stringify(pkg.version)}`)
  if (updated !== source) writeFileSync(versionFile, updated)
}

rmSync(join(cwd, "dist"), { recursive: true, force: true })
run("tsconfig.build.json")
run("tsconfig.build.cjs.json")
writeFileSync(join(cwd, "dist/cjs/package.json"), `${JSON.stringify({ type: "commonjs" }, null, 2)}\n`)

const bins = pkg.publishConfig?.bin ?? {}
for (const file of typeof bins === "string" ? [bins] : Object.values(bins)) {
  const path = join(cwd, file)
  if (!existsSync(path)) {
    console.error(`${pkg.name}: bin ${file} was not built`)
    process.exit(1)
  }
  const text = readFileSync(path, "utf8")
  // The source may carry a tsx shebang for development; the built file runs under node.
  const body = text.startsWith("#!") ? text.slice(text.indexOf("\n") + 1) : text
  writeFileSync(path, `#!/usr/bin/env node\n${body}`)
  chmodSync(path, 0o755)
}
console.log(`${pkg.name}: built dist/esm and dist/cjs`)
