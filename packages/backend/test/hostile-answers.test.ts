/**
 * Answers built to hurt: nested without end, huge, or Clerk error bodies that
 * are loose or enormous. Every one ends as a typed failure (never a defect),
 * and what the error carries stays within the documented bounds
 * (docs/errors.md): a message of at most MAX_MESSAGE_CHARS, a body of at most
 * 1,024 characters plus a note, a Clerk error body of about MAX_ERROR_BODY_CHARS.
 */
import { inspect } from "node:util"
import { MAX_MESSAGE_CHARS } from "@clerk-effect/core/answers"
import { MAX_ERROR_BODY_CHARS } from "@clerk-effect/core/clerkErrorBody"
import { assert, describe, expect, it } from "@effect/vitest"
import { Cause, Effect, Layer, Redacted } from "effect"
import fc from "fast-check"
import { ClerkConfig } from "../src/ClerkConfig.js"
import { ClerkErrors, SDKError } from "../src/Errors.js"
import * as FetchTransport from "../src/FetchTransport.js"
import * as NodeTransport from "../src/NodeTransport.js"
import { Sessions } from "../src/Sessions.js"
import { sessionWire } from "./utils/fixtures.js"
import { loopbackServer } from "./utils/loopbackServer.js"
import { operations } from "./utils/operations.js"
import { typedFailure } from "./utils/outcomes.js"
import { json, RecordingHttp, text, withRecorder } from "./utils/RecordingHttpClient.js"

const deep = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`

/** Everything an error shows when printed or logged: none of it may throw, all of it is bounded. */
const printed = (error: unknown, cause: Cause.Cause<unknown>) => [
  String(error),
  inspect(error, { depth: 10 }),
  JSON.stringify(error),
  Cause.pretty(cause)
]

const expectBounded = (error: unknown, cause: Cause.Cause<unknown>) => {
  assert(error instanceof SDKError || error instanceof ClerkErrors)
  expect(error.message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS + 100)
  if (error instanceof SDKError && error.body !== undefined) expect(error.body.length).toBeLessThanOrEqual(1100)
  for (const text of printed(error, cause)) expect(text.length).toBeLessThan(4 * MAX_ERROR_BODY_CHARS)
}

describe("a 2xx nested without end is InvalidResponse, on every operation", () => {
  for (const operation of operations) {
    it.effect(`${operation.name}: arrays 3,000 and 100,000 deep, objects 10,000 deep`, () =>
      withRecorder(
        Effect.gen(function* () {
          for (const body of [deep(3000), deep(100_000), deepObject(10_000)]) {
            const { cause, error } = yield* typedFailure([text(200, body)], operation.run)
            expect(error).toMatchObject({ _tag: "SDKError", reason: "InvalidResponse", status: 200 })
            expectBounded(error, cause)
          }
        })
      )
    )
  }
})

describe("on both own transports, over loopback", () => {
  for (const { layer, name } of [
    { name: "NodeTransport", layer: NodeTransport.layer },
    { name: "FetchTransport", layer: FetchTransport.layer }
  ]) {
    it.scoped(`${name}: a 100,000-deep body and a 1 MB string body are small InvalidResponse errors`, () =>
      Effect.gen(function* () {
        const server = yield* loopbackServer
        const sessions = Sessions.layer.pipe(
          Layer.provide(layer),
          Layer.provide(ClerkConfig.layer({ secretKey: Redacted.make("sk_test_x"), apiUrl: server.url }))
        )
        for (const id of ["deep", "huge"]) {
          const error = yield* Effect.flip(Sessions.get(id).pipe(Effect.provide(sessions)))
          expect(error).toMatchObject({ _tag: "SDKError", reason: "InvalidResponse", status: 200 })
          expectBounded(error, Cause.fail(error))
        }
      })
    )
  }
})

describe("InvalidResponse messages are bounded and say where", () => {
  const get = operations.find((operation) => operation.name === "get")!.run
  const list = operations.find((operation) => operation.name === "list")!.run

  it.effect("a 1 MB JSON string: about a line, not a megabyte", () =>
    withRecorder(
      Effect.gen(function* () {
        const { cause, error } = yield* typedFailure([json(200, "x".repeat(1_000_000))], get)
        const message = (error as SDKError).message
        expect(message).toBe(
          "Clerk answered 200 with a body of an unexpected shape (at the top: expected Struct (Encoded side), got a string)"
        )
        expectBounded(error, cause)
      })
    )
  )

  it.effect("a 200 KB page with one bad session names its index and field", () =>
    withRecorder(
      Effect.gen(function* () {
        const data = Array.from({ length: 500 }, (_, i) => sessionWire(`sess_${i}`))
        data[417] = { ...data[417]!, user_id: 42 as never }
        const { cause, error } = yield* typedFailure([json(200, { data, total_count: 500 })], list)
        expect((error as SDKError).message).toContain("at .data[417].user_id: expected string, got a number")
        expectBounded(error, cause)
      })
    )
  )
})

describe("Clerk error bodies: liberal where Clerk is loose", () => {
  const get = operations.find((operation) => operation.name === "get")!.run

  it.effect("only a code (Clerk's own 429 fixture): ClerkErrors, message and longMessage empty", () =>
    withRecorder(
      Effect.gen(function* () {
        const { error } = yield* typedFailure(
          [json(429, { errors: [{ code: "too_many_requests" }] }, { "retry-after": "1" })],
          () => get().pipe(ClerkConfig.withRequestOptions({ retry: false }))
        )
        assert(error instanceof ClerkErrors)
        expect(error.errors).toEqual([{ code: "too_many_requests", message: "", longMessage: "" }])
        expect(error.codes).toEqual(["too_many_requests"])
        expect(error.message).toBe("Clerk answered 429: too_many_requests:  (retry after 1s)")
      })
    )
  )

  it.effect("meta null, long_message missing, message of another type: read as absent or empty", () =>
    withRecorder(
      Effect.gen(function* () {
        const body = {
          errors: [
            { code: "resource_not_found", message: "not found", meta: null },
            { code: "other", message: 42, long_message: ["x"] }
          ],
          meta: null,
          clerk_trace_id: 7
        }
        const { error } = yield* typedFailure([json(404, body)], get)
        assert(error instanceof ClerkErrors)
        expect(error.errors).toEqual([
          { code: "resource_not_found", message: "not found", longMessage: "" },
          { code: "other", message: "", longMessage: "" }
        ])
        expect(error.meta).toBeUndefined()
        expect(error.clerkTraceId).toBeUndefined()
      })
    )
  )

  it.effect("an entry without a code is not a Clerk error body", () =>
    withRecorder(
      Effect.gen(function* () {
        const { error } = yield* typedFailure([json(404, { errors: [{ code: "a" }, { message: "b" }] })], get)
        expect(error).toMatchObject({ _tag: "SDKError", reason: "UnexpectedStatus" })
      })
    )
  )
})

describe("Clerk error bodies: bounded where they are hostile", () => {
  const get = operations.find((operation) => operation.name === "get")!.run

  it.effect("100,000 entries, a 1 MB message, a 3,000-deep meta: a ClerkErrors of a few kilobytes", () =>
    withRecorder(
      Effect.gen(function* () {
        const bodies = [
          {
            errors: Array.from({ length: 100_000 }, (_, i) => ({ code: `code_${i}`, message: "m", long_message: "l" }))
          },
          { errors: [{ code: "big", message: "m".repeat(1_000_000), long_message: "l".repeat(1_000_000) }] },
          { errors: [{ code: "deep", message: "m", long_message: "l", meta: JSON.parse(deepObject(3000)) }] }
        ]
        for (const body of bodies) {
          const { cause, error } = yield* typedFailure([json(400, body)], get)
          assert(error instanceof ClerkErrors)
          expect(error.errors[0]!.code).toBe(body.errors[0]!.code)
          expect(JSON.stringify(error.errors).length).toBeLessThanOrEqual(MAX_ERROR_BODY_CHARS)
          expectBounded(error, cause)
        }
      })
    )
  )

  it.effect("a small body is kept whole", () =>
    withRecorder(
      Effect.gen(function* () {
        const body = {
          errors: [{ code: "form_param_missing", message: "m", long_message: "l", meta: { param_name: "user_id" } }],
          meta: { request: "r" },
          clerk_trace_id: "trace_1"
        }
        const { error } = yield* typedFailure([json(422, body)], get)
        expect(error).toMatchObject({
          errors: [{ code: "form_param_missing", message: "m", longMessage: "l", meta: { param_name: "user_id" } }],
          meta: { request: "r" },
          clerkTraceId: "trace_1"
        })
      })
    )
  )
})

describe("property: any JSON, any status, never a defect, always bounded", () => {
  it("random bodies (deep and wide JSON, long strings) through get and list", async () => {
    const deepJson = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: "large", withCrossShrink: true },
        fc.string({ maxLength: 3000 }),
        fc.integer(),
        fc.constant(null),
        fc.array(tie("value"), { maxLength: 4 }),
        fc.dictionary(fc.constantFrom("errors", "code", "message", "long_message", "meta", "data", "id"), tie("value"))
      )
    })).value
    const body = fc.oneof(
      deepJson.map((value) => JSON.stringify(value)),
      fc.nat({ max: 20_000 }).map(deep),
      fc.nat({ max: 5_000 }).map(deepObject)
    )
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 200, max: 599 }), body, fc.boolean(), async (status, text, useList) => {
        const statusAllowsBody = ![204, 205, 304].includes(status)
        await Effect.runPromise(
          withRecorder(
            Effect.gen(function* () {
              const recorder = yield* RecordingHttp
              recorder.replies.push(
                new Response(statusAllowsBody ? text : null, {
                  status,
                  headers: { "content-type": "application/json" }
                })
              )
              const run: Effect.Effect<unknown, ClerkErrors | SDKError, Sessions> = useList
                ? Sessions.list({ userId: "user_1" })
                : Sessions.get("sess_1")
              const exit = yield* Effect.exit(run.pipe(ClerkConfig.withRequestOptions({ retry: false })))
              if (exit._tag === "Success") return
              assert.isFalse(Cause.isDie(exit.cause), Cause.pretty(exit.cause))
              const failure = Cause.failureOption(exit.cause)
              assert(failure._tag === "Some")
              expectBounded(failure.value, exit.cause)
            })
          )
        )
      }),
      { numRuns: 300 }
    )
  })
})
