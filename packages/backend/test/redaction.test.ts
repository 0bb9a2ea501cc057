/**
 * The secret key never leaks: the shared cases
 * (`@clerk-effect/behaviour-cases/redaction`), every rendering of each
 * failure and of its cause, and what an application logs of it.
 */
import { inspect } from "node:util"
import { cases, leaksIn, probes, refusedApiUrl, SECRET, timeoutCase } from "@clerk-effect/behaviour-cases/redaction"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import { ClerkConfig } from "../src/ClerkConfig.js"
import type { ClerkErrors, SDKError } from "../src/Errors.js"
import { Sessions } from "../src/Sessions.js"
import { run } from "./utils/behaviour.js"
import { typedFailure } from "./utils/outcomes.js"
import { RecordingHttp, text, withRecorder } from "./utils/RecordingHttpClient.js"

const assertNoSecret = (label: string, rendered: string) => {
  assert.deepStrictEqual(leaksIn(rendered), [], `${label} leaks`)
}

/** Every rendering of an error and of its failure cause that may reach a log or a user. */
const assertRedacted = (error: ClerkErrors | SDKError, cause: Cause.Cause<unknown>) => {
  assertNoSecret("message", error.message)
  assertNoSecret("String(error)", String(error))
  assertNoSecret("JSON.stringify(error)", JSON.stringify(error))
  assertNoSecret("inspect(error)", inspect(error, { depth: 10 }))
  assertNoSecret("inspect(error, showHidden)", inspect(error, { depth: 10, showHidden: true }))
  assertNoSecret("error.stack", error.stack ?? "")
  assertNoSecret("Cause.pretty", Cause.pretty(cause))
  assertNoSecret("Cause.pretty (rendered errors)", Cause.pretty(cause, { renderErrorCause: true }))
}

/** A logger that keeps every line, with causes and annotations, as logfmt and as JSON. */
const capturingLogger = (lines: Array<string>) =>
  Logger.replace(
    Logger.defaultLogger,
    Logger.zip(
      Logger.map(Logger.logfmtLogger, (line) => lines.push(line)),
      Logger.map(Logger.structuredLogger, (entry) => lines.push(JSON.stringify(entry)))
    )
  )

const tagOf = (error: ClerkErrors | SDKError) => (error._tag === "ClerkErrors" ? error._tag : error.reason)

describe("the secret key never leaks", () => {
  for (const c of cases) {
    it.effect(c.name, () =>
      withRecorder(
        Effect.gen(function* () {
          const lines: Array<string> = []
          const { error, cause } = yield* typedFailure(c.replies(), () =>
            run(c.call).pipe(
              // What an application typically does with a failure: log it, with its cause.
              Effect.tapErrorCause((cause) => Effect.logError("clerk call failed", cause)),
              Effect.tapError((error) => Effect.logWarning(error)),
              Logger.withMinimumLogLevel(LogLevel.All),
              Effect.provide(capturingLogger(lines))
            )
          )
          assert.strictEqual(tagOf(error), c.tag)
          assertRedacted(error, cause)
          assert.isAbove(lines.length, 0)
          for (const line of lines) assertNoSecret("log line", line)
        })
      )
    )
  }

  it.effect("SDKError Timeout (the attempt never answers)", () =>
    withRecorder(
      Effect.gen(function* () {
        const fiber = yield* Effect.fork(typedFailure(timeoutCase.replies(), () => run(timeoutCase.call)))
        yield* TestClock.adjust(timeoutCase.advance)
        const { error, cause } = yield* Fiber.join(fiber)
        assert.strictEqual(tagOf(error), timeoutCase.tag)
        assertRedacted(error, cause)
      }),
      timeoutCase.config
    )
  )

  it.effect("SDKError Transport from a real failing request (connection refused, FetchHttpClient)", () =>
    Effect.gen(function* () {
      const lines: Array<string> = []
      const { error, cause } = yield* typedFailure([], () =>
        Sessions.get("sess_1").pipe(
          Effect.tapErrorCause((cause) => Effect.logError("clerk call failed", cause)),
          Logger.withMinimumLogLevel(LogLevel.All),
          Effect.provide(capturingLogger(lines))
        )
      )
      assert.strictEqual(tagOf(error), "Transport")
      assert.isDefined((error as SDKError).cause)
      assertRedacted(error, cause)
      for (const line of lines) assertNoSecret("log line", line)
    }).pipe(
      Effect.provide(
        Sessions.layer.pipe(
          Layer.provide(ClerkConfig.layer({ secretKey: Redacted.make(SECRET), apiUrl: refusedApiUrl, retry: false })),
          Layer.provide(FetchHttpClient.layer)
        )
      ),
      // typedFailure scripts replies on a recorder; this test's transport is real, so it gets an unused one.
      Effect.provideService(RecordingHttp, { requests: [], replies: [], fallback: () => text(500, "") })
    )
  )

  it("the check itself catches a leak (any 8 characters of the key)", () => {
    for (const leaking of probes.leaking) assert.throws(() => assertNoSecret("probe", leaking))
    assert.doesNotThrow(() => assertNoSecret("probe", probes.clean))
  })

  it("the config and the Redacted key do not render the secret", () => {
    const config = Effect.runSync(ClerkConfig.make({ secretKey: Redacted.make(SECRET) }))
    assertNoSecret("String(config.secretKey)", String(config.secretKey))
    assertNoSecret("JSON.stringify(config)", JSON.stringify(config))
    assertNoSecret("inspect(config)", inspect(config, { depth: 10 }))
  })
})
