/**
 * The fake's store (internal/store.ts), driven directly: the defaults a seed
 * leaves to Clerk, the expiry boundary, user and client registration, how a
 * replaced session moves between indexes, and list paging at its edges; and
 * every answer against the naive model (filter and sort every session).
 */
import * as fc from "fast-check"
import { assert, describe, expect, it } from "vitest"
import {
  type ListFilter,
  listSessions,
  putSession,
  type Store,
  seedStore,
  sessionById,
  sessionFromSeed
} from "../src/internal/store.js"
import type { WireSession, WireSessionSeed } from "../src/Wire.js"

const emptyStore = (): Store => seedStore({}, 0)
/** Puts the sessions one after the other into the store; answers the store. */
const put = (store: Store, ...sessions: ReadonlyArray<WireSession>): Store => {
  for (const s of sessions) putSession(store, s)
  return store
}
const filterSessions = (store: Store, filter: ListFilter) =>
  listSessions(store, filter, 0, Number.POSITIVE_INFINITY).data

const DAY = 24 * 60 * 60 * 1000
const NOW = 1_700_000_000_000

const session = (id: string, user_id: string, client_id: string, created_at: number, status = "active"): WireSession =>
  sessionFromSeed({ id, user_id, client_id, created_at, status, expire_at: NOW + DAY }, NOW)
const ids = (sessions: ReadonlyArray<WireSession>) => sessions.map((s) => s.id)
const users = (data: Store) => Array.from(data.users).sort()
const clients = (data: Store) => Array.from(data.clients).sort()

describe("sessionFromSeed: Clerk's defaults for what a seed leaves out", () => {
  it("only a user: created now, active, expires in 7 days, abandoned after 30, fresh ids", () => {
    const s = sessionFromSeed({ user_id: "user_1" }, NOW)
    expect(s).toEqual({
      object: "session",
      id: s.id,
      user_id: "user_1",
      client_id: s.client_id,
      status: "active",
      actor: null,
      last_active_organization_id: null,
      last_active_at: NOW,
      latest_activity: null,
      expire_at: NOW + 7 * DAY,
      abandon_at: NOW + 30 * DAY,
      updated_at: NOW,
      created_at: NOW
    })
    expect(s).not.toHaveProperty("tasks")
    expect(s.id).toMatch(/^sess_[A-Za-z0-9]{27}$/)
    expect(s.client_id).toMatch(/^client_[A-Za-z0-9]{27}$/)
    expect(sessionFromSeed({ user_id: "user_1" }, NOW).id).not.toBe(s.id)
  })

  it("derived times follow created_at, not now", () => {
    const created_at = NOW - DAY
    const s = sessionFromSeed({ user_id: "u", created_at }, NOW)
    expect([s.created_at, s.last_active_at, s.updated_at]).toEqual([created_at, created_at, created_at])
    expect(s.expire_at).toBe(created_at + 7 * DAY)
    expect(s.abandon_at).toBe(created_at + 30 * DAY)
  })

  it("every given field is kept", () => {
    const given = {
      id: "sess_given",
      user_id: "user_1",
      client_id: "client_given",
      status: "pending" as const,
      actor: { sub: "user_admin" },
      last_active_organization_id: "org_1",
      last_active_at: NOW - 5,
      latest_activity: { object: "session_activity", id: "sess_activity_1" },
      expire_at: NOW + 10,
      abandon_at: NOW + 20,
      updated_at: NOW - 3,
      created_at: NOW - 10,
      tasks: [{ key: "choose-organization" }]
    }
    expect(sessionFromSeed(given as never, NOW)).toEqual({ object: "session", ...given })
  })

  it("a live session is expired once expire_at is not after now: exactly at now, not a millisecond before", () => {
    const at = (status: string, expire_at: number) => sessionFromSeed({ user_id: "u", status, expire_at }, NOW).status
    expect(at("active", NOW + 1)).toBe("active")
    expect(at("active", NOW)).toBe("expired")
    expect(at("active", NOW - 1)).toBe("expired")
    expect(at("pending", NOW + 1)).toBe("pending")
    expect(at("pending", NOW)).toBe("expired")
    // Ended sessions keep their status, whatever expire_at says.
    for (const status of ["revoked", "ended", "removed", "abandoned", "replaced"] as const) {
      expect(at(status, NOW - 1)).toBe(status)
    }
    // The 7-day default: expired when created 7 days ago or more.
    expect(sessionFromSeed({ user_id: "u", created_at: NOW - 7 * DAY }, NOW).status).toBe("expired")
    expect(sessionFromSeed({ user_id: "u", created_at: NOW - 7 * DAY + 1 }, NOW).status).toBe("active")
  })
})

describe("putSession: registration and replacement", () => {
  it("registers the session's user and client, and counts insertions", () => {
    const data = put(emptyStore(), session("s1", "u1", "c1", 1), session("s2", "u2", "c1", 2))
    expect(users(data)).toEqual(["u1", "u2"])
    expect(clients(data)).toEqual(["c1"])
    expect(data.nextSeq).toBe(2)
    expect(sessionById(data, "s1")?.user_id).toBe("u1")
    expect(sessionById(data, "nope")).toBeUndefined()
    expect(emptyStore().nextSeq).toBe(0)
    expect(emptyStore().users.size).toBe(0)
  })

  it("a replaced session leaves its old user's and client's lists, and keeps its place among equals", () => {
    const data = put(
      emptyStore(),
      session("a", "u1", "c1", 5),
      session("b", "u1", "c1", 5),
      session("c", "u1", "c1", 5)
    )
    // Newest first; among equal created_at, the later insertion first.
    expect(ids(filterSessions(data, {}))).toEqual(["c", "b", "a"])
    // "b" moves to another user and client: same created_at, same place.
    put(data, session("b", "u2", "c2", 5))
    expect(ids(filterSessions(data, {}))).toEqual(["c", "b", "a"])
    expect(ids(filterSessions(data, { user_id: "u1" }))).toEqual(["c", "a"])
    expect(ids(filterSessions(data, { client_id: "c1" }))).toEqual(["c", "a"])
    expect(ids(filterSessions(data, { user_id: "u2" }))).toEqual(["b"])
    expect(ids(filterSessions(data, { client_id: "c2" }))).toEqual(["b"])
    expect(data.sessions.size).toBe(3)
    expect(data.ordered.length).toBe(3)
    // The old user stays known, as it does in Clerk.
    expect(users(data)).toEqual(["u1", "u2"])
  })

  it("an index emptied by a replacement is dropped; a new created_at moves the session", () => {
    const data = put(
      emptyStore(),
      session("a", "u1", "c1", 1),
      session("z", "u3", "c3", 2),
      session("a", "u2", "c2", 3)
    )
    expect(data.byUser.has("u1")).toBe(false)
    expect(data.byClient.has("c1")).toBe(false)
    expect(listSessions(data, { user_id: "u1" }, 0, 10)).toEqual({ data: [], total_count: 0 })
    expect(ids(filterSessions(data, {}))).toEqual(["a", "z"])
  })
})

describe("seedStore", () => {
  it("registers seeded users and clients, with or without sessions, and the sessions' own", () => {
    const data = seedStore(
      {
        users: [{ id: "user_lonely" }],
        clients: [{ id: "client_lonely" }],
        sessions: [{ id: "s1", user_id: "user_1", client_id: "client_1", created_at: 1 }]
      },
      NOW
    )
    expect(users(data)).toEqual(["user_1", "user_lonely"])
    expect(clients(data)).toEqual(["client_1", "client_lonely"])
    expect(data.nextSeq).toBe(1)
  })

  it("an empty seed is an empty store", () => {
    const data = seedStore({}, NOW)
    expect(data.users.size).toBe(0)
    expect(data.clients.size).toBe(0)
    expect(data.sessions.size).toBe(0)
    expect(data.templates.size).toBe(0)
    expect(data.nextSeq).toBe(0)
  })

  it("keeps JWT templates by name", () => {
    const template = { name: "hasura", claims: { role: "user" } }
    const data = seedStore({ jwt_templates: [template] }, NOW)
    expect(data.templates.get("hasura")).toBe(template)
  })

  it("a later session with an id already seen replaces it in place, as successive puts would", () => {
    const seeds = [
      { id: "a", user_id: "u1", client_id: "c1", created_at: 5, expire_at: NOW + DAY },
      { id: "b", user_id: "u1", client_id: "c1", created_at: 5, expire_at: NOW + DAY },
      { id: "a", user_id: "u2", client_id: "c2", created_at: 5, expire_at: NOW + DAY },
      { id: "c", user_id: "u1", client_id: "c2", created_at: 7, expire_at: NOW + DAY }
    ]
    const seeded = seedStore({ sessions: seeds }, NOW)
    const viaPuts = put(emptyStore(), ...seeds.map((seed) => sessionFromSeed(seed, NOW)))
    for (const filter of [{}, { user_id: "u1" }, { user_id: "u2" }, { client_id: "c1" }, { client_id: "c2" }]) {
      expect(ids(filterSessions(seeded, filter)), JSON.stringify(filter)).toEqual(ids(filterSessions(viaPuts, filter)))
    }
    expect(ids(filterSessions(seeded, {}))).toEqual(["c", "b", "a"])
    expect(users(seeded)).toEqual(["u1", "u2"])
    expect(clients(seeded)).toEqual(["c1", "c2"])
    expect(seeded.nextSeq).toBe(4)
    expect(viaPuts.nextSeq).toBe(4)
    expect(sessionById(seeded, "a")?.user_id).toBe("u2")
    // A later put keeps extending the same order.
    const after = put(seeded, session("d", "u1", "c1", 5))
    expect(ids(filterSessions(after, {}))).toEqual(["c", "d", "b", "a"])
  })
})

describe("listSessions", () => {
  // Newest first: s6 .. s1; users u1 (s1, s2, s3, s5), u2 (s4, s6); clients c1 (s1..s4), c2 (s5, s6).
  const data = seedStore(
    {
      sessions: [
        { id: "s1", user_id: "u1", client_id: "c1", created_at: 1, expire_at: NOW + DAY },
        { id: "s2", user_id: "u1", client_id: "c1", created_at: 2, expire_at: NOW + DAY, status: "revoked" },
        { id: "s3", user_id: "u1", client_id: "c1", created_at: 3, expire_at: NOW + DAY },
        { id: "s4", user_id: "u2", client_id: "c1", created_at: 4, expire_at: NOW + DAY },
        { id: "s5", user_id: "u1", client_id: "c2", created_at: 5, expire_at: NOW + DAY, status: "ended" },
        { id: "s6", user_id: "u2", client_id: "c2", created_at: 6, expire_at: NOW + DAY }
      ]
    },
    NOW
  )
  const page = (filter: Parameters<typeof listSessions>[1], offset: number, limit: number) => {
    const result = listSessions(data, filter, offset, limit)
    return { ids: ids(result.data), total: result.total_count }
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
    expect(page({ user_id: "u1" }, 0, 10)).toEqual({ ids: ["s5", "s3", "s2", "s1"], total: 4 })
    expect(page({ user_id: "u1" }, 1, 2)).toEqual({ ids: ["s3", "s2"], total: 4 })
    expect(page({ client_id: "c2" }, 0, 10)).toEqual({ ids: ["s6", "s5"], total: 2 })
    expect(page({ user_id: "nobody" }, 0, 10)).toEqual({ ids: [], total: 0 })
    expect(page({ client_id: "nowhere" }, 0, 10)).toEqual({ ids: [], total: 0 })
  })

  it("a user and a client: both must match, whichever index is smaller", () => {
    expect(page({ user_id: "u1", client_id: "c1" }, 0, 10)).toEqual({ ids: ["s3", "s2", "s1"], total: 3 })
    expect(page({ user_id: "u1", client_id: "c2" }, 0, 10)).toEqual({ ids: ["s5"], total: 1 })
    expect(page({ user_id: "u2", client_id: "c1" }, 0, 10)).toEqual({ ids: ["s4"], total: 1 })
    expect(page({ user_id: "u2", client_id: "c2" }, 0, 10)).toEqual({ ids: ["s6"], total: 1 })
    expect(page({ user_id: "u1", client_id: "c1" }, 1, 1)).toEqual({ ids: ["s2"], total: 3 })
    expect(page({ user_id: "u1", client_id: "nowhere" }, 0, 10)).toEqual({ ids: [], total: 0 })
    expect(page({ user_id: "nobody", client_id: "c1" }, 0, 10)).toEqual({ ids: [], total: 0 })
  })

  it("a status, alone or with ids", () => {
    expect(page({ status: "active" }, 0, 10)).toEqual({ ids: ["s6", "s4", "s3", "s1"], total: 4 })
    expect(page({ status: "active" }, 1, 2)).toEqual({ ids: ["s4", "s3"], total: 4 })
    expect(page({ status: "active" }, 0, 0)).toEqual({ ids: [], total: 4 })
    expect(page({ status: "revoked", user_id: "u1" }, 0, 10)).toEqual({ ids: ["s2"], total: 1 })
    expect(page({ status: "ended", client_id: "c2" }, 0, 10)).toEqual({ ids: ["s5"], total: 1 })
    expect(page({ status: "ended", client_id: "c1" }, 0, 10)).toEqual({ ids: [], total: 0 })
    expect(page({ status: "active", user_id: "u1", client_id: "c1" }, 0, 10)).toEqual({ ids: ["s3", "s1"], total: 2 })
  })

  it("filterSessions is every match, newest first", () => {
    expect(ids(filterSessions(data, { user_id: "u2" }))).toEqual(["s6", "s4"])
    expect(ids(filterSessions(data, { status: "ended" }))).toEqual(["s5"])
  })
})

/** The model: insertion order kept in a Map, every list filters and sorts everything. */
const model = () => {
  const sessions = new Map<string, { session: WireSession; seq: number }>()
  let nextSeq = 0
  return {
    put: (session: WireSession) => {
      sessions.set(session.id, { session, seq: sessions.get(session.id)?.seq ?? nextSeq })
      nextSeq++
    },
    list: (filter: ListFilter, offset: number, limit: number) => {
      const all = Array.from(sessions.values())
        .filter(
          ({ session }) =>
            (filter.client_id === undefined || session.client_id === filter.client_id) &&
            (filter.user_id === undefined || session.user_id === filter.user_id) &&
            (filter.status === undefined || session.status === filter.status)
        )
        .sort((a, b) => b.session.created_at - a.session.created_at || b.seq - a.seq)
        .map(({ session }) => session)
      return { data: all.slice(offset, offset + limit), total_count: all.length }
    }
  }
}

// Small pools, so that ids repeat (replacements), users share clients and created_at ties happen.
const sessionSeed: fc.Arbitrary<WireSessionSeed> = fc.record({
  id: fc.constantFrom("sess_a", "sess_b", "sess_c", "sess_d", "sess_e", "sess_f"),
  user_id: fc.constantFrom("user_1", "user_2", "user_3"),
  client_id: fc.constantFrom("client_1", "client_2"),
  status: fc.constantFrom("active" as const, "revoked" as const, "ended" as const),
  created_at: fc.integer({ min: 0, max: 3 })
})

const filter: fc.Arbitrary<ListFilter> = fc.record(
  {
    user_id: fc.constantFrom("user_1", "user_2", "user_3", "user_unknown"),
    client_id: fc.constantFrom("client_1", "client_2", "client_unknown"),
    status: fc.constantFrom("active", "revoked", "ended")
  },
  { requiredKeys: [] }
)

describe("the store against a reference model", () => {
  it("answers every list exactly as filtering and sorting every session would, after a seed and after puts", () =>
    fc.assert(
      fc.property(
        fc.array(sessionSeed, { maxLength: 12 }),
        fc.array(sessionSeed, { maxLength: 12 }),
        fc.array(fc.tuple(filter, fc.nat({ max: 8 }), fc.integer({ min: 1, max: 6 })), { minLength: 1, maxLength: 6 }),
        (seeded, puts, queries) => {
          const reference = model()
          const data = seedStore({ sessions: seeded }, 0)
          for (const seed of seeded) reference.put(sessionFromSeed(seed, 0))
          for (const query of queries) assert.deepStrictEqual(listSessions(data, ...query), reference.list(...query))
          for (const seed of puts) {
            const session = sessionFromSeed(seed, 0)
            putSession(data, session)
            reference.put(session)
            for (const query of queries) assert.deepStrictEqual(listSessions(data, ...query), reference.list(...query))
          }
        }
      ),
      { numRuns: 300 }
    ))
})

describe("the store at scale", () => {
  // A complexity check, not a timing benchmark: a quadratic seed or a sort per page would not finish in the timeout.
  it("seeds 100,000 sessions in one pass; pages are slices of an ordered index; a write moves one entry", () => {
    const SIZE = 100_000
    const store = seedStore(
      {
        sessions: Array.from({ length: SIZE }, (_, i) => ({
          id: `sess_${i}`,
          user_id: "user_many",
          client_id: `client_${i % 7}`,
          created_at: NOW + i,
          expire_at: NOW + 2 * SIZE
        }))
      },
      NOW
    )
    const last = listSessions(store, { user_id: "user_many" }, SIZE - 500, 500)
    assert.strictEqual(last.total_count, SIZE)
    assert.deepStrictEqual(
      ids(last.data),
      Array.from({ length: 500 }, (_, i) => `sess_${499 - i}`)
    )
    for (let i = 0; i < 1_000; i++) putSession(store, session(`sess_new_${i}`, "user_many", "client_0", NOW + SIZE + i))
    putSession(store, { ...sessionById(store, "sess_0")!, status: "revoked" })
    const first = listSessions(store, { user_id: "user_many" }, 0, 2)
    assert.deepStrictEqual(ids(first.data), ["sess_new_999", "sess_new_998"])
    assert.strictEqual(first.total_count, SIZE + 1_000)
    assert.deepStrictEqual(ids(listSessions(store, { user_id: "user_many", status: "revoked" }, 0, 10).data), [
      "sess_0"
    ])
  })
})
