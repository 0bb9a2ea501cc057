/**
 * How an HTTP request carries a Clerk session token, and how a refusal is
 * answered, as plain functions shared by both editions' `SessionAuth`: which
 * token is read (header, then cookie), the reasons of a 401, the RFC 6750
 * challenge and the words of the two failures.
 *
 * @internal
 */
import type { TokenRejectionReason } from "./tokenChecks.js"
import { TOKEN_REJECTION_REASONS } from "./tokenChecks.js"

// RFC 6750 §2.1: the scheme is case-insensitive; one token, no spaces inside.
const BEARER = /^Bearer +(\S+) *$/i

/** The cookie Clerk's frontend SDKs keep the session token in (same-origin browsers). */
export const SESSION_COOKIE = "__session"

/**
 * The request's session token: `Authorization: Bearer <token>` first, as
 * Clerk's own middleware reads it, else the `__session` cookie; `undefined`
 * when there is neither (another scheme, an empty cookie).
 * @internal
 */
export const sessionTokenOf = (request: {
  readonly authorization: string | undefined
  readonly sessionCookie: string | undefined
}): string | undefined => {
  const bearer = request.authorization === undefined ? undefined : BEARER.exec(request.authorization)?.[1]
  if (bearer !== undefined) return bearer
  return request.sessionCookie === undefined || request.sessionCookie === "" ? undefined : request.sessionCookie
}

/** @internal */
export type SessionUnauthorizedReasonData = "MissingToken" | Exclude<TokenRejectionReason, "JwksUnavailable">

/**
 * The reasons of a 401: no token, or any rejection but `JwksUnavailable`
 * (the server's outage, a 503).
 * @internal
 */
export const SESSION_UNAUTHORIZED_REASONS: readonly [
  "MissingToken",
  ...Array<Exclude<TokenRejectionReason, "JwksUnavailable">>
] = [
  "MissingToken",
  ...TOKEN_REJECTION_REASONS.filter(
    (reason): reason is Exclude<TokenRejectionReason, "JwksUnavailable"> => reason !== "JwksUnavailable"
  )
]

/**
 * The `WWW-Authenticate` challenge of a 401 (RFC 6750 §3): no error code
 * when no credentials were sent at all.
 * @internal
 */
export const bearerChallenge = (reason: SessionUnauthorizedReasonData): string =>
  reason === "MissingToken" ? "Bearer" : 'Bearer error="invalid_token"'

/** @internal */
export const unauthorizedMessage = (reason: SessionUnauthorizedReasonData): string =>
  `Unauthenticated request: ${reason}`

/** @internal */
export const UNAVAILABLE_MESSAGE = "Session tokens cannot be verified: the instance's keys could not be loaded"

/**
 * The line logged at level Error when the keys cannot be loaded: the
 * rejection's message (a kind and a status), never the token.
 * @internal
 */
export const unavailableLogLine = (rejectionMessage: string): string =>
  `Clerk session tokens cannot be verified: ${rejectionMessage}`
