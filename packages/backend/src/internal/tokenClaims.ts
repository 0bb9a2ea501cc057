import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type { SessionClaims, SessionOrganization } from "../SessionTokens.js"

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

type SessionTokenPayload = typeof SessionTokenPayload.Type

const decodePayload = Schema.decodeUnknownEither(SessionTokenPayload)

// A v2 `fpm` entry is a decimal number whose bits (least significant first)
// say which of the `per` permissions the feature grants. The numbers can grow
// past 2^53, hence BigInt.
const permissionBits = (decimal: string, width: number): ReadonlyArray<boolean> => {
  if (!/^\d+$/.test(decimal)) return []
  let value = BigInt(decimal)
  const bits: Array<boolean> = []
  for (let index = 0; index < width; index++) {
    bits.push((value & 1n) === 1n)
    value >>= 1n
  }
  return bits
}

const ORG_FEATURE_SCOPES: ReadonlySet<string> = new Set(["o", "ou", "uo"])

// Clerk's own parser (`@clerk/shared` jwtPayloadParser) builds
// `org:<feature>:<permission>` from the org-scoped features in `fea`, the
// permission names in `o.per` and the per-feature bit masks in `o.fpm`.
const v2Permissions = (fea: string | undefined, per: string | undefined, fpm: string | undefined) => {
  if (fea === undefined || per === undefined || fpm === undefined || per === "" || fpm === "") return []
  const orgFeatures = fea
    .split(",")
    .map((part) => part.trim())
    // Scopes as in `@clerk/shared` splitByScope: "o" (org), "u" (user), "ou"/"uo" (both).
    .filter((part) => ORG_FEATURE_SCOPES.has(part.slice(0, part.indexOf(":"))))
    .map((part) => part.slice(part.indexOf(":") + 1))
  const permissions = per.split(",").map((permission) => permission.trim())
  const masks = fpm.split(",").map((mask) => permissionBits(mask.trim(), permissions.length))
  const result: Array<string> = []
  orgFeatures.forEach((feature, featureIndex) => {
    const bits = masks[featureIndex]
    if (bits === undefined) return
    bits.forEach((granted, permissionIndex) => {
      if (granted) result.push(`org:${feature}:${permissions[permissionIndex]}`)
    })
  })
  return result
}

const organizationOf = (payload: SessionTokenPayload): SessionOrganization | undefined => {
  if (payload.v === 2) {
    const o = payload.o
    if (o === undefined) return undefined
    return {
      id: o.id,
      ...(o.slg !== undefined ? { slug: o.slg } : {}),
      // v1 tokens carried the prefixed role; v2 drops the prefix to save bytes.
      ...(o.rol !== undefined ? { role: o.rol.startsWith("org:") ? o.rol : `org:${o.rol}` } : {}),
      permissions: v2Permissions(payload.fea, o.per, o.fpm)
    }
  }
  if (payload.org_id === undefined) return undefined
  return {
    id: payload.org_id,
    ...(payload.org_slug !== undefined ? { slug: payload.org_slug } : {}),
    ...(payload.org_role !== undefined ? { role: payload.org_role } : {}),
    permissions: payload.org_permissions ?? []
  }
}

/**
 * Decodes a verified payload into {@link SessionClaims}; `Left` with a short
 * description (no claim values) when a required claim is missing or mistyped.
 * @internal
 */
export const claimsFromPayload = (raw: Record<string, unknown>): Either.Either<SessionClaims, string> =>
  Either.match(decodePayload(raw), {
    onLeft: () => Either.left("the payload lacks a required session claim or has one of the wrong type"),
    onRight: (payload) => {
      const organization = organizationOf(payload)
      const claims: SessionClaims = {
        sid: payload.sid,
        sub: payload.sub,
        iss: payload.iss,
        iat: payload.iat,
        exp: payload.exp,
        nbf: payload.nbf,
        ...(payload.azp !== undefined ? { azp: payload.azp } : {}),
        ...(payload.act !== undefined ? { act: payload.act } : {}),
        ...(payload.v !== undefined ? { v: payload.v } : {}),
        ...(payload.sts !== undefined ? { sts: payload.sts } : {}),
        ...(payload.fva !== undefined ? { fva: payload.fva } : {}),
        ...(organization !== undefined ? { organization } : {}),
        raw
      }
      return Either.right(claims)
    }
  })
