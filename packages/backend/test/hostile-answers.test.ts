/**
 * Answers built to hurt, from the shared cases
 * (`@clerk-effect/behaviour-cases/hostile-answers`): nested without end,
 * huge, or Clerk error bodies that are loose or enormous. Every one ends as
 * a typed failure (never a defect), and what the error carries stays within
 * the documented bounds (docs/errors.md).
 */
import { inspect } from "node:util"
import { operation, operations } from "@clerk-effect/behaviour-cases/calls"
import {
  boundedMessages,
  boundsViolations,
  hostileBody,
  hugeErrorBodies,
  loopbackIds,
  looseBodies,
  NULL_BODY_STATUSES,
  nestedBodies
} from "@clerk-effect/behaviour-cases/hostile-answers"
import { viewOf } from "@clerk-effect/behaviour-cases/outcomes"
import { json, text } from "@clerk-effect/behaviour-cases/replies"
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
import { exchangeIn, run } from "./utils/behaviour.js"
import { loopbackServer } from "./utils/loopbackServer.js"
import { typedFailure } from "./utils/outcomes.js"
import { RecordingHttp, withRecorder } from "./utils/RecordingHttpClient.js"

const limits = { maxMessageChars: MAX_MESSAGE_CHARS, maxErrorBodyChars: MAX_ERROR_BODY_CHARS }

/** Everything an error shows when printed or logged: none of it may throw, all of it is bounded. */
const printed = (error: unknown, cause: Cause.Cause<unknown>) => [
  String(error),
  inspect(error, { depth: 10 }),
  JSON.stringify(error),
  Cause.pretty(cause)
]

const expectBounded = (error: unknown, cause: Cause.Cause<unknown>) => {
  assert(error instanceof SDKError || error instanceof ClerkErrors)
  assert.deepStrictEqual(boundsViolations(error, printed(error, cause), limits), [])
}

describe("a 2xx nested without end is InvalidResponse, on every operation", () => {
  for (const op of operations) {
    it.effect(`${op.name}: arrays 3,000 and 100,000 deep, objects 10,000 deep`, () =>
      withRecorder(
        Effect.gen(function* () {
          for (const body of nestedBodies) {
            const { cause, error } = yield* typedFailure([text(200, body)], () => run(op.call))
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
        for (const id of loopbackIds) {
          const error = yield* Effect.flip(Sessions.get(id).pipe(Effect.provide(sessions)))
          expect(error).toMatchObject({ _tag: "SDKError", reason: "InvalidResponse", status: 200 })
          expectBounded(error, Cause.fail(error))
        }
      })
    )
  }
})

describe("InvalidResponse messages are bounded and say where", () => {
  for (const c of boundedMessages) {
    it.effect(c.name, () =>
      withRecorder(
        Effect.gen(function* () {
          const observed = yield* exchangeIn(c)
          const { actual, expected } = viewOf(observed, c.expect)
          assert.deepStrictEqual(actual, expected)
          if (c.editionMessages !== undefined) {
            assert.strictEqual(
              (observed.outcome as { readonly message?: string }).message,
              c.editionMessages["effect-3"]
            )
          }
          assert(observed.exit._tag === "Failure")
          const failure = Cause.failureOption(observed.exit.cause)
          assert(failure._tag === "Some")
          expectBounded(failure.value, observed.exit.cause)
        })
      )
    )
  }
})

describe("Clerk error bodies: liberal where Clerk is loose", () => {
  for (const c of looseBodies) {
    it.effect(c.name, () =>
      withRecorder(
        Effect.gen(function* () {
          const { actual, expected } = viewOf(yield* exchangeIn(c), c.expect)
          assert.deepStrictEqual(actual, expected)
        })
      )
    )
  }
})

describe("Clerk error bodies: bounded where they are hostile", () => {
  it.effect("100,000 entries, a 1 MB message, a 3,000-deep meta: a ClerkErrors of a few kilobytes", () =>
    withRecorder(
      Effect.gen(function* () {
        for (const body of hugeErrorBodies()) {
          const { cause, error } = yield* typedFailure([json(400, body)], () => run(operation("get")))
          assert(error instanceof ClerkErrors)
          expect(error.errors[0]!.code).toBe(body.errors[0]!.code)
          expect(JSON.stringify(error.errors).length).toBeLessThanOrEqual(MAX_ERROR_BODY_CHARS)
          expectBounded(error, cause)
        }
      })
    )
  )
})

describe("property: any JSON, any status, never a defect, always bounded", () => {
  it("random bodies (deep and wide JSON, long strings) through get and list", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 200, max: 599 }),
        hostileBody(fc),
        fc.boolean(),
        async (status, body, useList) => {
          await Effect.runPromise(
            withRecorder(
              Effect.gen(function* () {
                const recorder = yield* RecordingHttp
                recorder.replies.push(
                  text(status, NULL_BODY_STATUSES.has(status) ? null : body, { "content-type": "application/json" })
                )
                const exit = yield* Effect.exit(run(operation(useList ? "list" : "get")))
                if (exit._tag === "Success") return
                assert.isFalse(Cause.isDie(exit.cause), Cause.pretty(exit.cause))
                const failure = Cause.failureOption(exit.cause)
                assert(failure._tag === "Some")
                expectBounded(failure.value, exit.cause)
              })
            )
          )
        }
      ),
      { numRuns: 300 }
    )
  })
})
