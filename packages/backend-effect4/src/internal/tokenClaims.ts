import { claimsFrom } from "@clerk-effect/core/claimMapping"
import * as Option from "effect/Option"
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
  azp: Schema.optionalKey(Schema.String),
  act: Schema.optionalKey(
    Schema.StructWithRest(Schema.Struct({ sub: Schema.String }), [Schema.Record(Schema.String, Schema.Unknown)])
  ),
  v: Schema.optionalKey(Schema.Number),
  sts: Schema.optionalKey(Schema.String),
  fva: Schema.optionalKey(Schema.Tuple([Schema.Number, Schema.Number])),
  fea: Schema.optionalKey(Schema.String),
  pla: Schema.optionalKey(Schema.String),
  // v2: the active organization, compacted into one object.
  o: Schema.optionalKey(
    Schema.Struct({
      id: Schema.String,
      slg: Schema.optionalKey(Schema.String),
      rol: Schema.optionalKey(Schema.String),
      per: Schema.optionalKey(Schema.String),
      fpm: Schema.optionalKey(Schema.String)
    })
  ),
  // v1: the active organization as flat claims.
  org_id: Schema.optionalKey(Schema.String),
  org_slug: Schema.optionalKey(Schema.String),
  org_role: Schema.optionalKey(Schema.String),
  org_permissions: Schema.optionalKey(Schema.Array(Schema.String))
})

const decodePayload = Schema.decodeUnknownOption(SessionTokenPayload)

/**
 * The {@link SessionClaims} of a verified payload (organization mapped by
 * @clerk-effect/core's claimMapping), or `undefined` when a required claim
 * is missing or mistyped: @clerk-effect/core's tokenChecks writes the
 * rejection, the same in both editions.
 * @internal
 */
export const claimsFromPayload = (raw: Record<string, unknown>): SessionClaims | undefined =>
  Option.getOrUndefined(Option.map(decodePayload(raw), (payload) => claimsFrom(payload, raw)))
