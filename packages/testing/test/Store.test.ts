/**
 * The fake's store at scale, through this edition's face: seeding is one
 * pass, a list page walks an index kept newest-first. (The store against a
 * reference model: packages/fake/test/Store.test.ts.)
 */
import { Sessions } from "@clerk-effect/backend"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { FakeClerk } from "../src/index.js"

describe("the fake's store", () => {
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
