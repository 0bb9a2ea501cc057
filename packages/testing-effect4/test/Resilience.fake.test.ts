/**
 * The retry policy table, row by row, against scripted faults in the
 * in-process fake (TestClock time, no sockets): attempts and the exact waits
 * between them, per operation kind.
 */
import { ClerkConfig, type ClerkError, Sessions } from "@clerk-effect/backend-effect4"
import { describe, expect, it } from "@effect/vitest"
import { Clock, Effect, Exit, Fiber, Layer, Redacted } from "effect"
import { HttpClient } from "effect/http"
import { TestClock } from "effect/testing"
import { FAKE_API_URL, FakeClerk, Fault, type Fault as FaultType } from "../src/index.js"

const sent: Array<number> = []

const layer = Layer.suspend(() => {
  const fake = FakeClerk.layerState({ users: [{ id: "user_1" }], sessions: [{ id: "sess_1", userId: "user_1" }] })
  const http = Layer.effect(
    HttpClient.HttpClient,
    HttpClient.HttpClient.useSync((client) =>
      HttpClient.tapRequest(client, () => Effect.map(Clock.currentTimeMillis, (now) => void sent.push(now)))
    )
  ).pipe(Layer.provide(FakeClerk.layerHttpClient))
  const config = Layer.effect(
    ClerkConfig,
    FakeClerk.use((clerk) =>
      ClerkConfig.make({
        secretKey: Redacted.make(clerk.secretKey),
        apiUrl: FAKE_API_URL,
        retry: { jitter: false },
        timeout: "1 second"
      })
    )
  )
  return Layer.provideMerge(Sessions.layer.pipe(Layer.provide(Layer.merge(http, config))), fake)
})

const refreshParams = { expiredToken: "jwt", refreshToken: "rt", requestOrigin: "https://app.example" }
const operations: ReadonlyArray<readonly [string, boolean, Effect.Effect<unknown, ClerkError, Sessions>]> = [
  ["get", true, Sessions.get("sess_1")],
  ["list", true, Sessions.list({ userId: "user_1" })],
  ["revoke", true, Sessions.revoke("sess_1")],
  ["createToken", true, Sessions.createToken("sess_1")],
  ["createTokenFromTemplate", true, Sessions.createTokenFromTemplate("sess_1", "hasura")],
  ["create", false, Sessions.create({ userId: "user_1" })],
  ["refresh", false, Sessions.refresh("sess_1", refreshParams)]
]

const BACKOFF = [250, 500, 1000]
const rows: ReadonlyArray<
  readonly [string, FaultType, idempotent: boolean, nonIdempotent: boolean, gaps: Array<number>]
> = [
  ["408", Fault.status(408), true, false, BACKOFF],
  ["429", Fault.rateLimited(), true, true, BACKOFF],
  ["429 Retry-After: 2", Fault.rateLimited({ retryAfter: 2 }), true, true, [2000, 2000, 2000]],
  ["500", Fault.internalError(), true, false, BACKOFF],
  ["502", Fault.badGateway(), true, false, BACKOFF],
  ["502 HTML", Fault.htmlBadGateway(), true, false, BACKOFF],
  ["503", Fault.serviceUnavailable(), true, false, BACKOFF],
  ["503 Retry-After: 3", Fault.serviceUnavailable({ retryAfter: 3 }), true, false, [3000, 3000, 3000]],
  ["504", Fault.status(504), true, false, BACKOFF],
  ["connection reset", Fault.connectionReset(), true, false, BACKOFF],
  ["body never ends (1 s attempt timeout)", Fault.neverEndingBody(), true, false, BACKOFF.map((wait) => 1000 + wait)],
  ["400", Fault.status(400), false, false, []],
  ["404", Fault.status(404), false, false, []],
  ["422", Fault.status(422), false, false, []]
]

const runWithClock = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const fiber = yield* Effect.forkChild(Effect.exit(effect))
    for (let elapsed = 0; elapsed < 60_000; elapsed += 50) {
      if (fiber.pollUnsafe() !== undefined) break
      yield* TestClock.adjust(50)
    }
    return yield* Fiber.join(fiber)
  })

describe("retry policy against the in-process fake", () => {
  for (const [name, idempotent, operation] of operations) {
    it.effect(
      `${name} (${idempotent ? "idempotent" : "not idempotent"})`,
      () =>
        Effect.gen(function* () {
          for (const [fault, injected, forIdempotent, forOthers, expectedGaps] of rows) {
            const retried = idempotent ? forIdempotent : forOthers
            sent.length = 0
            yield* FakeClerk.clearFaults
            yield* FakeClerk.injectFault(injected, { times: 10 })
            const exit = yield* runWithClock(operation)
            expect({ fault, failed: Exit.isFailure(exit) }).toEqual({ fault, failed: true })
            expect({ fault, attempts: sent.length }).toEqual({ fault, attempts: retried ? 4 : 1 })
            const gaps = sent.slice(1).map((at, i) => at - sent[i]!)
            expect({ fault, gaps }).toEqual({ fault, gaps: retried ? expectedGaps : [] })
          }
        }).pipe(Effect.provide(layer)),
      60_000
    )
  }
})
