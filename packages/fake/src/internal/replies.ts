/**
 * Building replies: JSON bodies in the wire format, and Clerk error bodies
 * (`{ errors, clerk_trace_id }`) with the same id in a `Clerk-Trace-Id` header.
 */
import type { FakeReply } from "../Exchange.js"
import { randomHex } from "./ids.js"

// Exactly this value: @clerk/backend parses a body as JSON only when the header equals "application/json".
const jsonHeaders = { "content-type": "application/json" }

/** @internal */
export const json = (value: unknown, status = 200): FakeReply => ({
  _tag: "Respond",
  status,
  headers: jsonHeaders,
  body: JSON.stringify(value)
})

/**
 * One entry of a Clerk error body, in the wire format.
 * @internal
 */
export interface ErrorEntry {
  readonly code: string
  readonly message: string
  readonly long_message: string
  readonly meta?: Readonly<Record<string, unknown>>
}

/** @internal */
export const clerkError = (
  status: number,
  entry: ErrorEntry,
  extraHeaders: Readonly<Record<string, string>> = {}
): FakeReply => {
  const clerkTraceId = randomHex(16)
  return {
    _tag: "Respond",
    status,
    headers: { ...jsonHeaders, "clerk-trace-id": clerkTraceId, ...extraHeaders },
    body: JSON.stringify({ errors: [entry], clerk_trace_id: clerkTraceId })
  }
}

/**
 * Clerk's answer to a body its decoder refuses, word for word as observed
 * (clerk/clerk-sdk-python#85).
 * @internal
 */
export const bodyInvalid = (): FakeReply =>
  clerkError(400, {
    code: "request_body_invalid",
    message: "Request body invalid",
    long_message: "The request body is invalid. Please consult the API documentation for more information."
  })

/** @internal */
export const notFound = (longMessage = "Resource not found", meta?: Record<string, unknown>): FakeReply =>
  clerkError(404, {
    code: "resource_not_found",
    message: "not found",
    long_message: longMessage,
    ...(meta === undefined ? {} : { meta })
  })

/** @internal */
export const unauthenticated = (): FakeReply =>
  clerkError(401, {
    code: "authentication_invalid",
    message: "Invalid authentication",
    long_message: "Unable to authenticate the request, you need to supply an active API key"
  })

/** @internal */
export const paramMissing = (param: string, status = 422): FakeReply =>
  clerkError(status, {
    code: "form_param_missing",
    message: "missing required parameter",
    long_message: `${param} must be included.`,
    meta: { param_name: param }
  })

/** @internal */
export const paramFormatInvalid = (param: string, detail: string, status = 422): FakeReply =>
  clerkError(status, {
    code: "form_param_format_invalid",
    message: "is invalid",
    long_message: `${param} ${detail}`,
    meta: { param_name: param }
  })

/** @internal */
export const paramValueInvalid = (param: string, detail: string, status = 422): FakeReply =>
  clerkError(status, {
    code: "form_param_value_invalid",
    message: "is invalid",
    long_message: `${param} ${detail}`,
    meta: { param_name: param }
  })

/** @internal */
export const tokenInvalid = (longMessage: string): FakeReply =>
  clerkError(401, { code: "authentication_invalid", message: "Invalid authentication", long_message: longMessage })

/**
 * Clerk's answer to `POST /sessions/{id}/verify`, word for word as observed
 * (clerk/clerk-sdk-ruby#43, January 2024), without `meta`.
 * @internal
 */
export const deprecated = (): FakeReply =>
  clerkError(410, {
    code: "operation_deprecated",
    message: "endpoint is deprecated and pending removal",
    long_message:
      "This endpoint is deprecated and will be removed in future versions. We strongly recommend switching to networkless verification using short-lived session tokens, which is implemented transparently in all recent SDK versions (e.g. NodeJS SDK https://clerk.com/docs/backend-requests/handling/nodejs#clerk-express-require-auth). For more details on how networkless verification works, refer to our Session Tokens documentation https://clerk.com/docs/backend-requests/resources/session-tokens."
  })

/**
 * What a proxy in front of Clerk answers when Clerk is down: not a Clerk body at all.
 * @internal
 */
export const htmlBadGateway = (): FakeReply => ({
  _tag: "Respond",
  status: 502,
  headers: { "content-type": "text/html" },
  body: "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n"
})

const statusCodes: Record<number, ErrorEntry> = {
  429: {
    code: "too_many_requests",
    message: "Too Many Requests",
    long_message: "Too many requests, retry later"
  },
  500: {
    code: "internal_clerk_error",
    message: "Oops, an unexpected error occurred",
    long_message: "There was an internal error on our servers. We've been notified and are working on fixing it."
  }
}

/** @internal */
export const statusError = (status: number, retryAfter: number | Date | undefined): FakeReply => {
  const entry = statusCodes[status] ?? {
    code: "service_unavailable",
    message: "Service unavailable",
    long_message: `The service is unavailable (fault injected with status ${status})`
  }
  const headers: Record<string, string> =
    retryAfter === undefined
      ? {}
      : { "retry-after": typeof retryAfter === "number" ? String(retryAfter) : retryAfter.toUTCString() }
  return clerkError(status, entry, headers)
}
