/**
 * The in-memory data of one fake: users, clients, sessions and JWT templates,
 * and the rules Clerk applies to them (ordering, filtering, defaults).
 * Sessions are stored in the wire format, as they are served.
 *
 * Every session has one entry, shared by three arrays kept sorted
 * newest-first (all sessions, per user, per client): a list page is a slice
 * of an array that is already in order, never a sort of every session per
 * request. A session replaced in place (revoke: same creation time, user and
 * client) only swaps the entry's session, O(1); one that moves is found by
 * binary search, removed and reinserted (a memmove, no sort). A seed of N
 * sessions is built in one pass and one sort.
 */
import type { FakeSeed, JwtTemplate } from "../Seed.js"
import type { WireSession, WireSessionSeed } from "../Wire.js"
import { randomId } from "./ids.js"

/**
 * A session and its place in the newest-first order: `seq` (insertion order,
 * unique) breaks ties between equal `created_at`, and makes every place unique.
 * @internal
 */
export interface Entry {
  readonly createdAt: number
  readonly seq: number
  session: WireSession
}

type Key = Pick<Entry, "createdAt" | "seq">

/** Newest first: Clerk lists by creation, descending; among equals, the later insertion first. */
const newestFirst = (a: Key, b: Key): number =>
  a.createdAt !== b.createdAt ? (a.createdAt > b.createdAt ? -1 : 1) : b.seq - a.seq

/** The first position whose entry does not sort before `key`. */
const lowerBound = (index: ReadonlyArray<Entry>, key: Key): number => {
  let low = 0
  let high = index.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (newestFirst(index[mid]!, key) < 0) low = mid + 1
    else high = mid
  }
  return low
}

const insert = (index: Array<Entry>, entry: Entry) => index.splice(lowerBound(index, entry), 0, entry)

const remove = (index: Array<Entry>, entry: Entry) => {
  const at = lowerBound(index, entry)
  if (index[at] === entry) index.splice(at, 1)
}

/** @internal */
export interface Store {
  readonly users: Set<string>
  readonly clients: Set<string>
  readonly sessions: Map<string, Entry>
  /** Every session, newest first. */
  readonly ordered: Array<Entry>
  /** Per user and per client, newest first: what `GET /sessions` pages through. */
  readonly byUser: Map<string, Array<Entry>>
  readonly byClient: Map<string, Array<Entry>>
  readonly templates: Map<string, JwtTemplate>
  nextSeq: number
}

const DAY = 24 * 60 * 60 * 1000
/** Clerk's defaults for a new session: it expires after 7 days, is abandoned after 30. */
const SESSION_LIFETIME = 7 * DAY
const ABANDON_AFTER = 30 * DAY

/**
 * A complete session from a seed, Clerk-like defaults for what is missing,
 * `expired` when a live session's `expire_at` is not after `now`.
 * @internal
 */
export const sessionFromSeed = (seed: WireSessionSeed, now: number): WireSession => {
  const createdAt = seed.created_at ?? now
  const expireAt = seed.expire_at ?? createdAt + SESSION_LIFETIME
  const status = seed.status ?? "active"
  return {
    object: "session",
    id: seed.id ?? randomId("sess"),
    user_id: seed.user_id,
    client_id: seed.client_id ?? randomId("client"),
    // Clerk reports a session past its expire_at as expired; ended ones keep their status.
    status: (status === "active" || status === "pending") && expireAt <= now ? "expired" : status,
    actor: seed.actor ?? null,
    last_active_organization_id: seed.last_active_organization_id ?? null,
    last_active_at: seed.last_active_at ?? createdAt,
    latest_activity: seed.latest_activity ?? null,
    expire_at: expireAt,
    abandon_at: seed.abandon_at ?? createdAt + ABANDON_AFTER,
    updated_at: seed.updated_at ?? createdAt,
    created_at: createdAt,
    ...(seed.tasks === undefined ? {} : { tasks: seed.tasks })
  }
}

const indexOf = (indexes: Map<string, Array<Entry>>, id: string): Array<Entry> => {
  let index = indexes.get(id)
  if (index === undefined) {
    index = []
    indexes.set(id, index)
  }
  return index
}

const removeFrom = (indexes: Map<string, Array<Entry>>, id: string, entry: Entry) => {
  const index = indexes.get(id)
  if (index === undefined) return
  remove(index, entry)
  if (index.length === 0) indexes.delete(id)
}

/**
 * Adds a session, or replaces the one with the same id (which keeps its place
 * among equal `created_at`s).
 * @internal
 */
export const putSession = (store: Store, session: WireSession): void => {
  const existing = store.sessions.get(session.id)
  const seq = existing?.seq ?? store.nextSeq
  store.nextSeq++
  store.users.add(session.user_id)
  store.clients.add(session.client_id)
  if (
    existing !== undefined &&
    existing.createdAt === session.created_at &&
    existing.session.user_id === session.user_id &&
    existing.session.client_id === session.client_id
  ) {
    // Same place in every index: only the session changes.
    existing.session = session
    return
  }
  if (existing !== undefined) {
    remove(store.ordered, existing)
    removeFrom(store.byUser, existing.session.user_id, existing)
    removeFrom(store.byClient, existing.session.client_id, existing)
  }
  const entry: Entry = { createdAt: session.created_at, seq, session }
  store.sessions.set(session.id, entry)
  insert(store.ordered, entry)
  insert(indexOf(store.byUser, session.user_id), entry)
  insert(indexOf(store.byClient, session.client_id), entry)
}

/**
 * The store a seed describes. Built in one pass: later sessions with an id
 * already seen replace the earlier one, exactly as successive `putSession`s.
 * @internal
 */
export const seedStore = (seed: FakeSeed, now: number): Store => {
  const sessions = new Map<string, Entry>()
  // Like successive puts, a replaced session's user and client stay known.
  const users = new Set((seed.users ?? []).map((user) => user.id))
  const clients = new Set((seed.clients ?? []).map((client) => client.id))
  let seq = 0
  for (const sessionSeed of seed.sessions ?? []) {
    const session = sessionFromSeed(sessionSeed, now)
    users.add(session.user_id)
    clients.add(session.client_id)
    sessions.set(session.id, { createdAt: session.created_at, seq: sessions.get(session.id)?.seq ?? seq, session })
    seq++
  }
  // Sorted once; each index then receives its sessions already in order, appended at its end.
  const ordered = Array.from(sessions.values()).sort(newestFirst)
  const byUser = new Map<string, Array<Entry>>()
  const byClient = new Map<string, Array<Entry>>()
  for (const entry of ordered) {
    indexOf(byUser, entry.session.user_id).push(entry)
    indexOf(byClient, entry.session.client_id).push(entry)
  }
  return {
    users,
    clients,
    sessions,
    ordered,
    byUser,
    byClient,
    templates: new Map((seed.jwt_templates ?? []).map((template) => [template.name, template])),
    nextSeq: seq
  }
}

/** @internal */
export const sessionById = (store: Store, id: string): WireSession | undefined => store.sessions.get(id)?.session

/** @internal */
export interface ListFilter {
  readonly client_id?: string | undefined
  readonly user_id?: string | undefined
  readonly status?: string | undefined
}

/** One page of `GET /sessions?paginated=true`, in the wire format. @internal */
export interface SessionPage {
  readonly data: ReadonlyArray<WireSession>
  readonly total_count: number
}

const none: ReadonlyArray<Entry> = []

/**
 * One page of the sessions matching the filter, newest first (by creation, as
 * Clerk documents), and how many match in all. Starts from the smallest index
 * the filter allows; when that index is the whole filter, the page costs
 * O(limit), otherwise one walk of that index.
 * @internal
 */
export const listSessions = (store: Store, filter: ListFilter, offset: number, limit: number): SessionPage => {
  const byUser = filter.user_id === undefined ? undefined : (store.byUser.get(filter.user_id) ?? none)
  const byClient = filter.client_id === undefined ? undefined : (store.byClient.get(filter.client_id) ?? none)
  const index =
    byUser !== undefined && (byClient === undefined || byUser.length <= byClient.length)
      ? byUser
      : (byClient ?? byUser ?? store.ordered)
  // The index alone answers the filter when no second id and no status remain to check.
  if (filter.status === undefined && (byUser === undefined || byClient === undefined)) {
    const end = limit === Number.POSITIVE_INFINITY ? undefined : offset + limit
    return { data: index.slice(offset, end).map((entry) => entry.session), total_count: index.length }
  }
  const page: Array<WireSession> = []
  let matched = 0
  for (const { session } of index) {
    const keep =
      (filter.client_id === undefined || session.client_id === filter.client_id) &&
      (filter.user_id === undefined || session.user_id === filter.user_id) &&
      (filter.status === undefined || session.status === filter.status)
    if (!keep) continue
    if (matched >= offset && page.length < limit) page.push(session)
    matched++
  }
  return { data: page, total_count: matched }
}

/**
 * Every session, newest first.
 * @internal
 */
export const allSessions = (store: Store): ReadonlyArray<WireSession> => store.ordered.map((entry) => entry.session)
