/**
 * The fake's store at scale and against a reference model: seeding is one
 * pass, a list page walks an index kept newest-first, and every answer is the
 * one the naive model (filter and sort every session, as the store did
 * before) gives.
 */
import { type Session, Sessions } from "@clerk-effect/backend"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as fc from "fast-check"
import { FakeClerk } from "../src/index.js"
import { type ListFilter, listSessions, putSession, seedStore, sessionFromSeed } from "../src/internal/store.js"
import type { SessionSeed } from "../src/Seed.js"

/** The model: insertion order kept in a Map, every list filters and sorts everything. */
const model = () => {
  const sessions = new Map<string, { session: Session; seq: number }>()
  let nextSeq = 0
  return {
    put: (session: Session) => {
      sessions.set(session.id, { session, seq: sessions.get(session.id)?.seq ?? nextSeq })
      nextSeq++
    },
    list: (filter: ListFilter, offset: number, limit: number) => {
      const all = Array.from(sessions.values())
        .filter(
          ({ session }) =>
            (filter.clientId === undefined || session.clientId === filter.clientId) &&
            (filter.userId === undefined || session.userId === filter.userId) &&
            (filter.status === undefined || session.status === filter.status)
        )
        .sort((a, b) => b.session.createdAt - a.session.createdAt || b.seq - a.seq)
        .map(({ session }) => session)
      return { data: all.slice(offset, offset + limit), totalCount: all.length }
    }
  }
}

// Small pools, so that ids repeat (replacements), users share clients and createdAt ties happen.
const sessionSeed: fc.Arbitrary<SessionSeed> = fc.record({
  id: fc.constantFrom("sess_a", "sess_b", "sess_c", "sess_d", "sess_e", "sess_f"),
  userId: fc.constantFrom("user_1", "user_2", "user_3"),
  clientId: fc.constantFrom("client_1", "client_2"),
  status: fc.constantFrom("active" as const, "revoked" as const, "ended" as const),
  createdAt: fc.integer({ min: 0, max: 3 })
})

const filter: fc.Arbitrary<ListFilter> = fc.record(
  {
    userId: fc.constantFrom("user_1", "user_2", "user_3", "user_unknown"),
    clientId: fc.constantFrom("client_1", "client_2", "client_unknown"),
    status: fc.constantFrom("active", "revoked", "ended")
  },
  { requiredKeys: [] }
)

describe("the fake's store", () => {
  it("answers every list exactly as filtering and sorting every session would, after a seed and after puts", () =>
    fc.assert(
      fc.property(
        fc.array(sessionSeed, { maxLength: 12 }),
        fc.array(sessionSeed, { maxLength: 12 }),
        fc.array(fc.tuple(filter, fc.nat({ max: 8 }), fc.integer({ min: 1, max: 6 })), { minLength: 1, maxLength: 6 }),
        (seeded, puts, queries) => {
          const reference = model()
          let data = seedStore({ sessions: seeded }, 0)
          for (const seed of seeded) reference.put(sessionFromSeed(seed, 0))
          for (const query of queries) assert.deepStrictEqual(listSessions(data, ...query), reference.list(...query))
          for (const seed of puts) {
            const session = sessionFromSeed(seed, 0)
            data = putSession(data, session)
            reference.put(session)
            for (const query of queries) assert.deepStrictEqual(listSessions(data, ...query), reference.list(...query))
          }
        }
      ),
      { numRuns: 300 }
    ))

  const SIZE = 100_000
  const userId = "user_many"
  const seed = {
    users: [{ id: userId }],
    sessions: Array.from({ length: SIZE }, (_, i) => ({
      id: `sess_${i}`,
      userId,
      clientId: `client_${i % 7}`,
      createdAt: 1_764_300_000_000 + i
    }))
  }

  // A complexity check, not a timing benchmark: seeding was quadratic (it never finished at
  // 110,000) and every page sorted every session; within the test timeout is the assertion.
  it.effect(
    `serves ${SIZE.toLocaleString("en")} seeded sessions: the last page, the first, and one after a write`,
    () =>
      Effect.gen(function* () {
        const last = yield* Sessions.list({ userId, limit: 500, offset: SIZE - 500 })
        assert.strictEqual(last.totalCount, SIZE)
        assert.deepStrictEqual(
          last.data.map((s) => s.id),
          Array.from({ length: 500 }, (_, i) => `sess_${499 - i}`)
        )
        const first = yield* Sessions.list({ userId, limit: 3 })
        assert.deepStrictEqual(
          first.data.map((s) => s.id),
          [`sess_${SIZE - 1}`, `sess_${SIZE - 2}`, `sess_${SIZE - 3}`]
        )
        const fake = yield* FakeClerk
        yield* fake.addSession({ id: "sess_newest", userId, createdAt: 1_764_400_000_000 })
        yield* Sessions.revoke(`sess_${SIZE - 1}`)
        const after = yield* Sessions.list({ userId, limit: 2 })
        assert.strictEqual(after.totalCount, SIZE + 1)
        assert.deepStrictEqual(
          after.data.map((s) => [s.id, s.status]),
          [
            ["sess_newest", "active"],
            [`sess_${SIZE - 1}`, "revoked"]
          ]
        )
        const revoked = yield* Sessions.list({ userId, status: "revoked" })
        assert.deepStrictEqual(
          revoked.data.map((s) => s.id),
          [`sess_${SIZE - 1}`]
        )
      }).pipe(Effect.provide(FakeClerk.layer(seed)))
  )
})
