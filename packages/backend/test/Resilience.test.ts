/**
 * Retries, Retry-After, timeouts, the deadline, per-call overrides and
 * interruption under the TestClock: the shared scenarios
 * (`@clerk-effect/behaviour-cases/resilience`) on the scripted transport of
 * ResilienceHarness.ts. What only this edition can say (an effect-3
 * `Schedule` as backoff, `ClerkConfig.make`'s presets) stays written here.
 */
import { viewOf } from "@clerk-effect/behaviour-cases/outcomes"
import {
  interruptions,
  mostInWindow,
  perCallOverrides,
  policy,
  presets,
  rateLimitBurst,
  retryAfter,
  retryTable,
  type Scenario,
  status,
  timeouts
} from "@clerk-effect/behaviour-cases/resilience"
import { assert, describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Fiber, Redacted, Schedule, TestClock } from "effect"
import { ClerkConfig, type ClerkConfigOptions } from "../src/ClerkConfig.js"
import { gaps, runWithClock, ScriptedHttp, scriptedLayer } from "./ResilienceHarness.js"
import { outcomeOf, run } from "./utils/behaviour.js"

/** The cases' options are plain values; this edition's config takes them as they are. */
const options = (plain: object | undefined): Partial<ClerkConfigOptions> => (plain ?? {}) as Partial<ClerkConfigOptions>

const runScenario = (scenario: Scenario) =>
  Effect.gen(function* () {
    if (scenario.clockAt !== undefined) yield* TestClock.setTime(scenario.clockAt)
    const script = yield* ScriptedHttp
    for (const [i, step] of scenario.runs.entries()) {
      script.faults.push(...(step.faults ?? []))
      if (step.otherwise !== undefined) script.otherwise = step.otherwise
      const call = run(step.call)
      const exit = yield* runWithClock(
        step.requestOptions === undefined
          ? call
          : call.pipe(ClerkConfig.withRequestOptions(options(step.requestOptions))),
        step.budget,
        step.step
      )
      if (step.outcome !== undefined) {
        const { actual, expected } = viewOf({ outcome: outcomeOf(exit), requests: 0 }, { outcome: step.outcome })
        assert.deepStrictEqual(actual, expected, `run ${i}: ${JSON.stringify(outcomeOf(exit)).slice(0, 300)}`)
      }
      if (step.attemptsSoFar !== undefined) assert.strictEqual(script.log.length, step.attemptsSoFar, `run ${i}`)
      if (step.clockAfter !== undefined) assert.strictEqual(yield* TestClock.currentTimeMillis, step.clockAfter)
    }
    const waits = gaps(script.log)
    if (scenario.attempts !== undefined) assert.strictEqual(script.log.length, scenario.attempts)
    if (scenario.gaps !== undefined) {
      assert.deepStrictEqual(
        waits,
        scenario.gaps.map((gap, i) => (gap === "any" ? waits[i] : gap))
      )
      assert.isTrue(waits.every((wait) => Number.isFinite(wait)))
    }
    if (scenario.gapsWithin !== undefined) {
      assert.strictEqual(waits.length, scenario.gapsWithin.length)
      waits.forEach((wait, i) => {
        const [min, max] = scenario.gapsWithin![i]!
        assert.isAtLeast(wait, min)
        assert.isAtMost(wait, max)
      })
    }
    if (scenario.firstAborted !== undefined) assert.strictEqual(script.log[0]!.signal.aborted, scenario.firstAborted)
  }).pipe(Effect.provide(scriptedLayer(options(scenario.config))))

const scenarios = (list: ReadonlyArray<Scenario>) => {
  for (const scenario of list) it.effect(scenario.name, () => runScenario(scenario))
}

describe("retry policy by operation kind", () => {
  scenarios(retryTable)
  scenarios(policy)

  it.effect("any Schedule can replace the backoff", () =>
    Effect.gen(function* () {
      const script = yield* ScriptedHttp
      script.otherwise = status(502)
      yield* runWithClock(run(retryTable[0]!.runs[0]!.call))
      expect(gaps(script.log)).toEqual([100, 100])
    }).pipe(
      Effect.provide(
        scriptedLayer({
          retry: { schedule: Schedule.spaced("100 millis").pipe(Schedule.intersect(Schedule.recurs(2))) }
        })
      )
    )
  )
})

describe("Retry-After", () => {
  scenarios(retryAfter)
})

describe("timeouts and deadline", () => {
  scenarios(timeouts)
})

describe("per-call overrides", () => {
  scenarios(perCallOverrides)
})

describe("interruption", () => {
  for (const c of interruptions) {
    it.effect(c.name, () =>
      Effect.gen(function* () {
        const script = yield* ScriptedHttp
        script.otherwise = c.otherwise
        const fiber = yield* Effect.fork(run(retryTable[0]!.runs[0]!.call))
        yield* TestClock.adjust(c.interruptAfter)
        assert.strictEqual(script.log.length, c.attemptsBefore)
        yield* Fiber.interrupt(fiber)
        yield* TestClock.adjust(c.thenAdvance)
        assert.strictEqual(script.log.length, c.attempts)
        if (c.firstAborted !== undefined) assert.strictEqual(script.log[0]!.signal.aborted, c.firstAborted)
      }).pipe(Effect.provide(scriptedLayer()))
    )
  }
})

describe("client-side rate limiting", () => {
  it.effect("holds a burst of 300 calls under 100 per 10 seconds", () =>
    Effect.gen(function* () {
      const script = yield* ScriptedHttp
      const exit = yield* runWithClock(
        Effect.all(
          Array.from({ length: rateLimitBurst.calls }, () => run(rateLimitBurst.call)),
          { concurrency: "unbounded" }
        ),
        rateLimitBurst.budget,
        rateLimitBurst.step
      )
      expect(Exit.isSuccess(exit)).toBe(true)
      expect(script.log.length).toBe(rateLimitBurst.calls)
      const times = script.log.map((request) => request.at)
      // No 10-second span, wherever it starts, holds more than 100 requests.
      expect(mostInWindow(times, rateLimitBurst.window)).toBeLessThanOrEqual(rateLimitBurst.maxInWindow)
      expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(rateLimitBurst.minSpan)
    }).pipe(Effect.provide(scriptedLayer(options(rateLimitBurst.config))))
  )

  it("presets carry Clerk's documented limits", () => {
    expect(
      Effect.runSync(ClerkConfig.make({ secretKey: Redacted.make("sk_test_presets"), rateLimit: "production" }))
        .rateLimit
    ).toEqual(presets.production)
    expect(Effect.runSync(ClerkConfig.make({ secretKey: Redacted.make("sk_test_presets") })).rateLimit).toBeUndefined()
  })
})
