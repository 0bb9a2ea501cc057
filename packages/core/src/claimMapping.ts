/**
 * From the claims of a verified session token to the SDK's claims: the
 * organization of a v1 (flat `org_*`) or v2 (compact `o`, `fea`, `fpm`)
 * token, read as Clerk's own parser reads them. No Effect here: the payload
 * arrives already checked by the edition's schema.
 *
 * @internal
 */

/**
 * The `act` claim of an impersonated session: who is acting as the user.
 *
 * Not `@internal`: public types of both editions extend it.
 */
export interface ActorClaimData {
  readonly sub: string
  readonly [claim: string]: unknown
}

/**
 * The claims a token carries and the SDK's claims keep as they are. Times are
 * JWT times (epoch seconds). Documented here once: both editions' public
 * `SessionClaims` extend these interfaces.
 *
 * Not `@internal`: public types of both editions extend it.
 */
export interface CommonClaims {
  /** The session id (`sess_...`). */
  readonly sid: string
  /** The user id (`user_...`). */
  readonly sub: string
  /** The Frontend API URL of the instance. */
  readonly iss: string
  readonly iat: number
  readonly exp: number
  readonly nbf: number
  /** The origin the token was minted for, when the browser sent one. */
  readonly azp?: string
  /** Present when the session is an impersonation. */
  readonly act?: ActorClaimData
  /** The token format version: `2`, or absent for v1. */
  readonly v?: number
  /** The session status, `active` or `pending`. */
  readonly sts?: string
  /** Minutes since the first and second factor were verified (`-1`: never). */
  readonly fva?: readonly [number, number]
}

/**
 * The session claims of a token payload, as the edition's schema checks them.
 * @internal
 */
export interface SessionTokenPayloadData extends CommonClaims {
  readonly fea?: string
  readonly pla?: string
  readonly o?: {
    readonly id: string
    readonly slg?: string
    readonly rol?: string
    readonly per?: string
    readonly fpm?: string
  }
  readonly org_id?: string
  readonly org_slug?: string
  readonly org_role?: string
  readonly org_permissions?: ReadonlyArray<string>
}

/**
 * The active organization of a session (both editions' `SessionOrganization`).
 *
 * Not `@internal`: public types of both editions extend it.
 */
export interface OrganizationData {
  readonly id: string
  readonly slug?: string
  /** e.g. `org:admin`. */
  readonly role?: string
  /** e.g. `["org:invoices:read"]`; empty when the token lists none. */
  readonly permissions: ReadonlyArray<string>
}

/**
 * The SDK's claims (both editions' `SessionClaims` extend this interface).
 *
 * Not `@internal`: public types of both editions extend it.
 */
export interface SessionClaimsData extends CommonClaims {
  /** The active organization, when there is one. */
  readonly organization?: OrganizationData
  /** The whole verified payload, custom claims included. */
  readonly raw: Readonly<Record<string, unknown>>
}

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

const organizationOf = (payload: SessionTokenPayloadData): OrganizationData | undefined => {
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
 * The SDK's claims of a checked payload; `raw` is the whole payload, custom
 * claims included.
 * @internal
 */
export const claimsFrom = (
  payload: SessionTokenPayloadData,
  raw: Readonly<Record<string, unknown>>
): SessionClaimsData => {
  const organization = organizationOf(payload)
  return {
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
}
