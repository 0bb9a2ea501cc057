import { assert, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import { ClerkErrors, SDKError } from "../src/Errors.js"
import { clerkErrorBody } from "./utils/fixtures.js"
import { operations } from "./utils/operations.js"
import { typedFailure } from "./utils/outcomes.js"
import { json, RecordingHttp, withRecorder } from "./utils/RecordingHttpClient.js"

/** One scripted reply, exactly one request, and the operation's typed failure. */
const failureOf = <E, R>(reply: Response, operation: () => Effect.Effect<unknown, E, R>) =>
  Effect.gen(function* () {
    const { error } = yield* typedFailure([reply], operation)
    assert.strictEqual((yield* RecordingHttp).requests.length, 1)
    return error
  })

describe("documented error statuses become ClerkErrors (SESSIONS.md §2)", () => {
  for (const operation of operations) {
    for (const status of operation.documentedStatuses) {
      it.effect(`${operation.name} ${status}`, () =>
        withRecorder(
          Effect.gen(function* () {
            const error = yield* failureOf(
              json(status, clerkErrorBody(status, { clerk_trace_id: `trace_${status}`, meta: { hint: "x" } })),
              operation.run
            )
            assert.instanceOf(error, ClerkErrors)
            if (!(error instanceof ClerkErrors)) return
            assert.strictEqual(error._tag, "ClerkErrors")
            assert.strictEqual(error.status, status)
            assert.deepStrictEqual(error.codes, [`code_${status}`])
            assert.deepStrictEqual(error.errors, [
              {
                code: `code_${status}`,
                message: `short ${status}`,
                longMessage: `long message for ${status}`,
                meta: { param_name: "session_id" }
              }
            ])
            assert.deepStrictEqual(error.meta, { hint: "x" })
            assert.strictEqual(error.clerkTraceId, `trace_${status}`)
            assert.isUndefined(error.retryAfter)
            assert.include(error.message, `${status}`)
            assert.include(error.message, `long message for ${status}`)
            assert.include(error.message, `trace_${status}`)
          })
        )
      )
    }
  }

  it.effect("410 from verify carries Clerk's observed operation_deprecated body", () =>
    withRecorder(
      Effect.gen(function* () {
        const error = yield* failureOf(
          json(410, {
            errors: [
              {
                code: "operation_deprecated",
                message: "endpoint is deprecated and pending removal",
                long_message: "endpoint is deprecated and pending removal"
              }
            ],
            clerk_trace_id: "abc123"
          }),
          operations.find((op) => op.name === "verify")!.run
        )
        assert.instanceOf(error, ClerkErrors)
        assert.deepStrictEqual((error as ClerkErrors).codes, ["operation_deprecated"])
        assert.isUndefined((error as ClerkErrors).errors[0]!.meta)
        assert.isUndefined((error as ClerkErrors).meta)
      })
    )
  )

  it.effect("several errors in one body are all kept, in order", () =>
    withRecorder(
      Effect.gen(function* () {
        const body = {
          errors: [
            { code: "form_param_missing", message: "a", long_message: "A" },
            { code: "form_param_format_invalid", message: "b", long_message: "B" }
          ]
        }
        const error = (yield* failureOf(json(422, body), operations[0]!.run)) as ClerkErrors
        assert.deepStrictEqual(error.codes, ["form_param_missing", "form_param_format_invalid"])
        assert.include(error.message, "(+1 more)")
      })
    )
  )
})

describe("clerkTraceId: body, else Clerk-Trace-Id, else CF-Ray", () => {
  const get = operations.find((op) => op.name === "get")!.run
  const cases = [
    {
      name: "body wins over both headers",
      body: "from_body",
      headers: { "Clerk-Trace-Id": "h1", "CF-Ray": "h2" },
      expected: "from_body"
    },
    {
      name: "Clerk-Trace-Id header",
      body: undefined,
      headers: { "Clerk-Trace-Id": "h1", "CF-Ray": "h2" },
      expected: "h1"
    },
    { name: "CF-Ray header", body: undefined, headers: { "CF-Ray": "8f2c-FRA" }, expected: "8f2c-FRA" },
    { name: "none at all", body: undefined, headers: {}, expected: undefined }
  ] as const
  for (const c of cases) {
    it.effect(c.name, () =>
      withRecorder(
        Effect.gen(function* () {
          const body = clerkErrorBody(404, c.body === undefined ? {} : { clerk_trace_id: c.body })
          const error = (yield* failureOf(json(404, body, c.headers), get)) as ClerkErrors
          assert.strictEqual(error.clerkTraceId, c.expected)
          if (c.expected === undefined) assert.notInclude(error.message, "trace id")
        })
      )
    )
  }
})

describe("retryAfter from Retry-After", () => {
  const get = operations.find((op) => op.name === "get")!.run
  const create = operations.find((op) => op.name === "create")!.run

  it.effect("delay-seconds on a 429", () =>
    withRecorder(
      Effect.gen(function* () {
        const error = (yield* failureOf(json(429, clerkErrorBody(429), { "Retry-After": "17" }), get)) as ClerkErrors
        assert.strictEqual(error.status, 429)
        assert.deepStrictEqual(error.retryAfter, Duration.seconds(17))
        assert.include(error.message, "retry after 17s")
      })
    )
  )

  it.effect("HTTP-date, measured against the Effect Clock (TestClock)", () =>
    withRecorder(
      Effect.gen(function* () {
        yield* TestClock.setTime(Date.parse("2026-10-21T07:28:00Z"))
        const error = (yield* failureOf(
          json(429, clerkErrorBody(429), { "Retry-After": "Wed, 21 Oct 2026 07:28:45 GMT" }),
          create
        )) as ClerkErrors
        assert.deepStrictEqual(error.retryAfter, Duration.millis(45_000))
      })
    )
  )

  it.effect("an HTTP-date in the past means zero", () =>
    withRecorder(
      Effect.gen(function* () {
        yield* TestClock.setTime(Date.parse("2026-10-21T07:30:00Z"))
        const error = (yield* failureOf(
          json(429, clerkErrorBody(429), { "Retry-After": "Wed, 21 Oct 2026 07:28:45 GMT" }),
          get
        )) as ClerkErrors
        assert.deepStrictEqual(error.retryAfter, Duration.zero)
      })
    )
  )

  for (const garbage of ["abc", "-5", "1.5", "", "   "]) {
    it.effect(`an unparseable Retry-After (${JSON.stringify(garbage)}) is left out`, () =>
      withRecorder(
        Effect.gen(function* () {
          const error = (yield* failureOf(
            json(429, clerkErrorBody(429), { "Retry-After": garbage }),
            get
          )) as ClerkErrors
          assert.isUndefined(error.retryAfter)
        })
      )
    )
  }
})

describe("SDKError as JSON", () => {
  it("shows its cause as { name, message, code? }, not {}", () => {
    const cause = Object.assign(new TypeError(`connect ECONNREFUSED ${"x".repeat(2000)}`), { code: "ECONNREFUSED" })
    const json = JSON.parse(JSON.stringify(new SDKError({ reason: "Transport", message: "GET /v1/x failed", cause })))
    assert.strictEqual(json.cause.name, "TypeError")
    assert.strictEqual(json.cause.code, "ECONNREFUSED")
    assert.isAtMost(json.cause.message.length, 513)
    assert.strictEqual(json.reason, "Transport")
    const plain = JSON.parse(JSON.stringify(new SDKError({ reason: "Transport", message: "m", cause: { kind: "x" } })))
    assert.strictEqual(plain.cause, '{"kind":"x"}')
    const none = JSON.parse(JSON.stringify(new SDKError({ reason: "InvalidInput", message: "m" })))
    assert.notProperty(none, "cause")
  })
})
