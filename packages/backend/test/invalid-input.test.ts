/**
 * Invalid input is rejected before any request, naming the field: the
 * shared cases (`@clerk-effect/behaviour-cases/invalid-input`).
 */
import {
  accepted,
  acceptedExpectation,
  cases,
  expectation,
  streamCases
} from "@clerk-effect/behaviour-cases/invalid-input"
import { viewOf } from "@clerk-effect/behaviour-cases/outcomes"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { exchange } from "./utils/behaviour.js"

describe("InvalidInput: rejected before any request, naming the field", () => {
  for (const c of cases) {
    it.effect(c.name, () =>
      Effect.gen(function* () {
        const { actual, expected } = viewOf(yield* exchange({ call: c.call, replies: () => [] }), expectation(c))
        assert.deepStrictEqual(actual, expected)
      })
    )
  }
})

describe("stream validates before its first page", () => {
  for (const c of streamCases) {
    it.effect(c.name, () =>
      Effect.gen(function* () {
        const { actual, expected } = viewOf(yield* exchange({ call: c.call, replies: () => [] }), expectation(c))
        assert.deepStrictEqual(actual, expected)
      })
    )
  }
})

describe("the bounds themselves are accepted", () => {
  for (const c of accepted) {
    it.effect(c.name, () =>
      Effect.gen(function* () {
        // Nothing is scripted: the recorder's fallback, a Clerk 500, answers the one request sent.
        const { actual, expected } = viewOf(yield* exchange({ call: c.call, replies: () => [] }), acceptedExpectation)
        assert.deepStrictEqual(actual, expected)
      })
    )
  }
})
