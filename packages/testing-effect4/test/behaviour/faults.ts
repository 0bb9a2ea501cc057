/** Fault injection: what both faces must do. */
import { ClerkConfig, Sessions } from "@clerk-effect/backend-effect4"
import { assert } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as Result from "effect/Result"
import * as TestClock from "effect/testing/TestClock"
import { FakeClerk, Fault } from "../../src/index.js"
import { errorCode, type FaceTest, raw } from "./support.js"

export const faultsBehaviour = (test: FaceTest) => {
  test("faults: statuses with Retry-After for the next N matching requests, then normal answers", () =>
    Effect.gen(function* () {
      yield* FakeClerk.injectFault(Fault.rateLimited({ retryAfter: 3 }), {
        times: 2,
        method: "GET",
        path: "/v1/sessions/sess_a1"
      })
      yield* FakeClerk.injectFault(Fault.serviceUnavailable({ retryAfter: new Date(Date.UTC(2030, 0, 1)) }), {
        path: /\/revoke$/
      })
      assert.strictEqual((yield* raw("GET", "/sessions/sess_a2")).status, 200)
      for (let i = 0; i < 2; i++) {
        const limited = yield* raw("GET", "/sessions/sess_a1")
        assert.strictEqual(limited.status, 429)
        assert.strictEqual(limited.headers["retry-after"], "3")
        assert.strictEqual(errorCode(limited), "too_many_requests")
      }
      assert.strictEqual((yield* raw("GET", "/sessions/sess_a1")).status, 200)
      const unavailable = yield* raw("POST", "/sessions/sess_a1/revoke")
      assert.strictEqual(unavailable.status, 503)
      assert.strictEqual(unavailable.headers["retry-after"], "Tue, 01 Jan 2030 00:00:00 GMT")
      // Not processed: the session is still active.
      assert.strictEqual((yield* Sessions.get("sess_a1")).status, "active")

      for (const fault of [Fault.internalError(), Fault.badGateway()]) {
        yield* FakeClerk.injectFault(fault)
        const answer = yield* raw("GET", "/sessions/sess_a1")
        assert.isAtLeast(answer.status, 500)
        assert.isString(errorCode(answer))
      }
      yield* FakeClerk.injectFault(Fault.htmlBadGateway())
      const html = yield* raw("GET", "/sessions/sess_a1")
      assert.strictEqual(html.status, 502)
      assert.include(html.text, "<html>")
      assert.strictEqual((yield* FakeClerk.requests).filter((r) => r.path === "/v1/sessions/sess_a1").length, 7)
    }))

  test("faults: connection reset before or after processing", () =>
    Effect.gen(function* () {
      yield* FakeClerk.injectFault(Fault.connectionReset())
      const before = yield* Effect.result(raw("POST", "/sessions", { body: JSON.stringify({ user_id: "user_carol" }) }))
      assert.isTrue(
        Result.isFailure(before) &&
          before.failure._tag === "HttpClientError" &&
          before.failure.reason._tag === "TransportError"
      )
      assert.strictEqual((yield* Sessions.list({ userId: "user_carol" })).totalCount, 0)
      yield* FakeClerk.injectFault(Fault.connectionReset({ afterProcessing: true }))
      const after = yield* Effect.result(Sessions.create({ userId: "user_carol" }))
      assert.isTrue(
        Result.isFailure(after) && after.failure._tag === "SDKError" && after.failure.reason === "Transport"
      )
      assert.strictEqual((yield* Sessions.list({ userId: "user_carol" })).totalCount, 1)
    }))

  test("faults: malformed and truncated bodies", () =>
    Effect.gen(function* () {
      yield* FakeClerk.injectFault(Fault.malformedBody())
      const malformed = yield* raw("GET", "/sessions/sess_a1")
      assert.strictEqual(malformed.status, 200)
      assert.throws(() => JSON.parse(malformed.text))
      assert.isTrue(malformed.text.startsWith('{"object":"session"'))
      // Through the SDK with create: it is not retried, so the fault reaches the caller as is.
      yield* FakeClerk.injectFault(Fault.malformedBody())
      const decoded = yield* Effect.flip(Sessions.create({ userId: "user_carol" }))
      assert.isTrue(decoded._tag === "SDKError" && decoded.reason === "InvalidResponse")

      yield* FakeClerk.injectFault(Fault.truncatedBody())
      const truncated = yield* Effect.result(raw("GET", "/sessions/sess_a1"))
      assert.isTrue(Result.isFailure(truncated))
      yield* FakeClerk.injectFault(Fault.truncatedBody())
      const viaSdk = yield* Effect.flip(Sessions.create({ userId: "user_carol" }))
      assert.isTrue(viaSdk._tag === "SDKError" && viaSdk.reason === "Transport")
      // Both requests were processed before their answers broke.
      assert.strictEqual((yield* Sessions.list({ userId: "user_carol" })).totalCount, 2)
    }))

  test("faults: a body that never finishes", () =>
    Effect.gen(function* () {
      yield* FakeClerk.injectFault(Fault.neverEndingBody())
      const client = yield* HttpClient.HttpClient
      const config = yield* ClerkConfig
      const response = yield* client.execute(
        HttpClientRequest.get(`${config.apiUrl}/v1/sessions/sess_a1`).pipe(
          HttpClientRequest.bearerToken(config.secretKey)
        )
      )
      assert.strictEqual(response.status, 200)
      const reading = yield* Effect.forkChild(Effect.result(Effect.timeout(response.text, "10 seconds")))
      yield* Effect.yieldNow
      yield* TestClock.adjust("10 seconds")
      const result = yield* Fiber.join(reading)
      assert.isTrue(Result.isFailure(result) && result.failure._tag === "TimeoutError")
    }))
}
