/**
 * The two typed failures of every operation: {@link ClerkErrors} when Clerk
 * answered with its own error body, {@link SDKError} for everything else.
 *
 * Both are `Schema.TaggedError` classes, as effect 4's own libraries write
 * their errors (`effect/ai`'s `AiError`): yieldable, matched by `_tag` with
 * `Effect.catchTag`, and `SDKError` says why in a `reason` literal.
 *
 * @since 0.1.0
 */
import { causeJson, clerkErrorsMessage } from "@clerk-effect/core/errorText"
import * as Duration from "effect/Duration"
import * as Schema from "effect/Schema"

const JsonObject = Schema.Record(Schema.String, Schema.Unknown)

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
  longMessage: Schema.String,
  meta: Schema.optionalKey(JsonObject)
}).pipe(Schema.encodeKeys({ longMessage: "long_message" }))

/**
 * @since 0.1.0
 * @category models
 */
export interface ClerkAPIError extends Schema.Schema.Type<typeof ClerkAPIError> {}

/**
 * The `ClerkErrors` body that Clerk sends with every documented error status:
 * `{ errors: [...], meta?, clerk_trace_id? }`, for a fake backend to encode
 * its error bodies with.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ClerkErrorsBody = Schema.Struct({
  errors: Schema.Array(ClerkAPIError),
  meta: Schema.optionalKey(JsonObject),
  clerkTraceId: Schema.optionalKey(Schema.String)
}).pipe(Schema.encodeKeys({ clerkTraceId: "clerk_trace_id" }))

/**
 * @since 0.1.0
 * @category models
 */
export interface ClerkErrorsBody extends Schema.Schema.Type<typeof ClerkErrorsBody> {}

/**
 * @since 0.1.0
 * @category models
 */
export interface ClerkErrorsBodyEncoded extends Schema.Codec.Encoded<typeof ClerkErrorsBody> {}

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
 * import { Sessions } from "@clerk-effect/backend-effect4"
 *
 * const statusOrGone = Sessions.get("sess_123").pipe(
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
export class ClerkErrors extends Schema.TaggedError<ClerkErrors>("@clerk-effect/backend-effect4/ClerkErrors")(
  "ClerkErrors",
  {
    status: Schema.Number,
    errors: Schema.Array(ClerkAPIError),
    meta: Schema.optionalKey(JsonObject),
    clerkTraceId: Schema.optionalKey(Schema.String),
    retryAfter: Schema.optionalKey(Schema.Duration)
  }
) {
  /**
   * The codes of all errors in the body, e.g. `["resource_not_found"]`.
   *
   * @since 0.1.0
   */
  get codes(): ReadonlyArray<string> {
    return this.errors.map((error) => error.code)
  }

  /**
   * One line: the status, the first error, how many more, the trace id and
   * the wait Clerk asked for.
   *
   * @since 0.1.0
   */
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
export const SDKErrorReason = Schema.Literals([
  "InvalidInput",
  "UnexpectedStatus",
  "InvalidResponse",
  "Transport",
  "Timeout"
])

/**
 * @since 0.1.0
 * @category errors
 */
export type SDKErrorReason = typeof SDKErrorReason.Type

/**
 * Everything that is not a Clerk error body. It never carries the secret key:
 * `body` is a truncated copy of what the server sent, `cause` the underlying
 * failure (a `TypeError` from `fetch`, an `HttpClientError`'s cause...),
 * never the request.
 *
 * @since 0.1.0
 * @category errors
 */
export class SDKError extends Schema.TaggedError<SDKError>("@clerk-effect/backend-effect4/SDKError")("SDKError", {
  reason: SDKErrorReason,
  message: Schema.String,
  /** The input field at fault, for `InvalidInput`. */
  field: Schema.optionalKey(Schema.String),
  status: Schema.optionalKey(Schema.Number),
  body: Schema.optionalKey(Schema.String),
  /** From `Retry-After`, when a non-Clerk answer (e.g. a proxy's 503) carried one. */
  retryAfter: Schema.optionalKey(Schema.Duration),
  cause: Schema.optionalKey(Schema.Defect())
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
