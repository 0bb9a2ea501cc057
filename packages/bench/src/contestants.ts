/**
 * The clients compared by the latency and throughput benchmarks, each behind
 * the same two functions: `sequential(n)` makes n calls one after the other,
 * `concurrent(n, c)` makes n calls with c in flight at any time.
 *
 * @since 0.1.0
 */

import * as http from "node:http"
import { createClerkClient } from "@clerk/backend"
import { ClerkConfig, FetchTransport, Sessions } from "@clerk-effect/backend"
import * as NodeTransport from "@clerk-effect/backend/NodeTransport"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import { SECRET_KEY, SESSION_ID } from "./fixtures.js"
import type { Contestant } from "./loops.js"
import {
  cancellableFetchContestant,
  effectContestant,
  headers,
  plainFetchContestant,
  promiseContestant,
  sessionUrl
} from "./loops.js"

/**
 * @since 0.1.0
 * @category models
 */
export type { Contestant } from "./loops.js"

/**
 * Our SDK's `Sessions.get` on a given `HttpClient` layer. The loops run inside
 * Effect, the way an Effect service calls the SDK.
 *
 * @since 0.1.0
 * @category constructors
 */
export const sdkContestant = (
  name: string,
  apiUrl: string,
  transport: Layer.Layer<HttpClient.HttpClient>
): Contestant => {
  const runtime = ManagedRuntime.make(
    Sessions.layer.pipe(
      Layer.provide(ClerkConfig.layer({ secretKey: Redacted.make(SECRET_KEY), apiUrl })),
      Layer.provide(transport)
    )
  )
  return effectContestant(name, runtime, Sessions.get(SESSION_ID))
}

/**
 * Plain `node:http` with a keep-alive agent and `JSON.parse`, same headers:
 * the floor of the transport `NodeTransport` is built on. Not the target's
 * baseline (that is plain `fetch`); shown so that the SDK's own cost on
 * `NodeTransport` can be read off against its transport too.
 *
 * @since 0.1.0
 * @category constructors
 */
export const plainNodeHttpContestant = (apiUrl: string): Contestant => {
  const url = new URL(sessionUrl(apiUrl))
  const agent = new http.Agent({ keepAlive: true })
  const call = () =>
    new Promise<unknown>((resolve, reject) => {
      const req = http.request(url, { headers, agent }, (res) => {
        res.setEncoding("utf8")
        let text = ""
        res.on("data", (chunk: string) => {
          text += chunk
        })
        res.on("end", () => resolve(JSON.parse(text)))
        res.on("error", reject)
      })
      req.on("error", reject)
      req.end()
    })
  return promiseContestant("node:http + JSON.parse", call, async () => agent.destroy())
}

/**
 * Clerk's own `@clerk/backend` `sessions.getSession` (global `fetch` inside).
 *
 * @since 0.1.0
 * @category constructors
 */
export const clerkBackendContestant = (apiUrl: string): Contestant => {
  const clerk = createClerkClient({ secretKey: SECRET_KEY, apiUrl })
  const call = () => clerk.sessions.getSession(SESSION_ID)
  return promiseContestant("@clerk/backend getSession", call)
}

const makers: ReadonlyArray<(apiUrl: string) => Contestant> = [
  plainFetchContestant,
  (apiUrl) => sdkContestant("SDK on FetchHttpClient", apiUrl, FetchHttpClient.layer),
  (apiUrl) => sdkContestant("SDK on NodeHttpClient.layerUndici", apiUrl, NodeHttpClient.layerUndici),
  (apiUrl) => sdkContestant("SDK on FetchTransport (ours)", apiUrl, FetchTransport.layer),
  (apiUrl) => sdkContestant("SDK on NodeTransport (ours)", apiUrl, NodeTransport.layer),
  clerkBackendContestant,
  plainNodeHttpContestant,
  cancellableFetchContestant
]

/**
 * How many contestants the latency and throughput benchmarks compare; the
 * first is the baseline.
 *
 * @since 0.1.0
 * @category constants
 */
export const CONTESTANTS = makers.length

/**
 * The contestant at `index` (0 is the baseline). main.ts loads each one
 * from a module instance of its own, so that no two contestants share
 * JavaScript code: in one instance, the Effect runtime code that four
 * transports run through turns polymorphic and slows every one of them, which
 * no service with one transport sees.
 *
 * @since 0.1.0
 * @category constructors
 */
export const contestant = (index: number, apiUrl: string): Contestant => makers[index]!(apiUrl)
