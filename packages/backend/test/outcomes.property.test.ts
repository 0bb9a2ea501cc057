import { assert, describe, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import fc from "fast-check"
import { ClerkErrors, SDKError } from "../src/Errors.js"
import { Session } from "../src/Session.js"
import { Sessions } from "../src/Sessions.js"
import { clerkErrorBody, sessionWire } from "./utils/fixtures.js"
import { RecordingHttp, withRecorder } from "./utils/RecordingHttpClient.js"

// A "__proto__" key in the free-form `actor` record: effect's Schema.Record
// decoder assigns it, which sets the fresh object's prototype instead of an own
// key (local to that object, no global pollution), so such values do not
// round-trip through Schema itself. Clerk's actor claims have no such key.
const withoutProtoKey = (value: Session): Session =>
  value.actor == null
    ? value
    : { ...value, actor: Object.fromEntries(Object.entries(value.actor).filter(([key]) => key !== "__proto__")) }

// Statuses whose responses cannot carry a body (the Response constructor refuses one).
const NULL_BODY_STATUSES = new Set([204, 205, 304])

const body = fc.oneof(
  fc.json(),
  fc.string(),
  fc.constant(""),
  fc.constant(JSON.stringify(sessionWire("sess_1"))),
  fc.nat({ max: 599 }).map((status) => JSON.stringify(clerkErrorBody(status))),
  fc.json().map((text) => text.slice(0, Math.floor(text.length / 2)))
)

describe("whatever Clerk answers, the outcome is a success, ClerkErrors or SDKError", () => {
  it("random statuses and random bodies never end in a defect", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 200, max: 599 }), body, async (status, text) => {
        const exit = await Effect.runPromise(
          withRecorder(
            Effect.gen(function* () {
              const recorder = yield* RecordingHttp
              recorder.replies.push(
                new Response(NULL_BODY_STATUSES.has(status) ? null : text, {
                  status,
                  headers: { "content-type": "application/json" }
                })
              )
              return yield* Effect.exit(Sessions.get("sess_1"))
            })
          )
        )
        if (Exit.isSuccess(exit)) {
          assert.isTrue(status >= 200 && status < 300, `success on ${status}`)
          assert.strictEqual(exit.value.id, "sess_1")
          return
        }
        assert.isFalse(Cause.isDie(exit.cause), Cause.pretty(exit.cause))
        const failure = Cause.failureOption(exit.cause)
        assert.isTrue(failure._tag === "Some")
        if (failure._tag === "Some") {
          const error = failure.value
          assert.isTrue(error instanceof ClerkErrors || error instanceof SDKError)
          if (error instanceof ClerkErrors) assert.isTrue(status >= 300, `ClerkErrors on ${status}`)
          if (error instanceof SDKError) {
            assert.include(["UnexpectedStatus", "InvalidResponse"], error.reason)
            assert.strictEqual(error.status, status)
            assert.strictEqual(error.reason === "InvalidResponse", status < 300)
          }
        }
      }),
      { numRuns: 150 }
    )
  })

  it("encode then decode of random Session values gives the same value", () => {
    const encode = Schema.encodeSync(Session)
    const decode = Schema.decodeUnknownSync(Session)
    FastCheck.assert(
      FastCheck.property(Arbitrary.make(Session).map(withoutProtoKey), (value) => {
        assert.deepStrictEqual(decode(encode(value)), value)
      }),
      { numRuns: 300 }
    )
  })

  it("random Session values survive the JSON wire", () => {
    const encode = Schema.encodeSync(Session)
    const decode = Schema.decodeUnknownSync(Session)
    // `actor` is free-form (Record<string, unknown>): keep it to JSON values
    // here, since `undefined` deep inside cannot cross JSON by definition.
    const jsonActor = FastCheck.option(FastCheck.dictionary(FastCheck.string(), FastCheck.string()), { nil: null })
    const finite = FastCheck.tuple(Arbitrary.make(Session), jsonActor)
      .map(([value, actor]): Session => withoutProtoKey({ ...value, actor }))
      .filter((value) =>
        [value.lastActiveAt, value.expireAt, value.abandonAt, value.updatedAt, value.createdAt].every(
          (n) => Number.isFinite(n) && !Object.is(n, -0)
        )
      )
    FastCheck.assert(
      FastCheck.property(finite, (value) => {
        assert.deepStrictEqual(decode(JSON.parse(JSON.stringify(encode(value)))), value)
      }),
      { numRuns: 200 }
    )
  })
})
