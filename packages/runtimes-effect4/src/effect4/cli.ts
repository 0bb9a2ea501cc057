/**
 * The program's entry on runtimes with a command line (Bun, Deno, Node):
 * `<runtime> cli.js <apiUrl> <secretKey> [transport,...]`. Prints one JSON
 * line (a `RunReport`). The
 * transports default to `FetchTransport,FetchHttpClient,Clerk.transport`; `NodeTransport`
 * (`@clerk-effect/backend-effect4/NodeTransport`, node:http) is loaded only when
 * named, so that Bun's and Deno's Node compatibility can be tried apart.
 */
import type * as HttpClient from "effect/http/HttpClient"
import type * as Layer from "effect/Layer"
import { pemFromJwks, type RunReport } from "../fixtures.js"
import { detectedRuntime, FETCH_TRANSPORTS, runTransports, sdkFromOptions } from "./program.js"

interface RuntimeGlobals {
  readonly Bun?: { readonly version: string }
  readonly Deno?: { readonly version: { readonly deno: string }; readonly args: ReadonlyArray<string> }
  readonly process?: { readonly argv: ReadonlyArray<string>; readonly versions: { readonly node?: string } }
}

const runtime = globalThis as RuntimeGlobals
const args = runtime.Deno?.args ?? runtime.process?.argv.slice(2) ?? []
const [apiUrl, secretKey, extra] = args

const usage = (): never => {
  throw new Error("usage: cli.js <apiUrl> <secretKey> [FetchTransport,FetchHttpClient,NodeTransport]")
}

const loopback = async (apiUrl: string, secretKey: string) => {
  const names = (extra ?? Object.keys(FETCH_TRANSPORTS).join(",")).split(",")
  const transports: Record<string, Layer.Layer<HttpClient.HttpClient>> = {}
  for (const name of names) {
    if (name in FETCH_TRANSPORTS) transports[name] = FETCH_TRANSPORTS[name as keyof typeof FETCH_TRANSPORTS]
    else if (name === "NodeTransport") {
      // A variable specifier, so that nothing but this branch ever loads node:http.
      const specifier = "@clerk-effect/backend-effect4/NodeTransport"
      const module = (await import(specifier)) as { readonly layer: Layer.Layer<HttpClient.HttpClient> }
      transports.NodeTransport = module.layer
    } else usage()
  }
  return runTransports(transports, (name, httpClient) => ({
    sdk: sdkFromOptions(httpClient, { apiUrl, secretKey }),
    pem: () => pemFromJwks(apiUrl, secretKey),
    label: `${name}_${Date.now()}`
  }))
}

const report: RunReport = {
  runtime: runtime.Bun !== undefined ? "bun" : runtime.Deno !== undefined ? "deno" : "node",
  version: runtime.Bun?.version ?? runtime.Deno?.version.deno ?? runtime.process?.versions.node ?? "unknown",
  detected: detectedRuntime(),
  transports: apiUrl !== undefined && secretKey !== undefined ? await loopback(apiUrl, secretKey) : usage()
}
console.log(JSON.stringify(report))
