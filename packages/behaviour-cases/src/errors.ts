/**
 * Every documented error status of every operation, and the details of a
 * `ClerkErrors`: several errors, the trace id's sources, `Retry-After`.
 */
import { operation, operations } from "./calls.js"
import type { ExchangeCase } from "./outcomes.js"
import { json } from "./replies.js"
import { clerkErrorBody, clerkErrorDecoded } from "./wire.js"

/** Each operation × each status SESSIONS.md §2 documents for it: a `ClerkErrors` with every field read. */
export const documentedStatuses: ReadonlyArray<ExchangeCase> = operations.flatMap((op) =>
  op.documentedStatuses.map(
    (status): ExchangeCase => ({
      name: `${op.name} ${status}`,
      call: op.call,
      replies: () => [json(status, clerkErrorBody(status, { clerk_trace_id: `trace_${status}`, meta: { hint: "x" } }))],
      expect: {
        outcome: {
          _tag: "ClerkErrors",
          status,
          codes: [`code_${status}`],
          errors: [clerkErrorDecoded(status)],
          meta: { hint: "x" },
          clerkTraceId: `trace_${status}`,
          retryAfterMillis: undefined
        },
        messageIncludes: [`${status}`, `long message for ${status}`, `trace_${status}`],
        requests: 1
      }
    })
  )
)

/** The details of a `ClerkErrors` body. */
export const bodies: ReadonlyArray<ExchangeCase> = [
  {
    name: "410 from verify carries Clerk's observed operation_deprecated body",
    call: operation("verify"),
    replies: () => [
      json(410, {
        errors: [
          {
            code: "operation_deprecated",
            message: "endpoint is deprecated and pending removal",
            long_message: "endpoint is deprecated and pending removal"
          }
        ],
        clerk_trace_id: "abc123"
      })
    ],
    expect: {
      outcome: {
        _tag: "ClerkErrors",
        status: 410,
        codes: ["operation_deprecated"],
        errors: [
          {
            code: "operation_deprecated",
            message: "endpoint is deprecated and pending removal",
            longMessage: "endpoint is deprecated and pending removal"
          }
        ],
        meta: undefined,
        clerkTraceId: "abc123"
      },
      requests: 1
    }
  },
  {
    name: "several errors in one body are all kept, in order",
    call: operation("list"),
    replies: () => [
      json(422, {
        errors: [
          { code: "form_param_missing", message: "a", long_message: "A" },
          { code: "form_param_format_invalid", message: "b", long_message: "B" }
        ]
      })
    ],
    expect: {
      outcome: { _tag: "ClerkErrors", codes: ["form_param_missing", "form_param_format_invalid"] },
      messageIncludes: ["(+1 more)"],
      requests: 1
    }
  }
]

/** clerkTraceId: the body's field, else the Clerk-Trace-Id header, else CF-Ray. */
export const traceIds: ReadonlyArray<ExchangeCase> = [
  {
    name: "body wins over both headers",
    body: "from_body",
    headers: { "Clerk-Trace-Id": "h1", "CF-Ray": "h2" },
    expected: "from_body"
  },
  {
    name: "Clerk-Trace-Id header",
    body: undefined,
    headers: { "Clerk-Trace-Id": "h1", "CF-Ray": "h2" },
    expected: "h1"
  },
  { name: "CF-Ray header", body: undefined, headers: { "CF-Ray": "8f2c-FRA" }, expected: "8f2c-FRA" },
  { name: "none at all", body: undefined, headers: {}, expected: undefined }
].map(
  (c): ExchangeCase => ({
    name: c.name,
    call: operation("get"),
    replies: () => [json(404, clerkErrorBody(404, c.body === undefined ? {} : { clerk_trace_id: c.body }), c.headers)],
    expect: {
      outcome: { _tag: "ClerkErrors", clerkTraceId: c.expected },
      ...(c.expected === undefined ? { messageExcludes: ["trace id"] } : { messageIncludes: [c.expected] }),
      requests: 1
    }
  })
)

/** retryAfter from `Retry-After`: seconds, an HTTP-date against the Effect clock, garbage left out. */
export const retryAfter: ReadonlyArray<ExchangeCase> = [
  {
    name: "delay-seconds on a 429",
    call: operation("get"),
    replies: () => [json(429, clerkErrorBody(429), { "Retry-After": "17" })],
    expect: {
      outcome: { _tag: "ClerkErrors", status: 429, retryAfterMillis: 17_000 },
      messageIncludes: ["retry after 17s"],
      requests: 1
    }
  },
  {
    name: "HTTP-date, measured against the Effect Clock (TestClock)",
    call: operation("create"),
    clockAt: Date.parse("2026-10-21T07:28:00Z"),
    replies: () => [json(429, clerkErrorBody(429), { "Retry-After": "Wed, 21 Oct 2026 07:28:45 GMT" })],
    expect: { outcome: { _tag: "ClerkErrors", status: 429, retryAfterMillis: 45_000 }, requests: 1 }
  },
  {
    name: "an HTTP-date in the past means zero",
    call: operation("get"),
    clockAt: Date.parse("2026-10-21T07:30:00Z"),
    replies: () => [json(429, clerkErrorBody(429), { "Retry-After": "Wed, 21 Oct 2026 07:28:45 GMT" })],
    expect: { outcome: { _tag: "ClerkErrors", status: 429, retryAfterMillis: 0 }, requests: 1 }
  },
  ...["abc", "-5", "1.5", "", "   "].map(
    (garbage): ExchangeCase => ({
      name: `an unparseable Retry-After (${JSON.stringify(garbage)}) is left out`,
      call: operation("get"),
      replies: () => [json(429, clerkErrorBody(429), { "Retry-After": garbage })],
      expect: { outcome: { _tag: "ClerkErrors", status: 429, retryAfterMillis: undefined }, requests: 1 }
    })
  )
]

/** An `SDKError` written as JSON: its cause as `{ name, message, code? }` (message cut to 512), not `{}`. */
export const sdkErrorJson = {
  cause: () => Object.assign(new TypeError(`connect ECONNREFUSED ${"x".repeat(2000)}`), { code: "ECONNREFUSED" }),
  causeMessageMax: 513,
  plainCause: { kind: "x" },
  plainCauseJson: '{"kind":"x"}'
} as const
