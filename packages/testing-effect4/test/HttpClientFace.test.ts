import { Sessions } from "@clerk-effect/backend-effect4"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/testing/TestClock"
import { FakeClerk, Fault } from "../src/index.js"
import { behaviourSuite, seed } from "./behaviour.js"

behaviourSuite("HttpClient face", (options) => FakeClerk.layerWithHttpClient(options))

describe("HttpClient face: latency follows the TestClock", () => {
  it.effect("a latency fault delays the answer until the clock moves", () =>
    Effect.gen(function* () {
      yield* FakeClerk.injectFault(Fault.latency("2 seconds"))
      const fiber = yield* Effect.forkChild(Sessions.get("sess_a1"))
      yield* TestClock.adjust("1999 millis")
      assert.isUndefined(fiber.pollUnsafe())
      yield* TestClock.adjust("1 millis")
      assert.strictEqual((yield* Fiber.join(fiber)).id, "sess_a1")
    }).pipe(Effect.provide(FakeClerk.layer(seed)))
  )

  it.effect("setLatency delays every request, clearFaults removes it", () =>
    Effect.gen(function* () {
      yield* FakeClerk.setLatency("500 millis")
      const fiber = yield* Effect.forkChild(Effect.zip(Sessions.get("sess_a1"), Sessions.get("sess_a2")))
      yield* TestClock.adjust("500 millis")
      assert.isUndefined(fiber.pollUnsafe())
      yield* TestClock.adjust("500 millis")
      yield* Fiber.join(fiber)
      yield* FakeClerk.clearFaults
      assert.strictEqual((yield* Sessions.get("sess_a3")).id, "sess_a3")
    }).pipe(Effect.provide(FakeClerk.layer(seed)))
  )
})
