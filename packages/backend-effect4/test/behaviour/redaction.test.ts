/**
 * The secret key never leaks: the shared cases
 * (`@clerk-effect/behaviour-cases/redaction`) on both exchanges, every
 * rendering of each failure and of its cause, and what an application
 * logs of it.
 */
import { inspect } from "node:util"
import { cases, leaksIn, probes, refusedApiUrl, timeoutCase } from "@clerk-effect/behaviour-cases/redaction"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Fiber, Layer, Logger, Option, Redacted, References } from "effect"
import { FetchHttpClient } from "effect/http"
import { TestClock } from "effect/testing"
import { ClerkConfig } from "../../src/ClerkConfig.js"
import { type ClerkError, ClerkErrors, SDKError } from "../../src/Errors.js"
import { Sessions } from "../../src/Sessions.js"
import { EXCHANGES, recordingSessions, run, SECRET } from "./adapter.js"

const assertNoSecret = (label: string, rendered: string) => {
  assert.deepStrictEqual(leaksIn(rendered), [], `${label} leaks`)
}

/** Every rendering of an error and of its failure cause that may reach a log or a user. */
const assertRedacted = (error: ClerkError, cause: Cause.Cause<unknown>) => {
  assertNoSecret("message", error.message)
  assertNoSecret("String(error)", String(error))
  assertNoSecret("JSON.stringify(error)", JSON.stringify(error))
  assertNoSecret("inspect(error)", inspect(error, { depth: 10 }))
  assertNoSecret("inspect(error, showHidden)", inspect(error, { depth: 10, showHidden: true }))
  assertNoSecret("error.stack", error.stack ?? "")
  assertNoSecret("Cause.pretty", Cause.pretty(cause))
  for (const rendered of Cause.prettyErrors(cause)) {
    assertNoSecret("Cause.prettyErrors", `${rendered.stack ?? ""} ${inspect(rendered, { depth: 10 })}`)
  }
}

/** Loggers that keep every line, with causes and annotations, as logfmt and as JSON. */
const capturingLoggers = (lines: Array<string>) =>
  Logger.layer([
    Logger.map(Logger.formatLogFmt, (line) => lines.push(line)),
    Logger.map(Logger.formatJson, (line) => lines.push(line))
  ])

/** The typed failure of an exit; fails the test on a success, a defect or an interruption. */
const typedFailure = (
  exit: Exit.Exit<unknown, unknown>
): { readonly error: ClerkError; readonly cause: Cause.Cause<unknown> } => {
  if (Exit.isSuccess(exit)) return assert.fail(`expected a failure, got ${JSON.stringify(exit.value)}`)
  assert.isFalse(Cause.hasDies(exit.cause), `a defect: ${Cause.pretty(exit.cause)}`)
  const failure = Cause.findErrorOption(exit.cause)
  if (Option.isNone(failure)) return assert.fail(`no typed failure in ${Cause.pretty(exit.cause)}`)
  assert.isTrue(failure.value instanceof ClerkErrors || failure.value instanceof SDKError)
  return { error: failure.value as ClerkError, cause: exit.cause }
}

const tagOf = (error: ClerkError) => (error._tag === "ClerkErrors" ? error._tag : error.reason)

/** What an application typically does with a failure: log it, with its cause. */
const logged = <A, R>(effect: Effect.Effect<A, ClerkError, R>, lines: Array<string>) =>
  effect.pipe(
    Effect.tapCause((cause) => Effect.logError("clerk call failed", cause)),
    Effect.tapError((error) => Effect.logWarning(error)),
    Effect.provideService(References.MinimumLogLevel, "All"),
    Effect.provide(capturingLoggers(lines))
  )

// The direct exchange's double answers in a fiber of its own: let it land after the clock moves.
const settle = Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve)))

describe.each(EXCHANGES)("the secret key never leaks (%s exchange)", (kind) => {
  for (const c of cases) {
    it.effect(c.name, () =>
      Effect.gen(function* () {
        const lines: Array<string> = []
        const { layer, recorder } = recordingSessions(kind)
        recorder.replies.push(...c.replies())
        const { error, cause } = typedFailure(yield* Effect.exit(Effect.provide(logged(run(c.call), lines), layer)))
        assert.strictEqual(tagOf(error), c.tag)
        assertRedacted(error, cause)
        assert.isAbove(lines.length, 0)
        for (const line of lines) assertNoSecret("log line", line)
      })
    )
  }

  it.effect("SDKError Timeout (the attempt never answers)", () =>
    Effect.gen(function* () {
      const { layer, recorder } = recordingSessions(kind, timeoutCase.config)
      recorder.replies.push(...timeoutCase.replies())
      const fiber = yield* Effect.forkChild(Effect.exit(Effect.provide(run(timeoutCase.call), layer)))
      yield* settle
      yield* TestClock.adjust(timeoutCase.advance)
      yield* settle
      const { error, cause } = typedFailure(yield* Fiber.join(fiber))
      assert.strictEqual(tagOf(error), timeoutCase.tag)
      assertRedacted(error, cause)
    })
  )
})

describe("the secret key never leaks", () => {
  it.effect("SDKError Transport from a real failing request (connection refused, FetchHttpClient)", () =>
    Effect.gen(function* () {
      const lines: Array<string> = []
      const sessions = Sessions.layer.pipe(
        Layer.provide(ClerkConfig.layer({ secretKey: Redacted.make(SECRET), apiUrl: refusedApiUrl, retry: false })),
        Layer.provide(FetchHttpClient.layer)
      )
      const { error, cause } = typedFailure(
        yield* Effect.exit(Effect.provide(logged(Sessions.get("sess_1"), lines), sessions))
      )
      assert.strictEqual(tagOf(error), "Transport")
      assert.isDefined((error as SDKError).cause)
      assertRedacted(error, cause)
      for (const line of lines) assertNoSecret("log line", line)
    })
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
