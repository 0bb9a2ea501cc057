/**
 * Answers that are not Clerk errors become SDKError, never a defect: the
 * shared unexpected-answer table (`@clerk-effect/behaviour-cases/unexpected-responses`)
 * on every operation, and the details of the error, on both exchanges.
 */
import { operations } from "@clerk-effect/behaviour-cases/calls"
import type { ExchangeCase } from "@clerk-effect/behaviour-cases/outcomes"
import { asPromise, details, onOperation, table } from "@clerk-effect/behaviour-cases/unexpected-responses"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { EXCHANGES, type ExchangeKind, recordingSessions, run, viewOfCase } from "./adapter.js"

const check = (kind: ExchangeKind, c: ExchangeCase) =>
  it.effect(c.name, () =>
    Effect.gen(function* () {
      const { actual, expected } = yield* viewOfCase(kind, c)
      assert.deepStrictEqual(actual, expected)
    })
  )

describe.each(EXCHANGES)("unexpected answers (%s exchange)", (kind) => {
  describe("answers that are not Clerk errors become SDKError, never a defect", () => {
    for (const operation of operations) {
      describe(operation.name, () => {
        for (const row of table) check(kind, onOperation(operation.call, row))
      })
    }
  })

  describe("details of the SDKError", () => {
    for (const c of details) check(kind, c)

    it("a failure is not an unhandled rejection when run as a Promise", async () => {
      const { layer, recorder } = recordingSessions(kind)
      recorder.replies.push(asPromise.reply())
      const rejected = await Effect.runPromise(Effect.provide(run(asPromise.call), layer)).then(
        () => undefined,
        (error: unknown) => error
      )
      assert.isDefined(rejected)
    })
  })
})
