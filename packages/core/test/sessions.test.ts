/**
 * The Sessions rules and requests both editions share, and the settings'
 * resolution, on their own (no Effect).
 */
import { describe, expect, it } from "vitest"
import { failureFields, readFailure, successJson, unexpectedShapeFields } from "../src/answers.js"
import { OperationBudget } from "../src/budget.js"
import { blankAsUnset, mergeRetry, normalizeApiUrl, normalizeApiVersion } from "../src/configRules.js"
import { clerkErrorsMessage, expectedText, issuePlace, missingText } from "../src/errorText.js"
import { detectRuntime } from "../src/runtime.js"
import { SessionRequests } from "../src/sessionRequests.js"
import { listFilters, pageStep, refreshFormatProblem, streamPaging, withoutUndefined } from "../src/sessionRules.js"
import { backoffSettings, resolveSettings } from "../src/settings.js"
import { toWireRequest } from "../src/wire.js"

describe("session rules", () => {
  it("list filters: one owner at least, a filterable status, the query in snake_case", () => {
    expect(listFilters({ userId: "u", status: "active" })).toEqual({
      ok: true,
      query: { client_id: undefined, user_id: "u", status: "active" }
    })
    expect(listFilters({})).toEqual({ ok: false, field: "clientId", problem: "or userId is required" })
    expect(listFilters({ userId: "" })).toMatchObject({ ok: false, field: "userId" })
    expect(listFilters({ userId: "u", status: "pending" })).toMatchObject({ ok: false, field: "status" })
    expect(listFilters([])).toMatchObject({ ok: false, field: "params" })
  })

  it("paging: the page size, each page's parameters, when the walk ends", () => {
    const paging = streamPaging({ userId: "u", limit: 2 })
    expect(paging.limit).toBe(2)
    expect(paging.pageAt(4)).toEqual({ userId: "u", limit: 2, offset: 4 })
    expect(streamPaging({ userId: "u" }).limit).toBe(500)
    expect(streamPaging(null).pageAt(10)).toBeNull()
    expect(pageStep(0, 2, 2, 5)).toEqual({ totalCount: 5, next: 2 })
    expect(pageStep(4, 2, 1, 5)).toEqual({ totalCount: 5, next: undefined })
    expect(pageStep(0, 2, 2, 2)).toEqual({ totalCount: 2, next: undefined })
    // A bare array has no total: at least what was seen; only a short page ends it.
    expect(pageStep(2, 2, 2, undefined)).toEqual({ totalCount: 4, next: 4 })
  })

  it("refresh format, and fields left undefined", () => {
    expect(refreshFormatProblem(undefined)).toBeUndefined()
    expect(refreshFormatProblem("cookie")).toBeUndefined()
    expect(refreshFormatProblem("xml")).toBe('must be "token" or "cookie"')
    expect(withoutUndefined({ a: 1, b: undefined })).toEqual({ a: 1 })
  })
})

describe("session requests", () => {
  it("say the operation, its idempotency, method, encoded path and span attributes", () => {
    expect(SessionRequests.get("sess 1")).toEqual({
      operation: "sessions.get",
      idempotent: true,
      method: "GET",
      path: ["sessions", "sess%201"],
      attributes: { "clerk.session_id": "sess 1" }
    })
    expect(SessionRequests.list({ user_id: "u" })).toMatchObject({ urlParams: { user_id: "u", paginated: true } })
    expect(SessionRequests.create()).toMatchObject({ method: "POST", idempotent: false, path: ["sessions"] })
    expect(SessionRequests.refresh("s").idempotent).toBe(false)
    expect(SessionRequests.revoke("s").idempotent).toBe(true)
    expect(SessionRequests.createTokenFromTemplate("s", "t")).toMatchObject({
      path: ["sessions", "s", "tokens", "t"],
      attributes: { "clerk.session_id": "s", "clerk.template_name": "t" }
    })
  })
})

describe("settings", () => {
  const edition = {
    sendable: (key: string) => key.trim(),
    duration: (input: number) => input,
    millis: (millis: number) => millis,
    userAgent: "ua"
  }

  it("resolve with the defaults and the preset rate limits", () => {
    expect(resolveSettings({ secretKey: " sk_test_x\n", rateLimit: "production" }, edition)).toEqual({
      secretKey: "sk_test_x",
      apiUrl: "https://api.clerk.com",
      apiVersion: "v1",
      clerkApiVersion: "2026-05-12",
      userAgent: "ua",
      retry: {},
      timeout: 10_000,
      deadline: 60_000,
      rateLimit: { limit: 1000, interval: "10 seconds" },
      tracePropagation: false
    })
  })

  it("backoff settings: off, a schedule of the user's, or the defaults filled in", () => {
    expect(backoffSettings(false, edition.duration, edition.millis)).toEqual({ kind: "off" })
    expect(backoffSettings({ schedule: "mine" }, edition.duration, edition.millis)).toEqual({
      kind: "schedule",
      schedule: "mine"
    })
    expect(backoffSettings({ maxAttempts: 2 }, edition.duration, edition.millis)).toEqual({
      kind: "backoff",
      maxAttempts: 2,
      baseDelay: 250,
      maxDelay: 8000,
      maxRetryAfter: 30_000,
      jitter: true
    })
  })

  it("merging per-call retries, URLs, blank variables", () => {
    expect(mergeRetry({ maxAttempts: 3 }, { jitter: false })).toEqual({ maxAttempts: 3, jitter: false })
    expect(mergeRetry({ maxAttempts: 3 }, false)).toBe(false)
    expect(mergeRetry(false, { maxAttempts: 2 })).toEqual({ maxAttempts: 2 })
    expect(mergeRetry({ maxAttempts: 3 }, undefined)).toEqual({ maxAttempts: 3 })
    expect(normalizeApiUrl("https://x.test//")).toBe("https://x.test")
    expect(normalizeApiVersion("/v2/")).toBe("v2")
    expect(blankAsUnset("  ")).toBeUndefined()
    expect(blankAsUnset(" v1 ")).toBe("v1")
  })
})

describe("error text", () => {
  it("ClerkErrors' message and a decode failure's place", () => {
    expect(
      clerkErrorsMessage({
        status: 404,
        errors: [
          { code: "resource_not_found", message: "m", longMessage: "" },
          { code: "b", message: "m", longMessage: "l" }
        ],
        clerkTraceId: "t",
        retryAfter: "2s"
      })
    ).toBe("Clerk answered 404: resource_not_found: m (+1 more) [clerk trace id t] (retry after 2s)")
    expect(issuePlace([])).toBe("at the top")
    expect(expectedText(["data", 3, "id"], "string", 5)).toBe("at .data[3].id: expected string, got a number")
    expect(missingText(["id"])).toBe("at .id: a required field is missing")
  })

  it("the fields of the errors an answer becomes", () => {
    const failure = failureFields(
      readFailure(429, (name) => (name === "retry-after" ? "2" : undefined), '{"errors":[{"code":"x"}]}', 0),
      (millis) => `${millis}ms`
    )
    expect(failure).toMatchObject({ kind: "ClerkErrors", fields: { status: 429, retryAfter: "2000ms" } })
    expect(successJson(200, "")).toMatchObject({ ok: false, fields: { reason: "InvalidResponse", status: 200 } })
    expect(unexpectedShapeFields(200, "{}", "at .id").message).toBe(
      "Clerk answered 200 with a body of an unexpected shape (at .id)"
    )
  })

  it("knows this runtime is Node", () => {
    expect(detectRuntime()).toBe("node")
  })
})

describe("an operation's time", () => {
  it("each attempt gets its timeout, or what is left of the deadline when that ends first", () => {
    let now = 1_000
    const budget = new OperationBudget(() => now, 15_000, 10_000)
    expect(budget.startAttempt()).toEqual({ millis: 10_000, deadlineFirst: false })
    now += 10_250
    expect(budget.remaining()).toBe(4_750)
    expect(budget.startAttempt()).toEqual({ millis: 4_750, deadlineFirst: true })
    now += 4_750
    expect(budget.deadlineReached()).toBe(false)
    expect(budget.startAttempt()).toBeUndefined()
    expect(budget.deadlineReached()).toBe(true)
    expect(budget.attempts()).toBe(2)
    expect(budget.elapsed()).toBe(15_000)
  })

  it("a described request on the wire: URL, headers by body, JSON text", () => {
    const headers = { plain: { a: "1" }, json: { a: "1", "content-type": "application/json" } }
    expect(toWireRequest("https://x.test/v1/", headers, { ...SessionRequests.get("s"), body: undefined })).toEqual({
      method: "GET",
      url: "https://x.test/v1/sessions/s",
      headers: headers.plain,
      body: undefined
    })
    expect(
      toWireRequest("https://x.test/v1/", headers, { ...SessionRequests.create(), body: { user_id: "u" } })
    ).toEqual({
      method: "POST",
      url: "https://x.test/v1/sessions",
      headers: headers.json,
      body: '{"user_id":"u"}'
    })
  })
})
