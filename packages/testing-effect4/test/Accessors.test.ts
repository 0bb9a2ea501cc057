/**
 * Every member of the fake's service is reachable as a static accessor of
 * `FakeClerk`, written out as effect 4 generates none.
 */
import { Sessions } from "@clerk-effect/backend-effect4"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { FakeClerk, Fault } from "../src/index.js"

describe("FakeClerk accessors", () => {
  it.effect("one static per member of the service", () =>
    Effect.gen(function* () {
      const fake = yield* FakeClerk.make()
      const missing = Object.keys(fake).filter((member) => !(member in FakeClerk))
      assert.deepStrictEqual(missing, [])
    })
  )

  it.effect("the accessors read and change the fake in context", () =>
    Effect.gen(function* () {
      assert.strictEqual(yield* FakeClerk.secretKey, (yield* FakeClerk).secretKey)
      assert.match(yield* FakeClerk.publishableKey, /^pk_test_/)
      assert.strictEqual(yield* FakeClerk.issuer, (yield* FakeClerk).issuer)
      yield* FakeClerk.addJwtTemplate({ name: "hasura", claims: { role: "user" } })
      const session = yield* FakeClerk.addSession({ id: "sess_1", userId: "user_1" })
      assert.deepStrictEqual(yield* FakeClerk.getSession("sess_1"), session)
      assert.isUndefined(yield* FakeClerk.getSession("sess_unknown"))
      yield* Sessions.createTokenFromTemplate("sess_1", "hasura")
      assert.deepStrictEqual(
        (yield* FakeClerk.sessions).map((s) => s.id),
        ["sess_1"]
      )
      assert.strictEqual((yield* FakeClerk.requests).length, 1)
      yield* FakeClerk.clearRequests
      assert.strictEqual((yield* FakeClerk.requests).length, 0)
      yield* FakeClerk.injectFault(Fault.connectionReset())
      yield* FakeClerk.clearFaults
      const reply = yield* FakeClerk.handle({
        method: "GET",
        url: new URL("https://fake-clerk.invalid/v1/sessions/sess_1"),
        headers: { authorization: `Bearer ${yield* FakeClerk.secretKey}` },
        body: undefined
      })
      assert.strictEqual(reply._tag === "Respond" ? reply.status : reply._tag, 200)
    }).pipe(Effect.provide(FakeClerk.layer({ users: [{ id: "user_1" }] })))
  )
})
