/**
 * The client-side rate limiter (internal/slidingWindowLimiter.ts), driven
 * directly under TestClock: exactly `limit` through at once, each permit back
 * `interval` after it was taken, interruption while queued, and a scope that
 * closes without waiting for pending releases.
 */
import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Exit, Fiber, Ref, Scope, TestClock } from "effect"
import { make } from "../src/internal/slidingWindowLimiter.js"

/** Starts `count` acquisitions, each recording the (test) time it got through. */
const startMany = (acquire: Effect.Effect<void>, count: number, started: Ref.Ref<ReadonlyArray<number>>) =>
  Effect.forEach(
    Array.from({ length: count }, (_, i) => i),
    () =>
      Effect.fork(
        Effect.zipRight(
          acquire,
          Effect.flatMap(TestClock.currentTimeMillis, (now) => Ref.update(started, (all) => [...all, now]))
        )
      ),
    { concurrency: 1 }
  )

describe("slidingWindowLimiter", () => {
  it.scoped("lets exactly `limit` through at once, not one fewer, not one more", () =>
    Effect.gen(function* () {
      const limiter = yield* make(3, "1 second")
      const started = yield* Ref.make<ReadonlyArray<number>>([])
      yield* startMany(limiter.acquire, 5, started)
      yield* TestClock.adjust(0)
      expect(yield* Ref.get(started)).toEqual([0, 0, 0])
      yield* TestClock.adjust("999 millis")
      expect((yield* Ref.get(started)).length).toBe(3)
      yield* TestClock.adjust("1 millis")
      expect(yield* Ref.get(started)).toEqual([0, 0, 0, 1000, 1000])
    })
  )

  it.scoped("each permit comes back `interval` after it was taken: the window slides", () =>
    Effect.gen(function* () {
      const limiter = yield* make(2, Duration.seconds(10))
      const started = yield* Ref.make<ReadonlyArray<number>>([])
      yield* startMany(limiter.acquire, 1, started)
      yield* TestClock.adjust("4 seconds")
      yield* startMany(limiter.acquire, 3, started)
      yield* TestClock.adjust(0)
      // One at 0, one at 4 s; the next two wait for those permits: at 10 s and 14 s.
      expect(yield* Ref.get(started)).toEqual([0, 4000])
      yield* TestClock.adjust("6 seconds")
      expect(yield* Ref.get(started)).toEqual([0, 4000, 10_000])
      yield* TestClock.adjust("4 seconds")
      expect(yield* Ref.get(started)).toEqual([0, 4000, 10_000, 14_000])
      // In any 10-second window, at most 2 started.
      const times = yield* Ref.get(started)
      for (const start of times)
        expect(times.filter((t) => t >= start && t < start + 10_000).length).toBeLessThanOrEqual(2)
    })
  )

  it.scoped("a caller interrupted while queued takes no permit: the next in line gets it on time", () =>
    Effect.gen(function* () {
      const limiter = yield* make(1, "1 second")
      yield* limiter.acquire
      const queued = yield* Effect.fork(limiter.acquire)
      yield* TestClock.adjust("500 millis")
      expect(queued.unsafePoll()).toBeNull()
      yield* Fiber.interrupt(queued)
      const next = yield* Effect.fork(Effect.zipRight(limiter.acquire, TestClock.currentTimeMillis))
      yield* TestClock.adjust("500 millis")
      expect(yield* Fiber.join(next)).toBe(1000)
      // And the interrupted one left nothing behind: after the window, one more gets through at once.
      yield* TestClock.adjust("1 second")
      const later = yield* Effect.fork(Effect.zipRight(limiter.acquire, TestClock.currentTimeMillis))
      yield* TestClock.adjust(0)
      expect(yield* Fiber.join(later)).toBe(2000)
    })
  )

  it.effect("interrupting a queued caller returns promptly", () =>
    Effect.gen(function* () {
      const scope = yield* Scope.make()
      const limiter = yield* Scope.extend(make(1, "1 hour"), scope)
      yield* limiter.acquire
      // Daemons: were the wait not interruptible, nothing here must hang the test.
      const queued = yield* Effect.forkDaemon(limiter.acquire)
      yield* TestClock.adjust(0)
      const interrupting = yield* Effect.forkDaemon(Fiber.interrupt(queued))
      yield* TestClock.adjust(0)
      // Done without the clock moving: the wait for a permit is interruptible.
      const exit = interrupting.unsafePoll()
      expect(exit !== null && Exit.isSuccess(exit) && Exit.isInterrupted(exit.value)).toBe(true)
      yield* Effect.forkDaemon(Scope.close(scope, Exit.void))
    })
  )

  it.effect("closing the scope does not wait for the pending releases", () =>
    Effect.gen(function* () {
      const scope = yield* Scope.make()
      const limiter = yield* Scope.extend(make(2, "1 hour"), scope)
      yield* limiter.acquire
      yield* limiter.acquire
      const closing = yield* Effect.forkDaemon(Scope.close(scope, Exit.void))
      yield* TestClock.adjust(0)
      // Closed without the clock moving: the releases were interrupted, not awaited.
      expect(Exit.isExit(closing.unsafePoll())).toBe(true)
      expect(yield* TestClock.currentTimeMillis).toBe(0)
    })
  )
})
