/**
 * The rules of the SDK's inputs: each answers what is wrong with a value, in
 * words that follow the field's name (`limit must be between 1 and 500, got
 * 0`), or `undefined` when it is fine. No Effect here: each edition turns a
 * problem into its `SDKError` `InvalidInput`.
 *
 * @internal
 */

// Path traversal, query/fragment injection, pre-encoded sequences, whitespace
// and control characters: none of them can be part of a Clerk id or template
// name, and each could change which URL we call. `\p{Cc}` covers C0, DEL and
// C1 (e.g. U+0085 NEL, which `\s` misses); `\p{Cs}` catches lone surrogates,
// on which `encodeURIComponent` throws instead of failing typed.
// A lone "." is a dot segment too: the URL parser drops it, so `get(".")`
// would call `GET /sessions/` (the list) instead of failing.
const forbiddenInPathParam = /[/?#%\s\p{Cc}\p{Cs}]|\.\.|^\.$/u

/**
 * A path parameter (a session id, a template name); when fine, it is sent
 * percent-encoded (`encodeURIComponent`).
 * @internal
 */
export const pathParamProblem = (value: unknown): string | undefined => {
  if (typeof value !== "string") return "must be a string"
  if (value.length === 0) return "must not be empty"
  if (forbiddenInPathParam.test(value)) {
    return "must not be '.' nor contain '/', '..', '?', '#', '%', whitespace or control characters"
  }
  return undefined
}

/**
 * An optional integer within inclusive bounds.
 * @internal
 */
export const optionalIntegerProblem = (value: unknown, min: number, max: number): string | undefined => {
  if (value === undefined) return undefined
  if (typeof value !== "number" || !Number.isInteger(value)) return "must be an integer"
  if (value < min || value > max) return `must be between ${min} and ${max}, got ${value}`
  return undefined
}

/**
 * An optional non-empty string (a query filter, a body field).
 * @internal
 */
export const optionalNonEmptyProblem = (value: unknown): string | undefined =>
  value === undefined || (typeof value === "string" && value.length > 0) ? undefined : "must be a non-empty string"

/**
 * A required non-empty string.
 * @internal
 */
export const requiredNonEmptyProblem = (value: unknown): string | undefined =>
  typeof value === "string" && value.length > 0 ? undefined : "is required and must be a non-empty string"

/**
 * A plain object (not `null`, an array or a function): what every `params`
 * is typed as, and what a JSON object is.
 * @internal
 */
export const isPlainObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/**
 * A required options object (`params`).
 * @internal
 */
export const requiredObjectProblem = (value: unknown): string | undefined =>
  isPlainObject(value) ? undefined : "is required and must be an object"

/**
 * An optional options object: absent, or an object.
 * @internal
 */
export const optionalObjectProblem = (value: unknown): string | undefined =>
  value === undefined || isPlainObject(value) ? undefined : "must be an object when given"

/**
 * Optional request headers: an object whose values are strings or lists of
 * strings.
 * @internal
 */
export const optionalHeadersProblem = (value: unknown): string | undefined => {
  if (value === undefined) return undefined
  const valid =
    isPlainObject(value) &&
    Object.values(value).every(
      (header) =>
        typeof header === "string" || (Array.isArray(header) && header.every((item) => typeof item === "string"))
    )
  return valid ? undefined : "must be an object of strings or lists of strings"
}
