/**
 * Every documented error status of every operation, and the details of a
 * ClerkErrors: the shared cases (`@clerk-effect/behaviour-cases/errors`),
 * on both exchanges.
 */
import { bodies, documentedStatuses, retryAfter, sdkErrorJson, traceIds } from "@clerk-effect/behaviour-cases/errors"
import type { ExchangeCase } from "@clerk-effect/behaviour-cases/outcomes"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { SDKError } from "../../src/Errors.js"
import { EXCHANGES, type ExchangeKind, viewOfCase } from "./adapter.js"

const check = (kind: ExchangeKind, c: ExchangeCase) =>
  it.effect(c.name, () =>
    Effect.gen(function* () {
      const { actual, expected } = yield* viewOfCase(kind, c)
      assert.deepStrictEqual(actual, expected)
    })
  )

describe.each(EXCHANGES)("error answers (%s exchange)", (kind) => {
  describe("documented error statuses become ClerkErrors (SESSIONS.md §2)", () => {
    for (const c of [...documentedStatuses, ...bodies]) check(kind, c)
  })

  describe("clerkTraceId: body, else Clerk-Trace-Id, else CF-Ray", () => {
    for (const c of traceIds) check(kind, c)
  })

  describe("retryAfter from Retry-After", () => {
    for (const c of retryAfter) check(kind, c)
  })
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
