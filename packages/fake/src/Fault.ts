/**
 * Faults the fake injects, scripted per test through
 * `fake.injectFault(fault, { times, method, path })`.
 *
 * Whether Clerk processed the request matters for retry tests, so each fault
 * says it:
 * - not processed (state unchanged): `status`, `rateLimited`, `internalError`,
 *   `badGateway`, `serviceUnavailable`, `htmlBadGateway`, `connectionReset()`
 *   (the default);
 * - processed, then the answer breaks (state changed, e.g. a session was
 *   created): `connectionReset({ afterProcessing: true })`, `malformedBody`,
 *   `truncatedBody`, `neverEndingBody`;
 * - `latency` only delays the normal answer (the face waits, with its own clock).
 *
 * @since 0.1.0
 */

/**
 * An error status, with a Clerk error body or a proxy's HTML page.
 *
 * @since 0.1.0
 * @category models
 */
export interface StatusFault {
  readonly _tag: "Status"
  readonly status: number
  /** `Retry-After` header: whole seconds, or an HTTP-date. */
  readonly retryAfter?: number | Date | undefined
  /** `clerk`: a Clerk error body (default); `html`: a proxy's HTML page. */
  readonly body: "clerk" | "html"
}

/**
 * The connection breaks without an answer, before or after processing.
 *
 * @since 0.1.0
 * @category models
 */
export interface ResetFault {
  readonly _tag: "Reset"
  readonly afterProcessing: boolean
}

/**
 * A processed request whose answer breaks: a half body, a cut connection, a
 * body that never ends.
 *
 * @since 0.1.0
 * @category models
 */
export interface BodyFault {
  readonly _tag: "MalformedBody" | "TruncatedBody" | "NeverEndingBody"
}

/**
 * Delays the normal answer by `millis`.
 *
 * @since 0.1.0
 * @category models
 */
export interface LatencyFault {
  readonly _tag: "Latency"
  readonly millis: number
}

/**
 * A fault description. Build them with the constructors of this module.
 *
 * @since 0.1.0
 * @category models
 */
export type Fault = StatusFault | ResetFault | BodyFault | LatencyFault

/**
 * Which requests a fault applies to, and how many times.
 *
 * @since 0.1.0
 * @category models
 */
export interface FaultScope {
  /** How many matching requests get the fault (default 1). */
  readonly times?: number | undefined
  /** Only requests with this method (`GET`, `POST`). */
  readonly method?: string | undefined
  /** Only requests whose path (e.g. `/v1/sessions`) equals this string or matches this RegExp. */
  readonly path?: string | RegExp | undefined
}

/**
 * Options of the faults that answer an error status.
 *
 * @since 0.1.0
 * @category models
 */
export interface StatusFaultOptions {
  /** `Retry-After` header: whole seconds, or an HTTP-date; left out, no header. */
  readonly retryAfter?: number | Date | undefined
}

/**
 * An error status with a Clerk error body (codes: 429 `too_many_requests`,
 * 500 `internal_clerk_error`, 502/503/504 `service_unavailable`...).
 *
 * @since 0.1.0
 * @category constructors
 */
export const status = (code: number, options?: StatusFaultOptions): StatusFault => ({
  _tag: "Status",
  status: code,
  retryAfter: options?.retryAfter,
  body: "clerk"
})

/**
 * A 429 with a Clerk error body and `Retry-After` (seconds, or an HTTP-date;
 * leave it out for a 429 without the header).
 *
 * @since 0.1.0
 * @category constructors
 */
export const rateLimited = (options?: StatusFaultOptions): StatusFault => status(429, options)

/**
 * A 500 `internal_clerk_error` (optionally with `Retry-After`).
 *
 * @since 0.1.0
 * @category constructors
 */
export const internalError = (options?: StatusFaultOptions): StatusFault => status(500, options)

/**
 * A 502 with a Clerk error body (optionally with `Retry-After`).
 *
 * @since 0.1.0
 * @category constructors
 */
export const badGateway = (options?: StatusFaultOptions): StatusFault => status(502, options)

/**
 * A 503 with a Clerk error body (optionally with `Retry-After`).
 *
 * @since 0.1.0
 * @category constructors
 */
export const serviceUnavailable = (options?: StatusFaultOptions): StatusFault => status(503, options)

/**
 * A 502 whose body is an HTML page from a proxy, not a Clerk error body.
 *
 * @since 0.1.0
 * @category constructors
 */
export const htmlBadGateway = (): StatusFault => ({ _tag: "Status", status: 502, body: "html" })

/**
 * The connection breaks without an answer. By default before the request is
 * processed; with `afterProcessing: true` after it was (a created session exists).
 *
 * @since 0.1.0
 * @category constructors
 */
export const connectionReset = (options?: { readonly afterProcessing?: boolean | undefined }): ResetFault => ({
  _tag: "Reset",
  afterProcessing: options?.afterProcessing ?? false
})

/**
 * The request is processed; the answer has the normal status but a body cut in
 * half and delivered completely (valid HTTP, invalid JSON).
 *
 * @since 0.1.0
 * @category constructors
 */
export const malformedBody = (): BodyFault => ({ _tag: "MalformedBody" })

/**
 * The request is processed; the answer announces the full `Content-Length`,
 * sends half the body, then the connection breaks.
 *
 * @since 0.1.0
 * @category constructors
 */
export const truncatedBody = (): BodyFault => ({ _tag: "TruncatedBody" })

/**
 * The request is processed; status and headers arrive, the body never
 * finishes (for timeout tests).
 *
 * @since 0.1.0
 * @category constructors
 */
export const neverEndingBody = (): BodyFault => ({ _tag: "NeverEndingBody" })

/**
 * Delays the normal answer by `millis` milliseconds.
 *
 * @since 0.1.0
 * @category constructors
 */
export const latency = (millis: number): LatencyFault => ({ _tag: "Latency", millis })
