/**
 * Reading Clerk's answers, without Effect: JSON text, a non-2xx answer as
 * either a Clerk error body or an unexpected status, and the bounds every
 * error text keeps. Each edition turns {@link FailureData} into its own
 * `ClerkErrors` or `SDKError`.
 *
 * @internal
 */
import type { ClerkErrorEntry } from "./clerkErrorBody.js"
import { readClerkErrorBody } from "./clerkErrorBody.js"
import { retryAfterMillis } from "./retryAfter.js"
import type { WireHeader } from "./wire.js"

/** How much of an unexpected body an `SDKError` keeps: enough to read, not a dump. */
const MAX_BODY_CHARS = 1024

/**
 * The most an error message grows to, whatever Clerk answered: a log line,
 * not a dump (docs/errors.md).
 * @internal
 */
export const MAX_MESSAGE_CHARS = 2048

/**
 * A body as an error keeps it: the first 1,024 characters and the length.
 * @internal
 */
export const truncateBody = (body: string): string =>
  body.length > MAX_BODY_CHARS ? `${body.slice(0, MAX_BODY_CHARS)}… (${body.length} chars)` : body

/**
 * `JSON.parse` as a value: never a throw.
 * @internal
 */
export const parseJson = (
  text: string
): { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown } => {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (error) {
    return { ok: false, error }
  }
}

/**
 * What a non-2xx answer is: Clerk's own error body, or anything else (an
 * HTML page from a proxy, an empty 500...). `retryAfterMillis` is the wait a
 * `Retry-After` header asked for.
 * @internal
 */
export type FailureData =
  | {
      readonly kind: "ClerkErrors"
      readonly status: number
      readonly errors: ReadonlyArray<ClerkErrorEntry>
      readonly meta?: Readonly<Record<string, unknown>>
      readonly clerkTraceId?: string
      readonly retryAfterMillis?: number
    }
  | {
      readonly kind: "UnexpectedStatus"
      readonly status: number
      readonly body: string
      readonly message: string
      readonly retryAfterMillis?: number
    }

/**
 * Reads a non-2xx answer; `now` dates an HTTP-date `Retry-After`. The trace
 * id comes from the body, else the `clerk-trace-id` header, else `cf-ray`.
 * @internal
 */
export const readFailure = (status: number, header: WireHeader, text: string, now: number): FailureData => {
  const retryAfter = retryAfterMillis(header("retry-after"), now)
  const json = parseJson(text)
  const body = json.ok ? readClerkErrorBody(json.value, text.length) : undefined
  if (body !== undefined) {
    const clerkTraceId = body.clerkTraceId ?? header("clerk-trace-id") ?? header("cf-ray")
    return {
      kind: "ClerkErrors",
      status,
      errors: body.errors,
      ...(body.meta === undefined ? {} : { meta: body.meta }),
      ...(clerkTraceId === undefined ? {} : { clerkTraceId }),
      ...(retryAfter === undefined ? {} : { retryAfterMillis: retryAfter })
    }
  }
  return {
    kind: "UnexpectedStatus",
    status,
    body: truncateBody(text),
    message: `Clerk answered ${status} without a Clerk error body${text.length === 0 ? " (empty body)" : ""}`,
    ...(retryAfter === undefined ? {} : { retryAfterMillis: retryAfter })
  }
}
