import * as Rules from "@clerk-effect/core/retryRules"
import * as Duration from "effect/Duration"
import * as Schedule from "effect/Schedule"
import type { ClerkError } from "../Errors.js"

/**
 * Whether an error deserves another attempt, by operation kind (the rules:
 * @clerk-effect/core (retryRules.ts)).
 * @internal
 */
export const isRetryable: (idempotent: boolean) => (error: ClerkError) => boolean = Rules.isRetryable

/**
 * True when the request failed before any byte could reach Clerk.
 * @internal
 */
export const failedBeforeSending: (error: ClerkError) => boolean = Rules.failedBeforeSending

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
 * replaces the backoff wait, capped at `maxRetryAfter`. Built from Effect's
 * own `Schedule` combinators; the error being retried is the schedule's input.
 * @internal
 */
export const backoffSchedule = (settings: BackoffSettings): Schedule.Schedule<unknown, ClerkError> => {
  const exponential = Schedule.exponential(settings.baseDelay, 2)
  const backoff = (settings.jitter ? Schedule.jittered(exponential) : exponential).pipe(
    Schedule.modifyDelay((_, delay) => Duration.min(delay, settings.maxDelay))
  )
  return Schedule.zipWith(Schedule.identity<ClerkError>(), backoff, (error) => retryAfterOf(error)).pipe(
    Schedule.modifyDelay((retryAfter, delay) =>
      retryAfter === undefined ? delay : Duration.min(retryAfter, settings.maxRetryAfter)
    ),
    Schedule.intersect(Schedule.recurs(Math.max(0, settings.maxAttempts - 1)))
  )
}
