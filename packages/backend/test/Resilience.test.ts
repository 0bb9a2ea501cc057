import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Exit, Fiber, Redacted, Schedule, TestClock } from "effect"
import { ClerkConfig } from "../src/ClerkConfig.js"
import type { ClerkError } from "../src/Errors.js"
import { Sessions } from "../src/Sessions.js"
import { type Fault, gaps, runWithClock, ScriptedHttp, scriptedLayer, status } from "./ResilienceHarness.js"

const refreshParams = { expiredToken: "jwt", refreshToken: "rt", requestOrigin: "https://app.example" }

const operations: ReadonlyArray<{
  readonly name: string
  readonly idempotent: boolean
  readonly run: Effect.Effect<unknown, ClerkError, Sessions>
}> = [
  { name: "get", idempotent: true, run: Sessions.get("sess_1") },
  { name: "list", idempotent: true, run: Sessions.list({ userId: "user_1" }) },
  { name: "revoke", idempotent: true, run: Sessions.revoke("sess_1") },
  { name: "createToken", idempotent: true, run: Sessions.createToken("sess_1") },
  { name: "createTokenFromTemplate", idempotent: true, run: Sessions.createTokenFromTemplate("sess_1", "hasura") },
  { name: "create", idempotent: false, run: Sessions.create({ userId: "user_1" }) },
  { name: "refresh", idempotent: false, run: Sessions.refresh("sess_1", refreshParams) }
]

const BACKOFF = [250, 500, 1000]
const TIMEOUT = 1000

// One row per fault: does an idempotent / a non-idempotent operation retry it,
// and what are the waits between attempts (jitter off, defaults otherwise).
const faults: ReadonlyArray<{
  readonly name: string
  readonly fault: Fault
  readonly idempotent: boolean
  readonly nonIdempotent: boolean
  readonly gaps: ReadonlyArray<number>
}> = [
  { name: "408", fault: status(408), idempotent: true, nonIdempotent: false, gaps: BACKOFF },
  { name: "429", fault: status(429), idempotent: true, nonIdempotent: true, gaps: BACKOFF },
  { name: "500", fault: status(500), idempotent: true, nonIdempotent: false, gaps: BACKOFF },
  { name: "502", fault: status(502), idempotent: true, nonIdempotent: false, gaps: BACKOFF },
  {
    name: "502 HTML",
    fault: { _tag: "Status", status: 502, html: true },
    idempotent: true,
    nonIdempotent: false,
    gaps: BACKOFF
  },
  { name: "503", fault: status(503), idempotent: true, nonIdempotent: false, gaps: BACKOFF },
  { name: "504", fault: status(504), idempotent: true, nonIdempotent: false, gaps: BACKOFF },
  { name: "connection reset", fault: { _tag: "Reset" }, idempotent: true, nonIdempotent: false, gaps: BACKOFF },
  {
    name: "attempt timeout (body never ends)",
    fault: { _tag: "HangBody" },
    idempotent: true,
    nonIdempotent: false,
    gaps: BACKOFF.map((wait) => TIMEOUT + wait)
  },
  { name: "connection refused", fault: { _tag: "Refused" }, idempotent: true, nonIdempotent: true, gaps: BACKOFF },
  { name: "400", fault: status(400), idempotent: false, nonIdempotent: false, gaps: [] },
  { name: "401", fault: status(401), idempotent: false, nonIdempotent: false, gaps: [] },
  { name: "404", fault: status(404), idempotent: false, nonIdempotent: false, gaps: [] },
  { name: "422", fault: status(422), idempotent: false, nonIdempotent: false, gaps: [] }
]

describe("retry policy by operation kind", () => {
  for (const operation of operations) {
    for (const row of faults) {
      const retried = operation.idempotent ? row.idempotent : row.nonIdempotent
      it.effect(`${operation.name} on ${row.name}: ${retried ? "4 attempts" : "1 attempt"}`, () =>
        Effect.gen(function* () {
          const script = yield* ScriptedHttp
          script.otherwise = row.fault
          const exit = yield* runWithClock(operation.run)
          expect(Exit.isFailure(exit)).toBe(true)
          expect(script.log.length).toBe(retried ? 4 : 1)
          expect(gaps(script.log)).toEqual(retried ? row.gaps : [])
        }).pipe(Effect.provide(scriptedLayer({ timeout: TIMEOUT })))
      )
    }
  }

  it.effect("a transient failure followed by success succeeds", () =>
    Effect.gen(function* () {
      const script = yield* ScriptedHttp
      script.faults.push(status(503), { _tag: "Reset" }, status(429))
      const exit = yield* runWithClock(Sessions.get("sess_1"))
      expect(Exit.isSuccess(exit)).toBe(true)
      expect(script.log.length).toBe(4)
    }).pipe(Effect.provide(scriptedLayer()))
  )

  it.effect("waits are capped by maxDelay and attempts by maxAttempts", () =>
    Effect.gen(function* () {
      const script = yield* ScriptedHttp
      script.otherwise = status(500)
      yield* runWithClock(Sessions.get("sess_1"))
      expect(gaps(script.log)).toEqual([1000, 2000, 3000, 3000, 3000])
    }).pipe(
      Effect.provide(
        scriptedLayer({ retry: { jitter: false, baseDelay: "1 second", maxDelay: "3 seconds", maxAttempts: 6 } })
      )
    )
  )

  it.effect("jitter keeps each wait within 0.8x..1.2x of the backoff", () =>
    Effect.gen(function* () {
      const script = yield* ScriptedHttp
      script.otherwise = status(500)
      yield* runWithClock(Sessions.get("sess_1"), 300_000, 10)
      const waits = gaps(script.log)
      expect(waits.length).toBe(3)
      waits.forEach((wait, i) => {
        expect(wait).toBeGreaterThanOrEqual(BACKOFF[i]! * 0.8 - 10)
        expect(wait).toBeLessThanOrEqual(BACKOFF[i]! * 1.2 + 10)
      })
    }).pipe(Effect.provide(scriptedLayer({ retry: { jitter: true } })))
  )

  it.effect("any Schedule can replace the backoff", () =>
    Effect.gen(function* () {
      const script = yield* ScriptedHttp
      script.otherwise = status(502)
      yield* runWithClock(Sessions.get("sess_1"))
      expect(gaps(script.log)).toEqual([100, 100])
    }).pipe(
      Effect.provide(
        scriptedLayer({
          retry: { schedule: Schedule.spaced("100 millis").pipe(Schedule.intersect(Schedule.recurs(2))) }
        })
      )
    )
  )

  it.effect("retry: false sends once", () =>
    Effect.gen(function* () {
      const script = yield* ScriptedHttp
      script.otherwise = status(503)
      yield* runWithClock(Sessions.get("sess_1"))
      expect(script.log.length).toBe(1)
    }).pipe(Effect.provide(scriptedLayer({ retry: false })))
  )
})

describe("Retry-After", () => {
  it.effect("Retry-After: 2 waits two seconds, not the backoff", () =>
    Effect.gen(function* () {
      const script = yield* ScriptedHttp
      script.faults.push(status(429, { "retry-after": "2" }))
      const exit = yield* runWithClock(Sessions.get("sess_1"))
      expect(Exit.isSuccess(exit)).toBe(true)
      expect(gaps(script.log)).toEqual([2000])
    }).pipe(Effect.provide(scriptedLayer()))
  )

  it.effect("is honoured on 503 too, and on create (429 means not processed)", () =>
    Effect.gen(function* () {
      const script = yield* ScriptedHttp
      script.faults.push(status(503, { "retry-after": "3" }))
      yield* runWithClock(Sessions.get("sess_1"))
      script.faults.push(status(429, { "retry-after": "4" }))
      yield* runWithClock(Sessions.create({ userId: "user_1" }))
      expect(gaps(script.log)).toEqual([3000, expect.any(Number), 4000])
    }).pipe(Effect.provide(scriptedLayer()))
  )

  it.effect("is ignored on a 500 (backoff instead)", () =>
    Effect.gen(function* () {
      const script = yield* ScriptedHttp
      script.faults.push(status(500, { "retry-after": "20" }))
      yield* runWithClock(Sessions.get("sess_1"))
      expect(gaps(script.log)).toEqual([250])
    }).pipe(Effect.provide(scriptedLayer()))
  )

  it.effect("an HTTP-date is honoured", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(Date.UTC(2026, 10, 28, 12, 0, 0))
      const script = yield* ScriptedHttp
      script.faults.push(status(429, { "retry-after": new Date(Date.UTC(2026, 10, 28, 12, 0, 5)).toUTCString() }))
      yield* runWithClock(Sessions.get("sess_1"))
      expect(gaps(script.log)).toEqual([5000])
    }).pipe(Effect.provide(scriptedLayer()))
  )

  it.effect("an absurd value is capped by maxRetryAfter", () =>
    Effect.gen(function* () {
      const script = yield* ScriptedHttp
      script.faults.push(status(429, { "retry-after": "86400" }))
      yield* runWithClock(Sessions.get("sess_1"))
      expect(gaps(script.log)).toEqual([30_000])
    }).pipe(Effect.provide(scriptedLayer()))
  )

  it.effect("when retries run out, the final ClerkErrors still carries retryAfter", () =>
    Effect.gen(function* () {
      const script = yield* ScriptedHttp
      script.otherwise = status(429, { "retry-after": "1" })
      const exit = yield* runWithClock(Sessions.get("sess_1"))
      expect(script.log.length).toBe(4)
      expect(exit).toStrictEqual(Exit.fail(expect.anything()))
      const error = Exit.isFailure(exit) && exit.cause._tag === "Fail" ? exit.cause.error : undefined
      expect(error?._tag).toBe("ClerkErrors")
      expect(error?.retryAfter).toEqual(Duration.seconds(1))
    }).pipe(Effect.provide(scriptedLayer()))
  )
})

describe("timeouts and deadline", () => {
  it.effect(
    "a body that never finishes ends in SDKError Timeout at the configured time, and the request is aborted",
    () =>
      Effect.gen(function* () {
        const script = yield* ScriptedHttp
        script.otherwise = { _tag: "HangBody" }
        const exit = yield* runWithClock(Sessions.get("sess_1"), 60_000, 100)
        const now = yield* TestClock.currentTimeMillis
        expect(now).toBe(2000)
        expect(exit).toMatchObject({ _tag: "Failure", cause: { error: { _tag: "SDKError", reason: "Timeout" } } })
        expect(script.log[0]!.signal.aborted).toBe(true)
      }).pipe(Effect.provide(scriptedLayer({ retry: false, timeout: "2 seconds" })))
  )

  it.effect("a request that never answers is aborted on timeout too", () =>
    Effect.gen(function* () {
      const script = yield* ScriptedHttp
      script.otherwise = { _tag: "HangResponse" }
      const exit = yield* runWithClock(Sessions.get("sess_1"), 60_000, 100)
      expect(exit).toMatchObject({ _tag: "Failure", cause: { error: { _tag: "SDKError", reason: "Timeout" } } })
      expect(script.log[0]!.signal.aborted).toBe(true)
    }).pipe(Effect.provide(scriptedLayer({ retry: false, timeout: "2 seconds" })))
  )

  it.effect("the overall deadline cuts retries short", () =>
    Effect.gen(function* () {
      const script = yield* ScriptedHttp
      script.otherwise = status(429, { "retry-after": "10" })
      const exit = yield* runWithClock(Sessions.get("sess_1"), 120_000, 100)
      expect(yield* TestClock.currentTimeMillis).toBe(15_000)
      expect(script.log.length).toBe(2)
      expect(exit).toMatchObject({ _tag: "Failure", cause: { error: { _tag: "SDKError", reason: "Timeout" } } })
    }).pipe(Effect.provide(scriptedLayer({ deadline: "15 seconds" })))
  )
})

describe("per-call overrides", () => {
  it.effect("withRequestOptions({ retry: false, timeout }) applies to that call only", () =>
    Effect.gen(function* () {
      const script = yield* ScriptedHttp
      script.otherwise = { _tag: "HangBody" }
      yield* runWithClock(
        Sessions.get("sess_1").pipe(ClerkConfig.withRequestOptions({ retry: false, timeout: "2 seconds" })),
        60_000,
        100
      )
      expect(script.log.length).toBe(1)
      expect(yield* TestClock.currentTimeMillis).toBe(2000)
      script.otherwise = status(500)
      yield* runWithClock(Sessions.get("sess_1"))
      expect(script.log.length).toBe(1 + 4)
    }).pipe(Effect.provide(scriptedLayer()))
  )

  it.effect("retry options merge with the configured ones", () =>
    Effect.gen(function* () {
      const script = yield* ScriptedHttp
      script.otherwise = status(500)
      yield* runWithClock(Sessions.get("sess_1").pipe(ClerkConfig.withRequestOptions({ retry: { maxAttempts: 2 } })))
      expect(gaps(script.log)).toEqual([250])
    }).pipe(Effect.provide(scriptedLayer()))
  )
})

describe("interruption", () => {
  it.effect("interrupting cancels the in-flight request", () =>
    Effect.gen(function* () {
      const script = yield* ScriptedHttp
      script.otherwise = { _tag: "HangResponse" }
      const fiber = yield* Effect.fork(Sessions.get("sess_1"))
      yield* TestClock.adjust(100)
      yield* Fiber.interrupt(fiber)
      expect(script.log.length).toBe(1)
      expect(script.log[0]!.signal.aborted).toBe(true)
    }).pipe(Effect.provide(scriptedLayer()))
  )

  it.effect("interrupting during a retry wait sends nothing more", () =>
    Effect.gen(function* () {
      const script = yield* ScriptedHttp
      script.otherwise = status(503, { "retry-after": "5" })
      const fiber = yield* Effect.fork(Sessions.get("sess_1"))
      yield* TestClock.adjust(1000)
      expect(script.log.length).toBe(1)
      yield* Fiber.interrupt(fiber)
      yield* TestClock.adjust(60_000)
      expect(script.log.length).toBe(1)
    }).pipe(Effect.provide(scriptedLayer()))
  )
})

describe("client-side rate limiting", () => {
  it.effect("holds a burst of 300 calls under 100 per 10 seconds", () =>
    Effect.gen(function* () {
      const script = yield* ScriptedHttp
      const exit = yield* runWithClock(
        Effect.all(
          Array.from({ length: 300 }, () => Sessions.get("sess_1")),
          { concurrency: "unbounded" }
        ),
        120_000,
        100
      )
      expect(Exit.isSuccess(exit)).toBe(true)
      expect(script.log.length).toBe(300)
      const times = script.log.map((request) => request.at).sort((a, b) => a - b)
      // No 10-second span, wherever it starts, holds more than 100 requests.
      times.forEach((start, i) => {
        const inWindow = times.slice(i).filter((t) => t < start + 10_000).length
        expect(inWindow).toBeLessThanOrEqual(100)
      })
      expect(times[times.length - 1]! - times[0]!).toBeGreaterThanOrEqual(20_000)
    }).pipe(Effect.provide(scriptedLayer({ rateLimit: "development", deadline: "2 minutes" })))
  )

  it("presets carry Clerk's documented limits", () => {
    expect(
      Effect.runSync(ClerkConfig.make({ secretKey: Redacted.make("sk_test_presets"), rateLimit: "production" }))
        .rateLimit
    ).toEqual({
      limit: 1000,
      interval: "10 seconds"
    })
    expect(Effect.runSync(ClerkConfig.make({ secretKey: Redacted.make("sk_test_presets") })).rateLimit).toBeUndefined()
  })
})
