import { assert } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import { RecordingHttp, type Reply } from "./RecordingHttpClient.js"

/**
 * Runs `operation` (after scripting `replies`) and returns its typed failure.
 * Fails the test on success, on a defect (`Die`) or an interruption: every
 * failure of this SDK must be a typed `Fail`. Also returns the exit's cause.
 */
export const typedFailure = <E, R>(
  replies: ReadonlyArray<Reply>,
  operation: () => Effect.Effect<unknown, E, R>
): Effect.Effect<{ readonly error: E; readonly cause: Cause.Cause<E> }, never, R | RecordingHttp> =>
  Effect.gen(function* () {
    const recorder = yield* RecordingHttp
    recorder.replies.push(...replies)
    const exit = yield* Effect.exit(operation())
    if (Exit.isSuccess(exit)) return assert.fail(`expected a failure, got ${JSON.stringify(exit.value)}`)
    assert.isFalse(Cause.isDie(exit.cause), `a defect: ${Cause.pretty(exit.cause)}`)
    assert.isFalse(Cause.isInterrupted(exit.cause), "interrupted")
    const failure = Cause.failureOption(exit.cause)
    if (Option.isNone(failure)) return assert.fail(`no typed failure in ${Cause.pretty(exit.cause)}`)
    return { error: failure.value, cause: exit.cause }
  })
