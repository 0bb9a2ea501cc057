/**
 * `stream` and `streamPages` walk every page: the shared cases
 * (`@clerk-effect/behaviour-cases/stream`), each through the service's
 * methods and through the effect-3 static accessors.
 */
import * as shared from "@clerk-effect/behaviour-cases/stream"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { DEFAULT_STREAM_PAGE_SIZE } from "../src/Sessions.js"
import { streamIn } from "./utils/behaviour.js"
import { withRecorder } from "./utils/RecordingHttpClient.js"

describe("stream and streamPages walk every page", () => {
  for (const c of shared.cases) {
    it.effect(c.name, () =>
      Effect.forEach(["service", "accessor"] as const, (form) =>
        withRecorder(
          Effect.gen(function* () {
            const { actual, expected } = shared.streamView(yield* streamIn(c, form), c)
            assert.deepStrictEqual(actual, expected, form)
          })
        )
      )
    )
  }

  it("the default page size is the maximum, 500", () => {
    assert.strictEqual(DEFAULT_STREAM_PAGE_SIZE, shared.DEFAULT_STREAM_PAGE_SIZE)
  })
})
