/**
 * The in-memory data of one fake: users, clients, sessions and JWT templates,
 * and the pure rules Clerk applies to them (ordering, filtering, defaults).
 */
import type { Session } from "@clerk-effect/backend"
import type { FakeClerkSeed, JwtTemplate, SessionSeed } from "../Seed.js"
import { randomId } from "./tokens.js"

/** @internal */
export interface StoreData {
  readonly users: ReadonlySet<string>
  readonly clients: ReadonlySet<string>
  /** Insertion order; `seq` breaks ties between equal `createdAt`. */
  readonly sessions: ReadonlyMap<string, { readonly session: Session; readonly seq: number }>
  readonly templates: ReadonlyMap<string, JwtTemplate>
  readonly nextSeq: number
}

/** @internal */
export const emptyStore: StoreData = {
  users: new Set(),
  clients: new Set(),
  sessions: new Map(),
  templates: new Map(),
  nextSeq: 0
}

const DAY = 24 * 60 * 60 * 1000
/** Clerk's defaults for a new session: it expires after 7 days, is abandoned after 30. */
const SESSION_LIFETIME = 7 * DAY
const ABANDON_AFTER = 30 * DAY

/**
 * A complete session from a seed, Clerk-like defaults for what is missing.
 * @internal
 */
export const sessionFromSeed = (seed: SessionSeed, now: number): Session => {
  const createdAt = seed.createdAt ?? now
  return {
    object: "session",
    id: seed.id ?? randomId("sess"),
    userId: seed.userId,
    clientId: seed.clientId ?? randomId("client"),
    status: seed.status ?? "active",
    actor: seed.actor ?? null,
    lastActiveOrganizationId: seed.lastActiveOrganizationId ?? null,
    lastActiveAt: seed.lastActiveAt ?? createdAt,
    latestActivity: seed.latestActivity ?? null,
    expireAt: seed.expireAt ?? createdAt + SESSION_LIFETIME,
    abandonAt: seed.abandonAt ?? createdAt + ABANDON_AFTER,
    updatedAt: seed.updatedAt ?? createdAt,
    createdAt,
    ...(seed.tasks === undefined ? {} : { tasks: seed.tasks })
  }
}

/** @internal */
export const putSession = (data: StoreData, session: Session): StoreData => {
  const sessions = new Map(data.sessions)
  const existing = sessions.get(session.id)
  sessions.set(session.id, { session, seq: existing?.seq ?? data.nextSeq })
  return {
    ...data,
    users: new Set(data.users).add(session.userId),
    clients: new Set(data.clients).add(session.clientId),
    sessions,
    nextSeq: data.nextSeq + 1
  }
}

/** @internal */
export const seedStore = (seed: FakeClerkSeed, now: number): StoreData => {
  let data: StoreData = {
    ...emptyStore,
    users: new Set((seed.users ?? []).map((user) => user.id)),
    clients: new Set((seed.clients ?? []).map((client) => client.id)),
    templates: new Map((seed.jwtTemplates ?? []).map((template) => [template.name, template]))
  }
  for (const session of seed.sessions ?? []) data = putSession(data, sessionFromSeed(session, now))
  return data
}

/** @internal */
export interface ListFilter {
  readonly clientId?: string | undefined
  readonly userId?: string | undefined
  readonly status?: string | undefined
}

/**
 * Sessions matching the filter, newest first (by creation, as Clerk documents).
 * @internal
 */
export const filterSessions = (data: StoreData, filter: ListFilter): ReadonlyArray<Session> =>
  Array.from(data.sessions.values())
    .filter(
      ({ session }) =>
        (filter.clientId === undefined || session.clientId === filter.clientId) &&
        (filter.userId === undefined || session.userId === filter.userId) &&
        (filter.status === undefined || session.status === filter.status)
    )
    .sort((a, b) => b.session.createdAt - a.session.createdAt || b.seq - a.seq)
    .map(({ session }) => session)
