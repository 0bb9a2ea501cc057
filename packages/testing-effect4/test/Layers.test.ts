/**
 * The one-line layers: each build is its own fake, also when layers are nested
 * with `it.layer` (which shares one memo map between parent and child).
 */
import { Sessions } from "@clerk-effect/backend-effect4"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { FakeClerk } from "../src/index.js"

const parent = FakeClerk.layer({
  users: [{ id: "user_parent" }],
  sessions: [{ id: "sess_parent", userId: "user_parent" }]
})
const child = FakeClerk.layer({ users: [{ id: "user_child" }], sessions: [{ id: "sess_child", userId: "user_child" }] })

describe("FakeClerk.layer", () => {
  it.layer(parent)((it) => {
    it.effect("the parent sees its own seed", () =>
      Effect.gen(function* () {
        assert.strictEqual((yield* Sessions.get("sess_parent")).userId, "user_parent")
      })
    )

    it.layer(child)((it) => {
      it.effect("a nested fake answers from its own state, not the parent's", () =>
        Effect.gen(function* () {
          assert.strictEqual((yield* Sessions.get("sess_child")).userId, "user_child")
          const fake = yield* FakeClerk
          assert.isDefined(yield* fake.getSession("sess_child"))
          assert.isTrue((yield* fake.requests).some((r) => r.path === "/v1/sessions/sess_child"))
        })
      )
    })
  })

  it.effect("two builds of the same layer value are two fakes", () =>
    Effect.gen(function* () {
      const created = yield* Sessions.create({ userId: "user_parent" }).pipe(Effect.provide(parent))
      const seen = yield* Effect.result(Sessions.get(created.id).pipe(Effect.provide(parent)))
      assert.isTrue(Result.isFailure(seen))
    })
  )
})
