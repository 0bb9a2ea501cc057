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
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import { SECRET_KEY, SESSION_ID } from "./fixtures.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Contestant {
  readonly name: string
  readonly sequential: (n: number) => Promise<void>
  readonly concurrent: (n: number, concurrency: number) => Promise<void>
  readonly dispose: () => Promise<void>
}

// The headers our SDK sends, for the plain contestants.
const headers = {
  authorization: `Bearer ${SECRET_KEY}`,
  accept: "application/json",
  "clerk-api-version": "2026-05-12"
}

const promiseWorkers = async (n: number, concurrency: number, call: () => Promise<unknown>) => {
  let next = 0
  const worker = async () => {
    while (next < n) {
      next++
      await call()
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
}

// A contestant whose call is a plain promise: a loop, or `concurrency` workers.
const promiseContestant = (
  name: string,
  call: () => Promise<unknown>,
  dispose: () => Promise<void> = async () => {}
): Contestant => ({
  name,
  sequential: async (n) => {
    for (let i = 0; i < n; i++) await call()
  },
  concurrent: (n, concurrency) => promiseWorkers(n, concurrency, call),
  dispose
})

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
  const get = Sessions.get(SESSION_ID)
  return {
    name,
    sequential: (n) => runtime.runPromise(Effect.repeatN(get, n - 1)).then(() => undefined),
    // `concurrency` long-lived fibers taking calls from one counter, the same
    // shape as promiseWorkers below: `Effect.forEach` would fork a fiber per
    // call, a cost of the harness (about 10% of the calls per second here)
    // that the promise-based contestants do not pay.
    concurrent: (n, concurrency) =>
      runtime.runPromise(
        Effect.suspend(() => {
          let next = 0
          const worker = Effect.whileLoop({
            while: () => next < n,
            body: () => {
              next++
              return get
            },
            step: () => {}
          })
          return Effect.all(
            Array.from({ length: concurrency }, () => worker),
            {
              concurrency: "unbounded",
              discard: true
            }
          )
        })
      ),
    dispose: () => runtime.dispose()
  }
}

/**
 * Plain `fetch` and `JSON.parse`, with the same headers our SDK sends: the
 * floor no client on this transport can beat.
 *
 * @since 0.1.0
 * @category constructors
 */
export const plainFetchContestant = (apiUrl: string): Contestant => {
  const url = `${apiUrl}/v1/sessions/${SESSION_ID}`
  const call = async () => {
    const response = await fetch(url, { headers })
    return JSON.parse(await response.text())
  }
  return promiseContestant("fetch + JSON.parse", call)
}

/**
 * Plain `fetch` made cancellable the way any client that can time out or be
 * interrupted must make it: an `AbortController` whose signal goes with the
 * request, and a timer that would abort it (cleared once the body is read).
 * `@clerk/backend` passes no signal (a call of its can neither time out nor be
 * cancelled); `FetchTransport` does, so this row is its floor, and the
 * difference to the plain row is what the platform's fetch charges for the
 * signal alone.
 *
 * @since 0.1.0
 * @category constructors
 */
export const cancellableFetchContestant = (apiUrl: string): Contestant => {
  const url = `${apiUrl}/v1/sessions/${SESSION_ID}`
  const call = async () => {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), 10_000)
    try {
      const response = await fetch(url, { headers, signal: controller.signal })
      return JSON.parse(await response.text())
    } finally {
      clearTimeout(timer)
    }
  }
  return promiseContestant("fetch + AbortSignal + timer + JSON.parse", call)
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
  const url = new URL(`${apiUrl}/v1/sessions/${SESSION_ID}`)
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
