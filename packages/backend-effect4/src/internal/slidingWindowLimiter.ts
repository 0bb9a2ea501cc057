/**
 * The client-side rate limiter: a sliding window on a `Semaphore`
 * (effect 4 has no `effect/RateLimiter`, and a fixed window or a token
 * bucket would not do anyway: both let twice the limit through a window
 * that straddles their own boundary, and Clerk's window need not line up
 * with ours).
 *
 * @internal
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import * as Semaphore from "effect/Semaphore"

/**
 * At most `limit` requests start in ANY window of `interval`, wherever that
 * window begins: `acquire` waits for a permit, which comes back `interval`
 * after it was taken. The permit releases run in the layer's scope.
 * @internal
 */
export const make = (
  limit: number,
  interval: Duration.Input
): Effect.Effect<{ readonly acquire: Effect.Effect<void> }, never, Scope.Scope> =>
  Effect.gen(function* () {
    const scope = yield* Effect.scope
    const permits = yield* Semaphore.make(limit)
    // `interruptible`: forked inside the mask below, the release would otherwise
    // inherit uninterruptibility and hold up closing the scope for `interval`.
    const releaseLater = Effect.forkIn(
      Effect.interruptible(Effect.delay(permits.release(1), Duration.fromInputUnsafe(interval))),
      scope
    )
    // Taking the permit and scheduling its release are one step: an
    // interruption in between would leak a permit for good.
    const acquire = Effect.uninterruptibleMask((restore) =>
      Effect.asVoid(Effect.andThen(restore(permits.take(1)), releaseLater))
    )
    return { acquire }
  })
