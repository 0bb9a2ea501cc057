/**
 * Retries, Retry-After, timeouts, the deadline, per-call overrides and
 * interruption under the TestClock: the shared scenarios
 * (`@clerk-effect/behaviour-cases/resilience`) on both exchanges. What
 * only this edition can say (an effect-4 `Schedule` as backoff,
 * `ClerkConfig.make`'s presets) is written here.
 */
import { viewOf } from "@clerk-effect/behaviour-cases/outcomes"
import {
  gaps,
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
import { Clock, Effect, Exit, Fiber, Redacted, Schedule } from "effect"
import { TestClock } from "effect/testing"
import { ClerkConfig } from "../../src/ClerkConfig.js"
import { configOptions, EXCHANGES, type ExchangeKind, outcomeOf, run } from "./adapter.js"
import { adjust, runWithClock, scripted } from "./resilienceHarness.js"

const get = retryTable[0]!.runs[0]!.call

const runScenario = (kind: ExchangeKind, scenario: Scenario) =>
  Effect.gen(function* () {
    if (scenario.clockAt !== undefined) yield* TestClock.setTime(scenario.clockAt)
    const { layer, script } = scripted(kind, scenario.config)
    for (const [i, step] of scenario.runs.entries()) {
      script.faults.push(...(step.faults ?? []))
      if (step.otherwise !== undefined) script.otherwise = step.otherwise
      const call = run(step.call)
      const exit = yield* runWithClock(
        Effect.provide(
          step.requestOptions === undefined
            ? call
            : call.pipe(ClerkConfig.withRequestOptions(configOptions(step.requestOptions))),
          layer
        ),
        step.budget,
        step.step
      )
      if (step.outcome !== undefined) {
        const { actual, expected } = viewOf({ outcome: outcomeOf(exit), requests: 0 }, { outcome: step.outcome })
        assert.deepStrictEqual(actual, expected, `run ${i}`)
      }
      if (step.attemptsSoFar !== undefined) assert.strictEqual(script.log.length, step.attemptsSoFar, `run ${i}`)
      if (step.clockAfter !== undefined) assert.strictEqual(yield* Clock.currentTimeMillis, step.clockAfter)
    }
    const waits = gaps(script.log.map((request) => request.at))
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
  })

describe.each(EXCHANGES)("resilience under TestClock (%s exchange)", (kind) => {
  const scenarios = (list: ReadonlyArray<Scenario>) => {
    for (const scenario of list) it.effect(scenario.name, () => runScenario(kind, scenario))
  }

  describe("retry policy by operation kind", () => {
    scenarios(retryTable)
    scenarios(policy)

    it.effect("any Schedule can replace the backoff", () =>
      Effect.gen(function* () {
        const { layer, script } = scripted(kind, {
          retry: { schedule: Schedule.max([Schedule.spaced("100 millis"), Schedule.recurs(2)]) }
        })
        script.otherwise = status(502)
        yield* runWithClock(Effect.provide(run(get), layer))
        expect(gaps(script.log.map((request) => request.at))).toEqual([100, 100])
      })
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
          const { layer, script } = scripted(kind)
          script.otherwise = c.otherwise
          const fiber = yield* Effect.forkChild(Effect.provide(run(get), layer))
          yield* adjust(c.interruptAfter)
          assert.strictEqual(script.log.length, c.attemptsBefore)
          yield* Fiber.interrupt(fiber)
          yield* adjust(c.thenAdvance)
          assert.strictEqual(script.log.length, c.attempts)
          if (c.firstAborted !== undefined) assert.strictEqual(script.log[0]!.signal.aborted, c.firstAborted)
        })
      )
    }
  })

  describe("client-side rate limiting", () => {
    it.effect("holds a burst of 300 calls under 100 per 10 seconds", () =>
      Effect.gen(function* () {
        const { layer, script } = scripted(kind, rateLimitBurst.config)
        const exit = yield* runWithClock(
          Effect.provide(
            Effect.all(
              Array.from({ length: rateLimitBurst.calls }, () => run(rateLimitBurst.call)),
              { concurrency: "unbounded" }
            ),
            layer
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
      })
    )
  })
})

describe("rate limit presets", () => {
  it("presets carry Clerk's documented limits", () => {
    expect(
      Effect.runSync(ClerkConfig.make({ secretKey: Redacted.make("sk_test_presets"), rateLimit: "production" }))
        .rateLimit
    ).toEqual(presets.production)
    expect(Effect.runSync(ClerkConfig.make({ secretKey: Redacted.make("sk_test_presets") })).rateLimit).toBeUndefined()
  })
})
