/**
 * The Effect-free core (@clerk-effect/core) on its own. This file imports
 * nothing from Effect either, so that another edition of the SDK, built on
 * the same core, runs it unchanged.
 */
import { describe, expect, it } from "vitest"
import { parseJson, readFailure, truncateBody } from "../src/answers.js"
import { claimsFrom } from "../src/claimMapping.js"
import {
  apiUrlProblems,
  durationProblems,
  rateLimitProblems,
  requestOptionsProblems,
  secretKeyProblems,
  settingOf
} from "../src/configRules.js"
import {
  optionalHeadersProblem,
  optionalIntegerProblem,
  pathParamProblem,
  requiredObjectProblem
} from "../src/inputRules.js"
import { retryAfterMillis } from "../src/retryAfter.js"
import { failedBeforeSending, honoursRetryAfter, isRetryable } from "../src/retryRules.js"
import { buildUrl, clerkHeaders, isSuccess, pathOf } from "../src/wire.js"

const noHeader = () => undefined
const millis = (input: unknown) => (typeof input === "number" ? input : input === "2 seconds" ? 2000 : undefined)

describe("wire", () => {
  it("builds the URL: base, encoded segments, form-encoded query, arrays repeated, undefined left out", () => {
    expect(buildUrl("https://api.clerk.com/v1/", ["sessions", "sess_1"], undefined)).toBe(
      "https://api.clerk.com/v1/sessions/sess_1"
    )
    expect(
      buildUrl("https://api.clerk.com/v1/", ["users"], {
        user_id: ["a", "b c"],
        limit: 10,
        paginated: true,
        none: undefined,
        empty: []
      })
    ).toBe("https://api.clerk.com/v1/users?user_id=a&user_id=b+c&limit=10&paginated=true")
    expect(buildUrl("https://x/v1/", ["s"], { only: undefined })).toBe("https://x/v1/s")
  })

  it("2xx is exactly 200..299", () => {
    expect([199, 200, 299, 300].map(isSuccess)).toEqual([false, true, true, false])
  })

  it("the path of a URL for messages: no query; an unparseable URL is not echoed", () => {
    expect(pathOf("https://x/v1/sessions?secret=1")).toBe("/v1/sessions")
    expect(pathOf("::")).toBe("(invalid URL)")
  })

  it("Clerk's headers: one frozen record per kind, the JSON one with its content type", () => {
    const headers = clerkHeaders({ secretKey: "sk_test_1", clerkApiVersion: "2026-05-12", userAgent: "ua" })
    expect(headers.plain).toEqual({
      authorization: "Bearer sk_test_1",
      accept: "application/json",
      "clerk-api-version": "2026-05-12",
      "user-agent": "ua"
    })
    expect(headers.json).toEqual({ ...headers.plain, "content-type": "application/json" })
    expect(Object.isFrozen(headers.plain) && Object.isFrozen(headers.json)).toBe(true)
  })
})

describe("answers", () => {
  it("parseJson never throws", () => {
    expect(parseJson('{"a":1}')).toEqual({ ok: true, value: { a: 1 } })
    expect(parseJson("<html>").ok).toBe(false)
  })

  it("truncateBody keeps 1,024 characters and says how long it was", () => {
    expect(truncateBody("a".repeat(1024))).toBe("a".repeat(1024))
    expect(truncateBody("a".repeat(1025))).toBe(`${"a".repeat(1024)}… (1025 chars)`)
  })

  it("a Clerk error body: entries, trace id from body then headers, Retry-After in ms", () => {
    const body = JSON.stringify({ errors: [{ code: "c", message: "m", long_message: "l" }] })
    const headers: Record<string, string> = { "retry-after": "3", "cf-ray": "ray" }
    expect(readFailure(429, (name) => headers[name], body, 0)).toStrictEqual({
      kind: "ClerkErrors",
      status: 429,
      errors: [{ code: "c", message: "m", longMessage: "l" }],
      clerkTraceId: "ray",
      retryAfterMillis: 3000
    })
  })

  it("no meta, trace id or Retry-After: the keys are absent, not undefined", () => {
    const body = JSON.stringify({ errors: [{ code: "c", message: "m" }] })
    expect(Object.keys(readFailure(400, noHeader, body, 0)).sort()).toEqual(["errors", "kind", "status"])
  })

  it("anything else is UnexpectedStatus with a bounded body", () => {
    expect(readFailure(502, noHeader, "<html/>", 0)).toStrictEqual({
      kind: "UnexpectedStatus",
      status: 502,
      body: "<html/>",
      message: "Clerk answered 502 without a Clerk error body"
    })
    expect(readFailure(500, noHeader, "", 0)).toMatchObject({
      message: "Clerk answered 500 without a Clerk error body (empty body)"
    })
  })
})

describe("Retry-After", () => {
  it("seconds, an HTTP-date (past is zero), anything else undefined", () => {
    const now = Date.parse("2025-01-01T00:00:00Z")
    expect(retryAfterMillis("5", now)).toBe(5000)
    expect(retryAfterMillis(" 0 ", now)).toBe(0)
    expect(retryAfterMillis("Wed, 01 Jan 2025 00:00:10 GMT", now)).toBe(10_000)
    expect(retryAfterMillis("Tue, 31 Dec 2024 00:00:00 GMT", now)).toBe(0)
    for (const value of [undefined, "", "  ", "1.5", "-1", "soon", "1x"]) {
      expect(retryAfterMillis(value, now)).toBeUndefined()
    }
  })
})

describe("retry rules", () => {
  const clerk = (status: number) => ({ _tag: "ClerkErrors" as const, status })
  const sdk = (reason: string, extra: { status?: number; cause?: unknown } = {}) => ({
    _tag: "SDKError" as const,
    reason,
    ...extra
  })
  const refused = { cause: new AggregateError([{ code: "ECONNREFUSED" }, { code: "ECONNREFUSED" }]) }

  it("idempotent: 408, 429, 500, 502, 503, 504, timeouts and transport failures", () => {
    const retry = isRetryable(true)
    expect([408, 429, 500, 502, 503, 504].every((status) => retry(clerk(status)))).toBe(true)
    expect([400, 401, 404, 409, 422, 501].some((status) => retry(clerk(status)))).toBe(false)
    expect(retry(sdk("Timeout"))).toBe(true)
    expect(retry(sdk("Transport"))).toBe(true)
    expect(retry(sdk("InvalidResponse", { status: 200 }))).toBe(false)
    expect(retry(sdk("UnexpectedStatus", { status: 503 }))).toBe(true)
  })

  it("not idempotent: 429 and failures before sending only", () => {
    const retry = isRetryable(false)
    expect(retry(clerk(429))).toBe(true)
    expect(retry(clerk(503))).toBe(false)
    expect(retry(sdk("Timeout"))).toBe(false)
    expect(retry(sdk("Transport", refused))).toBe(true)
    expect(retry(sdk("Transport", { cause: { code: "ECONNRESET" } }))).toBe(false)
  })

  it("not sent: refused (also both IPv4 and IPv6), DNS, unreachable; never with a status", () => {
    expect(failedBeforeSending(sdk("Transport", refused))).toBe(true)
    expect(failedBeforeSending(sdk("Transport", { cause: { cause: { code: "ENOTFOUND" } } }))).toBe(true)
    expect(failedBeforeSending(sdk("Transport", { status: 200, cause: { code: "ECONNREFUSED" } }))).toBe(false)
    expect(failedBeforeSending(sdk("Timeout", { cause: { code: "ECONNREFUSED" } }))).toBe(false)
  })

  it("Retry-After is honoured on 429 and 503 only", () => {
    expect(honoursRetryAfter(clerk(429))).toBe(true)
    expect(honoursRetryAfter(sdk("UnexpectedStatus", { status: 503 }))).toBe(true)
    expect(honoursRetryAfter(clerk(500))).toBe(false)
    expect(honoursRetryAfter(sdk("Timeout"))).toBe(false)
  })
})

describe("input rules", () => {
  it("path parameters", () => {
    expect(pathParamProblem("sess_1")).toBeUndefined()
    for (const bad of ["", ".", "a/b", "..", "a?b", "a#b", "a%20", "a b", "a\u0085"]) {
      expect(pathParamProblem(bad)).toBeDefined()
    }
    expect(pathParamProblem(1)).toBe("must be a string")
  })

  it("bounds are inclusive", () => {
    expect(optionalIntegerProblem(1, 1, 500)).toBeUndefined()
    expect(optionalIntegerProblem(500, 1, 500)).toBeUndefined()
    expect(optionalIntegerProblem(0, 1, 500)).toBe("must be between 1 and 500, got 0")
    expect(optionalIntegerProblem(1.5, 1, 500)).toBe("must be an integer")
  })

  it("objects and headers", () => {
    expect(requiredObjectProblem([])).toBe("is required and must be an object")
    expect(optionalHeadersProblem({ a: "b", c: ["d"] })).toBeUndefined()
    expect(optionalHeadersProblem({ a: 1 })).toBe("must be an object of strings or lists of strings")
  })
})

describe("config rules", () => {
  it("each problem starts with its setting", () => {
    expect(settingOf("retry.maxAttempts must be an integer >= 1")).toBe("retry.maxAttempts")
    expect(requestOptionsProblems({ retry: { maxAttempts: 0 }, timeout: 0 }, millis)).toEqual([
      "retry.maxAttempts must be an integer >= 1",
      "timeout must be longer than zero"
    ])
    expect(durationProblems("deadline", "soon", false, millis)).toEqual([
      'deadline is not a duration (e.g. "2 seconds", 500)'
    ])
  })

  it("rate limit, URL and secret key", () => {
    expect(rateLimitProblems("production", millis)).toEqual([])
    expect(rateLimitProblems({ limit: 0, interval: "2 seconds" }, millis)).toEqual([
      "rateLimit.limit must be an integer >= 1"
    ])
    expect(rateLimitProblems(null, millis)).toEqual([
      'rateLimit must be "development", "production" or { limit, interval }'
    ])
    expect(apiUrlProblems("ftp://x")).toEqual(["apiUrl must be an http(s) URL"])
    expect(secretKeyProblems(" sk_test_1\n")).toEqual([])
    expect(secretKeyProblems("sk_te st")).toEqual([
      "secretKey contains whitespace, control or non-ASCII characters (the key is not shown)"
    ])
    expect(secretKeyProblems(undefined)).toEqual(["secretKey must be a Redacted string (Redacted.make(...))"])
  })
})

describe("claim mapping", () => {
  const base = { sid: "sess_1", sub: "user_1", iss: "https://x", iat: 1, exp: 2, nbf: 1 }

  it("a v1 token's flat organization claims", () => {
    const raw = { ...base, org_id: "org_1", org_role: "org:admin", org_permissions: ["org:a:read"] }
    expect(claimsFrom(raw, raw).organization).toEqual({ id: "org_1", role: "org:admin", permissions: ["org:a:read"] })
  })

  it("a v2 token's compact organization: role prefixed, permissions from the feature bit masks", () => {
    const raw = {
      ...base,
      v: 2,
      fea: "o:invoices,u:profile,o:reports",
      o: { id: "org_1", slg: "acme", rol: "admin", per: "read,write", fpm: "3,1" }
    }
    expect(claimsFrom(raw, raw).organization).toEqual({
      id: "org_1",
      slug: "acme",
      role: "org:admin",
      permissions: ["org:invoices:read", "org:invoices:write", "org:reports:read"]
    })
    const noOrg = { ...base, v: 2 }
    expect(claimsFrom(noOrg, noOrg).organization).toBeUndefined()
  })

  it("optional claims only when present, the raw payload kept", () => {
    const raw = { ...base, azp: "https://app", sts: "active", custom: 1 }
    const claims = claimsFrom(raw, raw)
    expect(claims).toEqual({ ...base, azp: "https://app", sts: "active", raw })
    expect("act" in claims).toBe(false)
  })
})
