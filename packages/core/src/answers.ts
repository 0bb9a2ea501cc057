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
import { cut } from "./cut.js"
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

/**
 * The fields of the error a non-2xx answer becomes, for the edition's
 * `ClerkErrors` or `SDKError` constructor; `duration` makes the edition's
 * `Duration` of a `Retry-After`.
 * @internal
 */
export const failureFields = <D>(failure: FailureData, duration: (millis: number) => D) => {
  // readFailure leaves out what is absent, so the rest are the fields as they are.
  const retryAfter = failure.retryAfterMillis === undefined ? {} : { retryAfter: duration(failure.retryAfterMillis) }
  if (failure.kind === "ClerkErrors") {
    const { kind, retryAfterMillis: _, ...fields } = failure
    return { kind, fields: { ...fields, ...retryAfter } }
  }
  const { kind, retryAfterMillis: _, ...fields } = failure
  return { kind, fields: { reason: kind, ...fields, ...retryAfter } }
}

/**
 * The fields of `SDKError` `InvalidResponse`: a 2xx answer the SDK cannot
 * use, its body kept, truncated, to read.
 * @internal
 */
export const invalidResponseFields = (status: number, text: string, message: string, cause?: unknown) => ({
  reason: "InvalidResponse" as const,
  status,
  body: truncateBody(text),
  message: cut(`Clerk answered ${status} ${message}`, MAX_MESSAGE_CHARS),
  ...(cause === undefined ? {} : { cause })
})

/**
 * The JSON of a 2xx body, or the `InvalidResponse` fields of a body that is
 * empty or not JSON.
 * @internal
 */
export const successJson = (
  status: number,
  text: string
):
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly fields: ReturnType<typeof invalidResponseFields> } => {
  const json = parseJson(text)
  if (json.ok) return json
  const what = text.length === 0 ? "with an empty body" : "with a body that is not JSON"
  return { ok: false, fields: invalidResponseFields(status, text, what, json.error) }
}

/**
 * The `InvalidResponse` fields of a 2xx body of the wrong shape, `where`
 * saying where and how (the edition reads its own schema issues).
 * @internal
 */
export const unexpectedShapeFields = (status: number, text: string, where: string) =>
  invalidResponseFields(status, text, `with a body of an unexpected shape (${where})`)
