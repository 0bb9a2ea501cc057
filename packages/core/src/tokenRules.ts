/**
 * The rules a session token must meet beyond its signature, as plain
 * functions: no Effect, no crypto, so that every edition of the SDK shares
 * them and tests can drive them directly. Each rule is at least as strict as
 * `@clerk/backend`'s `verifyToken` (3.25); where it is stricter, docs/tokens.md
 * lists the case and why.
 * @internal
 */

// Each segment of a compact JWS in the base64url alphabet, unpadded (an empty
// one is well-formed: `alg: none` tokens have no signature, and fail on alg).
const BASE64URL_SEGMENT = /^[A-Za-z0-9_-]*$/
const BASE64URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

/**
 * Whether `segment` is canonical unpadded base64url: the alphabet only, a
 * length a whole number of bytes can have, and no stray bits in the last
 * character. `jose` decodes with the lenient `atob` (it skips whitespace and
 * `+`/`/`, and drops stray bits), while Clerk's SDK refuses all of those, so
 * the stricter reading is checked here before `jose` sees the token.
 * @internal
 */
export const isCanonicalBase64url = (segment: string): boolean => {
  if (!BASE64URL_SEGMENT.test(segment)) return false
  const remainder = segment.length % 4
  if (remainder === 1) return false
  if (remainder === 0) return true
  const lastValue = BASE64URL_ALPHABET.indexOf(segment[segment.length - 1]!)
  // 2 characters carry one byte (4 spare bits), 3 carry two bytes (2 spare bits).
  const spareBits = remainder === 2 ? 0b1111 : 0b11
  return (lastValue & spareBits) === 0
}

/**
 * Whether `token` is a compact JWS: three canonical base64url segments.
 * @internal
 */
export const isCompactJws = (token: string): boolean => {
  const parts = token.split(".")
  return parts.length === 3 && parts.every(isCanonicalBase64url)
}

/**
 * The header `typ` of a session token: absent or exactly `"JWT"`, as
 * `@clerk/backend` requires. Anything else (an OAuth access token's
 * `at+jwt`, a lower-case `jwt`, `null`) is not a session token.
 * @internal
 */
export const isSessionTokenType = (typ: unknown): boolean => typ === undefined || typ === "JWT"

/**
 * The `cat` header values Clerk's own SDK accepts as a session token
 * (`@clerk/backend` jwtCategories): the session category and "ignore". Any
 * other category (JWT templates `cl_B7d4PD222AAA`, M2M `cl_B7d4PD333AAA`...) is
 * not a session token. Tokens minted before categories existed have no `cat`.
 * @internal
 */
export const SESSION_TOKEN_CATEGORIES: ReadonlySet<string> = new Set(["cl_B7d4PD111AAA", "cl_I7d4PD111III"])

/** @internal */
export const isSessionTokenCategory = (category: unknown): boolean =>
  category === undefined || (typeof category === "string" && SESSION_TOKEN_CATEGORIES.has(category))

/**
 * A JWT time (epoch seconds) in milliseconds, read as `@clerk/backend` reads
 * it (`Date#setUTCSeconds`): the fraction is dropped. Reading `exp: 99.9` as
 * 99.9 s would keep a token alive up to a second longer than Clerk does.
 * @internal
 */
export const jwtTimeMillis = (seconds: number): number => Math.trunc(seconds) * 1000

/** @internal */
export type TimeRejection = "Expired" | "NotYetValid" | "IssuedInFuture"

/**
 * Checks `exp`, `nbf` and `iat` against `nowMillis` with `skewMillis` of
 * tolerance, with Clerk's boundaries: expired at `exp <= now - skew`, early
 * at `nbf > now + skew`, in the future at `iat > now + skew`.
 * @internal
 */
export const checkTimes = (
  times: { readonly exp: number; readonly nbf: number; readonly iat: number },
  nowMillis: number,
  skewMillis: number
): TimeRejection | undefined => {
  if (!(jwtTimeMillis(times.exp) > nowMillis - skewMillis)) return "Expired"
  if (jwtTimeMillis(times.nbf) > nowMillis + skewMillis) return "NotYetValid"
  if (jwtTimeMillis(times.iat) > nowMillis + skewMillis) return "IssuedInFuture"
  return undefined
}

/**
 * A normalised check, or `undefined` when nothing is to be checked.
 * @internal
 */
export type Check = ((value: string) => boolean) | undefined

/**
 * A normalised option: the check, or why the option cannot be used.
 * @internal
 */
export type CheckOrProblem = { readonly check: Check } | { readonly problem: string }

const isStringList = (value: unknown): value is ReadonlyArray<string> =>
  Array.isArray(value) && value.every((item) => typeof item === "string")

/**
 * The `issuer` option as a check. Empty strings are dropped and an empty list
 * checks nothing, as in `@clerk/backend`. A value of another type (possible
 * from JavaScript) is a problem, never silently "no check".
 * @internal
 */
export const issuerCheck = (option: unknown): CheckOrProblem => {
  if (option === undefined) return { check: undefined }
  if (typeof option === "function") {
    const predicate = option as (issuer: string) => unknown
    return { check: (issuer) => predicate(issuer) === true }
  }
  const list = typeof option === "string" ? [option] : isStringList(option) ? option : undefined
  if (list === undefined) return { problem: "issuer is not a string, a list of strings or a function" }
  const issuers = list.filter((issuer) => issuer.length > 0)
  return { check: issuers.length === 0 ? undefined : (issuer) => issuers.includes(issuer) }
}

/**
 * The `authorizedParties` option as a check of `azp`. When the list is not
 * empty, a token without `azp` (or with an empty one) fails, as
 * `@clerk/backend` enforces since clerk/javascript#8877: a token minted for no
 * origin must not pass an origin check. A string instead of a list (possible
 * from JavaScript) is a problem, not a substring match.
 * @internal
 */
export const authorizedPartiesCheck = (option: unknown): CheckOrProblem => {
  if (option === undefined) return { check: undefined }
  if (!isStringList(option)) return { problem: "authorizedParties is not a list of strings" }
  const parties = option
  return { check: parties.length === 0 ? undefined : (azp) => azp.length > 0 && parties.includes(azp) }
}
