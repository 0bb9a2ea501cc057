/**
 * Schemas of the Sessions resource. One schema per model serves both
 * directions: it decodes Clerk's snake_case wire format into camelCase types
 * (`Schema.encodeKeys`), and a fake backend encodes its answers with the very
 * same schema.
 *
 * Unknown fields are ignored (Clerk adds fields over time). Identity and
 * state (ids, `status`, timestamps, a token's `jwt`) are strict, as the
 * 2026-05-12 spec types them; descriptive parts (the latest activity and its
 * fields, `actor`, `lastActiveOrganizationId`, `tasks`) that do not decode
 * are read as absent or `null` instead of failing the answer (docs/errors.md).
 *
 * @since 0.1.0
 */
import { KNOWN_SESSION_STATUSES, REFRESH_FORMATS, SESSION_LIST_STATUSES } from "@clerk-effect/core/sessionsParams"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as SchemaTransformation from "effect/SchemaTransformation"

type Plain = Schema.Top & { readonly DecodingServices: never; readonly EncodingServices: never }

// The wire side of a descriptive field: any JSON value is read (and judged
// by the field's own schema); the type says what Clerk is meant to send.
const anyWire = <E>() => Schema.Unknown as unknown as Schema.Codec<E>

/**
 * A descriptive field, optional: a value that does not decode (of another
 * type, `null`) is read as absent instead of failing the whole session.
 * (`Schema.catchDecoding` does not apply here: the type check of a
 * non-transforming schema runs before its middleware.)
 */
const descriptive = <S extends Plain>(schema: S) => {
  const decode = Schema.decodeUnknownOption(schema)
  const encode = Schema.encodeSync(schema)
  return Schema.optionalKey(anyWire<S["Encoded"]>()).pipe(
    Schema.decodeTo(
      Schema.optionalKey(Schema.toType(schema)),
      SchemaTransformation.transformOptional({
        decode: (input) => Option.flatMap(input, decode),
        encode: (value) => Option.map(value, encode)
      })
    )
  )
}

/**
 * A descriptive field, optional and nullable: a value that does not decode
 * is read as `null`, as if Clerk had sent no value.
 */
const descriptiveNullable = <S extends Plain>(schema: S) => {
  const decode = Schema.decodeUnknownOption(schema)
  const encode = Schema.encodeSync(schema)
  return Schema.optionalKey(anyWire<S["Encoded"] | null>()).pipe(
    Schema.decodeTo(
      Schema.optionalKey(Schema.NullOr(Schema.toType(schema))),
      SchemaTransformation.transformOptional({
        decode: (input) => Option.map(input, (value) => (value === null ? null : Option.getOrNull(decode(value)))),
        encode: (value) => Option.map(value, (decoded) => (decoded === null ? null : encode(decoded)))
      })
    )
  )
}

/**
 * The statuses the 2026-05-12 spec lists for a session.
 *
 * @since 0.1.0
 * @category schemas
 */
export const KnownSessionStatus = Schema.Literals(KNOWN_SESSION_STATUSES)

/**
 * @since 0.1.0
 * @category models
 */
export type KnownSessionStatus = typeof KnownSessionStatus.Type

/**
 * @since 0.1.0
 * @category models
 */
export type SessionStatus = KnownSessionStatus | (string & {})

/**
 * A session status: one of the known literals, or any other string Clerk may
 * add later (kept as is rather than failing the whole response). The
 * `string & {}` keeps editor completion for the known literals.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SessionStatus: Schema.Codec<SessionStatus, string> = Schema.Union([
  KnownSessionStatus,
  Schema.String as Schema.Codec<string & {}, string>
])

/**
 * The statuses `GET /sessions` accepts as a filter (`pending` is not one).
 *
 * @since 0.1.0
 * @category schemas
 */
export const SessionListStatus = Schema.Literals(SESSION_LIST_STATUSES)

/**
 * @since 0.1.0
 * @category models
 */
export type SessionListStatus = typeof SessionListStatus.Type

const Json = Schema.Record(Schema.String, Schema.Unknown)

// Descriptive throughout but for `object` and `id`: one field Clerk left out
// or sent as `null` must not cost the session (Clerk's own frontend types
// make `is_mobile` optional; `city: null` is seen in the wild).
const SessionActivitySchema = Schema.Struct({
  object: Schema.String,
  id: Schema.String,
  deviceType: descriptive(Schema.String),
  isMobile: descriptive(Schema.Boolean),
  browserName: descriptive(Schema.String),
  browserVersion: descriptive(Schema.String),
  ipAddress: descriptive(Schema.String),
  city: descriptive(Schema.String),
  country: descriptive(Schema.String)
}).pipe(
  Schema.encodeKeys({
    deviceType: "device_type",
    isMobile: "is_mobile",
    browserName: "browser_name",
    browserVersion: "browser_version",
    ipAddress: "ip_address"
  })
)

/**
 * The latest activity recorded for a session (device, browser, location).
 *
 * @since 0.1.0
 * @category models
 */
export interface SessionActivity extends Schema.Schema.Type<typeof SessionActivitySchema> {}

/**
 * @since 0.1.0
 * @category models
 */
export interface SessionActivityEncoded extends Schema.Codec.Encoded<typeof SessionActivitySchema> {}

/**
 * @since 0.1.0
 * @category schemas
 */
export const SessionActivity: Schema.Codec<SessionActivity, SessionActivityEncoded> = SessionActivitySchema

/**
 * A pending after-authentication task of a session (status `pending`).
 *
 * @since 0.1.0
 * @category models
 */
export interface SessionTask {
  readonly key: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const SessionTask: Schema.Codec<SessionTask> = Schema.Struct({ key: Schema.String })

/**
 * The wire (snake_case) name of each `Session` field whose name differs on
 * the wire; the others keep theirs. `Session` renames with it, and a fake
 * backend's own schemas of session-shaped input (a seed file, say) can
 * rename the same way instead of restating the names.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SessionWireKeys = {
  userId: "user_id",
  clientId: "client_id",
  lastActiveOrganizationId: "last_active_organization_id",
  lastActiveAt: "last_active_at",
  latestActivity: "latest_activity",
  expireAt: "expire_at",
  abandonAt: "abandon_at",
  updatedAt: "updated_at",
  createdAt: "created_at"
} as const

const SessionSchema = Schema.Struct({
  object: Schema.Literal("session"),
  id: Schema.String,
  userId: Schema.String,
  clientId: Schema.String,
  actor: descriptiveNullable(Json),
  status: SessionStatus,
  lastActiveOrganizationId: descriptiveNullable(Schema.String),
  /** Epoch milliseconds. */
  lastActiveAt: Schema.Number,
  latestActivity: descriptiveNullable(SessionActivity),
  /** Epoch milliseconds. */
  expireAt: Schema.Number,
  /** Epoch milliseconds. */
  abandonAt: Schema.Number,
  /** Epoch milliseconds. */
  updatedAt: Schema.Number,
  /** Epoch milliseconds. */
  createdAt: Schema.Number,
  tasks: descriptiveNullable(Schema.Array(SessionTask))
}).pipe(Schema.encodeKeys(SessionWireKeys))

/**
 * A Clerk session. Timestamps are epoch milliseconds, as Clerk sends them.
 *
 * @since 0.1.0
 * @category models
 */
export interface Session extends Schema.Schema.Type<typeof SessionSchema> {}

/**
 * The wire (snake_case) form of a {@link Session}.
 *
 * @since 0.1.0
 * @category models
 */
export interface SessionEncoded extends Schema.Codec.Encoded<typeof SessionSchema> {}

/**
 * @since 0.1.0
 * @category schemas
 */
export const Session: Schema.Codec<Session, SessionEncoded> = SessionSchema

const SessionListSchema = Schema.Struct({
  data: Schema.Array(Session),
  totalCount: Schema.Number
}).pipe(Schema.encodeKeys({ totalCount: "total_count" }))

/**
 * One page of `GET /sessions?paginated=true`: the sessions and the total
 * number matching the filters.
 *
 * @since 0.1.0
 * @category models
 */
export interface SessionList extends Schema.Schema.Type<typeof SessionListSchema> {}

/**
 * @since 0.1.0
 * @category models
 */
export interface SessionListEncoded extends Schema.Codec.Encoded<typeof SessionListSchema> {}

/**
 * The paginated list envelope `{ data, total_count }` that Clerk answers when
 * asked with `paginated=true` (not in the published spec; what Clerk's own
 * SDKs send and decode).
 *
 * @since 0.1.0
 * @category schemas
 */
export const SessionList: Schema.Codec<SessionList, SessionListEncoded> = SessionListSchema

/**
 * What the SDK accepts from `GET /sessions`: the paginated envelope, or the
 * spec's bare array (then `totalCount` is only known to be at least the page
 * length, and that is what it holds).
 *
 * @since 0.1.0
 * @category schemas
 */
export const SessionListResponse: Schema.Codec<SessionList, SessionListEncoded | ReadonlyArray<SessionEncoded>> =
  /* @__PURE__ */ Schema.Union([
    SessionList,
    /* @__PURE__ */ Schema.Array(Session).pipe(
      Schema.decodeTo(
        Schema.toType(SessionList),
        SchemaTransformation.transform({
          decode: (data): SessionList => ({ data, totalCount: data.length }),
          encode: (list) => list.data
        })
      )
    )
  ])

const TokenSchema = Schema.Struct({
  // The token endpoints' inline schema marks `object` optional.
  object: Schema.Literal("token").pipe(Schema.withDecodingDefaultKey(Effect.succeed("token" as const))),
  jwt: Schema.String
})

/**
 * A minted JWT: `{ object: "token", jwt }`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Token extends Schema.Schema.Type<typeof TokenSchema> {}

/**
 * @since 0.1.0
 * @category models
 */
export interface TokenEncoded extends Schema.Codec.Encoded<typeof TokenSchema> {}

/**
 * @since 0.1.0
 * @category schemas
 */
export const Token: Schema.Codec<Token, TokenEncoded> = TokenSchema

/**
 * `Set-Cookie` directives answered by `refresh` with `format: "cookie"`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Cookies {
  readonly object: "cookies"
  readonly cookies: ReadonlyArray<string>
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const Cookies: Schema.Codec<Cookies> = Schema.Struct({
  object: Schema.Literal("cookies"),
  cookies: Schema.Array(Schema.String)
})

/**
 * The answer of `refresh`: a {@link Token} or {@link Cookies}, told apart by `object`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SessionRefresh: Schema.Codec<Token | Cookies, TokenEncoded | Cookies> = /* @__PURE__ */ Schema.Union([
  Cookies,
  Token
])

/**
 * Request body of `POST /sessions`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CreateSessionBody = Schema.Struct({
  userId: Schema.String,
  activeOrganizationId: Schema.optionalKey(Schema.String)
}).pipe(Schema.encodeKeys({ userId: "user_id", activeOrganizationId: "active_organization_id" }))

/**
 * Request body of both token-minting endpoints.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CreateTokenBody = Schema.Struct({
  expiresInSeconds: Schema.optionalKey(Schema.NullOr(Schema.Number))
}).pipe(Schema.encodeKeys({ expiresInSeconds: "expires_in_seconds" }))

/**
 * The `format` of a refresh: a token (default) or cookies.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RefreshFormat = Schema.Literals(REFRESH_FORMATS)

/**
 * @since 0.1.0
 * @category models
 */
export type RefreshFormat = typeof RefreshFormat.Type

/**
 * Request body of `POST /sessions/{id}/refresh`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RefreshSessionBody = Schema.Struct({
  expiredToken: Schema.String,
  refreshToken: Schema.String,
  requestOrigin: Schema.String,
  requestHeaders: Schema.optionalKey(
    Schema.NullOr(Schema.Record(Schema.String, Schema.Union([Schema.String, Schema.Array(Schema.String)])))
  ),
  format: Schema.optionalKey(Schema.NullOr(RefreshFormat)),
  requestOriginatingIp: Schema.optionalKey(Schema.NullOr(Schema.String))
}).pipe(
  Schema.encodeKeys({
    expiredToken: "expired_token",
    refreshToken: "refresh_token",
    requestOrigin: "request_origin",
    requestHeaders: "request_headers",
    requestOriginatingIp: "request_originating_ip"
  })
)

/**
 * Request body of the deprecated `POST /sessions/{id}/verify`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const VerifySessionBody = Schema.Struct({ token: Schema.optionalKey(Schema.String) })
