import { operation } from "@clerk-effect/behaviour-cases/calls"
import { NULL_BODY_STATUSES } from "@clerk-effect/behaviour-cases/hostile-answers"
import { body, numRuns, statusRange, violations } from "@clerk-effect/behaviour-cases/outcomes-property"
import { text } from "@clerk-effect/behaviour-cases/replies"
import { assert, describe, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as Effect from "effect/Effect"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import fc from "fast-check"
import { Session } from "../src/Session.js"
import { exchange } from "./utils/behaviour.js"

// A "__proto__" key in the free-form `actor` record: effect's Schema.Record
// decoder assigns it, which sets the fresh object's prototype instead of an own
// key (local to that object, no global pollution), so such values do not
// round-trip through Schema itself. Clerk's actor claims have no such key.
const withoutProtoKey = (value: Session): Session =>
  value.actor == null
    ? value
    : { ...value, actor: Object.fromEntries(Object.entries(value.actor).filter(([key]) => key !== "__proto__")) }

describe("whatever Clerk answers, the outcome is a success, ClerkErrors or SDKError", () => {
  it("random statuses and random bodies never end in a defect", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer(statusRange), body(fc), async (status, answer) => {
        const { outcome } = await Effect.runPromise(
          exchange({
            call: operation("get"),
            replies: () => [
              text(status, NULL_BODY_STATUSES.has(status) ? null : answer, { "content-type": "application/json" })
            ]
          })
        )
        assert.deepStrictEqual(violations(status, outcome), [])
      }),
      { numRuns }
    )
  })

  it("encode then decode of random Session values gives the same value", () => {
    const encode = Schema.encodeSync(Session)
    const decode = Schema.decodeUnknownSync(Session)
    FastCheck.assert(
      FastCheck.property(Arbitrary.make(Session).map(withoutProtoKey), (value) => {
        assert.deepStrictEqual(decode(encode(value)), value)
      }),
      { numRuns: 300 }
    )
  })

  it("random Session values survive the JSON wire", () => {
    const encode = Schema.encodeSync(Session)
    const decode = Schema.decodeUnknownSync(Session)
    // `actor` is free-form (Record<string, unknown>): keep it to JSON values
    // here, since `undefined` deep inside cannot cross JSON by definition.
    const jsonActor = FastCheck.option(FastCheck.dictionary(FastCheck.string(), FastCheck.string()), { nil: null })
    const finite = FastCheck.tuple(Arbitrary.make(Session), jsonActor)
      .map(([value, actor]): Session => withoutProtoKey({ ...value, actor }))
      .filter((value) =>
        [value.lastActiveAt, value.expireAt, value.abandonAt, value.updatedAt, value.createdAt].every(
          (n) => Number.isFinite(n) && !Object.is(n, -0)
        )
      )
    FastCheck.assert(
      FastCheck.property(finite, (value) => {
        assert.deepStrictEqual(decode(JSON.parse(JSON.stringify(encode(value)))), value)
      }),
      { numRuns: 200 }
    )
  })
})
