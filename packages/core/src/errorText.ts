/**
 * How the SDK's errors read, without Effect: the message of a `ClerkErrors`,
 * a `cause` as JSON, a decode failure's place and kind. Each edition's error
 * classes call these, so both editions' errors read the same and stay as
 * bounded (docs/errors.md).
 *
 * @internal
 */
import type { ClerkErrorEntry } from "./clerkErrorBody.js"
import { cut } from "./cut.js"

/**
 * The message of a `ClerkErrors`: the status, the first error, how many
 * more, the trace id and the wait Clerk asked for (already formatted by the
 * edition's `Duration`).
 * @internal
 */
export const clerkErrorsMessage = (fields: {
  readonly status: number
  readonly errors: ReadonlyArray<ClerkErrorEntry>
  readonly clerkTraceId?: string | undefined
  readonly retryAfter?: string | undefined
}): string => {
  const first = fields.errors[0]
  const detail = first === undefined ? "no error details" : `${first.code}: ${first.longMessage || first.message}`
  const more = fields.errors.length > 1 ? ` (+${fields.errors.length - 1} more)` : ""
  const trace = fields.clerkTraceId === undefined ? "" : ` [clerk trace id ${fields.clerkTraceId}]`
  const wait = fields.retryAfter === undefined ? "" : ` (retry after ${fields.retryAfter})`
  return `Clerk answered ${fields.status}: ${detail}${more}${trace}${wait}`
}

/**
 * A `cause` as an error's JSON shows it: an `Error` as `{ name, message,
 * code? }` (it has no enumerable fields, so it would show as `{}`), its
 * message cut to 512 characters; anything else as bounded JSON text.
 * @internal
 */
export const causeJson = (cause: unknown): unknown => {
  if (cause instanceof Error) {
    const code = (cause as { readonly code?: unknown }).code
    return {
      name: cause.name,
      message: cut(cause.message, 512),
      ...(typeof code === "string" ? { code } : {})
    }
  }
  try {
    return cut(JSON.stringify(cause) ?? String(cause), 512)
  } catch {
    return "(a value that cannot be written as JSON)"
  }
}

/**
 * What a value is, in a word: never the value itself, which may be huge or
 * deep.
 * @internal
 */
export const kindOf = (value: unknown): string =>
  value === null
    ? "null"
    : Array.isArray(value)
      ? "an array"
      : typeof value === "object"
        ? "an object"
        : `a ${typeof value}`

/**
 * A path into a decoded value, as `.data[3].status`.
 * @internal
 */
export const pathText = (path: ReadonlyArray<PropertyKey>): string =>
  path.map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`)).join("")

/**
 * Where a decode failed, bounded: `at .data[3].status`, or `at the top`.
 * @internal
 */
export const issuePlace = (path: ReadonlyArray<PropertyKey>): string => `at ${cut(pathText(path), 200) || "the top"}`

/**
 * A decode failure's leaf, in the words both editions use: what the schema
 * expected there and what kind of value was found (never the value).
 * @internal
 */
export const expectedText = (path: ReadonlyArray<PropertyKey>, expected: string, actual: unknown): string =>
  `${issuePlace(path)}: expected ${cut(expected, 200)}, got ${kindOf(actual)}`

/** @internal */
export const missingText = (path: ReadonlyArray<PropertyKey>): string =>
  `${issuePlace(path)}: a required field is missing`

/** @internal */
export const unexpectedText = (path: ReadonlyArray<PropertyKey>, actual: unknown): string =>
  `${issuePlace(path)}: an unexpected value, ${kindOf(actual)}`
