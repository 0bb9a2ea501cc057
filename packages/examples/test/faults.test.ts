/**
 * The fault-injection snippets of docs/testing.md, run. Each `#region` below
 * is included in the page verbatim (docs:check compares them), and the tests
 * check that the snippet does what the page says it does.
 */
import { ClerkConfig, Sessions } from "@clerk-effect/backend"
import { FakeClerk, Fault } from "@clerk-effect/testing"
import { assert, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as TestClock from "effect/TestClock"

const seed = { sessions: [{ id: "sess_1", userId: "user_1" }] }

// #region schedule
const flakyClerk = Effect.gen(function* () {
  yield* FakeClerk.injectFault(Fault.rateLimited({ retryAfter: 2 })) // the next request: 429, Retry-After: 2
  yield* FakeClerk.injectFault(Fault.serviceUnavailable(), { times: 3, method: "GET" }) // then 3 GETs: 503
  yield* FakeClerk.injectFault(Fault.connectionReset(), { path: /\/revoke$/ }) // and the next revoke: reset
})
// #endregion schedule

// #region latency
const slowGet = Effect.gen(function* () {
  yield* FakeClerk.injectFault(Fault.latency("2 seconds"))
  const fiber = yield* Effect.fork(Sessions.get("sess_1"))
  yield* TestClock.adjust("2 seconds")
  return yield* Fiber.join(fiber)
})
// #endregion latency

describe("docs/testing.md: faults", () => {
  it.effect("scheduled faults apply to the matching requests, in the order injected", () =>
    Effect.gen(function* () {
      yield* flakyClerk
      const rateLimited = yield* Effect.flip(Sessions.get("sess_1"))
      assert.strictEqual(rateLimited._tag, "ClerkErrors")
      if (rateLimited._tag === "ClerkErrors") {
        assert.strictEqual(rateLimited.status, 429)
        assert.deepStrictEqual(rateLimited.retryAfter, Duration.seconds(2))
      }
      for (let i = 0; i < 3; i++) {
        const unavailable = yield* Effect.flip(Sessions.get("sess_1"))
        assert.strictEqual(unavailable._tag === "ClerkErrors" ? unavailable.status : undefined, 503)
      }
      const reset = yield* Effect.flip(Sessions.revoke("sess_1"))
      assert.strictEqual(reset._tag === "SDKError" ? reset.reason : undefined, "Transport")
      // Every fault used up: the fake answers normally again, and nothing was revoked.
      assert.strictEqual((yield* Sessions.get("sess_1")).status, "active")
      assert.strictEqual((yield* FakeClerk.requests).length, 6)
    }).pipe(Effect.provide(FakeClerk.layer({ ...seed, config: { retry: false } })))
  )

  it.effect("a retried operation absorbs a one-shot fault; FakeClerk.requests shows both attempts", () =>
    Effect.gen(function* () {
      yield* FakeClerk.injectFault(Fault.serviceUnavailable())
      const fiber = yield* Effect.fork(Sessions.get("sess_1"))
      yield* TestClock.adjust("10 seconds")
      assert.strictEqual((yield* Fiber.join(fiber)).id, "sess_1")
      assert.strictEqual((yield* FakeClerk.requests).length, 2)
    }).pipe(Effect.provide(FakeClerk.layer(seed)))
  )

  it.effect("retries can be turned off per call", () =>
    Effect.gen(function* () {
      yield* FakeClerk.injectFault(Fault.serviceUnavailable())
      const error = yield* Effect.flip(Sessions.get("sess_1").pipe(ClerkConfig.withRequestOptions({ retry: false })))
      assert.strictEqual(error._tag === "ClerkErrors" ? error.status : undefined, 503)
      assert.strictEqual((yield* FakeClerk.requests).length, 1)
    }).pipe(Effect.provide(FakeClerk.layer(seed)))
  )

  it.effect("a latency fault is released by the TestClock", () =>
    Effect.gen(function* () {
      const session = yield* slowGet
      assert.strictEqual(session.id, "sess_1")
    }).pipe(Effect.provide(FakeClerk.layer(seed)))
  )

  it.effect("setLatency delays every request until clearFaults", () =>
    Effect.gen(function* () {
      yield* FakeClerk.setLatency("300 millis")
      const fiber = yield* Effect.fork(Sessions.get("sess_1"))
      yield* TestClock.adjust("299 millis")
      assert.isTrue(Option.isNone(yield* Fiber.poll(fiber)))
      yield* TestClock.adjust("1 millis")
      yield* Fiber.join(fiber)
      yield* FakeClerk.clearFaults
      assert.strictEqual((yield* Sessions.get("sess_1")).id, "sess_1")
    }).pipe(Effect.provide(FakeClerk.layer(seed)))
  )
})
