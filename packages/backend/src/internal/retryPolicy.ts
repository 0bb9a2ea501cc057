import * as Duration from "effect/Duration"
import * as Schedule from "effect/Schedule"
import type { ClerkError } from "../Errors.js"

/** Statuses worth another attempt for an operation that is safe to repeat. */
const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504])

/** Statuses whose `Retry-After` we honour (RFC 9110 defines it for 429 and 503). */
const RETRY_AFTER_STATUSES: ReadonlySet<number> = new Set([429, 503])

// Codes meaning no connection was ever made, so the request cannot have
// reached Clerk: safe to send again even when repeating could double an effect.
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT"
])

const causeCodes = (cause: unknown, depth = 0): ReadonlyArray<string> => {
  if (depth > 5 || cause === null || typeof cause !== "object") return []
  const own = "code" in cause && typeof cause.code === "string" ? [cause.code] : []
  const nested = "cause" in cause ? causeCodes(cause.cause, depth + 1) : []
  const aggregated =
    "errors" in cause && Array.isArray(cause.errors)
      ? cause.errors.flatMap((error: unknown) => causeCodes(error, depth + 1))
      : []
  return [...own, ...nested, ...aggregated]
}

/**
 * True when the request failed before any byte could reach Clerk (connection
 * refused, DNS failure): repeating it cannot apply anything twice.
 * @internal
 */
export const failedBeforeSending = (error: ClerkError): boolean =>
  error._tag === "SDKError" &&
  error.reason === "Transport" &&
  error.status === undefined &&
  causeCodes(error.cause).some((code) => NOT_SENT_CODES.has(code))

const statusOf = (error: ClerkError): number | undefined =>
  error._tag === "ClerkErrors" ? error.status : error.reason === "UnexpectedStatus" ? error.status : undefined

/**
 * Whether an error deserves another attempt, by operation kind (DESIGN.md
 * "Resilience"):
 * - idempotent (reads, revoke, token minting): 408, 429, 5xx gateway
 *   statuses, per-attempt timeouts and transport errors;
 * - not idempotent (create, refresh): only 429 (Clerk did not process the
 *   request) and failures before the request was sent.
 * @internal
 */
export const isRetryable =
  (idempotent: boolean) =>
  (error: ClerkError): boolean => {
    const status = statusOf(error)
    if (idempotent) {
      if (status !== undefined) return TRANSIENT_STATUSES.has(status)
      return error._tag === "SDKError" && (error.reason === "Transport" || error.reason === "Timeout")
    }
    return status === 429 || failedBeforeSending(error)
  }

/**
 * The wait Clerk asked for, when the status is one that carries it.
 * @internal
 */
export const retryAfterOf = (error: ClerkError): Duration.Duration | undefined => {
  const status = statusOf(error)
  return status !== undefined && RETRY_AFTER_STATUSES.has(status) ? error.retryAfter : undefined
}

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
