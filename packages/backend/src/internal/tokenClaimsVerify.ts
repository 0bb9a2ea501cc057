import type { VerifyChecks } from "@clerk-effect/core/tokenChecks"
import * as Checks from "@clerk-effect/core/tokenChecks"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { compactVerify, decodeProtectedHeader, errors as JoseErrors } from "jose"
import type { SessionClaims, TokenVerificationErrorReason, VerifyOptions } from "../SessionTokens.js"
import type { KeyResolver } from "./jwks.js"
import { claimsFromPayload } from "./tokenClaims.js"

/**
 * The layer's options, checked once when the layer is built: a check per
 * option, and the skew in milliseconds.
 * @internal
 */
export type VerifyDefaults = VerifyChecks

const readMillis = (input: unknown): number | undefined => {
  const duration = Duration.decodeUnknown(input)
  return Option.isSome(duration) ? Duration.toMillis(duration.value) : undefined
}

/**
 * Checks the layer's options; `Left` names the first unusable one.
 * @internal
 */
export const verifyDefaults = (
  options: VerifyOptions,
  defaultSkew: Duration.Duration
): Either.Either<VerifyDefaults, string> => {
  const checked = Checks.verifyDefaults(options, Duration.toMillis(defaultSkew), readMillis)
  return "problem" in checked ? Either.left(checked.problem) : Either.right(checked.checks)
}

const decodeClaims = (raw: Record<string, unknown>): SessionClaims | undefined =>
  Either.getOrUndefined(claimsFromPayload(raw))

/**
 * The verification pipeline behind `SessionTokens.verify`, in the order and
 * with the messages of @clerk-effect/core (tokenChecks.ts): this module adds
 * the I/O (`jose` for the header and the signature, the key resolver) and
 * Effect's Clock. `reject` builds the public error, which keeps this module
 * free of a runtime import of SessionTokens.
 * @internal
 */
export const makeVerify = <E>(
  resolveKey: KeyResolver,
  defaults: VerifyDefaults,
  reject: (reason: TokenVerificationErrorReason, message: string, cause?: unknown) => E
): ((token: string, options?: VerifyOptions) => Effect.Effect<SessionClaims, E>) => {
  const fail = (rejection: Checks.TokenRejection) =>
    Effect.fail(reject(rejection.reason, rejection.message, rejection.cause))

  // Untraced on purpose: this runs on every request, and a span per call
  // (Effect.fn captures a stack trace for it) measured 25-90 µs here, as much
  // as the RSA check itself. The JWKS fetch, the only I/O, has its own span.
  return Effect.fnUntraced(function* (token: string, options?: VerifyOptions) {
    const call = Checks.callChecks(options, defaults, readMillis)
    if ("rejection" in call) return yield* fail(call.rejection)
    const shape = Checks.tokenShapeRejection(token)
    if (shape !== undefined) return yield* fail(shape)
    let header: ReturnType<typeof decodeProtectedHeader>
    try {
      header = decodeProtectedHeader(token)
    } catch {
      return yield* fail(Checks.HEADER_NOT_JSON)
    }
    const algorithm = Checks.algorithmRejection(header.alg)
    if ("reason" in algorithm) return yield* fail(algorithm)
    const key = yield* Effect.mapError(resolveKey(header.kid, algorithm.alg), (failure) => {
      const rejection = Checks.keyLookupRejection(failure)
      return reject(rejection.reason, rejection.message, rejection.cause)
    })
    // jose checks the signature only; the time checks use Effect's Clock.
    const verified = yield* Effect.tryPromise({
      try: () => compactVerify(token, key, { algorithms: [algorithm.alg] }),
      catch: (error) => {
        const rejection =
          error instanceof JoseErrors.JWSSignatureVerificationFailed ? Checks.SIGNATURE_MISMATCH : Checks.NOT_A_JWS
        return reject(rejection.reason, rejection.message)
      }
    })
    const checked = Checks.checkSessionPayload(
      header,
      verified.payload,
      decodeClaims,
      yield* Clock.currentTimeMillis,
      call.checks
    )
    if ("rejection" in checked) return yield* fail(checked.rejection)
    return checked.claims
  })
}
