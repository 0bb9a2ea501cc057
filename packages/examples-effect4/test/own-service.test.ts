/**
 * Testing your own service with the fake: one layer, no mocks. This is the
 * example docs/testing.md walks through.
 */
// #region test
import { Sessions } from "@clerk-effect/backend-effect4"
import { FakeClerk } from "@clerk-effect/testing-effect4"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { AccountSecurity } from "../src/lib/AccountSecurity.js"

const seeded = FakeClerk.layer({
  users: [{ id: "user_grace" }, { id: "user_linus" }],
  sessions: [
    { id: "sess_laptop", userId: "user_grace", clientId: "client_laptop", createdAt: 1_000 },
    { id: "sess_phone", userId: "user_grace", clientId: "client_phone", createdAt: 2_000 },
    { id: "sess_old", userId: "user_grace", clientId: "client_laptop", status: "revoked", createdAt: 500 },
    { id: "sess_linus", userId: "user_linus", clientId: "client_linus", createdAt: 3_000 }
  ]
})

// One fake per describe block: it.layer builds the layer once and shares it between the tests below.
describe("AccountSecurity against the fake", () => {
  it.layer(AccountSecurity.layer.pipe(Layer.provideMerge(seeded)))((it) => {
    it.effect("lists the active devices, newest first", () =>
      Effect.gen(function* () {
        const devices = yield* AccountSecurity.use((s) => s.activeDevices("user_grace"))
        assert.deepStrictEqual(
          devices.map((d) => d.sessionId),
          ["sess_phone", "sess_laptop"]
        )
      })
    )

    it.effect("signs out everywhere except the current session, touching no one else", () =>
      Effect.gen(function* () {
        const security = yield* AccountSecurity
        const created = yield* Sessions.create({ userId: "user_grace" })
        const revoked = yield* security.signOutEverywhere("user_grace", { keep: "sess_laptop" })
        assert.strictEqual(revoked, 2)
        const fake = yield* FakeClerk
        const status = (id: string) => Effect.map(fake.getSession(id), (s) => s?.status)
        assert.strictEqual(yield* status("sess_laptop"), "active")
        assert.strictEqual(yield* status("sess_phone"), "revoked")
        assert.strictEqual(yield* status(created.id), "revoked")
        assert.strictEqual(yield* status("sess_linus"), "active")
        const revokes = (yield* fake.requests).filter((r) => r.path.endsWith("/revoke"))
        assert.strictEqual(revokes.length, 2)
      })
    )
  })

  it.effect("a user without sessions has nothing to sign out", () =>
    Effect.gen(function* () {
      const security = yield* AccountSecurity
      assert.strictEqual(yield* security.signOutEverywhere("user_nobody"), 0)
    }).pipe(Effect.provide(AccountSecurity.layer.pipe(Layer.provideMerge(FakeClerk.layer()))))
  )
})
// #endregion test
