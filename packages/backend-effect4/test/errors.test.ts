import { inspect } from "node:util"
import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Exit } from "effect"
import { ClerkErrors, SDKError } from "../src/Errors.js"
import { Sessions } from "../src/Sessions.js"
import type { Reply } from "./utils/fakeClerk.js"
import { clerkError, EXCHANGES, makeFake, SECRET, sessionsLayer, wireSession } from "./utils/fakeClerk.js"

const noRetry = { retry: false } as const

describe.each(EXCHANGES)("failures as typed errors (%s exchange)", (kind) => {
  const failure = (
    reply: Reply,
    program: Effect.Effect<unknown, ClerkErrors | SDKError, Sessions> = Sessions.get("sess_1")
  ) => Effect.flip(Effect.provide(program, sessionsLayer(makeFake(kind, reply), noRetry)))

  it.effect("a Clerk error body is ClerkErrors, with the trace id and Retry-After", () =>
    Effect.gen(function* () {
      const error = yield* failure({
        status: 429,
        body: clerkError("too_many_requests", { clerk_trace_id: "trace_1" }),
        headers: { "retry-after": "3" }
      })
      expect(error).toBeInstanceOf(ClerkErrors)
      if (error._tag !== "ClerkErrors") throw error
      expect(error.status).toBe(429)
      expect(error.codes).toEqual(["too_many_requests"])
      expect(error.errors[0]!.longMessage).toBe("too_many_requests long message")
      expect(error.clerkTraceId).toBe("trace_1")
      expect(Duration.toMillis(error.retryAfter!)).toBe(3000)
      expect(error.message).toBe(
        "Clerk answered 429: too_many_requests: too_many_requests long message [clerk trace id trace_1] (retry after 3s)"
      )
    })
  )

  it.effect("the trace id falls back to the Clerk-Trace-Id header, then CF-Ray", () =>
    Effect.gen(function* () {
      const fromHeader = yield* failure({
        status: 404,
        body: clerkError("resource_not_found"),
        headers: { "clerk-trace-id": "h_1" }
      })
      expect((fromHeader as ClerkErrors).clerkTraceId).toBe("h_1")
      const fromRay = yield* failure({
        status: 404,
        body: clerkError("resource_not_found"),
        headers: { "cf-ray": "ray_1" }
      })
      expect((fromRay as ClerkErrors).clerkTraceId).toBe("ray_1")
    })
  )

  it.effect("catchTag matches by _tag, effect 4's way", () =>
    Effect.gen(function* () {
      const status = yield* Sessions.get("sess_1").pipe(
        Effect.map(() => 0),
        Effect.catchTag("ClerkErrors", (error) => Effect.succeed(error.status)),
        Effect.provide(sessionsLayer(makeFake(kind, { status: 404, body: clerkError("resource_not_found") }), noRetry))
      )
      expect(status).toBe(404)
    })
  )

  it.effect("an HTML 502 is SDKError UnexpectedStatus with the body, truncated", () =>
    Effect.gen(function* () {
      const html = `<html>${"x".repeat(5000)}</html>`
      const error = yield* failure({ status: 502, body: html })
      expect(error._tag).toBe("SDKError")
      if (error._tag !== "SDKError") throw error
      expect(error.reason).toBe("UnexpectedStatus")
      expect(error.status).toBe(502)
      expect(error.body!.length).toBeLessThan(1200)
      expect(error.body).toContain("(5013 chars)")
    })
  )

  it.effect("a 2xx that is not JSON, or of the wrong shape, is InvalidResponse with a bounded message", () =>
    Effect.gen(function* () {
      const notJson = yield* failure({ status: 200, body: "<html>" })
      expect(notJson).toMatchObject({ _tag: "SDKError", reason: "InvalidResponse", status: 200 })
      const empty = yield* failure({ status: 200, body: "" })
      expect(empty.message).toContain("with an empty body")
      const huge = "y".repeat(1_000_000)
      const wrong = yield* failure({ status: 200, body: wireSession("sess_1", { status: 42, user_id: huge }) })
      expect(wrong).toMatchObject({ _tag: "SDKError", reason: "InvalidResponse" })
      expect(wrong.message).toMatch(/unexpected shape \(at \.(status|user_id): /)
      expect(wrong.message.length).toBeLessThan(2100)
    })
  )

  it.effect("descriptive fields that do not decode are absent or null, never a failure", () =>
    Effect.gen(function* () {
      const session = yield* Effect.provide(
        Sessions.get("sess_1"),
        sessionsLayer(
          makeFake(kind, {
            status: 200,
            body: wireSession("sess_1", {
              status: "brand_new_status",
              actor: "not an object",
              latest_activity: { object: "session_activity", id: "act_1", is_mobile: "yes", city: null, country: "FR" },
              tasks: [{ nope: 1 }],
              unknown_field: true
            })
          })
        )
      )
      expect(session.status).toBe("brand_new_status")
      expect(session.actor).toBeNull()
      expect(session.tasks).toBeNull()
      expect(session.latestActivity).toEqual({ object: "session_activity", id: "act_1", country: "FR" })
    })
  )

  it.effect("a connection refused or reset is SDKError Transport, a broken body too", () =>
    Effect.gen(function* () {
      const refused = yield* failure({ fail: "refused" })
      expect(refused).toMatchObject({ _tag: "SDKError", reason: "Transport" })
      const broken = yield* failure({ bodyFails: 200 })
      expect(broken).toMatchObject({ _tag: "SDKError", reason: "Transport", status: 200 })
    })
  )

  it.effect("the secret key is in no error: message, String, JSON, inspect", () =>
    Effect.gen(function* () {
      const replies: ReadonlyArray<Reply> = [
        { status: 401, body: clerkError("authentication_invalid") },
        { status: 500, body: "oops" },
        { status: 200, body: "{" },
        { fail: "reset" },
        { bodyFails: 502 }
      ]
      for (const reply of replies) {
        const error = yield* failure(reply)
        for (const text of [error.message, String(error), JSON.stringify(error), inspect(error, { depth: 10 })]) {
          expect(text).not.toContain(SECRET)
          expect(text).not.toContain("SECRET_must_never_leak")
        }
      }
    })
  )
})

describe("SDKError", () => {
  it("shows a cause as { name, message, code } in JSON", () => {
    const cause = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })
    const error = new SDKError({ reason: "Transport", message: "GET /v1/sessions/x failed", cause })
    expect((error.toJSON() as { cause: unknown }).cause).toEqual({
      name: "Error",
      message: "connect ECONNREFUSED",
      code: "ECONNREFUSED"
    })
  })

  it("is a yieldable error with a reason", () => {
    const exit = Effect.runSyncExit(
      Effect.gen(function* () {
        return yield* new SDKError({ reason: "Timeout", message: "late" })
      })
    )
    expect(Exit.isFailure(exit)).toBe(true)
  })
})
