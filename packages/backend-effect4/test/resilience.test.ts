import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Schedule } from "effect"
import { TestClock } from "effect/testing"
import { ClerkConfig } from "../src/ClerkConfig.js"
import { Sessions } from "../src/Sessions.js"
import type { FakeClerk, Reply } from "./utils/fakeClerk.js"
import { clerkError, EXCHANGES, makeFake, sessionsLayer, wireSession } from "./utils/fakeClerk.js"

// The direct exchange's fake answers on a microtask, outside the fiber: let it land.
const settle = Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve)))
const adjust = (millis: number) => Effect.andThen(TestClock.adjust(millis), settle)

const ok: Reply = { status: 200, body: wireSession() }
const unavailable: Reply = { status: 503, body: clerkError("service_unavailable") }
const slow: Reply = { status: 200, body: wireSession(), delayMillis: 60_000 }

describe.each(EXCHANGES)("retries, timeouts, deadline and rate limit under TestClock (%s exchange)", (kind) => {
  const start = <A, E>(
    fake: FakeClerk,
    program: Effect.Effect<A, E, Sessions>,
    options: Parameters<typeof sessionsLayer>[1] = {}
  ) =>
    Effect.andThen(Effect.forkChild(Effect.provide(program, sessionsLayer(fake, options))), (fiber) =>
      Effect.as(settle, fiber)
    )

  it.effect("a 503 on get is retried after the backoff: 250 ms, then 500 ms", () =>
    Effect.gen(function* () {
      const fake = makeFake(kind, unavailable, unavailable, ok)
      const fiber = yield* start(fake, Sessions.get("sess_1"))
      expect(fake.requests).toHaveLength(1)
      yield* adjust(249)
      expect(fake.requests).toHaveLength(1)
      yield* adjust(1)
      expect(fake.requests).toHaveLength(2)
      yield* adjust(499)
      expect(fake.requests).toHaveLength(2)
      yield* adjust(1)
      const session = yield* Fiber.join(fiber)
      expect(session.id).toBe("sess_1")
      expect(fake.requests).toHaveLength(3)
    })
  )

  it.effect("a 429's Retry-After replaces the backoff, capped at maxRetryAfter", () =>
    Effect.gen(function* () {
      const limited: Reply = { status: 429, body: clerkError("too_many_requests"), headers: { "retry-after": "2" } }
      const fake = makeFake(kind, limited, ok)
      const fiber = yield* start(fake, Sessions.get("sess_1"))
      yield* adjust(1999)
      expect(fake.requests).toHaveLength(1)
      yield* adjust(1)
      yield* Fiber.join(fiber)
      expect(fake.requests).toHaveLength(2)

      const capped = makeFake(kind, { ...limited, headers: { "retry-after": "3600" } }, ok)
      const cappedFiber = yield* start(capped, Sessions.get("sess_1"), {
        retry: { jitter: false, maxRetryAfter: "5 seconds" }
      })
      yield* adjust(5000)
      yield* Fiber.join(cappedFiber)
      expect(capped.requests).toHaveLength(2)
    })
  )

  it.effect("gives up after maxAttempts with the last error", () =>
    Effect.gen(function* () {
      const fake = makeFake(kind, unavailable)
      const fiber = yield* start(fake, Effect.flip(Sessions.get("sess_1")))
      yield* adjust(250 + 500 + 1000)
      const error = yield* Fiber.join(fiber)
      expect(fake.requests).toHaveLength(4)
      expect(error).toMatchObject({ _tag: "ClerkErrors", status: 503 })
    })
  )

  it.effect("create is not retried on a 500 (it may have been applied), but is on a 429 and a refused connection", () =>
    Effect.gen(function* () {
      const failed = makeFake(kind, { status: 500, body: clerkError("internal") }, ok)
      const error = yield* Effect.flip(Effect.provide(Sessions.create({ userId: "user_1" }), sessionsLayer(failed)))
      expect(error).toMatchObject({ _tag: "ClerkErrors", status: 500 })
      expect(failed.requests).toHaveLength(1)

      const limited = makeFake(kind, { status: 429, body: clerkError("too_many_requests") }, { fail: "refused" }, ok)
      const fiber = yield* start(limited, Sessions.create({ userId: "user_1" }))
      yield* adjust(250)
      yield* adjust(500)
      yield* Fiber.join(fiber)
      expect(limited.requests).toHaveLength(3)
    })
  )

  it.effect("an attempt that outlasts its timeout is SDKError Timeout and its request is aborted", () =>
    Effect.gen(function* () {
      const fake = makeFake(kind, slow)
      const fiber = yield* start(fake, Effect.flip(Sessions.get("sess_1")), { retry: false, timeout: "2 seconds" })
      yield* adjust(1999)
      expect(fiber.pollUnsafe()).toBeUndefined()
      yield* adjust(1)
      const error = yield* Fiber.join(fiber)
      expect(error).toMatchObject({ _tag: "SDKError", reason: "Timeout" })
      expect(error.message).toBe("The attempt did not complete within 2s")
      expect(fake.aborted.count).toBe(1)
    })
  )

  it.effect("the deadline bounds every attempt and wait", () =>
    Effect.gen(function* () {
      const fake = makeFake(kind, slow)
      const fiber = yield* start(fake, Effect.flip(Sessions.get("sess_1")), {
        retry: { jitter: false },
        timeout: "10 seconds",
        deadline: "15 seconds"
      })
      yield* adjust(10_000)
      expect(fake.requests).toHaveLength(1)
      yield* adjust(250)
      expect(fake.requests).toHaveLength(2)
      yield* adjust(4_750)
      const error = yield* Fiber.join(fiber)
      expect(error).toMatchObject({ _tag: "SDKError", reason: "Timeout" })
      expect(error.message).toBe("sessions.get (all attempts) did not complete within 15s")
      expect(fake.requests).toHaveLength(2)
    })
  )

  it.effect("withRequestOptions overrides one call; an unusable override is InvalidInput before any request", () =>
    Effect.gen(function* () {
      const fake = makeFake(kind, unavailable, ok)
      const error = yield* Effect.flip(
        Effect.provide(
          Sessions.get("sess_1").pipe(ClerkConfig.withRequestOptions({ retry: false })),
          sessionsLayer(fake)
        )
      )
      expect(error).toMatchObject({ _tag: "ClerkErrors", status: 503 })
      expect(fake.requests).toHaveLength(1)

      const invalid = yield* Effect.flip(
        Effect.provide(
          Sessions.get("sess_1").pipe(ClerkConfig.withRequestOptions({ timeout: "soon" as never })),
          sessionsLayer(fake)
        )
      )
      expect(invalid).toMatchObject({ _tag: "SDKError", reason: "InvalidInput", field: "requestOptions" })
      expect(fake.requests).toHaveLength(1)
    })
  )

  it.effect("a custom Schedule replaces the backoff; which errors retry is still the operation's policy", () =>
    Effect.gen(function* () {
      const fake = makeFake(kind, unavailable, unavailable, ok)
      const fiber = yield* start(fake, Sessions.get("sess_1"), {
        retry: { schedule: Schedule.spaced("1 second") }
      })
      yield* adjust(1000)
      expect(fake.requests).toHaveLength(2)
      yield* adjust(1000)
      yield* Fiber.join(fiber)
      expect(fake.requests).toHaveLength(3)
    })
  )

  it.effect("the rate limiter: at most `limit` requests start in any window of `interval`", () =>
    Effect.gen(function* () {
      const fake = makeFake(kind, ok)
      const fiber = yield* start(
        fake,
        Effect.all([Sessions.get("a"), Sessions.get("b"), Sessions.get("c")], { concurrency: "unbounded" }),
        { rateLimit: { limit: 2, interval: "1 second" } }
      )
      yield* settle
      expect(fake.requests).toHaveLength(2)
      yield* adjust(999)
      expect(fake.requests).toHaveLength(2)
      yield* adjust(1)
      yield* Fiber.join(fiber)
      expect(fake.requests).toHaveLength(3)
    })
  )
})
