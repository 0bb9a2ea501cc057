/**
 * Invalid input is rejected before any request, naming the field: the
 * shared cases (`@clerk-effect/behaviour-cases/invalid-input`), on both exchanges.
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
import { Effect } from "effect"
import { EXCHANGES, exchange } from "./adapter.js"

describe.each(EXCHANGES)("invalid input (%s exchange)", (kind) => {
  describe("InvalidInput: rejected before any request, naming the field", () => {
    for (const c of cases) {
      it.effect(c.name, () =>
        Effect.gen(function* () {
          const observed = yield* exchange(kind, { call: c.call, replies: () => [] })
          const { actual, expected } = viewOf(observed, expectation(c))
          assert.deepStrictEqual(actual, expected)
        })
      )
    }
  })

  describe("stream validates before its first page", () => {
    for (const c of streamCases) {
      it.effect(c.name, () =>
        Effect.gen(function* () {
          const observed = yield* exchange(kind, { call: c.call, replies: () => [] })
          const { actual, expected } = viewOf(observed, expectation(c))
          assert.deepStrictEqual(actual, expected)
        })
      )
    }
  })

  describe("the bounds themselves are accepted", () => {
    for (const c of accepted) {
      it.effect(c.name, () =>
        Effect.gen(function* () {
          // Nothing is scripted: the double's fallback, a Clerk 500, answers the one request sent.
          const observed = yield* exchange(kind, { call: c.call, replies: () => [] })
          const { actual, expected } = viewOf(observed, acceptedExpectation)
          assert.deepStrictEqual(actual, expected)
        })
      )
    }
  })
})
