/**
 * Faults the fake injects, scripted per test through
 * `FakeClerk.injectFault(fault, { times, method, path })`: the faults of
 * `@clerk-effect/fake`, with `latency` taking an effect 4 `Duration.Input`.
 *
 * Every constructor is a function, called with or without options:
 * `Fault.internalError()`, `Fault.serviceUnavailable({ retryAfter: 2 })`.
 *
 * Whether Clerk processed the request matters for retry tests, so each fault
 * says it:
 * - not processed (state unchanged): `status`, `rateLimited`, `internalError`,
 *   `badGateway`, `serviceUnavailable`, `htmlBadGateway`, `connectionReset()`
 *   (the default);
 * - processed, then the answer breaks (state changed, e.g. a session was
 *   created): `connectionReset({ afterProcessing: true })`, `malformedBody`,
 *   `truncatedBody`, `neverEndingBody`;
 * - `latency` only delays the normal answer (an Effect sleep: `TestClock`
 *   controls it in-process).
 *
 * @since 0.1.0
 */
import { Fault as Plain } from "@clerk-effect/fake"
import * as Duration from "effect/Duration"

/**
 * A fault description. Build them with the constructors of this module.
 *
 * @since 0.1.0
 * @category models
 */
export type Fault =
  | Plain.StatusFault
  | Plain.ResetFault
  | Plain.BodyFault
  | { readonly _tag: "Latency"; readonly duration: Duration.Duration }

/**
 * Which requests a fault applies to, and how many times: `times` (default
 * 1), `method` (`GET`, `POST`), `path` (e.g. `/v1/sessions`, a string or a RegExp).
 *
 * @since 0.1.0
 * @category models
 */
export type FaultScope = Plain.FaultScope

/**
 * Options of the faults that answer an error status: `retryAfter`, the
 * `Retry-After` header (whole seconds, or an HTTP-date; left out, no header).
 *
 * @since 0.1.0
 * @category models
 */
export type StatusFaultOptions = Plain.StatusFaultOptions

/**
 * An error status with a Clerk error body (codes: 429 `too_many_requests`,
 * 500 `internal_clerk_error`, 502/503/504 `service_unavailable`...).
 *
 * @since 0.1.0
 * @category constructors
 */
export const status: (code: number, options?: StatusFaultOptions) => Fault = Plain.status

/**
 * A 429 with a Clerk error body and `Retry-After` (seconds, or an HTTP-date;
 * leave it out for a 429 without the header).
 *
 * @since 0.1.0
 * @category constructors
 */
export const rateLimited: (options?: StatusFaultOptions) => Fault = Plain.rateLimited

/**
 * A 500 `internal_clerk_error` (optionally with `Retry-After`).
 *
 * @since 0.1.0
 * @category constructors
 */
export const internalError: (options?: StatusFaultOptions) => Fault = Plain.internalError

/**
 * A 502 with a Clerk error body (optionally with `Retry-After`).
 *
 * @since 0.1.0
 * @category constructors
 */
export const badGateway: (options?: StatusFaultOptions) => Fault = Plain.badGateway

/**
 * A 503 with a Clerk error body (optionally with `Retry-After`).
 *
 * @since 0.1.0
 * @category constructors
 */
export const serviceUnavailable: (options?: StatusFaultOptions) => Fault = Plain.serviceUnavailable

/**
 * A 502 whose body is an HTML page from a proxy, not a Clerk error body.
 *
 * @since 0.1.0
 * @category constructors
 */
export const htmlBadGateway: () => Fault = Plain.htmlBadGateway

/**
 * The connection breaks without an answer. By default before the request is
 * processed; with `afterProcessing: true` after it was (a created session exists).
 *
 * @since 0.1.0
 * @category constructors
 */
export const connectionReset: (options?: { readonly afterProcessing?: boolean | undefined }) => Fault =
  Plain.connectionReset

/**
 * The request is processed; the answer has the normal status but a body cut in
 * half and delivered completely (valid HTTP, invalid JSON).
 *
 * @since 0.1.0
 * @category constructors
 */
export const malformedBody: () => Fault = Plain.malformedBody

/**
 * The request is processed; the answer announces the full `Content-Length`,
 * sends half the body, then the connection breaks.
 *
 * @since 0.1.0
 * @category constructors
 */
export const truncatedBody: () => Fault = Plain.truncatedBody

/**
 * The request is processed; status and headers arrive, the body never
 * finishes (for timeout tests).
 *
 * @since 0.1.0
 * @category constructors
 */
export const neverEndingBody: () => Fault = Plain.neverEndingBody

/**
 * Delays the normal answer by `duration` (an Effect sleep).
 *
 * @since 0.1.0
 * @category constructors
 */
export const latency = (duration: Duration.Input): Fault => ({
  _tag: "Latency",
  duration: Duration.fromInputUnsafe(duration)
})

/**
 * All fault constructors in one value, so that `Fault` is both the type of a
 * fault and the way to build one: `const f: Fault = Fault.rateLimited({ retryAfter: 2 })`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const Fault = {
  status,
  rateLimited,
  internalError,
  badGateway,
  serviceUnavailable,
  htmlBadGateway,
  connectionReset,
  malformedBody,
  truncatedBody,
  neverEndingBody,
  latency
} as const
