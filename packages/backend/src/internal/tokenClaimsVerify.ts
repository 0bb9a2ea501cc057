import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { compactVerify, decodeProtectedHeader, errors as JoseErrors } from "jose"
import type { SessionClaims, TokenVerificationErrorReason, VerifyOptions } from "../SessionTokens.js"
import type { KeyLookupFailure, KeyResolver } from "./jwks.js"
import { isRsaAlgorithm } from "./jwks.js"
import { claimsFromPayload } from "./tokenClaims.js"
import type { Check, CheckOrProblem } from "./tokenRules.js"
import {
  authorizedPartiesCheck,
  checkTimes,
  isCompactJws,
  isSessionTokenCategory,
  isSessionTokenType,
  issuerCheck
} from "./tokenRules.js"

// Clerk session tokens are well under 4 KiB; refusing huge inputs early keeps
// a hostile header from costing us a base64 decode of megabytes.
const MAX_TOKEN_LENGTH = 16 * 1024

const decodeJson = new TextDecoder()

/**
 * The layer's options, checked once when the layer is built: a check per
 * option, and the skew in milliseconds.
 * @internal
 */
export interface VerifyDefaults {
  readonly authorizedParties: Check
  readonly issuer: Check
  readonly skewMillis: number
}

/**
 * Checks the layer's options; `Left` names the first unusable one.
 * @internal
 */
export const verifyDefaults = (
  options: VerifyOptions,
  defaultSkew: Duration.Duration
): Either.Either<VerifyDefaults, string> => {
  const parties = authorizedPartiesCheck(options.authorizedParties)
  if ("problem" in parties) return Either.left(parties.problem)
  const issuer = issuerCheck(options.issuer)
  if ("problem" in issuer) return Either.left(issuer.problem)
  const skew = Duration.decodeUnknown(options.clockSkew ?? defaultSkew)
  if (Option.isNone(skew)) return Either.left('clockSkew is not a duration (e.g. "5 seconds", 5000)')
  return Either.right({
    authorizedParties: parties.check,
    issuer: issuer.check,
    skewMillis: Duration.toMillis(skew.value)
  })
}

/** A per-call option overrides the layer's; `undefined` keeps it. */
const override = (option: unknown, parse: (option: unknown) => CheckOrProblem, fallback: Check): CheckOrProblem =>
  option === undefined ? { check: fallback } : parse(option)

/**
 * The verification pipeline behind `SessionTokens.verify`: structure,
 * algorithm, key, signature (jose), session-token type and category, claims
 * (Schema), times (Effect's Clock), `azp` and `iss`, in that order (the table
 * in docs/tokens.md). `reject` builds the public error, which keeps this
 * module free of a runtime import of SessionTokens.
 * @internal
 */
export const makeVerify = <E>(
  resolveKey: KeyResolver,
  defaults: VerifyDefaults,
  reject: (reason: TokenVerificationErrorReason, message: string, cause?: unknown) => E
): ((token: string, options?: VerifyOptions) => Effect.Effect<SessionClaims, E>) => {
  const fail = (reason: TokenVerificationErrorReason, message: string) => Effect.fail(reject(reason, message))
  const fromKeyLookup = (failure: KeyLookupFailure): E => {
    if (failure._tag === "KeyNotFound") return reject("KeyNotFound", `No verification key: ${failure.detail}`)
    const { cause, kind, status } = failure.failure
    const detail = status === undefined ? kind : `${kind}, status ${status}`
    return reject("JwksUnavailable", `Could not load the instance's JWKS (${detail})`, cause)
  }

  // Untraced on purpose: this runs on every request, and a span per call
  // (Effect.fn captures a stack trace for it) measured 25-90 µs here, as much
  // as the RSA check itself. The JWKS fetch, the only I/O, has its own span.
  const verify = Effect.fnUntraced(function* (token: string, options?: VerifyOptions) {
    // Per-call options are checked before the token: a caller's mistake must
    // not look like a good token.
    const parties = override(options?.authorizedParties, authorizedPartiesCheck, defaults.authorizedParties)
    if ("problem" in parties)
      return yield* fail("UnauthorizedParty", `The verify options are unusable: ${parties.problem}`)
    const issuer = override(options?.issuer, issuerCheck, defaults.issuer)
    if ("problem" in issuer) return yield* fail("InvalidIssuer", `The verify options are unusable: ${issuer.problem}`)
    // A skew that is not a duration fails the time check it is for.
    const skew = options?.clockSkew === undefined ? undefined : Duration.decodeUnknown(options.clockSkew)
    if (skew !== undefined && Option.isNone(skew)) {
      return yield* fail("Expired", 'The verify options are unusable: clockSkew is not a duration (e.g. "5 seconds")')
    }
    const skewMillis = skew === undefined ? defaults.skewMillis : Duration.toMillis(skew.value)

    if (typeof token !== "string" || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
      return yield* fail("Malformed", "The session token is empty, too long or not a string")
    }
    if (!isCompactJws(token)) {
      return yield* fail("Malformed", "The session token is not a compact JWS (three base64url parts)")
    }
    let header: ReturnType<typeof decodeProtectedHeader>
    try {
      header = decodeProtectedHeader(token)
    } catch {
      return yield* fail("Malformed", "The session token's header is not valid base64url JSON")
    }
    const alg = header.alg
    if (!isRsaAlgorithm(alg)) {
      return yield* fail("UnsupportedAlgorithm", "The session token's alg is not one of RS256, RS384, RS512")
    }
    const key = yield* Effect.mapError(resolveKey(header.kid, alg), fromKeyLookup)

    // jose checks the signature only; the time checks below use Effect's Clock.
    const verified = yield* Effect.tryPromise({
      try: () => compactVerify(token, key, { algorithms: [alg] }),
      catch: (error) =>
        error instanceof JoseErrors.JWSSignatureVerificationFailed
          ? reject("InvalidSignature", "The session token's signature does not match the instance's key")
          : reject("Malformed", "The session token is not a valid JWS")
    })

    let payload: unknown
    try {
      payload = JSON.parse(decodeJson.decode(verified.payload))
    } catch {
      return yield* fail("Malformed", "The session token's payload is not JSON")
    }
    if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
      return yield* fail("Malformed", "The session token's payload is not a JSON object")
    }
    const raw = payload as Record<string, unknown>
    // The instance key also signs JWT-template tokens and OAuth access tokens;
    // only the header's `typ` and `cat` and the `sid` claim tell a session
    // token apart (clerk/javascript #9469, #9511).
    if (!isSessionTokenType(header.typ)) {
      return yield* fail("NotASessionToken", "The token is a Clerk JWT but not a session token (its typ is not JWT)")
    }
    if (raw.sid === undefined || !isSessionTokenCategory(header.cat)) {
      return yield* fail(
        "NotASessionToken",
        "The token is a Clerk JWT but not a session token (no sid claim or a non-session category)"
      )
    }
    const claims = claimsFromPayload(raw)
    if (Either.isLeft(claims)) return yield* fail("Malformed", `The session token is malformed: ${claims.left}`)

    switch (checkTimes(claims.right, yield* Clock.currentTimeMillis, skewMillis)) {
      case "Expired":
        return yield* fail("Expired", "The session token has expired")
      case "NotYetValid":
        return yield* fail("NotYetValid", "The session token is not valid yet (nbf)")
      case "IssuedInFuture":
        return yield* fail("IssuedInFuture", "The session token was issued in the future (iat)")
    }

    if (parties.check !== undefined && !parties.check(claims.right.azp ?? "")) {
      return yield* fail(
        "UnauthorizedParty",
        claims.right.azp === undefined || claims.right.azp === ""
          ? "The session token has no azp, and authorized parties are configured"
          : "The session token's azp is not one of the authorized parties"
      )
    }
    if (issuer.check !== undefined && !issuer.check(claims.right.iss)) {
      return yield* fail("InvalidIssuer", "The session token's iss is not an accepted issuer")
    }
    return claims.right
  })

  return verify
}
