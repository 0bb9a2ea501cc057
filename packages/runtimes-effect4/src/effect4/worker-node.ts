/**
 * `NodeTransport` in a Worker WITH `nodejs_compat` (tried by the matrix, not
 * required): workerd's own `node:http` and `node:https`. Bundled with the
 * `node:` built-ins left to workerd. Configured from the Worker's `env`, as
 * worker.ts; answers one `RunReport` as JSON.
 */

import { Clerk } from "@clerk-effect/backend-effect4"
import * as NodeTransport from "@clerk-effect/backend-effect4/NodeTransport"
import * as Layer from "effect/Layer"
import { pemFromJwks, type RunReport } from "../fixtures.js"
import { detectedRuntime, runTransports, sdkFromConfig } from "./program.js"

interface Env {
  readonly CLERK_SECRET_KEY?: string
  readonly CLERK_API_URL?: string
  readonly [binding: string]: unknown
}

export default {
  async fetch(_request: Request, env: Env): Promise<Response> {
    const report: RunReport = {
      runtime: "workerd",
      version: navigator.userAgent,
      detected: detectedRuntime(),
      transports: await runTransports({ NodeTransport: NodeTransport.layer }, (name, httpClient) => ({
        sdk: sdkFromConfig(httpClient).pipe(Layer.provide(Clerk.layerEnv(env))),
        pem: () => pemFromJwks(env.CLERK_API_URL ?? "", env.CLERK_SECRET_KEY ?? ""),
        label: `${name}_${Date.now()}`
      }))
    }
    return Response.json(report)
  }
}
