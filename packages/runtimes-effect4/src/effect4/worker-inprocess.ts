/**
 * The "in-process fake" check as a Worker: `@clerk-effect/testing-effect4`'s fake
 * inside workerd (see inprocess.ts).
 */

import type { RunReport } from "../fixtures.js"
import { runInProcess } from "./inprocess.js"
import { detectedRuntime } from "./program.js"

export default {
  async fetch(): Promise<Response> {
    const report: RunReport = {
      runtime: "workerd",
      version: navigator.userAgent,
      detected: detectedRuntime(),
      transports: await runInProcess()
    }
    return Response.json(report)
  }
}
