/**
 * Schemas of the Sessions resource. One schema per model serves both
 * directions: it decodes Clerk's snake_case wire format into camelCase types,
 * and the fake backend encodes its answers with the very same schema.
 *
 * Unknown fields are ignored (Clerk adds fields over time). Identity and
 * state (ids, `status`, timestamps, a token's `jwt`) are strict, as the
 * 2026-05-12 spec types them; descriptive parts (the latest activity and its
 * fields, `actor`, `lastActiveOrganizationId`, `tasks`) that do not decode
 * are read as absent or `null` instead of failing the answer (docs/errors.md).
 *
 * @since 0.1.0
 */
import { isPlainObject } from "@clerk-effect/core/inputRules"
import { KNOWN_SESSION_STATUSES, REFRESH_FORMATS, SESSION_LIST_STATUSES } from "@clerk-effect/core/sessionsParams"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { makeOptionDecoder } from "./internal/fastDecode.js"

// `K` must stay a literal type: with a plain `string` key every encoded
// (wire) type would collapse into an index signature and lose its field names.
const field = <S extends Schema.Schema.Any, K extends string>(schema: S, key: K) =>
  Schema.propertySignature(schema).pipe(Schema.fromKey(key))

/** Optional, never null: the key may be absent. */
const optional = <S extends Schema.Schema.Any, K extends string>(schema: S, key: K) =>
  Schema.optionalWith(schema, { exact: true }).pipe(Schema.fromKey(key))

/** Optional and nullable: the key may be absent or `null`. */
const optionalNullable = <S extends Schema.Schema.Any, K extends string>(schema: S, key: K) =>
  Schema.optionalWith(Schema.NullOr(schema), { exact: true }).pipe(Schema.fromKey(key))

// The wire side of a descriptive field: any JSON value is read (and judged
// by the field's own schema); the type says what Clerk is meant to send.
const anyWire = <I>() => Schema.Unknown as unknown as Schema.Schema<I, I>

/**
 * A descriptive field, optional: a value that does not decode (of another
 * type, `null`) is read as absent instead of failing the whole session. The
 * rule is in docs/errors.md; identity and state fields stay strict.
 */
const descriptive = <A, I, K extends string>(schema: Schema.Schema<A, I>, key: K) => {
  const decode = makeOptionDecoder(schema)
  const encode = Schema.encodeSync(schema)
  return Schema.optionalToOptional(anyWire<I>(), Schema.typeSchema(schema), {
    decode: (input) => (Option.isNone(input) ? Option.none() : decode(input.value)),
    encode: (value) => Option.map(value, encode)
  }).pipe(Schema.fromKey(key))
}

/**
 * A descriptive field, optional and nullable: a value that does not decode
 * is read as `null`, as if Clerk had sent no value.
 */
const descriptiveNullable = <A, I, K extends string>(schema: Schema.Schema<A, I>, key: K) => {
  const decode = makeOptionDecoder(schema)
  const encode = Schema.encodeSync(schema)
  return Schema.optionalToOptional(anyWire<I | null>(), Schema.NullOr(Schema.typeSchema(schema)), {
    decode: (input) => {
      if (Option.isNone(input)) return Option.none()
      return Option.some(input.value === null ? null : Option.getOrNull(decode(input.value)))
    },
    encode: (value) => Option.map(value, (decoded) => (decoded === null ? null : encode(decoded)))
  }).pipe(Schema.fromKey(key))
}

/**
 * The statuses the 2026-05-12 spec lists for a session.
 *
 * @since 0.1.0
 * @category schemas
 */
export const KnownSessionStatus = Schema.Literal(...KNOWN_SESSION_STATUSES)

/**
 * @since 0.1.0
 * @category models
 */
export type KnownSessionStatus = typeof KnownSessionStatus.Type

/**
 * A session status: one of the known literals, or any other string Clerk may
 * add later (kept as is rather than failing the whole response). The
 * `string & {}` keeps editor completion for the known literals.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SessionStatus: Schema.Schema<SessionStatus, string> = Schema.Union(
  KnownSessionStatus,
  Schema.String as Schema.Schema<string & {}, string>
)

/**
 * @since 0.1.0
 * @category models
 */
export type SessionStatus = KnownSessionStatus | (string & {})

/**
 * The statuses `GET /sessions` accepts as a filter (`pending` is not one).
 *
 * @since 0.1.0
 * @category schemas
 */
export const SessionListStatus = /* @__PURE__ */ (() => Schema.Literal(...SESSION_LIST_STATUSES))()

/**
 * @since 0.1.0
 * @category models
 */
export type SessionListStatus = typeof SessionListStatus.Type

// A free-form JSON object (the actor claims), kept as Clerk sent it. Not a
// Schema.Record: its decode copies key by key, so an own "__proto__" key
// (JSON.parse makes one) would become the copy's prototype, and whether it
// survived would depend on the path that decoded it.
const Json = Schema.declare<{ readonly [key: string]: unknown }>(isPlainObject, {
  identifier: "Json",
  // Property tests draw objects whose values survive JSON as they are.
  arbitrary: () => (fc) =>
    fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)), {
      maxKeys: 4
    })
})

// Descriptive throughout but for `object` and `id`: one field Clerk left out
// or sent as `null` must not cost the session (Clerk's own frontend types
// make `is_mobile` optional; `city: null` is seen in the wild).
const SessionActivitySchema = Schema.Struct({
  object: Schema.String,
  id: Schema.String,
  deviceType: descriptive(Schema.String, "device_type"),
  isMobile: descriptive(Schema.Boolean, "is_mobile"),
  browserName: descriptive(Schema.String, "browser_name"),
  browserVersion: descriptive(Schema.String, "browser_version"),
  ipAddress: descriptive(Schema.String, "ip_address"),
  city: descriptive(Schema.String, "city"),
  country: descriptive(Schema.String, "country")
})

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
export interface SessionActivityEncoded extends Schema.Schema.Encoded<typeof SessionActivitySchema> {}

/**
 * @since 0.1.0
 * @category schemas
 */
export const SessionActivity: Schema.Schema<SessionActivity, SessionActivityEncoded> = SessionActivitySchema

const SessionTaskSchema = Schema.Struct({ key: Schema.String })

/**
 * A pending after-authentication task of a session (status `pending`).
 *
 * @since 0.1.0
 * @category models
 */
export interface SessionTask extends Schema.Schema.Type<typeof SessionTaskSchema> {}

/**
 * @since 0.1.0
 * @category schemas
 */
export const SessionTask: Schema.Schema<SessionTask, SessionTask> = SessionTaskSchema

const SessionSchema = Schema.Struct({
  object: Schema.Literal("session"),
  id: Schema.String,
  userId: field(Schema.String, "user_id"),
  clientId: field(Schema.String, "client_id"),
  actor: descriptiveNullable(Json, "actor"),
  status: SessionStatus,
  lastActiveOrganizationId: descriptiveNullable(Schema.String, "last_active_organization_id"),
  /** Epoch milliseconds. */
  lastActiveAt: field(Schema.Number, "last_active_at"),
  latestActivity: descriptiveNullable(SessionActivity, "latest_activity"),
  /** Epoch milliseconds. */
  expireAt: field(Schema.Number, "expire_at"),
  /** Epoch milliseconds. */
  abandonAt: field(Schema.Number, "abandon_at"),
  /** Epoch milliseconds. */
  updatedAt: field(Schema.Number, "updated_at"),
  /** Epoch milliseconds. */
  createdAt: field(Schema.Number, "created_at"),
  tasks: descriptiveNullable(Schema.Array(SessionTask), "tasks")
})

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
export interface SessionEncoded extends Schema.Schema.Encoded<typeof SessionSchema> {}

/**
 * @since 0.1.0
 * @category schemas
 */
export const Session: Schema.Schema<Session, SessionEncoded> = SessionSchema

const SessionListSchema = Schema.Struct({
  data: Schema.Array(Session),
  totalCount: field(Schema.Number, "total_count")
})

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
export interface SessionListEncoded extends Schema.Schema.Encoded<typeof SessionListSchema> {}

/**
 * The paginated list envelope `{ data, total_count }` that Clerk answers when
 * asked with `paginated=true` (not in the published spec; what Clerk's own
 * SDKs send and decode).
 *
 * @since 0.1.0
 * @category schemas
 */
export const SessionList: Schema.Schema<SessionList, SessionListEncoded> = SessionListSchema

/**
 * What the SDK accepts from `GET /sessions`: the paginated envelope, or the
 * spec's bare array (then `totalCount` is only known to be at least the page
 * length, and that is what it holds).
 *
 * @since 0.1.0
 * @category schemas
 */
export const SessionListResponse: Schema.Schema<SessionList, SessionListEncoded | ReadonlyArray<SessionEncoded>> =
  // `@__PURE__`: the SDK's own operations use neither this schema nor
  // SessionRefresh, so a bundle that does not use them either can drop them.
  /* @__PURE__ */ Schema.Union(
    SessionList,
    /* @__PURE__ */ Schema.transform(
      /* @__PURE__ */ Schema.Array(Session),
      /* @__PURE__ */ Schema.typeSchema(SessionList),
      {
        strict: true,
        decode: (data) => ({ data, totalCount: data.length }),
        encode: (list) => list.data
      }
    )
  )

const TokenSchema = Schema.Struct({
  // The token endpoints' inline schema marks `object` optional.
  object: Schema.optionalWith(Schema.Literal("token"), { default: () => "token" as const }),
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
export interface TokenEncoded extends Schema.Schema.Encoded<typeof TokenSchema> {}

/**
 * @since 0.1.0
 * @category schemas
 */
export const Token: Schema.Schema<Token, TokenEncoded> = TokenSchema

const CookiesSchema = Schema.Struct({
  object: Schema.Literal("cookies"),
  cookies: Schema.Array(Schema.String)
})

/**
 * `Set-Cookie` directives answered by `refresh` with `format: "cookie"`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Cookies extends Schema.Schema.Type<typeof CookiesSchema> {}

/**
 * @since 0.1.0
 * @category schemas
 */
export const Cookies: Schema.Schema<Cookies, Cookies> = CookiesSchema

/**
 * The answer of `refresh`: a {@link Token} or {@link Cookies}, told apart by `object`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SessionRefresh: Schema.Schema<Token | Cookies, TokenEncoded | Cookies> = /* @__PURE__ */ Schema.Union(
  Cookies,
  Token
)

/**
 * Request body of `POST /sessions`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CreateSessionBody = Schema.Struct({
  userId: field(Schema.String, "user_id"),
  activeOrganizationId: optional(Schema.String, "active_organization_id")
})

/**
 * Request body of both token-minting endpoints.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CreateTokenBody = Schema.Struct({
  expiresInSeconds: optionalNullable(Schema.Number, "expires_in_seconds")
})

/**
 * The `format` of a refresh: a token (default) or cookies.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RefreshFormat = Schema.Literal(...REFRESH_FORMATS)

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
  expiredToken: field(Schema.String, "expired_token"),
  refreshToken: field(Schema.String, "refresh_token"),
  requestOrigin: field(Schema.String, "request_origin"),
  requestHeaders: optionalNullable(
    Schema.Record({ key: Schema.String, value: Schema.Union(Schema.String, Schema.Array(Schema.String)) }),
    "request_headers"
  ),
  format: optionalNullable(RefreshFormat, "format"),
  requestOriginatingIp: optionalNullable(Schema.String, "request_originating_ip")
})

/**
 * Request body of the deprecated `POST /sessions/{id}/verify`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const VerifySessionBody = Schema.Struct({ token: Schema.optionalWith(Schema.String, { exact: true }) })
