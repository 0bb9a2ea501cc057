/**
 * The fake's store (internal/store.ts), driven directly: the defaults a seed
 * leaves to Clerk, the expiry boundary, user and client registration, how a
 * replaced session moves between indexes, and list paging at its edges.
 */
import type { Session } from "@clerk-effect/backend"
import { describe, expect, it } from "@effect/vitest"
import * as HashMap from "effect/HashMap"
import * as HashSet from "effect/HashSet"
import * as RedBlackTree from "effect/RedBlackTree"
import {
  emptyStore,
  filterSessions,
  listSessions,
  putSession,
  type StoreData,
  seedStore,
  sessionById,
  sessionFromSeed
} from "../src/internal/store.js"

const DAY = 24 * 60 * 60 * 1000
const NOW = 1_700_000_000_000

const session = (id: string, userId: string, clientId: string, createdAt: number, status = "active"): Session =>
  sessionFromSeed({ id, userId, clientId, createdAt, status: status as Session["status"], expireAt: NOW + DAY }, NOW)
const ids = (sessions: ReadonlyArray<Session>) => sessions.map((s) => s.id)
const users = (data: StoreData) => Array.from(HashSet.values(data.users)).sort()
const clients = (data: StoreData) => Array.from(HashSet.values(data.clients)).sort()

describe("sessionFromSeed: Clerk's defaults for what a seed leaves out", () => {
  it("only a user: created now, active, expires in 7 days, abandoned after 30, fresh ids", () => {
    const s = sessionFromSeed({ userId: "user_1" }, NOW)
    expect(s).toEqual({
      object: "session",
      id: s.id,
      userId: "user_1",
      clientId: s.clientId,
      status: "active",
      actor: null,
      lastActiveOrganizationId: null,
      lastActiveAt: NOW,
      latestActivity: null,
      expireAt: NOW + 7 * DAY,
      abandonAt: NOW + 30 * DAY,
      updatedAt: NOW,
      createdAt: NOW
    })
    expect(s).not.toHaveProperty("tasks")
    expect(s.id).toMatch(/^sess_[A-Za-z0-9]{27}$/)
    expect(s.clientId).toMatch(/^client_[A-Za-z0-9]{27}$/)
    expect(sessionFromSeed({ userId: "user_1" }, NOW).id).not.toBe(s.id)
  })

  it("derived times follow createdAt, not now", () => {
    const createdAt = NOW - DAY
    const s = sessionFromSeed({ userId: "u", createdAt }, NOW)
    expect([s.createdAt, s.lastActiveAt, s.updatedAt]).toEqual([createdAt, createdAt, createdAt])
    expect(s.expireAt).toBe(createdAt + 7 * DAY)
    expect(s.abandonAt).toBe(createdAt + 30 * DAY)
  })

  it("every given field is kept", () => {
    const given = {
      id: "sess_given",
      userId: "user_1",
      clientId: "client_given",
      status: "pending" as const,
      actor: { sub: "user_admin" },
      lastActiveOrganizationId: "org_1",
      lastActiveAt: NOW - 5,
      latestActivity: { object: "session_activity", id: "sess_activity_1" },
      expireAt: NOW + 10,
      abandonAt: NOW + 20,
      updatedAt: NOW - 3,
      createdAt: NOW - 10,
      tasks: [{ key: "choose-organization" }]
    }
    expect(sessionFromSeed(given as never, NOW)).toEqual({ object: "session", ...given })
  })

  it("a live session is expired once expireAt is not after now: exactly at now, not a millisecond before", () => {
    const at = (status: Session["status"], expireAt: number) =>
      sessionFromSeed({ userId: "u", status, expireAt }, NOW).status
    expect(at("active", NOW + 1)).toBe("active")
    expect(at("active", NOW)).toBe("expired")
    expect(at("active", NOW - 1)).toBe("expired")
    expect(at("pending", NOW + 1)).toBe("pending")
    expect(at("pending", NOW)).toBe("expired")
    // Ended sessions keep their status, whatever expireAt says.
    for (const status of ["revoked", "ended", "removed", "abandoned", "replaced"] as const) {
      expect(at(status, NOW - 1)).toBe(status)
    }
    // The 7-day default: expired when created 7 days ago or more.
    expect(sessionFromSeed({ userId: "u", createdAt: NOW - 7 * DAY }, NOW).status).toBe("expired")
    expect(sessionFromSeed({ userId: "u", createdAt: NOW - 7 * DAY + 1 }, NOW).status).toBe("active")
  })
})

describe("putSession: registration and replacement", () => {
  it("registers the session's user and client, and counts insertions", () => {
    const data = putSession(putSession(emptyStore, session("s1", "u1", "c1", 1)), session("s2", "u2", "c1", 2))
    expect(users(data)).toEqual(["u1", "u2"])
    expect(clients(data)).toEqual(["c1"])
    expect(data.nextSeq).toBe(2)
    expect(sessionById(data, "s1")?.userId).toBe("u1")
    expect(sessionById(data, "nope")).toBeUndefined()
    expect(emptyStore.nextSeq).toBe(0)
    expect(HashSet.size(emptyStore.users)).toBe(0)
  })

  it("a replaced session leaves its old user's and client's lists, and keeps its place among equals", () => {
    let data = emptyStore
    data = putSession(data, session("a", "u1", "c1", 5))
    data = putSession(data, session("b", "u1", "c1", 5))
    data = putSession(data, session("c", "u1", "c1", 5))
    // Newest first; among equal createdAt, the later insertion first.
    expect(ids(filterSessions(data, {}))).toEqual(["c", "b", "a"])
    // "b" moves to another user and client: same createdAt, same place.
    data = putSession(data, session("b", "u2", "c2", 5))
    expect(ids(filterSessions(data, {}))).toEqual(["c", "b", "a"])
    expect(ids(filterSessions(data, { userId: "u1" }))).toEqual(["c", "a"])
    expect(ids(filterSessions(data, { clientId: "c1" }))).toEqual(["c", "a"])
    expect(ids(filterSessions(data, { userId: "u2" }))).toEqual(["b"])
    expect(ids(filterSessions(data, { clientId: "c2" }))).toEqual(["b"])
    expect(HashMap.size(data.sessions)).toBe(3)
    expect(RedBlackTree.size(data.ordered)).toBe(3)
    // The old user stays known, as it does in Clerk.
    expect(users(data)).toEqual(["u1", "u2"])
  })

  it("an index emptied by a replacement is dropped; a new createdAt moves the session", () => {
    let data = putSession(emptyStore, session("a", "u1", "c1", 1))
    data = putSession(data, session("z", "u3", "c3", 2))
    data = putSession(data, session("a", "u2", "c2", 3))
    expect(HashMap.has(data.byUser, "u1")).toBe(false)
    expect(HashMap.has(data.byClient, "c1")).toBe(false)
    expect(listSessions(data, { userId: "u1" }, 0, 10)).toEqual({ data: [], totalCount: 0 })
    expect(ids(filterSessions(data, {}))).toEqual(["a", "z"])
  })
})

describe("seedStore", () => {
  it("registers seeded users and clients, with or without sessions, and the sessions' own", () => {
    const data = seedStore(
      {
        users: [{ id: "user_lonely" }],
        clients: [{ id: "client_lonely" }],
        sessions: [{ id: "s1", userId: "user_1", clientId: "client_1", createdAt: 1 }]
      },
      NOW
    )
    expect(users(data)).toEqual(["user_1", "user_lonely"])
    expect(clients(data)).toEqual(["client_1", "client_lonely"])
    expect(data.nextSeq).toBe(1)
  })

  it("an empty seed is an empty store", () => {
    const data = seedStore({}, NOW)
    expect(HashSet.size(data.users)).toBe(0)
    expect(HashSet.size(data.clients)).toBe(0)
    expect(HashMap.size(data.sessions)).toBe(0)
    expect(data.templates.size).toBe(0)
    expect(data.nextSeq).toBe(0)
  })

  it("keeps JWT templates by name", () => {
    const template = { name: "hasura", claims: { role: "user" } }
    const data = seedStore({ jwtTemplates: [template] }, NOW)
    expect(data.templates.get("hasura")).toBe(template)
  })

  it("a later session with an id already seen replaces it in place, as successive puts would", () => {
    const seeds = [
      { id: "a", userId: "u1", clientId: "c1", createdAt: 5, expireAt: NOW + DAY },
      { id: "b", userId: "u1", clientId: "c1", createdAt: 5, expireAt: NOW + DAY },
      { id: "a", userId: "u2", clientId: "c2", createdAt: 5, expireAt: NOW + DAY },
      { id: "c", userId: "u1", clientId: "c2", createdAt: 7, expireAt: NOW + DAY }
    ]
    const seeded = seedStore({ sessions: seeds }, NOW)
    const put = seeds.reduce((data, seed) => putSession(data, sessionFromSeed(seed, NOW)), emptyStore)
    for (const filter of [{}, { userId: "u1" }, { userId: "u2" }, { clientId: "c1" }, { clientId: "c2" }]) {
      expect(ids(filterSessions(seeded, filter)), JSON.stringify(filter)).toEqual(ids(filterSessions(put, filter)))
    }
    expect(ids(filterSessions(seeded, {}))).toEqual(["c", "b", "a"])
    expect(users(seeded)).toEqual(["u1", "u2"])
    expect(clients(seeded)).toEqual(["c1", "c2"])
    expect(seeded.nextSeq).toBe(4)
    expect(put.nextSeq).toBe(4)
    expect(sessionById(seeded, "a")?.userId).toBe("u2")
    // A later put keeps extending the same order.
    const after = putSession(seeded, session("d", "u1", "c1", 5))
    expect(ids(filterSessions(after, {}))).toEqual(["c", "d", "b", "a"])
  })
})

describe("listSessions", () => {
  // Newest first: s6 .. s1; users u1 (s1, s2, s3, s5), u2 (s4, s6); clients c1 (s1..s4), c2 (s5, s6).
  const data = seedStore(
    {
      sessions: [
        { id: "s1", userId: "u1", clientId: "c1", createdAt: 1, expireAt: NOW + DAY },
        { id: "s2", userId: "u1", clientId: "c1", createdAt: 2, expireAt: NOW + DAY, status: "revoked" },
        { id: "s3", userId: "u1", clientId: "c1", createdAt: 3, expireAt: NOW + DAY },
        { id: "s4", userId: "u2", clientId: "c1", createdAt: 4, expireAt: NOW + DAY },
        { id: "s5", userId: "u1", clientId: "c2", createdAt: 5, expireAt: NOW + DAY, status: "ended" },
        { id: "s6", userId: "u2", clientId: "c2", createdAt: 6, expireAt: NOW + DAY }
      ]
    },
    NOW
  )
  const page = (filter: Parameters<typeof listSessions>[1], offset: number, limit: number) => {
    const result = listSessions(data, filter, offset, limit)
    return { ids: ids(result.data), total: result.totalCount }
  }

  it("no filter: newest first, paged by offset and limit, with the total", () => {
    expect(page({}, 0, 10)).toEqual({ ids: ["s6", "s5", "s4", "s3", "s2", "s1"], total: 6 })
    expect(page({}, 2, 2)).toEqual({ ids: ["s4", "s3"], total: 6 })
    expect(page({}, 5, 10)).toEqual({ ids: ["s1"], total: 6 })
    expect(page({}, 6, 10)).toEqual({ ids: [], total: 6 })
    expect(page({}, 0, 1)).toEqual({ ids: ["s6"], total: 6 })
    expect(page({}, 0, 0)).toEqual({ ids: [], total: 6 })
  })

  it("one id: that user's or client's sessions only", () => {
    expect(page({ userId: "u1" }, 0, 10)).toEqual({ ids: ["s5", "s3", "s2", "s1"], total: 4 })
    expect(page({ userId: "u1" }, 1, 2)).toEqual({ ids: ["s3", "s2"], total: 4 })
    expect(page({ clientId: "c2" }, 0, 10)).toEqual({ ids: ["s6", "s5"], total: 2 })
    expect(page({ userId: "nobody" }, 0, 10)).toEqual({ ids: [], total: 0 })
    expect(page({ clientId: "nowhere" }, 0, 10)).toEqual({ ids: [], total: 0 })
  })

  it("a user and a client: both must match, whichever index is smaller", () => {
    expect(page({ userId: "u1", clientId: "c1" }, 0, 10)).toEqual({ ids: ["s3", "s2", "s1"], total: 3 })
    expect(page({ userId: "u1", clientId: "c2" }, 0, 10)).toEqual({ ids: ["s5"], total: 1 })
    expect(page({ userId: "u2", clientId: "c1" }, 0, 10)).toEqual({ ids: ["s4"], total: 1 })
    expect(page({ userId: "u2", clientId: "c2" }, 0, 10)).toEqual({ ids: ["s6"], total: 1 })
    expect(page({ userId: "u1", clientId: "c1" }, 1, 1)).toEqual({ ids: ["s2"], total: 3 })
    expect(page({ userId: "u1", clientId: "nowhere" }, 0, 10)).toEqual({ ids: [], total: 0 })
    expect(page({ userId: "nobody", clientId: "c1" }, 0, 10)).toEqual({ ids: [], total: 0 })
  })

  it("a status, alone or with ids", () => {
    expect(page({ status: "active" }, 0, 10)).toEqual({ ids: ["s6", "s4", "s3", "s1"], total: 4 })
    expect(page({ status: "active" }, 1, 2)).toEqual({ ids: ["s4", "s3"], total: 4 })
    expect(page({ status: "active" }, 0, 0)).toEqual({ ids: [], total: 4 })
    expect(page({ status: "revoked", userId: "u1" }, 0, 10)).toEqual({ ids: ["s2"], total: 1 })
    expect(page({ status: "ended", clientId: "c2" }, 0, 10)).toEqual({ ids: ["s5"], total: 1 })
    expect(page({ status: "ended", clientId: "c1" }, 0, 10)).toEqual({ ids: [], total: 0 })
    expect(page({ status: "active", userId: "u1", clientId: "c1" }, 0, 10)).toEqual({ ids: ["s3", "s1"], total: 2 })
  })

  it("filterSessions is every match, newest first", () => {
    expect(ids(filterSessions(data, { userId: "u2" }))).toEqual(["s6", "s4"])
    expect(ids(filterSessions(data, { status: "ended" }))).toEqual(["s5"])
  })
})
