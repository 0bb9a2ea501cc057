/**
 * Exact requests on the wire and the decoded answers, from the shared cases
 * (`@clerk-effect/behaviour-cases/requests`); each case runs through the
 * service's methods and through the effect-3 static accessors.
 */
import { cases, requestView } from "@clerk-effect/behaviour-cases/requests"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { exchangeIn } from "./utils/behaviour.js"
import { packageVersion } from "./utils/packageVersion.js"
import { RecordingHttp, SECRET, withRecorder } from "./utils/RecordingHttpClient.js"

const headers = { secretKey: SECRET, userAgent: `@clerk-effect/backend/${packageVersion}` }

describe("requests on the wire and decoded answers", () => {
  for (const c of cases) {
    it.effect(c.name, () =>
      Effect.forEach(["service", "accessor"] as const, (form) =>
        withRecorder(
          Effect.gen(function* () {
            const { outcome, requests } = yield* exchangeIn({ call: c.call, replies: () => [c.reply()] }, form)
            assert.strictEqual(requests, 1, form)
            const recorded = (yield* RecordingHttp).requests[0]!
            const view = requestView({ ...recorded, url: recorded.url.href }, c.request, headers)
            assert.deepStrictEqual(view.actual, view.expected, form)
            assert.deepStrictEqual(outcome, { _tag: "Success", value: c.result }, form)
          })
        )
      )
    )
  }
})
