/**
 * The program as a Cloudflare Worker (bundled by esbuild for workerd, run by
 * miniflare). Its configuration arrives as the Worker's `env`
 * (`CLERK_SECRET_KEY`, `CLERK_API_URL`), read by `Clerk.layerConfig()`:
 *
 * - `GET /?config=env`: through `Clerk.layerEnv(env)` (no compatibility flag needed);
 * - `GET /?config=process`: from `process.env`, Effect's default
 *   `ConfigProvider` (needs the `nodejs_compat` flag, which fills
 *   `process.env` from the Worker's variables).
 *
 * Answers one `RunReport` as JSON.
 */
import { Clerk } from "@clerk-effect/backend-effect4"
import * as Layer from "effect/Layer"
import { pemFromJwks, type RunReport } from "../fixtures.js"
import { detectedRuntime, FETCH_TRANSPORTS, runTransports, sdkFromConfig } from "./program.js"

interface Env {
  readonly CLERK_SECRET_KEY?: string
  readonly CLERK_API_URL?: string
  readonly [binding: string]: unknown
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const mode = new URL(request.url).searchParams.get("config")
    const apiUrl = env.CLERK_API_URL ?? ""
    const secretKey = env.CLERK_SECRET_KEY ?? ""
    const process = (globalThis as { readonly process?: { readonly env?: Record<string, string | undefined> } }).process
    const report: RunReport & { readonly config: string; readonly processEnv: boolean } = {
      runtime: "workerd",
      version: navigator.userAgent,
      detected: detectedRuntime(),
      config: mode ?? "none",
      // Whether this Worker has a process.env at all (only with nodejs_compat).
      processEnv: process?.env?.CLERK_SECRET_KEY !== undefined,
      transports: await runTransports(FETCH_TRANSPORTS, (name, httpClient) => ({
        sdk:
          mode === "env"
            ? sdkFromConfig(httpClient).pipe(Layer.provide(Clerk.layerEnv(env)))
            : sdkFromConfig(httpClient),
        pem: () => pemFromJwks(apiUrl, secretKey),
        label: `${name}_${Date.now()}`
      }))
    }
    return Response.json(report)
  }
}
