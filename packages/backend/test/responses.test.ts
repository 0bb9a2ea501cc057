/**
 * How an answer becomes a value or an error (internal/responses.ts), driven
 * directly: the 2xx boundary, body truncation, decode messages, Clerk error
 * bodies versus anything else, and requests that never got an answer.
 */

import { truncateBody } from "@clerk-effect/core/answers"
import type { WireHeader } from "@clerk-effect/core/wire"
import { isSuccess } from "@clerk-effect/core/wire"
import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Exit, Schema } from "effect"
import { ClerkErrors, SDKError } from "../src/Errors.js"
import { bodyReadFailed, notAnswered } from "../src/internal/exchange.js"
import { decodeSuccessText, failureFromText } from "../src/internal/responses.js"

/** Headers by lower-case name, as a transport answers them. */
const headersOf =
  (record: Record<string, string>): WireHeader =>
  (name) =>
    record[name]
const noHeaders = headersOf({})

const NOW = Date.parse("2025-01-01T00:00:00Z")

const failureOf = <A>(effect: Effect.Effect<A, SDKError>): SDKError => {
  const exit = Effect.runSyncExit(effect)
  if (Exit.isSuccess(exit)) throw new Error(`expected a failure, got ${JSON.stringify(exit.value)}`)
  const failure = exit.cause._tag === "Fail" ? exit.cause.error : undefined
  if (failure === undefined) throw new Error(`expected a typed failure, got ${String(exit.cause)}`)
  return failure
}

describe("isSuccess: exactly 200..299", () => {
  it("boundaries", () => {
    expect([199, 200, 201, 299, 300, 304, 100, 404, 500].map(isSuccess)).toEqual([
      false,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false
    ])
  })
})

describe("truncateBody", () => {
  it("keeps a body of exactly 1,024 characters whole", () => {
    const body = "x".repeat(1024)
    expect(truncateBody(body)).toBe(body)
    expect(truncateBody("")).toBe("")
  })

  it("cuts a body of 1,025 characters to 1,024 and says how long it was", () => {
    const body = `${"a".repeat(1024)}b`
    expect(truncateBody(body)).toBe(`${"a".repeat(1024)}… (1025 chars)`)
  })
})

describe("bodyReadFailed", () => {
  it("a body that broke off is a Transport error with the status", () => {
    const cause = new Error("socket hang up")
    const error = bodyReadFailed(502, cause)
    expect(error).toBeInstanceOf(SDKError)
    expect(error.reason).toBe("Transport")
    expect(error.status).toBe(502)
    expect(error.message).toBe("Reading the response body failed (status 502)")
    expect(error.cause).toBe(cause)
  })
})

describe("decodeSuccessText", () => {
  const Shape = Schema.Struct({
    id: Schema.String,
    count: Schema.Number.pipe(Schema.int()),
    items: Schema.Array(Schema.Struct({ name: Schema.String })),
    at: Schema.NumberFromString
  })
  const decode = Schema.decodeUnknownEither(Shape, { onExcessProperty: "error" })
  const valid = { id: "a", count: 1, items: [{ name: "n" }], at: "5" }
  const messageFor = (value: unknown, status = 200) =>
    failureOf(decodeSuccessText(status, JSON.stringify(value), decode)).message

  it("decodes a body that fits", () => {
    expect(Effect.runSync(decodeSuccessText(200, JSON.stringify(valid), decode))).toEqual({ ...valid, at: 5 })
  })

  it("an empty body", () => {
    const error = failureOf(decodeSuccessText(200, "", decode))
    expect(error.reason).toBe("InvalidResponse")
    expect(error.status).toBe(200)
    expect(error.body).toBe("")
    expect(error.message).toBe("Clerk answered 200 with an empty body")
    expect(error.cause).toBeInstanceOf(SyntaxError)
  })

  it("a body that is not JSON keeps the body (truncated) and the parse error", () => {
    const text = `<html>${"x".repeat(2000)}</html>`
    const error = failureOf(decodeSuccessText(201, text, decode))
    expect(error.message).toBe("Clerk answered 201 with a body that is not JSON")
    expect(error.body).toBe(truncateBody(text))
    expect(error.body?.length).toBeLessThan(text.length)
    expect(error.cause).toBeInstanceOf(SyntaxError)
  })

  it("a body of the wrong shape says where, what was expected and what kind was found, without a cause", () => {
    const error = failureOf(decodeSuccessText(200, JSON.stringify({ ...valid, id: 5 }), decode))
    expect(error.message).toBe(
      "Clerk answered 200 with a body of an unexpected shape (at .id: expected string, got a number)"
    )
    expect(error).not.toHaveProperty("cause")
    expect(error.body).toBe(JSON.stringify({ ...valid, id: 5 }))
  })

  it("names every kind of value found, never the value", () => {
    expect(messageFor({ ...valid, id: null })).toContain("at .id: expected string, got null)")
    expect(messageFor({ ...valid, id: [] })).toContain("at .id: expected string, got an array)")
    expect(messageFor({ ...valid, id: {} })).toContain("at .id: expected string, got an object)")
    expect(messageFor({ ...valid, id: true })).toContain("at .id: expected string, got a boolean)")
    expect(messageFor({ ...valid, count: "1" })).toContain("at .count: expected number, got a string)")
  })

  it("paths go through arrays, refinements and transformations", () => {
    expect(messageFor({ ...valid, items: [{ name: "a" }, { name: 1 }] })).toContain(
      "(at .items[1].name: expected string, got a number)"
    )
    expect(messageFor({ ...valid, count: 1.5 })).toContain("(at .count: expected int, got a number)")
    expect(messageFor({ ...valid, at: "not a number" })).toContain("(at .at: expected NumberFromString, got a string)")
  })

  it("missing, unexpected and top-level issues", () => {
    const { id: _, ...withoutId } = valid
    expect(messageFor(withoutId)).toBe(
      "Clerk answered 200 with a body of an unexpected shape (at .id: a required field is missing)"
    )
    expect(messageFor({ ...valid, extra: 1 })).toBe(
      "Clerk answered 200 with a body of an unexpected shape (at .extra: an unexpected value, a number)"
    )
    expect(messageFor(null)).toMatch(/^Clerk answered 200 with a body of an unexpected shape \(at the top: expected \{/)
    expect(messageFor(null)).toMatch(/, got null\)$/)
  })

  it("with every issue collected, the first one is described", () => {
    const Pair = Schema.Struct({ a: Schema.String, b: Schema.String })
    const error = failureOf(
      decodeSuccessText(200, JSON.stringify({ a: 1, b: 2 }), Schema.decodeUnknownEither(Pair, { errors: "all" }))
    )
    expect(error.message).toBe(
      "Clerk answered 200 with a body of an unexpected shape (at .a: expected string, got a number)"
    )
  })

  it("a schema that cannot decode synchronously is an unexpected value, not a crash", () => {
    const Async = Schema.transformOrFail(Schema.String, Schema.String, {
      decode: (text) => Effect.delay(Effect.succeed(text), "1 millis"),
      encode: Effect.succeed
    })
    const error = failureOf(decodeSuccessText(200, JSON.stringify("x"), Schema.decodeUnknownEither(Async)))
    expect(error.message).toBe(
      "Clerk answered 200 with a body of an unexpected shape (at the top: an unexpected value, a string)"
    )
  })

  it("an issue deeper than the walk's bound says where the walk stopped", () => {
    let Deep: Schema.Schema<unknown> = Schema.String as Schema.Schema<unknown>
    let value: unknown = 1
    for (let level = 0; level < 60; level++) {
      Deep = Schema.Struct({ a: Deep }) as Schema.Schema<unknown>
      value = { a: value }
    }
    const error = failureOf(decodeSuccessText(200, JSON.stringify(value), Schema.decodeUnknownEither(Deep)))
    // 100 steps of the walk: 50 fields, each a Composite then a Pointer.
    expect(error.message).toBe(`Clerk answered 200 with a body of an unexpected shape (at ${".a".repeat(50)})`)
    // A refinement on top shifts the walk by one step: the 100th step is a Composite, not a Pointer.
    const Refined = Deep.pipe(Schema.filter(() => true))
    const shifted = failureOf(decodeSuccessText(200, JSON.stringify(value), Schema.decodeUnknownEither(Refined)))
    expect(shifted.message).toBe(`Clerk answered 200 with a body of an unexpected shape (at ${".a".repeat(49)})`)
  })

  it("a long path and a long expected type are each cut to 200 characters", () => {
    const long = "k".repeat(300)
    const Deep = Schema.Struct({ [long]: Schema.Literal("v".repeat(300)) })
    const error = failureOf(decodeSuccessText(200, JSON.stringify({ [long]: 1 }), Schema.decodeUnknownEither(Deep)))
    expect(error.message).toBe(
      `Clerk answered 200 with a body of an unexpected shape (at .${"k".repeat(199)}…: expected "${"v".repeat(199)}…, got a number)`
    )
  })
})

describe("failureFromText", () => {
  const clerkBody = (extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      errors: [{ code: "resource_not_found", message: "not found", long_message: "No session" }],
      ...extra
    })

  it("a Clerk error body is ClerkErrors with its status and entries", () => {
    const error = failureFromText(404, noHeaders, clerkBody(), NOW)
    expect(error).toBeInstanceOf(ClerkErrors)
    const clerk = error as ClerkErrors
    expect(clerk.status).toBe(404)
    expect(clerk.codes).toEqual(["resource_not_found"])
    expect(clerk.errors[0]?.longMessage).toBe("No session")
    expect(clerk).not.toHaveProperty("meta")
    expect(clerk).not.toHaveProperty("clerkTraceId")
    expect(clerk).not.toHaveProperty("retryAfter")
  })

  it("keeps meta and the trace id: body first, then Clerk-Trace-Id, then CF-Ray", () => {
    const fromBody = failureFromText(
      400,
      headersOf({ "clerk-trace-id": "header", "cf-ray": "ray" }),
      clerkBody({ meta: { page: 1 }, clerk_trace_id: "body" }),
      NOW
    ) as ClerkErrors
    expect(fromBody.meta).toEqual({ page: 1 })
    expect(fromBody.clerkTraceId).toBe("body")
    const fromHeader = failureFromText(
      400,
      headersOf({ "clerk-trace-id": "header", "cf-ray": "ray" }),
      clerkBody(),
      NOW
    )
    expect((fromHeader as ClerkErrors).clerkTraceId).toBe("header")
    const fromRay = failureFromText(400, headersOf({ "cf-ray": "ray" }), clerkBody(), NOW)
    expect((fromRay as ClerkErrors).clerkTraceId).toBe("ray")
  })

  it("a Retry-After header, seconds or HTTP-date, rides on ClerkErrors and on SDKError", () => {
    const clerk = failureFromText(429, headersOf({ "retry-after": "3" }), clerkBody(), NOW) as ClerkErrors
    expect(clerk.retryAfter && Duration.toMillis(clerk.retryAfter)).toBe(3000)
    const dated = failureFromText(
      503,
      headersOf({ "retry-after": "Wed, 01 Jan 2025 00:00:10 GMT" }),
      "<html/>",
      NOW
    ) as SDKError
    expect(dated.retryAfter && Duration.toMillis(dated.retryAfter)).toBe(10_000)
    const none = failureFromText(503, noHeaders, "<html/>", NOW)
    expect(none).not.toHaveProperty("retryAfter")
  })

  it("anything else is SDKError UnexpectedStatus with the body, truncated", () => {
    const html = `<html>${"y".repeat(3000)}</html>`
    const error = failureFromText(502, noHeaders, html, NOW) as SDKError
    expect(error).toBeInstanceOf(SDKError)
    expect(error.reason).toBe("UnexpectedStatus")
    expect(error.status).toBe(502)
    expect(error.body).toBe(truncateBody(html))
    expect(error.message).toBe("Clerk answered 502 without a Clerk error body")
  })

  it("says when the body was empty; JSON that is not a Clerk body is not one", () => {
    expect(failureFromText(500, noHeaders, "", NOW).message).toBe(
      "Clerk answered 500 without a Clerk error body (empty body)"
    )
    const notClerk = failureFromText(300, noHeaders, JSON.stringify({ errors: [{ message: "no code" }] }), NOW)
    expect(notClerk._tag).toBe("SDKError")
    expect(notClerk.message).toBe("Clerk answered 300 without a Clerk error body")
  })
})

describe("a request that got no answer (notAnswered)", () => {
  const url = "https://api.clerk.com/v1/sessions/sess_1/revoke?secret=1"

  it("a transport failure: method, path, reason and description, with the cause", () => {
    const cause = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })
    const error = notAnswered("POST", url, cause, "Transport", "refused")
    expect(error.reason).toBe("Transport")
    expect(error.message).toBe("POST /v1/sessions/sess_1/revoke failed: Transport (refused)")
    expect(error.cause).toBe(cause)
    expect(JSON.stringify(error)).not.toContain("secret=1")
  })

  it("without a description, nothing in parentheses", () => {
    const error = notAnswered("POST", url, undefined, "Transport")
    expect(error.message).toBe("POST /v1/sessions/sess_1/revoke failed: Transport")
  })

  it("any other reason is InvalidInput, and an unparseable URL is not echoed", () => {
    const encode = notAnswered("POST", url, undefined, "Encode")
    expect(encode.reason).toBe("InvalidInput")
    expect(encode.message).toBe("POST /v1/sessions/sess_1/revoke failed: Encode")
    const invalid = notAnswered("GET", "not a url", undefined, "InvalidUrl", "bad")
    expect(invalid.reason).toBe("InvalidInput")
    expect(invalid.message).toBe("GET (invalid URL) failed: InvalidUrl (bad)")
  })
})
