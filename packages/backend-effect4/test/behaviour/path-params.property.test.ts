/**
 * Path parameters, property-based: the shared rule and arbitraries
 * (`@clerk-effect/behaviour-cases/path-params`) on both exchanges.
 */
import { forbiddenId, getCase, pathView, runs, safeId, templateCase } from "@clerk-effect/behaviour-cases/path-params"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import fc from "fast-check"
import { EXCHANGES, type ExchangeKind, exchange } from "./adapter.js"

const observe = async (kind: ExchangeKind, c: ReturnType<typeof getCase>) => {
  const { outcome, recorder } = await Effect.runPromise(exchange(kind, c))
  return { outcome, urls: recorder.requests.map((request) => request.url) }
}

describe.each(EXCHANGES)("path parameters, property-based (%s exchange)", (kind) => {
  it("a string with a forbidden character is InvalidInput, and nothing is sent", async () => {
    await fc.assert(
      fc.asyncProperty(forbiddenId(fc), async (id) => {
        const { actual, expected } = pathView("sessionId", id, await observe(kind, getCase(id)))
        assert.deepStrictEqual(actual, expected, JSON.stringify(id))
      }),
      { numRuns: runs.forbidden }
    )
  })

  it("a string of safe characters reaches the wire percent-encoded and round-trips", async () => {
    await fc.assert(
      fc.asyncProperty(safeId(fc), async (id) => {
        const { actual, expected } = pathView("sessionId", id, await observe(kind, getCase(id)))
        assert.deepStrictEqual(actual, expected, JSON.stringify(id))
      }),
      { numRuns: runs.safe }
    )
  })

  it("the same holds for template names", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(forbiddenId(fc), safeId(fc)), async (name) => {
        const { actual, expected } = pathView("templateName", name, await observe(kind, templateCase(name)))
        assert.deepStrictEqual(actual, expected, JSON.stringify(name))
      }),
      { numRuns: runs.templates }
    )
  })
})
