/**
 * Input that the types refuse but JavaScript callers (and casts) can pass:
 * the shared cases (`@clerk-effect/behaviour-cases/invalid-input`,
 * `typeCases`) on both exchanges. Each fails as `InvalidInput` naming the
 * field, and nothing is sent.
 */
import { expectation, typeCases, typeStreamCases } from "@clerk-effect/behaviour-cases/invalid-input"
import { viewOf } from "@clerk-effect/behaviour-cases/outcomes"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { EXCHANGES, exchange } from "./adapter.js"

describe.each(EXCHANGES)("values of the wrong type (%s exchange)", (kind) => {
  describe("InvalidInput for values of the wrong type, on every field", () => {
    for (const c of typeCases) {
      it.effect(c.name, () =>
        Effect.gen(function* () {
          const { actual, expected } = viewOf(
            yield* exchange(kind, { call: c.call, replies: () => [] }),
            expectation(c)
          )
          assert.deepStrictEqual(actual, expected)
        })
      )
    }
  })

  describe("stream: the same checks before its first page", () => {
    for (const c of typeStreamCases) {
      it.effect(c.name, () =>
        Effect.gen(function* () {
          const { actual, expected } = viewOf(
            yield* exchange(kind, { call: c.call, replies: () => [] }),
            expectation(c)
          )
          assert.deepStrictEqual(actual, expected)
        })
      )
    }
  })
})
