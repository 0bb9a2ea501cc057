/**
 * Reading a Clerk error body, liberally and within bounds. Plain functions
 * (no Effect), shared by every edition of the SDK.
 *
 * Liberal, because Clerk is: its own fixtures answer 429 with
 * `{"errors":[{"code":"too_many_requests"}]}`, without the `message` and
 * `long_message` the spec calls required. Whenever the body has an `errors`
 * array of objects that each carry a string `code`, it is Clerk's error;
 * fields that are missing or of another type are read as documented below.
 *
 * Bounded, because an error is logged and kept: whatever Clerk (or a proxy
 * pretending to be Clerk) sends, what an error carries stays within
 * {@link MAX_ERROR_BODY_CHARS} (docs/errors.md).
 * @internal
 */
import { cut } from "./cut.js"
import { isPlainObject } from "./inputRules.js"

/** One entry of `errors`, camelCase, as `ClerkAPIError` types it. */
export interface ClerkErrorEntry {
  readonly code: string
  readonly message: string
  readonly longMessage: string
  readonly meta?: Readonly<Record<string, unknown>>
}

/** A Clerk error body, as `ClerkErrorsBody` types it. */
export interface ClerkErrorBody {
  readonly errors: ReadonlyArray<ClerkErrorEntry>
  readonly meta?: Readonly<Record<string, unknown>>
  readonly clerkTraceId?: string
}

/**
 * The most an error body may weigh, as JSON text, once read: a body under it
 * is kept whole; a larger one is cut down (long strings shortened, large
 * `meta` dropped, trailing entries left out, the first always kept).
 */
export const MAX_ERROR_BODY_CHARS = 4096

/** A string field is cut to this length when the body is over the bound. */
const MAX_FIELD_CHARS = 512
/** A `meta` object is kept, when the body is over the bound, only if its JSON is at most this long. */
const MAX_META_CHARS = 512

const stringOr = (value: unknown, fallback: string): string => (typeof value === "string" ? value : fallback)

/**
 * An entry: `code` must be a string; `message` and `long_message` default to
 * `""` when missing or not strings; `meta` is kept only when it is an object
 * (`null` and other values read as absent).
 */
const readEntry = (value: unknown): ClerkErrorEntry | undefined => {
  if (!isPlainObject(value) || typeof value.code !== "string") return undefined
  const meta = value.meta
  return {
    code: value.code,
    message: stringOr(value.message, ""),
    longMessage: stringOr(value.long_message, ""),
    ...(isPlainObject(meta) ? { meta } : {})
  }
}

const cutField = (text: string): string => cut(text, MAX_FIELD_CHARS)

/** The JSON length of `value`, or `undefined` when it cannot be written (too deep, a cycle). */
const jsonLength = (value: unknown): number | undefined => {
  try {
    return JSON.stringify(value)?.length
  } catch {
    return undefined
  }
}

const smallMeta = (meta: Readonly<Record<string, unknown>> | undefined) => {
  if (meta === undefined) return {}
  const length = jsonLength(meta)
  return length !== undefined && length <= MAX_META_CHARS ? { meta } : {}
}

const boundEntry = (entry: ClerkErrorEntry): ClerkErrorEntry => ({
  code: cutField(entry.code),
  message: cutField(entry.message),
  longMessage: cutField(entry.longMessage),
  ...smallMeta(entry.meta)
})

/** Cuts a body read from more than {@link MAX_ERROR_BODY_CHARS} characters of text down to the bound. */
const bound = (body: ClerkErrorBody): ClerkErrorBody => {
  const head = {
    ...smallMeta(body.meta),
    ...(body.clerkTraceId === undefined ? {} : { clerkTraceId: cutField(body.clerkTraceId) })
  }
  // The brackets of the list, then each entry with its comma.
  let budget = MAX_ERROR_BODY_CHARS - (jsonLength(head) ?? 0) - 2
  const errors: Array<ClerkErrorEntry> = []
  for (const entry of body.errors) {
    const bounded = boundEntry(entry)
    const size = (jsonLength(bounded) ?? MAX_ERROR_BODY_CHARS) + 1
    if (errors.length > 0 && size > budget) break
    errors.push(bounded)
    budget -= size
  }
  return { errors, ...head }
}

/**
 * Reads a parsed JSON body as a Clerk error body, or `undefined` when it is
 * not one (no `errors` array, or an entry that is not an object with a
 * string `code`). `textLength` is the length of the text it was parsed from:
 * a body from more than {@link MAX_ERROR_BODY_CHARS} characters is bounded.
 */
export const readClerkErrorBody = (json: unknown, textLength: number): ClerkErrorBody | undefined => {
  if (!isPlainObject(json) || !Array.isArray(json.errors)) return undefined
  const errors: Array<ClerkErrorEntry> = []
  for (const value of json.errors) {
    const entry = readEntry(value)
    if (entry === undefined) return undefined
    errors.push(entry)
  }
  const body: ClerkErrorBody = {
    errors,
    ...(isPlainObject(json.meta) ? { meta: json.meta } : {}),
    ...(typeof json.clerk_trace_id === "string" ? { clerkTraceId: json.clerk_trace_id } : {})
  }
  return textLength > MAX_ERROR_BODY_CHARS ? bound(body) : body
}
