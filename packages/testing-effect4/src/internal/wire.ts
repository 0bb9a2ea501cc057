/**
 * The edition's side of the wire format: the plain core stores and serves
 * Clerk's snake_case JSON; this package's users see camelCase `Session`s. The
 * conversions go through the SDK's own `Session` schema, so that the SDK's
 * schemas stay the one definition of the mapping on the Effect side.
 */
import { Session, type SessionEncoded } from "@clerk-effect/backend-effect4"
import type { FakeSeed, WireSession, WireSessionSeed } from "@clerk-effect/fake"
import * as Schema from "effect/Schema"
import type { FakeClerkSeed, SessionSeed } from "../Seed.js"

const encodeSession = Schema.encodeSync(Session)

/** @internal */
export const decodeSession: (wire: WireSession) => Session = Schema.decodeUnknownSync(Session)

// Stands in for the fields a seed leaves out, so that the whole-session schema
// can encode the fields it gives; the stand-ins are dropped again below.
const standIn: Session = {
  object: "session",
  id: "",
  userId: "",
  clientId: "",
  status: "active",
  lastActiveAt: 0,
  expireAt: 0,
  abandonAt: 0,
  updatedAt: 0,
  createdAt: 0
}

/**
 * The wire name of each field of `Session`. effect 4's `Schema.encodeKeys`
 * keeps its renames out of reach of a typed reader, so they are written
 * here, typed against the schema's both sides (a field added to `Session`
 * fails to compile until it is named here); test/Wire.test.ts checks that
 * this table and the schema encode a full session alike.
 */
const wireNames: { readonly [K in keyof Session]-?: keyof SessionEncoded } = {
  object: "object",
  id: "id",
  userId: "user_id",
  clientId: "client_id",
  actor: "actor",
  status: "status",
  lastActiveOrganizationId: "last_active_organization_id",
  lastActiveAt: "last_active_at",
  latestActivity: "latest_activity",
  expireAt: "expire_at",
  abandonAt: "abandon_at",
  updatedAt: "updated_at",
  createdAt: "created_at",
  tasks: "tasks"
}

/**
 * A camelCase session seed in the wire format, with only the fields it gives:
 * the core fills in the rest with Clerk's defaults.
 * @internal
 */
export const encodeSessionSeed = (seed: SessionSeed): WireSessionSeed => {
  const wire = encodeSession({ ...standIn, ...seed }) as unknown as Record<string, unknown>
  const given: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(seed)) {
    if (value === undefined) continue
    const name: string = wireNames[field as keyof Session] ?? field
    if (name in wire) given[name] = wire[name]
  }
  return given as WireSessionSeed
}

/** @internal */
export const encodeSeed = (seed: FakeClerkSeed): FakeSeed => ({
  ...(seed.users === undefined ? {} : { users: seed.users }),
  ...(seed.clients === undefined ? {} : { clients: seed.clients }),
  ...(seed.sessions === undefined ? {} : { sessions: seed.sessions.map(encodeSessionSeed) }),
  ...(seed.jwtTemplates === undefined ? {} : { jwt_templates: seed.jwtTemplates })
})
