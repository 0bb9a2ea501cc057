/**
 * Whatever Clerk answers, the outcome is a success, ClerkErrors or SDKError:
 * the shared random answers and outcome rule
 * (`@clerk-effect/behaviour-cases/outcomes-property`) on both exchanges; and
 * this edition's Session schema round-trips random values (effect 4's own
 * `Arbitrary`, derived from the schema).
 */
import { isDeepStrictEqual } from "node:util"
import { operation } from "@clerk-effect/behaviour-cases/calls"
import { NULL_BODY_STATUSES } from "@clerk-effect/behaviour-cases/hostile-answers"
import { body, numRuns, statusRange, violations } from "@clerk-effect/behaviour-cases/outcomes-property"
import { text } from "@clerk-effect/behaviour-cases/replies"
import { assert, describe, it } from "@effect/vitest"
import { Arbitrary, Effect, Schema } from "effect"
import fc from "fast-check"
import { Session } from "../../src/Session.js"
import { EXCHANGES, exchange } from "./adapter.js"

describe.each(EXCHANGES)(
  "whatever Clerk answers, the outcome is a success, ClerkErrors or SDKError (%s exchange)",
  (kind) => {
    it("random statuses and random bodies never end in a defect", async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer(statusRange), body(fc), async (status, answer) => {
          const { outcome } = await Effect.runPromise(
            exchange(kind, {
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
  }
)

describe("random Session values", () => {
  const encode = Schema.encodeSync(Session)
  const decode = Schema.decodeUnknownSync(Session)
  // effect 4's Arbitrary builds objects without a prototype; a decoded
  // session is a plain object. The same value, compared as plain data.
  const same = (decoded: unknown, value: unknown) => isDeepStrictEqual(decoded, structuredClone(value))
  // What JSON can carry at all (no -0, no non-finite number, no undefined
  // deep inside `actor`): only such values can survive the wire.
  const jsonSafe = (value: Session) => {
    const encoded = encode(value)
    return isDeepStrictEqual(JSON.parse(JSON.stringify(encoded)), structuredClone(encoded))
  }

  it.effect("encode then decode gives the same value", () =>
    Effect.gen(function* () {
      const result = yield* Arbitrary.checkEffect(
        Arbitrary.schema(Session),
        (value) => same(decode(encode(value)), value),
        { runs: 300 }
      )
      assert.isUndefined(Arbitrary.formatCheckFailure(result))
    })
  )

  it.effect("they survive the JSON wire", () =>
    Effect.gen(function* () {
      const result = yield* Arbitrary.checkEffect(
        Arbitrary.filter(Arbitrary.schema(Session), jsonSafe),
        (value) => same(decode(JSON.parse(JSON.stringify(encode(value)))), value),
        { runs: 200 }
      )
      assert.isUndefined(Arbitrary.formatCheckFailure(result))
    })
  )
})
