import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { compactVerify, decodeProtectedHeader, errors as JoseErrors } from "jose"
import type { SessionClaims, TokenVerificationErrorReason, VerifyOptions } from "../SessionTokens.js"
import type { KeyLookupFailure, KeyResolver } from "./jwks.js"
import { isRsaAlgorithm } from "./jwks.js"
import { claimsFromPayload, isNonSessionCategory } from "./tokenClaims.js"

// Clerk session tokens are well under 4 KiB; refusing huge inputs early keeps
// a hostile header from costing us a base64 decode of megabytes.
const MAX_TOKEN_LENGTH = 16 * 1024

const decodeJson = new TextDecoder()

/**
 * The verification pipeline behind `SessionTokens.verify`: structure, algorithm,
 * key, signature (jose), session-token category, claims (Schema), times
 * (Effect's Clock) and `azp`, in that order. `reject` builds the public error,
 * which keeps this module free of a runtime import of SessionTokens.
 * @internal
 */
export const makeVerify = <E>(
  resolveKey: KeyResolver,
  /** `clockSkew` already defaulted by the caller. */
  defaults: VerifyOptions & { readonly clockSkew: Duration.DurationInput },
  reject: (reason: TokenVerificationErrorReason, message: string, cause?: unknown) => E
): ((token: string, options?: VerifyOptions) => Effect.Effect<SessionClaims, E>) => {
  const fail = (reason: TokenVerificationErrorReason, message: string) => Effect.fail(reject(reason, message))
  const fromKeyLookup = (failure: KeyLookupFailure): E => {
    if (failure._tag === "KeyNotFound") return reject("KeyNotFound", `No verification key: ${failure.detail}`)
    const { cause, kind, status } = failure.failure
    const detail = status === undefined ? kind : `${kind}, status ${status}`
    return reject("JwksUnavailable", `Could not load the instance's JWKS (${detail})`, cause)
  }

  const defaultSkewMillis = Duration.toMillis(Duration.decode(defaults.clockSkew))

  // Untraced on purpose: this runs on every request, and a span per call
  // (Effect.fn captures a stack trace for it) measured 25-90 µs here, as much
  // as the RSA check itself. The JWKS fetch, the only I/O, has its own span.
  const verify = Effect.fnUntraced(function* (token: string, options?: VerifyOptions) {
    if (typeof token !== "string" || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
      return yield* fail("Malformed", "The session token is empty, too long or not a string")
    }
    if (token.split(".").length !== 3) {
      return yield* fail("Malformed", "The session token is not a compact JWS (three dot-separated parts)")
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
    // A JWT-template token is signed by the same key; only `sid` and the `cat`
    // header tell it apart (clerk/javascript #9469, #9511).
    if (raw.sid === undefined || isNonSessionCategory(header.cat)) {
      return yield* fail(
        "NotASessionToken",
        "The token is a Clerk JWT but not a session token (no sid claim or a non-session category)"
      )
    }
    const claims = claimsFromPayload(raw)
    if (Either.isLeft(claims)) return yield* fail("Malformed", `The session token is malformed: ${claims.left}`)

    const now = yield* Clock.currentTimeMillis
    const skewMillis =
      options?.clockSkew === undefined ? defaultSkewMillis : Duration.toMillis(Duration.decode(options.clockSkew))
    const { exp, iat, nbf } = claims.right
    if (exp * 1000 <= now - skewMillis) return yield* fail("Expired", "The session token has expired")
    if (nbf * 1000 > now + skewMillis) return yield* fail("NotYetValid", "The session token is not valid yet (nbf)")
    if (iat * 1000 > now + skewMillis) {
      return yield* fail("IssuedInFuture", "The session token was issued in the future (iat)")
    }

    const parties = options?.authorizedParties ?? defaults.authorizedParties
    const azp = claims.right.azp
    if (parties !== undefined && parties.length > 0 && azp !== undefined && !parties.includes(azp)) {
      return yield* fail("UnauthorizedParty", "The session token's azp is not one of the authorized parties")
    }
    return claims.right
  })

  return verify
}
