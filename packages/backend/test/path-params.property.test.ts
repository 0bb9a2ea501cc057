/**
 * Path parameters, property-based: the shared rule and arbitraries
 * (`@clerk-effect/behaviour-cases/path-params`) on this edition.
 */
import { forbiddenId, getCase, pathView, runs, safeId, templateCase } from "@clerk-effect/behaviour-cases/path-params"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import fc from "fast-check"
import { exchangeIn } from "./utils/behaviour.js"
import { RecordingHttp, withRecorder } from "./utils/RecordingHttpClient.js"

const observe = (c: ReturnType<typeof getCase>) =>
  Effect.runPromise(
    withRecorder(
      Effect.gen(function* () {
        const { outcome } = yield* exchangeIn(c)
        return { outcome, urls: (yield* RecordingHttp).requests.map((request) => request.url.href) }
      })
    )
  )

describe("path parameters (property-based)", () => {
  it("a string with a forbidden character is InvalidInput, and nothing is sent", async () => {
    await fc.assert(
      fc.asyncProperty(forbiddenId(fc), async (id) => {
        const { actual, expected } = pathView("sessionId", id, await observe(getCase(id)))
        assert.deepStrictEqual(actual, expected, JSON.stringify(id))
      }),
      { numRuns: runs.forbidden }
    )
  })

  it("a string of safe characters reaches the wire percent-encoded and round-trips", async () => {
    await fc.assert(
      fc.asyncProperty(safeId(fc), async (id) => {
        const { actual, expected } = pathView("sessionId", id, await observe(getCase(id)))
        assert.deepStrictEqual(actual, expected, JSON.stringify(id))
      }),
      { numRuns: runs.safe }
    )
  })

  it("the same holds for template names", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(forbiddenId(fc), safeId(fc)), async (name) => {
        const { actual, expected } = pathView("templateName", name, await observe(templateCase(name)))
        assert.deepStrictEqual(actual, expected, JSON.stringify(name))
      }),
      { numRuns: runs.templates }
    )
  })
})
