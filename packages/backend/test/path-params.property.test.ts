import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import fc from "fast-check"
import { SDKError } from "../src/Errors.js"
import { Sessions } from "../src/Sessions.js"
import { sessionWire } from "./utils/fixtures.js"
import { json, RecordingHttp, withRecorder } from "./utils/RecordingHttpClient.js"

// The rule of issue 2, written out independently of the implementation's regex.
const isForbidden = (value: string): boolean =>
  value.length === 0 ||
  value === "." ||
  value.includes("..") ||
  /[/?#%]/.test(value) ||
  /\s/u.test(value) ||
  /\p{Cc}/u.test(value) ||
  /\p{Cs}/u.test(value)

const forbiddenPiece = fc.oneof(
  fc.constantFrom("/", "..", "?", "#", "%", " ", "\t", "\n", "\r", "\u000b", "\f", "\u00a0", "\u2028", "\u3000"),
  fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)),
  fc.integer({ min: 0x7f, max: 0x9f }).map((code) => String.fromCharCode(code)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code))
)

const anyText = fc.string({ unit: "binary", maxLength: 20 })

/** Ids built around at least one forbidden piece. */
const forbiddenId = fc.oneof(
  fc.constantFrom("", "."),
  fc.tuple(anyText, forbiddenPiece, anyText).map(([before, piece, after]) => before + piece + after)
)

/** Non-empty ids of any code points (astral ones included) that the rule allows. */
const safeId = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom(".", "-", "_", "~", "+", "&", "=", "'", "é", "😀"),
      fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code))
    ),
    minLength: 1,
    maxLength: 30
  })
  .filter((value) => !isForbidden(value))

const runGet = (id: string) =>
  Effect.runPromise(
    withRecorder(
      Effect.gen(function* () {
        const recorder = yield* RecordingHttp
        recorder.replies.push(json(200, sessionWire(id)))
        const exit = yield* Effect.exit(Sessions.get(id))
        return { exit, requests: recorder.requests }
      })
    )
  )

describe("path parameters (property-based)", () => {
  it("a string with a forbidden character is InvalidInput, and nothing is sent", async () => {
    await fc.assert(
      fc.asyncProperty(forbiddenId, async (id) => {
        const { exit, requests } = await runGet(id)
        assert.isTrue(Exit.isFailure(exit))
        if (Exit.isFailure(exit)) {
          const failure = exit.cause._tag === "Fail" ? exit.cause.error : undefined
          assert.instanceOf(failure, SDKError, `a typed failure for ${JSON.stringify(id)}`)
          assert.strictEqual((failure as SDKError).reason, "InvalidInput")
          assert.strictEqual((failure as SDKError).field, "sessionId")
        }
        assert.strictEqual(requests.length, 0)
      }),
      { numRuns: 150 }
    )
  })

  it("a string of safe characters reaches the wire percent-encoded and round-trips", async () => {
    await fc.assert(
      fc.asyncProperty(safeId, async (id) => {
        const { exit, requests } = await runGet(id)
        assert.isTrue(Exit.isSuccess(exit), `${JSON.stringify(id)} should be accepted`)
        assert.strictEqual(requests.length, 1)
        const url = requests[0]!.url
        assert.strictEqual(url.pathname, `/v1/sessions/${encodeURIComponent(id)}`)
        assert.strictEqual(url.search, "")
        assert.strictEqual(url.hash, "")
        const segments = url.pathname.split("/")
        assert.strictEqual(segments.length, 4)
        assert.strictEqual(decodeURIComponent(segments[3]!), id)
        if (Exit.isSuccess(exit)) assert.strictEqual(exit.value.id, id)
      }),
      { numRuns: 150 }
    )
  })

  it("the same holds for template names", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(forbiddenId, safeId), async (name) => {
        const { exit, requests } = await Effect.runPromise(
          withRecorder(
            Effect.gen(function* () {
              const recorder = yield* RecordingHttp
              recorder.replies.push(json(200, { object: "token", jwt: "j" }))
              const exit = yield* Effect.exit(Sessions.createTokenFromTemplate("sess_1", name))
              return { exit, requests: recorder.requests }
            })
          )
        )
        if (isForbidden(name)) {
          assert.isTrue(Exit.isFailure(exit))
          assert.strictEqual(requests.length, 0)
        } else {
          assert.isTrue(Exit.isSuccess(exit))
          const segments = requests[0]!.url.pathname.split("/")
          assert.strictEqual(segments.length, 6)
          assert.strictEqual(decodeURIComponent(segments[5]!), name)
        }
      }),
      { numRuns: 100 }
    )
  })
})
