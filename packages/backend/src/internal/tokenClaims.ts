import { claimsFrom } from "@clerk-effect/core/claimMapping"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type { SessionClaims } from "../SessionTokens.js"

/**
 * The claims a Clerk session token carries on the wire (both the v1 and the v2
 * format). Unknown claims are ignored here and kept in `raw`.
 * @internal
 */
export const SessionTokenPayload = Schema.Struct({
  sid: Schema.String,
  sub: Schema.String,
  iss: Schema.String,
  iat: Schema.Number,
  exp: Schema.Number,
  nbf: Schema.Number,
  azp: Schema.optionalWith(Schema.String, { exact: true }),
  act: Schema.optionalWith(
    Schema.Struct({ sub: Schema.String }, Schema.Record({ key: Schema.String, value: Schema.Unknown })),
    { exact: true }
  ),
  v: Schema.optionalWith(Schema.Number, { exact: true }),
  sts: Schema.optionalWith(Schema.String, { exact: true }),
  fva: Schema.optionalWith(Schema.Tuple(Schema.Number, Schema.Number), { exact: true }),
  fea: Schema.optionalWith(Schema.String, { exact: true }),
  pla: Schema.optionalWith(Schema.String, { exact: true }),
  // v2: the active organization, compacted into one object.
  o: Schema.optionalWith(
    Schema.Struct({
      id: Schema.String,
      slg: Schema.optionalWith(Schema.String, { exact: true }),
      rol: Schema.optionalWith(Schema.String, { exact: true }),
      per: Schema.optionalWith(Schema.String, { exact: true }),
      fpm: Schema.optionalWith(Schema.String, { exact: true })
    }),
    { exact: true }
  ),
  // v1: the active organization as flat claims.
  org_id: Schema.optionalWith(Schema.String, { exact: true }),
  org_slug: Schema.optionalWith(Schema.String, { exact: true }),
  org_role: Schema.optionalWith(Schema.String, { exact: true }),
  org_permissions: Schema.optionalWith(Schema.Array(Schema.String), { exact: true })
})

const decodePayload = Schema.decodeUnknownEither(SessionTokenPayload)

/**
 * Decodes a verified payload into {@link SessionClaims}; `Left` with a short
 * description (no claim values) when a required claim is missing or mistyped.
 * @internal
 */
export const claimsFromPayload = (raw: Record<string, unknown>): Either.Either<SessionClaims, string> =>
  Either.match(decodePayload(raw), {
    onLeft: () => Either.left("the payload lacks a required session claim or has one of the wrong type"),
    onRight: (payload) => Either.right(claimsFrom(payload, raw))
  })
