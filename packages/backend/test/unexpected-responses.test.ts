import { assert, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { ClerkErrors, SDKError, type SDKErrorReason } from "../src/Errors.js"
import type { Sessions } from "../src/Sessions.js"
import { clerkErrorBody } from "./utils/fixtures.js"
import { operations } from "./utils/operations.js"
import { typedFailure } from "./utils/outcomes.js"
import { brokenBody, json, RecordingHttp, type Reply, text, withRecorder } from "./utils/RecordingHttpClient.js"

const longHtml = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>${"<p>upstream</p>".repeat(200)}</body></html>`

interface Case {
  readonly name: string
  readonly reply: () => Reply
  readonly reason: SDKErrorReason
  readonly status: number | undefined
  /** The `body` the error must carry; `undefined` when it carries none. */
  readonly body: string | undefined
}

const cases: ReadonlyArray<Case> = [
  {
    name: "418 with a plain-text body",
    reply: () => text(418, "I'm a teapot"),
    reason: "UnexpectedStatus",
    status: 418,
    body: "I'm a teapot"
  },
  {
    name: "503 with a JSON body that is not a Clerk error",
    reply: () => json(503, { message: "Service Unavailable" }, { "Retry-After": "5" }),
    reason: "UnexpectedStatus",
    status: 503,
    body: '{"message":"Service Unavailable"}'
  },
  {
    name: "502 HTML page from a proxy (body truncated)",
    reply: () => text(502, longHtml, { "content-type": "text/html" }),
    reason: "UnexpectedStatus",
    status: 502,
    body: `${longHtml.slice(0, 1024)}… (${longHtml.length} chars)`
  },
  {
    name: "500 with an empty body",
    reply: () => text(500, ""),
    reason: "UnexpectedStatus",
    status: 500,
    body: ""
  },
  {
    name: "400 with truncated JSON",
    reply: () => text(400, '{"errors":[{"code":"form_param_missing","mess', { "content-type": "application/json" }),
    reason: "UnexpectedStatus",
    status: 400,
    body: '{"errors":[{"code":"form_param_missing","mess'
  },
  {
    name: "404 whose errors are not objects with a code",
    reply: () => json(404, { errors: [{ message: "not found" }] }),
    reason: "UnexpectedStatus",
    status: 404,
    body: '{"errors":[{"message":"not found"}]}'
  },
  {
    name: "302 redirect with no body",
    reply: () => text(302, "", { location: "https://example.com" }),
    reason: "UnexpectedStatus",
    status: 302,
    body: ""
  },
  {
    name: "200 with a body of the wrong shape",
    reply: () => json(200, { hello: "world" }),
    reason: "InvalidResponse",
    status: 200,
    body: '{"hello":"world"}'
  },
  {
    name: "200 with an empty body",
    reply: () => text(200, ""),
    reason: "InvalidResponse",
    status: 200,
    body: ""
  },
  {
    name: "200 with truncated JSON",
    reply: () => text(200, '{"object":"session","id":"se', { "content-type": "application/json" }),
    reason: "InvalidResponse",
    status: 200,
    body: '{"object":"session","id":"se'
  },
  {
    name: "200 with an HTML body",
    reply: () => text(200, "<html>maintenance</html>", { "content-type": "text/html" }),
    reason: "InvalidResponse",
    status: 200,
    body: "<html>maintenance</html>"
  },
  {
    name: "200 with JSON null",
    reply: () => text(200, "null", { "content-type": "application/json" }),
    reason: "InvalidResponse",
    status: 200,
    body: "null"
  },
  {
    name: "a transport failure (fetch rejected)",
    reply: () => ({ transportError: new TypeError("fetch failed") }),
    reason: "Transport",
    status: undefined,
    body: undefined
  },
  {
    name: "a 200 whose body stream errors midway",
    reply: () => brokenBody(200, '{"object":"session",'),
    reason: "Transport",
    status: 200,
    body: undefined
  },
  {
    name: "a 404 whose body stream errors midway",
    reply: () => brokenBody(404, '{"errors":['),
    reason: "Transport",
    status: 404,
    body: undefined
  }
]

describe("answers that are not Clerk errors become SDKError, never a defect", () => {
  for (const operation of operations) {
    describe(operation.name, () => {
      for (const c of cases) {
        it.effect(c.name, () =>
          withRecorder(
            Effect.gen(function* () {
              const { error } = yield* typedFailure([c.reply()], operation.run)
              assert.instanceOf(error, SDKError)
              if (!(error instanceof SDKError)) return
              assert.strictEqual(error.reason, c.reason)
              assert.strictEqual(error.status, c.status)
              assert.strictEqual(error.body, c.body)
              assert.isUndefined(error.field)
              assert.isAbove(error.message.length, 0)
              assert.strictEqual((yield* RecordingHttp).requests.length, 1)
            })
          )
        )
      }
    })
  }
})

describe("details of the SDKError", () => {
  const get = operations.find((op) => op.name === "get")!.run

  it.effect("InvalidResponse says where the shape is wrong, and carries no ParseError (it would print the value)", () =>
    withRecorder(
      Effect.gen(function* () {
        const { error } = yield* typedFailure([json(200, { object: "session", id: 5 })], get)
        assert.instanceOf(error, SDKError)
        const sdk = error as SDKError
        assert.strictEqual(
          sdk.message,
          "Clerk answered 200 with a body of an unexpected shape (at .id: expected string, got a number)"
        )
        assert.isUndefined(sdk.cause)
      })
    )
  )

  it.effect("Transport keeps the transport's error as cause", () =>
    withRecorder(
      Effect.gen(function* () {
        const cause = new TypeError("fetch failed")
        const { error } = yield* typedFailure([{ transportError: cause }], get)
        assert.strictEqual((error as SDKError).cause, cause)
        assert.include((error as SDKError).message, "GET /v1/sessions/sess_1")
      })
    )
  )

  it.effect("an undocumented status with a Clerk error body is still ClerkErrors", () =>
    withRecorder(
      Effect.gen(function* () {
        const { error } = yield* typedFailure([json(418, clerkErrorBody(418))], get)
        assert.instanceOf(error, ClerkErrors)
        assert.strictEqual((error as ClerkErrors).status, 418)
      })
    )
  )

  it.effect("a non-Clerk error answer with Retry-After keeps it", () =>
    withRecorder(
      Effect.gen(function* () {
        const { error } = yield* typedFailure([text(503, "busy", { "Retry-After": "5" })], get)
        assert.strictEqual((error as SDKError).reason, "UnexpectedStatus")
        assert.deepStrictEqual((error as SDKError).retryAfter, Duration.seconds(5))
      })
    )
  )

  it.effect("a failure is not an unhandled rejection when run as a Promise", () =>
    withRecorder(
      Effect.gen(function* () {
        const context = yield* Effect.context<RecordingHttp | Sessions>()
        const recorder = yield* RecordingHttp
        recorder.replies.push(text(502, "<html>bad gateway</html>"))
        const rejected = yield* Effect.promise(() =>
          Effect.runPromise(Effect.provide(get(), context)).then(
            () => undefined,
            (error: unknown) => error
          )
        )
        assert.isDefined(rejected)
      })
    )
  )
})
