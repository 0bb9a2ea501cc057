/**
 * The edition's side of the wire format: the plain core stores and serves
 * Clerk's snake_case JSON; this package's users see camelCase `Session`s. The
 * conversions go through the SDK's own `Session` schema, so that the SDK's
 * schemas stay the one definition of the mapping on the Effect side.
 */
import { Session, SessionWireKeys } from "@clerk-effect/backend-effect4"
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

/** The wire name of a `Session` field: the schema's own rename, else the field's name. */
const wireName = (field: string): string => (SessionWireKeys as Readonly<Record<string, string>>)[field] ?? field

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
    const name = wireName(field)
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
