import type { TokenRejection, VerifyChecks } from "@clerk-effect/core/tokenChecks"
import * as Checks from "@clerk-effect/core/tokenChecks"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import { compactVerify, decodeProtectedHeader, errors as JoseErrors } from "jose"
import type { SessionClaims, VerifyOptions } from "../SessionTokens.js"
import { readMillis } from "./configErrors.js"
import type { KeyResolver } from "./jwks.js"
import { claimsFromPayload } from "./tokenClaims.js"

/**
 * The verification pipeline behind `SessionTokens.verify`, in the order and
 * with the messages of @clerk-effect/core's tokenChecks (shared with the
 * effect-3 edition): this module adds only the I/O (`jose` for the header and
 * the signature, the key resolver) and effect's `Clock`, so `TestClock`
 * moves token time. `reject` builds the public error, which keeps this
 * module free of a runtime import of SessionTokens.
 * @internal
 */
export const makeVerify = <E>(
  resolveKey: KeyResolver,
  defaults: VerifyChecks,
  reject: (rejection: TokenRejection) => E
): ((token: string, options?: VerifyOptions) => Effect.Effect<SessionClaims, E>) =>
  // Untraced on purpose: this runs on every request, and a span per call
  // costs as much as the RSA check itself (docs/performance.md). The JWKS
  // fetch, the only I/O, has its own span.
  Effect.fnUntraced(function* (token: string, options?: VerifyOptions) {
    const call = Checks.callChecks(options, defaults, readMillis)
    if ("rejection" in call) return yield* Effect.fail(reject(call.rejection))
    const shape = Checks.tokenShapeRejection(token)
    if (shape !== undefined) return yield* Effect.fail(reject(shape))
    let header: ReturnType<typeof decodeProtectedHeader>
    try {
      header = decodeProtectedHeader(token)
    } catch {
      return yield* Effect.fail(reject(Checks.HEADER_NOT_JSON))
    }
    const algorithm = Checks.algorithmRejection(header.alg)
    if ("reason" in algorithm) return yield* Effect.fail(reject(algorithm))
    const key = yield* Effect.mapError(resolveKey(header.kid, algorithm.alg), (failure) =>
      reject(Checks.keyLookupRejection(failure))
    )
    // jose checks the signature only; the times are checked against effect's Clock.
    const verified = yield* Effect.tryPromise({
      try: () => compactVerify(token, key, { algorithms: [algorithm.alg] }),
      catch: (error) =>
        reject(
          error instanceof JoseErrors.JWSSignatureVerificationFailed ? Checks.SIGNATURE_MISMATCH : Checks.NOT_A_JWS
        )
    })
    const checked = Checks.checkSessionPayload(
      header,
      verified.payload,
      claimsFromPayload,
      yield* Clock.currentTimeMillis,
      call.checks
    )
    if ("rejection" in checked) return yield* Effect.fail(reject(checked.rejection))
    return checked.claims
  })
