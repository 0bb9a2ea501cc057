/**
 * The "in-process fake" check on runtimes with a command line:
 * `<runtime> inprocess-cli.js`. Prints one JSON line (a `RunReport`). A
 * separate entry, statically importing inprocess.ts, so that Deno needs no
 * read permission for it.
 */

import type { RunReport } from "../fixtures.js"
import { runInProcess } from "./inprocess.js"
import { detectedRuntime } from "./program.js"

interface RuntimeGlobals {
  readonly Bun?: { readonly version: string }
  readonly Deno?: { readonly version: { readonly deno: string } }
  readonly process?: { readonly versions: { readonly node?: string } }
}

const runtime = globalThis as RuntimeGlobals
const report: RunReport = {
  runtime: runtime.Bun !== undefined ? "bun" : runtime.Deno !== undefined ? "deno" : "node",
  version: runtime.Bun?.version ?? runtime.Deno?.version.deno ?? runtime.process?.versions.node ?? "unknown",
  detected: detectedRuntime(),
  transports: await runInProcess()
}
console.log(JSON.stringify(report))
