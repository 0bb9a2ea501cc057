/**
 * The in-memory data of one fake: users, clients, sessions and JWT templates,
 * and the pure rules Clerk applies to them (ordering, filtering, defaults).
 *
 * Every structure is persistent (HashMap, HashSet, RedBlackTree): a write
 * copies a path, never the whole store, so putting a session is O(log n), a
 * seed of N sessions is built in one pass, and a list page walks an index that
 * is already ordered newest-first instead of sorting every session per request.
 */
import type { Session } from "@clerk-effect/backend"
import * as HashMap from "effect/HashMap"
import * as HashSet from "effect/HashSet"
import * as Option from "effect/Option"
import type * as Order from "effect/Order"
import * as RedBlackTree from "effect/RedBlackTree"
import type { FakeClerkSeed, JwtTemplate, SessionSeed } from "../Seed.js"
import { randomId } from "./tokens.js"

/**
 * Where a session sits in the newest-first order: `seq` (insertion order,
 * unique) breaks ties between equal `createdAt`, and makes every key unique.
 * @internal
 */
export interface SessionKey {
  readonly createdAt: number
  readonly seq: number
}

/** Newest first: Clerk lists by creation, descending; among equals, the later insertion first. */
const newestFirst: Order.Order<SessionKey> = (a, b) =>
  a.createdAt !== b.createdAt ? (a.createdAt > b.createdAt ? -1 : 1) : a.seq > b.seq ? -1 : a.seq < b.seq ? 1 : 0

/** Sessions in newest-first order. @internal */
export type SessionIndex = RedBlackTree.RedBlackTree<SessionKey, Session>

const emptyIndex: SessionIndex = RedBlackTree.empty<SessionKey, Session>(newestFirst)

/** @internal */
export interface StoreData {
  readonly users: HashSet.HashSet<string>
  readonly clients: HashSet.HashSet<string>
  readonly sessions: HashMap.HashMap<string, { readonly session: Session; readonly key: SessionKey }>
  /** Every session, newest first. */
  readonly ordered: SessionIndex
  /** Per user and per client, newest first: what `GET /sessions` pages through. */
  readonly byUser: HashMap.HashMap<string, SessionIndex>
  readonly byClient: HashMap.HashMap<string, SessionIndex>
  readonly templates: ReadonlyMap<string, JwtTemplate>
  readonly nextSeq: number
}

/** @internal */
export const emptyStore: StoreData = {
  users: HashSet.empty(),
  clients: HashSet.empty(),
  sessions: HashMap.empty(),
  ordered: emptyIndex,
  byUser: HashMap.empty(),
  byClient: HashMap.empty(),
  templates: new Map(),
  nextSeq: 0
}

const DAY = 24 * 60 * 60 * 1000
/** Clerk's defaults for a new session: it expires after 7 days, is abandoned after 30. */
const SESSION_LIFETIME = 7 * DAY
const ABANDON_AFTER = 30 * DAY

/**
 * A complete session from a seed, Clerk-like defaults for what is missing,
 * `expired` when a live session's `expireAt` is not after `now`.
 * @internal
 */
export const sessionFromSeed = (seed: SessionSeed, now: number): Session => {
  const createdAt = seed.createdAt ?? now
  const expireAt = seed.expireAt ?? createdAt + SESSION_LIFETIME
  const status = seed.status ?? "active"
  return {
    object: "session",
    id: seed.id ?? randomId("sess"),
    userId: seed.userId,
    clientId: seed.clientId ?? randomId("client"),
    // Clerk reports a session past its expire_at as expired; ended ones keep their status.
    status: (status === "active" || status === "pending") && expireAt <= now ? "expired" : status,
    actor: seed.actor ?? null,
    lastActiveOrganizationId: seed.lastActiveOrganizationId ?? null,
    lastActiveAt: seed.lastActiveAt ?? createdAt,
    latestActivity: seed.latestActivity ?? null,
    expireAt,
    abandonAt: seed.abandonAt ?? createdAt + ABANDON_AFTER,
    updatedAt: seed.updatedAt ?? createdAt,
    createdAt,
    ...(seed.tasks === undefined ? {} : { tasks: seed.tasks })
  }
}

const indexOf = (indexes: HashMap.HashMap<string, SessionIndex>, id: string): SessionIndex =>
  Option.getOrElse(HashMap.get(indexes, id), () => emptyIndex)

const removeFrom = (indexes: HashMap.HashMap<string, SessionIndex>, id: string, key: SessionKey) => {
  const index = RedBlackTree.removeFirst(indexOf(indexes, id), key)
  return RedBlackTree.size(index) === 0 ? HashMap.remove(indexes, id) : HashMap.set(indexes, id, index)
}

const insertInto = (indexes: HashMap.HashMap<string, SessionIndex>, id: string, key: SessionKey, session: Session) =>
  HashMap.set(indexes, id, RedBlackTree.insert(indexOf(indexes, id), key, session))

/**
 * Adds a session, or replaces the one with the same id (which keeps its place
 * among equal `createdAt`s). O(log n): only the touched paths are copied.
 * @internal
 */
export const putSession = (data: StoreData, session: Session): StoreData => {
  const existing = Option.getOrUndefined(HashMap.get(data.sessions, session.id))
  const key: SessionKey = { createdAt: session.createdAt, seq: existing?.key.seq ?? data.nextSeq }
  let { byClient, byUser, ordered } = data
  if (existing !== undefined) {
    ordered = RedBlackTree.removeFirst(ordered, existing.key)
    byUser = removeFrom(byUser, existing.session.userId, existing.key)
    byClient = removeFrom(byClient, existing.session.clientId, existing.key)
  }
  return {
    ...data,
    users: HashSet.add(data.users, session.userId),
    clients: HashSet.add(data.clients, session.clientId),
    sessions: HashMap.set(data.sessions, session.id, { session, key }),
    ordered: RedBlackTree.insert(ordered, key, session),
    byUser: insertInto(byUser, session.userId, key, session),
    byClient: insertInto(byClient, session.clientId, key, session),
    nextSeq: data.nextSeq + 1
  }
}

/**
 * The store a seed describes. Built in one pass: later sessions with an id
 * already seen replace the earlier one, exactly as successive `putSession`s.
 * @internal
 */
export const seedStore = (seed: FakeClerkSeed, now: number): StoreData => {
  const latest = new Map<string, { session: Session; key: SessionKey }>()
  // Like successive puts, a replaced session's user and client stay known.
  const users = new Set((seed.users ?? []).map((user) => user.id))
  const clients = new Set((seed.clients ?? []).map((client) => client.id))
  let seq = 0
  for (const sessionSeed of seed.sessions ?? []) {
    const session = sessionFromSeed(sessionSeed, now)
    users.add(session.userId)
    clients.add(session.clientId)
    const key = { createdAt: session.createdAt, seq: latest.get(session.id)?.key.seq ?? seq }
    latest.set(session.id, { session, key })
    seq++
  }
  // Sorted once; each index then receives its sessions already in order, appended at its end.
  const entries = Array.from(latest.values()).sort((a, b) => newestFirst(a.key, b.key))
  const perUser = new Map<string, Array<readonly [SessionKey, Session]>>()
  const perClient = new Map<string, Array<readonly [SessionKey, Session]>>()
  const group = (
    groups: Map<string, Array<readonly [SessionKey, Session]>>,
    id: string,
    entry: readonly [SessionKey, Session]
  ) => {
    const members = groups.get(id)
    if (members === undefined) groups.set(id, [entry])
    else members.push(entry)
  }
  for (const { key, session } of entries) {
    group(perUser, session.userId, [key, session])
    group(perClient, session.clientId, [key, session])
  }
  const indexes = (groups: Map<string, Array<readonly [SessionKey, Session]>>) =>
    HashMap.fromIterable(
      Array.from(groups, ([id, members]) => [id, RedBlackTree.fromIterable(members, newestFirst)] as const)
    )
  return {
    users: HashSet.fromIterable(users),
    clients: HashSet.fromIterable(clients),
    sessions: HashMap.fromIterable(Array.from(latest, ([id, entry]) => [id, entry] as const)),
    ordered: RedBlackTree.fromIterable(
      entries.map(({ key, session }) => [key, session] as const),
      newestFirst
    ),
    byUser: indexes(perUser),
    byClient: indexes(perClient),
    templates: new Map((seed.jwtTemplates ?? []).map((template) => [template.name, template])),
    nextSeq: seq
  }
}

/** @internal */
export const sessionById = (data: StoreData, id: string): Session | undefined =>
  Option.getOrUndefined(HashMap.get(data.sessions, id))?.session

/** @internal */
export interface ListFilter {
  readonly clientId?: string | undefined
  readonly userId?: string | undefined
  readonly status?: string | undefined
}

/** @internal */
export interface SessionPage {
  readonly data: ReadonlyArray<Session>
  readonly totalCount: number
}

/**
 * One page of the sessions matching the filter, newest first (by creation, as
 * Clerk documents), and how many match in all. Starts from the smallest index
 * the filter allows; when that index is the whole filter, the page costs
 * O(log n + limit), otherwise one walk of that index.
 * @internal
 */
export const listSessions = (data: StoreData, filter: ListFilter, offset: number, limit: number): SessionPage => {
  const byUser = filter.userId === undefined ? undefined : indexOf(data.byUser, filter.userId)
  const byClient = filter.clientId === undefined ? undefined : indexOf(data.byClient, filter.clientId)
  const index =
    byUser !== undefined && (byClient === undefined || RedBlackTree.size(byUser) <= RedBlackTree.size(byClient))
      ? byUser
      : (byClient ?? byUser ?? data.ordered)
  // The index alone answers the filter when no second id and no status remain to check.
  const indexIsTheFilter = filter.status === undefined && (byUser === undefined || byClient === undefined)
  const page: Array<Session> = []
  if (indexIsTheFilter) {
    if (limit > 0) {
      for (const [, session] of RedBlackTree.at(index, offset)) {
        page.push(session)
        if (page.length >= limit) break
      }
    }
    return { data: page, totalCount: RedBlackTree.size(index) }
  }
  let matched = 0
  for (const session of RedBlackTree.values(index)) {
    const keep =
      (filter.clientId === undefined || session.clientId === filter.clientId) &&
      (filter.userId === undefined || session.userId === filter.userId) &&
      (filter.status === undefined || session.status === filter.status)
    if (!keep) continue
    if (matched >= offset && page.length < limit) page.push(session)
    matched++
  }
  return { data: page, totalCount: matched }
}

/**
 * Every session matching the filter, newest first.
 * @internal
 */
export const filterSessions = (data: StoreData, filter: ListFilter): ReadonlyArray<Session> =>
  listSessions(data, filter, 0, Number.POSITIVE_INFINITY).data
