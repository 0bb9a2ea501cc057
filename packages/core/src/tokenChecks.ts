/**
 * The steps of session-token verification that need neither Effect nor
 * crypto, with every rejection's reason and message, shared by both editions
 * so that they reject the same tokens with the same words. An edition runs
 * them in this order around its own I/O (docs/tokens.md has the table):
 *
 * 1. {@link callChecks}: the per-call options over the layer's;
 * 2. {@link tokenShapeRejection}: a string, not too long, a compact JWS;
 * 3. the header decode (`jose`), then {@link algorithmRejection};
 * 4. the key lookup ({@link keyLookupRejection} for its failures);
 * 5. the signature (`jose`; {@link SIGNATURE_MISMATCH}, {@link NOT_A_JWS});
 * 6. {@link checkSessionPayload}: JSON, session-token type and category,
 *    claims (the edition's schema), times, `azp`, `iss`.
 *
 * @internal
 */
import type { ReadMillis } from "./configRules.js"
import type { KeyLookupFailure, RsaAlgorithm } from "./jwksKeys.js"
import { isRsaAlgorithm } from "./jwksKeys.js"
import type { Check, CheckOrProblem } from "./tokenRules.js"
import {
  authorizedPartiesCheck,
  checkTimes,
  isCompactJws,
  isSessionTokenCategory,
  isSessionTokenType,
  issuerCheck
} from "./tokenRules.js"

/**
 * Every reason a token is rejected for; each edition's `TokenVerificationError`
 * declares exactly these.
 * @internal
 */
export const TOKEN_REJECTION_REASONS = [
  "Malformed",
  "UnsupportedAlgorithm",
  "InvalidSignature",
  "Expired",
  "NotYetValid",
  "IssuedInFuture",
  "UnauthorizedParty",
  "InvalidIssuer",
  "NotASessionToken",
  "KeyNotFound",
  "JwksUnavailable"
] as const

/** @internal */
export type TokenRejectionReason = (typeof TOKEN_REJECTION_REASONS)[number]

/**
 * A rejection as the edition turns it into its public error. `message` never
 * holds the token, a part of it, or key material.
 * @internal
 */
export interface TokenRejection {
  readonly reason: TokenRejectionReason
  readonly message: string
  readonly cause?: unknown
}

const rejection = (reason: TokenRejectionReason, message: string): TokenRejection => ({ reason, message })

/**
 * Clerk session tokens are well under 4 KiB; refusing huge inputs early keeps
 * a hostile header from costing a base64 decode of megabytes.
 * @internal
 */
export const MAX_TOKEN_LENGTH = 16 * 1024

/**
 * The checks of the options, normalised once: a check per option, and the
 * skew in milliseconds.
 * @internal
 */
export interface VerifyChecks {
  readonly authorizedParties: Check
  readonly issuer: Check
  readonly skewMillis: number
}

/** The options the checks are read from, as they may arrive from JavaScript. */
interface VerifyOptionsInput {
  readonly authorizedParties?: unknown
  readonly issuer?: unknown
  readonly clockSkew?: unknown
}

const CLOCK_SKEW_PROBLEM = 'clockSkew is not a duration (e.g. "5 seconds", 5000)'

/**
 * The layer's options as checks, or the first unusable one (for the layer's
 * `ConfigError`). `readMillis` reads a duration with the edition's `Duration`.
 * @internal
 */
export const verifyDefaults = (
  options: VerifyOptionsInput,
  defaultSkewMillis: number,
  readMillis: ReadMillis
): { readonly checks: VerifyChecks } | { readonly problem: string } => {
  const parties = authorizedPartiesCheck(options.authorizedParties)
  if ("problem" in parties) return parties
  const issuer = issuerCheck(options.issuer)
  if ("problem" in issuer) return issuer
  const skewMillis = options.clockSkew === undefined ? defaultSkewMillis : readMillis(options.clockSkew)
  if (skewMillis === undefined) return { problem: CLOCK_SKEW_PROBLEM }
  return { checks: { authorizedParties: parties.check, issuer: issuer.check, skewMillis } }
}

/** A per-call option overrides the layer's; `undefined` keeps it. */
const override = (option: unknown, parse: (option: unknown) => CheckOrProblem, fallback: Check): CheckOrProblem =>
  option === undefined ? { check: fallback } : parse(option)

const unusable = (reason: TokenRejectionReason, problem: string) =>
  rejection(reason, `The verify options are unusable: ${problem}`)

/**
 * The checks of one call: its options over the layer's. An unusable per-call
 * option rejects the token with the reason of the check it is for (a
 * caller's mistake must not look like a good token, nor skip a check).
 * @internal
 */
export const callChecks = (
  options: VerifyOptionsInput | undefined,
  defaults: VerifyChecks,
  readMillis: ReadMillis
): { readonly checks: VerifyChecks } | { readonly rejection: TokenRejection } => {
  if (options === undefined) return { checks: defaults }
  const parties = override(options.authorizedParties, authorizedPartiesCheck, defaults.authorizedParties)
  if ("problem" in parties) return { rejection: unusable("UnauthorizedParty", parties.problem) }
  const issuer = override(options.issuer, issuerCheck, defaults.issuer)
  if ("problem" in issuer) return { rejection: unusable("InvalidIssuer", issuer.problem) }
  const skewMillis = options.clockSkew === undefined ? defaults.skewMillis : readMillis(options.clockSkew)
  if (skewMillis === undefined) {
    return { rejection: unusable("Expired", 'clockSkew is not a duration (e.g. "5 seconds")') }
  }
  return { checks: { authorizedParties: parties.check, issuer: issuer.check, skewMillis } }
}

/**
 * Whether `token` can be a session token at all: a non-empty string within
 * {@link MAX_TOKEN_LENGTH}, three canonical base64url parts.
 * @internal
 */
export const tokenShapeRejection = (token: unknown): TokenRejection | undefined => {
  if (typeof token !== "string" || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
    return rejection("Malformed", "The session token is empty, too long or not a string")
  }
  if (!isCompactJws(token)) {
    return rejection("Malformed", "The session token is not a compact JWS (three base64url parts)")
  }
  return undefined
}

/** @internal */
export const HEADER_NOT_JSON: TokenRejection = rejection(
  "Malformed",
  "The session token's header is not valid base64url JSON"
)

/**
 * The header's `alg` as an RSA algorithm, or the rejection (`none` and HMAC included).
 * @internal
 */
export const algorithmRejection = (alg: unknown): { readonly alg: RsaAlgorithm } | TokenRejection =>
  isRsaAlgorithm(alg)
    ? { alg }
    : rejection("UnsupportedAlgorithm", "The session token's alg is not one of RS256, RS384, RS512")

/**
 * The rejection of a failed key lookup; `cause` (a transport failure) is kept
 * for the caller's logs, the status and kind go into the message.
 * @internal
 */
export const keyLookupRejection = (failure: KeyLookupFailure): TokenRejection => {
  if (failure._tag === "KeyNotFound") return rejection("KeyNotFound", `No verification key: ${failure.detail}`)
  const { cause, kind, status } = failure.failure
  const detail = status === undefined ? kind : `${kind}, status ${status}`
  const message = `Could not load the instance's JWKS (${detail})`
  return cause === undefined ? rejection("JwksUnavailable", message) : { reason: "JwksUnavailable", message, cause }
}

/** @internal */
export const SIGNATURE_MISMATCH: TokenRejection = rejection(
  "InvalidSignature",
  "The session token's signature does not match the instance's key"
)

/** @internal */
export const NOT_A_JWS: TokenRejection = rejection("Malformed", "The session token is not a valid JWS")

/** The claims the checks after decoding read. */
interface CheckedClaims {
  readonly iss: string
  readonly iat: number
  readonly exp: number
  readonly nbf: number
  readonly azp?: string
}

const utf8 = new TextDecoder()

/**
 * Everything after the signature: the payload is a JSON object; the header's
 * `typ` and `cat` and the `sid` claim say it is a session token (the instance
 * key also signs JWT-template tokens and OAuth access tokens,
 * clerk/javascript #9469, #9511); `decodeClaims` (the edition's schema;
 * `undefined` when a required claim is missing or mistyped) gives the claims;
 * then the times against `nowMillis`, `azp` and `iss`.
 * @internal
 */
export const checkSessionPayload = <Claims extends CheckedClaims>(
  header: { readonly typ?: unknown; readonly cat?: unknown },
  payload: Uint8Array,
  decodeClaims: (raw: Record<string, unknown>) => Claims | undefined,
  nowMillis: number,
  checks: VerifyChecks
): { readonly claims: Claims } | { readonly rejection: TokenRejection } => {
  const fail = (reason: TokenRejectionReason, message: string) => ({ rejection: rejection(reason, message) })
  let parsed: unknown
  try {
    parsed = JSON.parse(utf8.decode(payload))
  } catch {
    return fail("Malformed", "The session token's payload is not JSON")
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return fail("Malformed", "The session token's payload is not a JSON object")
  }
  const raw = parsed as Record<string, unknown>
  if (!isSessionTokenType(header.typ)) {
    return fail("NotASessionToken", "The token is a Clerk JWT but not a session token (its typ is not JWT)")
  }
  if (raw.sid === undefined || !isSessionTokenCategory(header.cat)) {
    return fail(
      "NotASessionToken",
      "The token is a Clerk JWT but not a session token (no sid claim or a non-session category)"
    )
  }
  const claims = decodeClaims(raw)
  if (claims === undefined) {
    return fail(
      "Malformed",
      "The session token is malformed: the payload lacks a required session claim or has one of the wrong type"
    )
  }
  switch (checkTimes(claims, nowMillis, checks.skewMillis)) {
    case "Expired":
      return fail("Expired", "The session token has expired")
    case "NotYetValid":
      return fail("NotYetValid", "The session token is not valid yet (nbf)")
    case "IssuedInFuture":
      return fail("IssuedInFuture", "The session token was issued in the future (iat)")
  }
  if (checks.authorizedParties !== undefined && !checks.authorizedParties(claims.azp ?? "")) {
    return fail(
      "UnauthorizedParty",
      claims.azp === undefined || claims.azp === ""
        ? "The session token has no azp, and authorized parties are configured"
        : "The session token's azp is not one of the authorized parties"
    )
  }
  if (checks.issuer !== undefined && !checks.issuer(claims.iss)) {
    return fail("InvalidIssuer", "The session token's iss is not an accepted issuer")
  }
  return { claims }
}
