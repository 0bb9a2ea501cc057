/**
 * Retries of one operation, set up only after a first retryable failure.
 *
 * @internal
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import type { ClerkError } from "../Errors.js"

/**
 * Runs `attempt`, and retries it with `schedule` while `shouldRetry` says so,
 * no wait running past `remaining()` milliseconds (the attempt after it then
 * fails at once on the deadline). Most calls succeed at once, so the retry
 * machinery is only built after a first retryable failure, which is replayed
 * into the schedule so that the waits are exactly those of a plain
 * `Effect.retry`.
 * @internal
 */
export const retrying = <A>(
  attempt: Effect.Effect<A, ClerkError>,
  schedule: Schedule.Schedule<unknown, ClerkError> | undefined,
  shouldRetry: (error: ClerkError) => boolean,
  remaining: () => number
): Effect.Effect<A, ClerkError> => {
  if (schedule === undefined) return attempt
  const onFailure = (first: ClerkError): Effect.Effect<A, ClerkError> => {
    if (!shouldRetry(first)) return Effect.fail(first)
    let replay: ClerkError | undefined = first
    const replaying = Effect.suspend(() => {
      if (replay === undefined) return attempt
      const error = replay
      replay = undefined
      return Effect.fail(error)
    })
    const bounded = Schedule.modifyDelay(schedule, (_, delay) =>
      Duration.min(delay, Duration.millis(Math.max(0, remaining())))
    )
    return Effect.retry(replaying, { schedule: bounded, while: shouldRetry })
  }
  // `catchAllCause`, not `catchAll`: a success passes through its frame as it
  // is, where `catchAll` wraps it in one more `succeed` on every call. A cause
  // that is not one plain failure is left to `catchAll` itself, so every
  // cause is handled exactly as `catchAll` handles it.
  return Effect.catchAllCause(attempt, (cause) =>
    cause._tag === "Fail" ? onFailure(cause.error) : Effect.catchAll(Effect.failCause(cause), onFailure)
  )
}
