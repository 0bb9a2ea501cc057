/**
 * Every documented error status of every operation, and the details of a
 * ClerkErrors, from the shared cases (`@clerk-effect/behaviour-cases/errors`).
 */
import { bodies, documentedStatuses, retryAfter, sdkErrorJson, traceIds } from "@clerk-effect/behaviour-cases/errors"
import type { ExchangeCase } from "@clerk-effect/behaviour-cases/outcomes"
import { viewOf } from "@clerk-effect/behaviour-cases/outcomes"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { SDKError } from "../src/Errors.js"
import { exchange } from "./utils/behaviour.js"

const check = (c: ExchangeCase) =>
  it.effect(c.name, () =>
    Effect.gen(function* () {
      const observed = yield* exchange(c)
      const { actual, expected } = viewOf(observed, c.expect)
      assert.deepStrictEqual(actual, expected)
    })
  )

describe("documented error statuses become ClerkErrors (SESSIONS.md §2)", () => {
  for (const c of [...documentedStatuses, ...bodies]) check(c)
})

describe("clerkTraceId: body, else Clerk-Trace-Id, else CF-Ray", () => {
  for (const c of traceIds) check(c)
})

describe("retryAfter from Retry-After", () => {
  for (const c of retryAfter) check(c)
})

describe("SDKError as JSON", () => {
  it("shows its cause as { name, message, code? }, not {}", () => {
    const json = JSON.parse(
      JSON.stringify(new SDKError({ reason: "Transport", message: "GET /v1/x failed", cause: sdkErrorJson.cause() }))
    )
    assert.strictEqual(json.cause.name, "TypeError")
    assert.strictEqual(json.cause.code, "ECONNREFUSED")
    assert.isAtMost(json.cause.message.length, sdkErrorJson.causeMessageMax)
    assert.strictEqual(json.reason, "Transport")
    const plain = JSON.parse(
      JSON.stringify(new SDKError({ reason: "Transport", message: "m", cause: sdkErrorJson.plainCause }))
    )
    assert.strictEqual(plain.cause, sdkErrorJson.plainCauseJson)
    const none = JSON.parse(JSON.stringify(new SDKError({ reason: "InvalidInput", message: "m" })))
    assert.notProperty(none, "cause")
  })
})
