/**
 * Exact requests on the wire and the decoded answers: the shared cases
 * (`@clerk-effect/behaviour-cases/requests`), on both exchanges.
 */
import { cases, requestView } from "@clerk-effect/behaviour-cases/requests"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { DEFAULT_USER_AGENT } from "../../src/ClerkConfig.js"
import { EXCHANGES, exchange, SECRET } from "./adapter.js"

const headers = { secretKey: SECRET, userAgent: DEFAULT_USER_AGENT }

describe.each(EXCHANGES)("requests on the wire and decoded answers (%s exchange)", (kind) => {
  for (const c of cases) {
    it.effect(c.name, () =>
      Effect.gen(function* () {
        const { outcome, recorder, requests } = yield* exchange(kind, { call: c.call, replies: () => [c.reply()] })
        assert.strictEqual(requests, 1)
        const view = requestView(recorder.requests[0]!, c.request, headers)
        assert.deepStrictEqual(view.actual, view.expected)
        assert.deepStrictEqual(outcome, { _tag: "Success", value: c.result })
      })
    )
  }
})
