import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"

/**
 * At most `limit` requests start in ANY window of `interval`, wherever that
 * window begins: `acquire` waits for a permit, which comes back `interval`
 * after it was taken.
 *
 * Why not `effect/RateLimiter`: its fixed-window and token-bucket algorithms
 * both let twice the limit through a window that straddles their own
 * boundary (measured: 11 sends within one second under a limit of 6/s),
 * and Clerk's window need not line up with ours. Built from Effect's
 * `Semaphore`; the permit releases run in the layer's scope.
 * @internal
 */
export const make = (
  limit: number,
  interval: Duration.DurationInput
): Effect.Effect<{ readonly acquire: Effect.Effect<void> }, never, Scope.Scope> =>
  Effect.gen(function* () {
    const scope = yield* Effect.scope
    const permits = yield* Effect.makeSemaphore(limit)
    // `interruptible`: forked inside the mask below, the release would otherwise
    // inherit uninterruptibility and hold up closing the scope for `interval`.
    const releaseLater = Effect.forkIn(
      Effect.interruptible(Effect.delay(permits.release(1), Duration.decode(interval))),
      scope
    )
    // Taking the permit and scheduling its release are one step: an
    // interruption in between would leak a permit for good.
    const acquire = Effect.uninterruptibleMask((restore) => Effect.zipRight(restore(permits.take(1)), releaseLater))
    return { acquire }
  })
