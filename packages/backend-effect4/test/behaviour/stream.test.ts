/**
 * `stream` and `streamPages` walk every page: the shared cases
 * (`@clerk-effect/behaviour-cases/stream`), on both exchanges.
 */
import * as shared from "@clerk-effect/behaviour-cases/stream"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { DEFAULT_STREAM_PAGE_SIZE } from "../../src/Sessions.js"
import { EXCHANGES, streamCase } from "./adapter.js"

describe.each(EXCHANGES)("stream and streamPages walk every page (%s exchange)", (kind) => {
  for (const c of shared.cases) {
    it.effect(c.name, () =>
      Effect.gen(function* () {
        const { actual, expected } = shared.streamView(yield* streamCase(kind, c), c)
        assert.deepStrictEqual(actual, expected)
      })
    )
  }
})

describe("stream's page size", () => {
  it("the default page size is the maximum, 500", () => {
    assert.strictEqual(DEFAULT_STREAM_PAGE_SIZE, shared.DEFAULT_STREAM_PAGE_SIZE)
  })
})
