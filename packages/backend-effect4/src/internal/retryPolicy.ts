/**
 * Which failures are retried (the rules: @clerk-effect/core/retryRules) and
 * how long to wait between attempts, as an effect 4 `Schedule`.
 *
 * @internal
 */
import * as Rules from "@clerk-effect/core/retryRules"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import type { ClerkError } from "../Errors.js"

/**
 * Whether an error deserves another attempt, by operation kind.
 * @internal
 */
export const isRetryable: (idempotent: boolean) => (error: ClerkError) => boolean = Rules.isRetryable

/**
 * The wait Clerk asked for, when the status is one that carries it.
 * @internal
 */
export const retryAfterOf = (error: ClerkError): Duration.Duration | undefined =>
  Rules.honoursRetryAfter(error) ? error.retryAfter : undefined

/** @internal */
export interface BackoffSettings {
  readonly maxAttempts: number
  readonly baseDelay: Duration.Duration
  readonly maxDelay: Duration.Duration
  readonly maxRetryAfter: Duration.Duration
  readonly jitter: boolean
}

/**
 * Exponential backoff (factor 2) with optional jitter, each wait capped at
 * `maxDelay`, at most `maxAttempts - 1` retries; a `Retry-After` on 429/503
 * replaces the backoff wait, capped at `maxRetryAfter`. effect 4's schedules
 * see their input in each step's metadata, so the error being retried
 * decides its own wait without a second schedule zipped in.
 * @internal
 */
export const backoffSchedule = (settings: BackoffSettings): Schedule.Schedule<unknown, ClerkError> => {
  const exponential = Schedule.exponential(settings.baseDelay, 2)
  return (settings.jitter ? Schedule.jittered(exponential) : exponential).pipe(
    Schedule.setInputType<ClerkError>(),
    Schedule.modifyDelay(({ duration, input }) => {
      const retryAfter = retryAfterOf(input)
      return Effect.succeed(
        retryAfter === undefined
          ? Duration.min(duration, settings.maxDelay)
          : Duration.min(retryAfter, settings.maxRetryAfter)
      )
    }),
    Schedule.while(({ attempt }) => attempt < settings.maxAttempts)
  )
}

/**
 * Runs `attempt`, and retries it with `schedule` while `shouldRetry` says so,
 * no wait running past `remaining()` milliseconds (the attempt after it then
 * fails at once on the deadline).
 * @internal
 */
export const retrying = <A>(
  attempt: Effect.Effect<A, ClerkError>,
  schedule: Schedule.Schedule<unknown, ClerkError> | undefined,
  shouldRetry: (error: ClerkError) => boolean,
  remaining: () => number
): Effect.Effect<A, ClerkError> => {
  if (schedule === undefined) return attempt
  const bounded = Schedule.modifyDelay(schedule, ({ duration }) =>
    Effect.sync(() => Duration.min(duration, Duration.millis(Math.max(0, remaining()))))
  )
  return Effect.retry(attempt, { schedule: bounded, while: shouldRetry })
}
