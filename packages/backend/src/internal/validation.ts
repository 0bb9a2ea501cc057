import * as Effect from "effect/Effect"
import { SDKError } from "../Errors.js"

/** @internal */
export const invalidInput = (field: string, problem: string): SDKError =>
  new SDKError({ reason: "InvalidInput", field, message: `Invalid input: ${field} ${problem}` })

// Path traversal, query/fragment injection, pre-encoded sequences, whitespace
// and control characters: none of them can be part of a Clerk id or template
// name, and each could change which URL we call. `\p{Cc}` covers C0, DEL and
// C1 (e.g. U+0085 NEL, which `\s` misses); `\p{Cs}` catches lone surrogates,
// on which `encodeURIComponent` throws instead of failing typed.
// A lone "." is a dot segment too: the URL parser drops it, so `get(".")`
// would call `GET /sessions/` (the list) instead of failing.
const forbiddenInPathParam = /[/?#%\s\p{Cc}\p{Cs}]|\.\.|^\.$/u

/**
 * Checks a path parameter (a session id, a template name) and returns it
 * percent-encoded, ready to be a URL segment.
 * @internal
 */
export const pathParam = (field: string, value: unknown): Effect.Effect<string, SDKError> => {
  if (typeof value !== "string") return Effect.fail(invalidInput(field, "must be a string"))
  if (value.length === 0) return Effect.fail(invalidInput(field, "must not be empty"))
  if (forbiddenInPathParam.test(value)) {
    return Effect.fail(
      invalidInput(field, "must not be '.' nor contain '/', '..', '?', '#', '%', whitespace or control characters")
    )
  }
  return Effect.succeed(encodeURIComponent(value))
}

/**
 * Checks an optional integer against inclusive bounds.
 * @internal
 */
export const optionalInteger = (
  field: string,
  value: unknown,
  min: number,
  max: number
): Effect.Effect<number | undefined, SDKError> => {
  if (value === undefined) return Effect.succeed(undefined)
  if (typeof value !== "number" || !Number.isInteger(value)) {
    return Effect.fail(invalidInput(field, "must be an integer"))
  }
  if (value < min || value > max) {
    return Effect.fail(invalidInput(field, `must be between ${min} and ${max}, got ${value}`))
  }
  return Effect.succeed(value)
}

/**
 * Checks an optional non-empty string (a query filter, a body field).
 * @internal
 */
export const optionalNonEmpty = (field: string, value: unknown): Effect.Effect<string | undefined, SDKError> => {
  if (value === undefined) return Effect.succeed(undefined)
  if (typeof value !== "string" || value.length === 0) {
    return Effect.fail(invalidInput(field, "must be a non-empty string"))
  }
  return Effect.succeed(value)
}

/**
 * Checks a required non-empty string.
 * @internal
 */
export const requiredNonEmpty = (field: string, value: unknown): Effect.Effect<string, SDKError> => {
  if (typeof value !== "string" || value.length === 0) {
    return Effect.fail(invalidInput(field, "is required and must be a non-empty string"))
  }
  return Effect.succeed(value)
}

/** A plain object (not `null`, an array or a function): what every `params` is typed as. */
const isPlainObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/**
 * Checks a required options object (`params`).
 * @internal
 */
export const requiredObject = <A>(field: string, value: A): Effect.Effect<A, SDKError> =>
  isPlainObject(value) ? Effect.succeed(value) : Effect.fail(invalidInput(field, "is required and must be an object"))

/**
 * Checks an optional options object (`params`): absent, or an object.
 * @internal
 */
export const optionalObject = <A>(field: string, value: A): Effect.Effect<A, SDKError> =>
  value === undefined || isPlainObject(value)
    ? Effect.succeed(value)
    : Effect.fail(invalidInput(field, "must be an object when given"))

/**
 * Checks optional request headers: an object whose values are strings or
 * lists of strings.
 * @internal
 */
export const optionalHeaders = (field: string, value: unknown): Effect.Effect<void, SDKError> => {
  if (value === undefined) return Effect.void
  const valid =
    isPlainObject(value) &&
    Object.values(value).every(
      (header) =>
        typeof header === "string" || (Array.isArray(header) && header.every((item) => typeof item === "string"))
    )
  return valid ? Effect.void : Effect.fail(invalidInput(field, "must be an object of strings or lists of strings"))
}
