/**
 * The two typed failures of every operation: {@link ClerkErrors} when Clerk
 * answered with its own error body, {@link SDKError} for everything else.
 *
 * @since 0.1.0
 */

import { causeJson, clerkErrorsMessage } from "@clerk-effect/core/errorText"
import * as Duration from "effect/Duration"
import * as Schema from "effect/Schema"

/**
 * One entry of a Clerk error body (`errors[]`), camelCase on our side and
 * snake_case (`long_message`) on the wire.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ClerkAPIError = Schema.Struct({
  code: Schema.String,
  message: Schema.String,
  longMessage: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("long_message")),
  meta: Schema.optionalWith(Schema.Record({ key: Schema.String, value: Schema.Unknown }), { exact: true })
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ClerkAPIError extends Schema.Schema.Type<typeof ClerkAPIError> {}

/**
 * The `ClerkErrors` body that Clerk sends with every documented error status:
 * `{ errors: [...], meta?, clerk_trace_id? }`. The fake backend encodes its error
 * bodies with this same schema.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ClerkErrorsBody = /* @__PURE__ */ Schema.Struct({
  // `@__PURE__` throughout: the SDK reads error bodies without this schema
  // (@clerk-effect/core/clerkErrorBody), so a bundle that does not use it drops it.
  errors: /* @__PURE__ */ Schema.Array(ClerkAPIError),
  meta: /* @__PURE__ */ Schema.optionalWith(
    /* @__PURE__ */ Schema.Record({ key: Schema.String, value: Schema.Unknown }),
    {
      exact: true
    }
  ),
  clerkTraceId: /* @__PURE__ */ Schema.optionalWith(Schema.String, { exact: true }).pipe(
    /* @__PURE__ */ Schema.fromKey("clerk_trace_id")
  )
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ClerkErrorsBody extends Schema.Schema.Type<typeof ClerkErrorsBody> {}

/**
 * @since 0.1.0
 * @category models
 */
export interface ClerkErrorsBodyEncoded extends Schema.Schema.Encoded<typeof ClerkErrorsBody> {}

/**
 * Clerk answered with an error status and a Clerk error body.
 *
 * `status` is the HTTP status, `errors` Clerk's own list (match on
 * `errors[0].code`, e.g. `resource_not_found`), `clerkTraceId` the id to quote
 * to Clerk support (body field, else the `Clerk-Trace-Id` or `CF-Ray` header),
 * and `retryAfter` how long Clerk asked us to wait (from `Retry-After`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Sessions } from "@clerk-effect/backend"
 *
 * const sessionOrNone = Sessions.get("sess_123").pipe(
 *   Effect.map((session) => session.status),
 *   Effect.catchTag("ClerkErrors", (error) =>
 *     error.status === 404 ? Effect.succeed("gone") : Effect.fail(error)
 *   )
 * )
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export class ClerkErrors extends Schema.TaggedError<ClerkErrors>("@clerk-effect/backend/ClerkErrors")("ClerkErrors", {
  status: Schema.Number,
  errors: Schema.Array(ClerkAPIError),
  meta: Schema.optionalWith(Schema.Record({ key: Schema.String, value: Schema.Unknown }), { exact: true }),
  clerkTraceId: Schema.optionalWith(Schema.String, { exact: true }),
  retryAfter: Schema.optionalWith(Schema.DurationFromSelf, { exact: true })
}) {
  /**
   * The codes of all errors in the body, e.g. `["resource_not_found"]`.
   *
   * @since 0.1.0
   */
  get codes(): ReadonlyArray<string> {
    return this.errors.map((error) => error.code)
  }

  override get message(): string {
    return clerkErrorsMessage({
      status: this.status,
      errors: this.errors,
      clerkTraceId: this.clerkTraceId,
      retryAfter: this.retryAfter === undefined ? undefined : Duration.format(this.retryAfter)
    })
  }
}

/**
 * Why an {@link SDKError} happened.
 *
 * - `InvalidInput`: rejected before any request was sent (see `field`).
 * - `UnexpectedStatus`: a status or body that is not a Clerk error (an HTML 502, an empty 500).
 * - `InvalidResponse`: a 2xx whose body does not decode.
 * - `Transport`: the request could not be sent or the response could not be read.
 * - `Timeout`: an attempt or the whole operation ran out of time.
 *
 * @since 0.1.0
 * @category errors
 */
export const SDKErrorReason = Schema.Literal(
  "InvalidInput",
  "UnexpectedStatus",
  "InvalidResponse",
  "Transport",
  "Timeout"
)

/**
 * @since 0.1.0
 * @category errors
 */
export type SDKErrorReason = typeof SDKErrorReason.Type

/**
 * Everything that is not a Clerk error body. It never carries the secret key:
 * `body` is a truncated copy of what the server sent, `cause` the underlying
 * failure (a `TypeError` from `fetch`, a `ParseError`...), never the request.
 *
 * @since 0.1.0
 * @category errors
 */
export class SDKError extends Schema.TaggedError<SDKError>("@clerk-effect/backend/SDKError")("SDKError", {
  reason: SDKErrorReason,
  message: Schema.String,
  /** The input field at fault, for `InvalidInput`. */
  field: Schema.optionalWith(Schema.String, { exact: true }),
  status: Schema.optionalWith(Schema.Number, { exact: true }),
  body: Schema.optionalWith(Schema.String, { exact: true }),
  /** From `Retry-After`, when a non-Clerk answer (e.g. a proxy's 503) carried one. */
  retryAfter: Schema.optionalWith(Schema.DurationFromSelf, { exact: true }),
  cause: Schema.optionalWith(Schema.Defect, { exact: true })
}) {
  /**
   * The error as JSON, for a log pipeline: `cause` as `{ name, message }`
   * (an `Error` has no enumerable fields, so it would show as `{}`), its
   * message cut to 512 characters.
   *
   * @since 0.1.0
   */
  override toJSON(): unknown {
    const json = super.toJSON() as Record<string, unknown>
    return this.cause === undefined ? json : { ...json, cause: causeJson(this.cause) }
  }
}

/**
 * The failure type of every operation.
 *
 * @since 0.1.0
 * @category errors
 */
export type ClerkError = ClerkErrors | SDKError
