/**
 * Runs every program of the effect-4 examples in `src/` (not `src/lib/`),
 * under Node 22 (this script is started by scripts/node22.mjs), one after the other, as CI
 * does, and fails if any of them fails or hangs. Each program must end by
 * itself: servers it starts belong to a scoped layer.
 */
import { spawnSync } from "node:child_process"
import { readdirSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const programs = readdirSync(join(root, "src"))
  .filter((file) => file.endsWith(".ts"))
  .sort()

let failed = 0
for (const program of programs) {
  const started = Date.now()
  const result = spawnSync(process.execPath, ["--import", "tsx", join("src", program)], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 120_000,
    // Examples run against the fake backend: a real key in the environment must not redirect them.
    env: { ...process.env, CLERK_SECRET_KEY: "" }
  })
  const ms = Date.now() - started
  if (result.status === 0) {
    console.log(`ok   ${program} (${ms} ms)`)
  } else {
    failed++
    console.log(`FAIL ${program} (${ms} ms, exit ${result.status ?? result.signal})`)
    process.stdout.write(result.stdout)
    process.stderr.write(result.stderr)
  }
}
console.log(`${programs.length - failed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
