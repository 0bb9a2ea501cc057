/**
 * The small API rules: a recorded request's `query` is the query string
 * without its `?` (`""` when there is none), and every fault constructor is a
 * function, called with or without options (`Fault.internalError()` as
 * `Fault.serviceUnavailable()`).
 */
import { Sessions } from "@clerk-effect/backend"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { FakeClerk, Fault } from "../src/index.js"

describe("RecordedRequest.query", () => {
  it.effect("the query without its leading ?, and empty when the URL has none", () =>
    Effect.gen(function* () {
      yield* Sessions.list({ userId: "user_1", limit: 5 })
      yield* Sessions.get("sess_1")
      const [list, get] = yield* FakeClerk.requests
      assert.isFalse(list!.query.startsWith("?"))
      const params = new URLSearchParams(list!.query)
      assert.strictEqual(params.get("user_id"), "user_1")
      assert.strictEqual(params.get("limit"), "5")
      assert.strictEqual(get!.query, "")
    }).pipe(
      Effect.provide(FakeClerk.layer({ users: [{ id: "user_1" }], sessions: [{ id: "sess_1", userId: "user_1" }] }))
    )
  )
})

describe("Fault", () => {
  it("every constructor is a function", () => {
    const values = Object.entries(Fault).filter(([, make]) => typeof make !== "function")
    assert.deepStrictEqual(
      values.map(([name]) => name),
      []
    )
  })

  it("option-less calls build the documented faults", () => {
    assert.deepStrictEqual(Fault.internalError(), { _tag: "Status", status: 500, retryAfter: undefined, body: "clerk" })
    assert.deepStrictEqual(Fault.badGateway({ retryAfter: 2 }), {
      _tag: "Status",
      status: 502,
      retryAfter: 2,
      body: "clerk"
    })
    assert.deepStrictEqual(Fault.htmlBadGateway(), { _tag: "Status", status: 502, body: "html" })
    assert.deepStrictEqual(Fault.malformedBody(), { _tag: "MalformedBody" })
    assert.deepStrictEqual(Fault.truncatedBody(), { _tag: "TruncatedBody" })
    assert.deepStrictEqual(Fault.neverEndingBody(), { _tag: "NeverEndingBody" })
    assert.deepStrictEqual(Fault.connectionReset(), { _tag: "Reset", afterProcessing: false })
  })
})
