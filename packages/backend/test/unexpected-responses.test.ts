/**
 * Answers that are not Clerk errors become SDKError, never a defect: the
 * shared unexpected-answer table (`@clerk-effect/behaviour-cases/unexpected-responses`)
 * on every operation, and the details of the error.
 */
import { operations } from "@clerk-effect/behaviour-cases/calls"
import { type ExchangeCase, viewOf } from "@clerk-effect/behaviour-cases/outcomes"
import { asPromise, details, onOperation, table } from "@clerk-effect/behaviour-cases/unexpected-responses"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { Sessions } from "../src/Sessions.js"
import { exchange, run } from "./utils/behaviour.js"
import { RecordingHttp, withRecorder } from "./utils/RecordingHttpClient.js"

const check = (c: ExchangeCase) =>
  it.effect(c.name, () =>
    Effect.gen(function* () {
      const { actual, expected } = viewOf(yield* exchange(c), c.expect)
      assert.deepStrictEqual(actual, expected)
    })
  )

describe("answers that are not Clerk errors become SDKError, never a defect", () => {
  for (const operation of operations) {
    describe(operation.name, () => {
      for (const row of table) check(onOperation(operation.call, row))
    })
  }
})

describe("details of the SDKError", () => {
  for (const c of details) check(c)

  it.effect("a failure is not an unhandled rejection when run as a Promise", () =>
    withRecorder(
      Effect.gen(function* () {
        const context = yield* Effect.context<RecordingHttp | Sessions>()
        const recorder = yield* RecordingHttp
        recorder.replies.push(asPromise.reply())
        const rejected = yield* Effect.promise(() =>
          Effect.runPromise(Effect.provide(run(asPromise.call), context)).then(
            () => undefined,
            (error: unknown) => error
          )
        )
        assert.isDefined(rejected)
      })
    )
  )
})
