import { inspect } from "node:util"
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
import { clerkErrorBody } from "./utils/fixtures.js"
import { typedFailure } from "./utils/outcomes.js"
import { brokenBody, json, RecordingHttp, type Reply, SECRET, text, withRecorder } from "./utils/RecordingHttpClient.js"

/** Every 8-character window of the key: no part of it may show up anywhere. */
const secretParts = Array.from({ length: SECRET.length - 7 }, (_, i) => SECRET.slice(i, i + 8))

const assertNoSecret = (label: string, rendered: string) => {
  for (const part of secretParts) {
    assert.notInclude(rendered, part, `${label} leaks "${part}"`)
  }
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

const get = () => Sessions.get("sess_1")

const cases: ReadonlyArray<{
  readonly name: string
  readonly replies: ReadonlyArray<Reply>
  readonly run: () => Effect.Effect<unknown, ClerkErrors | SDKError, Sessions>
  readonly tag: string
}> = [
  {
    name: "ClerkErrors",
    replies: [json(404, clerkErrorBody(404, { clerk_trace_id: "t" }))],
    run: get,
    tag: "ClerkErrors"
  },
  { name: "SDKError InvalidInput", replies: [], run: () => Sessions.get("a/b"), tag: "InvalidInput" },
  {
    name: "SDKError UnexpectedStatus",
    replies: [text(502, "<html>bad gateway</html>")],
    run: get,
    tag: "UnexpectedStatus"
  },
  { name: "SDKError InvalidResponse", replies: [json(200, { wrong: true })], run: get, tag: "InvalidResponse" },
  {
    name: "SDKError Transport (transport rejected)",
    replies: [{ transportError: new TypeError("fetch failed") }],
    run: get,
    tag: "Transport"
  },
  { name: "SDKError Transport (body broke off)", replies: [brokenBody(200, "{")], run: get, tag: "Transport" },
  {
    name: "SDKError InvalidResponse from createToken",
    replies: [json(200, { object: "token" })],
    run: () => Sessions.createToken("sess_1", { expiresInSeconds: 60 }),
    tag: "InvalidResponse"
  }
]

const tagOf = (error: ClerkErrors | SDKError) => (error._tag === "ClerkErrors" ? error._tag : error.reason)

describe("the secret key never leaks", () => {
  for (const c of cases) {
    it.effect(c.name, () =>
      withRecorder(
        Effect.gen(function* () {
          const lines: Array<string> = []
          const { error, cause } = yield* typedFailure(c.replies, () =>
            c.run().pipe(
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
        const fiber = yield* Effect.fork(typedFailure([{ hang: true }], get))
        yield* TestClock.adjust("5 seconds")
        const { error, cause } = yield* Fiber.join(fiber)
        assert.strictEqual(tagOf(error), "Timeout")
        assertRedacted(error, cause)
      }),
      { timeout: "1 second" }
    )
  )

  it.effect("SDKError Transport from a real failing request (connection refused, FetchHttpClient)", () =>
    Effect.gen(function* () {
      const lines: Array<string> = []
      const { error, cause } = yield* typedFailure([], () =>
        get().pipe(
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
          Layer.provide(
            ClerkConfig.layer({ secretKey: Redacted.make(SECRET), apiUrl: "http://127.0.0.1:1", retry: false })
          ),
          Layer.provide(FetchHttpClient.layer)
        )
      ),
      // typedFailure scripts replies on a recorder; this test's transport is real, so it gets an unused one.
      Effect.provideService(RecordingHttp, { requests: [], replies: [], fallback: () => text(500, "") })
    )
  )

  it("the check itself catches a leak (any 8 characters of the key)", () => {
    assert.throws(() => assertNoSecret("probe", `Authorization: Bearer ${SECRET}`))
    assert.throws(() => assertNoSecret("probe", `...${SECRET.slice(10, 18)}...`))
    assert.doesNotThrow(() => assertNoSecret("probe", "Authorization: <redacted>"))
  })

  it("the config and the Redacted key do not render the secret", () => {
    const config = Effect.runSync(ClerkConfig.make({ secretKey: Redacted.make(SECRET) }))
    assertNoSecret("String(config.secretKey)", String(config.secretKey))
    assertNoSecret("JSON.stringify(config)", JSON.stringify(config))
    assertNoSecret("inspect(config)", inspect(config, { depth: 10 }))
  })
})
