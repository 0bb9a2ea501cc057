/**
 * Input that the types refuse but JavaScript callers (and casts) can pass:
 * the shared cases (`@clerk-effect/behaviour-cases/invalid-input`,
 * `typeCases`). Each fails as `InvalidInput` naming the field, and nothing
 * is sent; never a defect, never a request with `123` in its URL.
 */
import { expectation, typeCases, typeStreamCases } from "@clerk-effect/behaviour-cases/invalid-input"
import { viewOf } from "@clerk-effect/behaviour-cases/outcomes"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { exchange } from "./utils/behaviour.js"

describe("InvalidInput for values of the wrong type, on every field", () => {
  for (const c of typeCases) {
    it.effect(c.name, () =>
      Effect.gen(function* () {
        const { actual, expected } = viewOf(yield* exchange({ call: c.call, replies: () => [] }), expectation(c))
        assert.deepStrictEqual(actual, expected)
      })
    )
  }
})

describe("stream: the same checks before its first page", () => {
  for (const c of typeStreamCases) {
    it.effect(c.name, () =>
      Effect.gen(function* () {
        const { actual, expected } = viewOf(yield* exchange({ call: c.call, replies: () => [] }), expectation(c))
        assert.deepStrictEqual(actual, expected)
      })
    )
  }
})
