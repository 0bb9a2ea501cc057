/**
 * Which failures deserve another attempt (DESIGN.md "Resilience"), without
 * Effect: the rules read a failure's shape, which both editions' `ClerkErrors`
 * and `SDKError` have.
 *
 * @internal
 */

/**
 * What the rules read of a failure.
 * @internal
 */
export interface FailureShape {
  readonly _tag: "ClerkErrors" | "SDKError"
  readonly reason?: string
  readonly status?: number | undefined
  readonly cause?: unknown
}

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

// The codes of a cause, its `cause` chain and an `AggregateError`'s `errors`
// (Node raises one when both IPv4 and IPv6 are refused), a few levels deep.
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
export const failedBeforeSending = (error: FailureShape): boolean =>
  error._tag === "SDKError" &&
  error.reason === "Transport" &&
  error.status === undefined &&
  causeCodes(error.cause).some((code) => NOT_SENT_CODES.has(code))

/**
 * The HTTP status a failure carries, when Clerk (or something before it) answered.
 * @internal
 */
export const statusOf = (error: FailureShape): number | undefined =>
  error._tag === "ClerkErrors" ? error.status : error.reason === "UnexpectedStatus" ? error.status : undefined

/**
 * Whether an error deserves another attempt, by operation kind:
 * - idempotent (reads, revoke, token minting): 408, 429, 5xx gateway
 *   statuses, per-attempt timeouts and transport errors;
 * - not idempotent (create, refresh): only 429 (Clerk did not process the
 *   request) and failures before the request was sent.
 * @internal
 */
export const isRetryable =
  (idempotent: boolean) =>
  (error: FailureShape): boolean => {
    const status = statusOf(error)
    if (idempotent) {
      if (status !== undefined) return TRANSIENT_STATUSES.has(status)
      return error._tag === "SDKError" && (error.reason === "Transport" || error.reason === "Timeout")
    }
    return status === 429 || failedBeforeSending(error)
  }

/**
 * Whether the failure's status is one whose `Retry-After` is honoured.
 * @internal
 */
export const honoursRetryAfter = (error: FailureShape): boolean => {
  const status = statusOf(error)
  return status !== undefined && RETRY_AFTER_STATUSES.has(status)
}
