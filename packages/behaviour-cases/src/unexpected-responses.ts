/**
 * The unexpected-answer table: answers that are not Clerk errors (or 2xx
 * bodies that do not decode, or bodies that break off) become an `SDKError`
 * with a reason, the status and a truncated copy of the body; never a defect.
 */
import { operation } from "./calls.js"
import type { ExchangeCase, SDKErrorReason } from "./outcomes.js"
import { brokenBody, json, type Reply, text, transportError } from "./replies.js"
import { clerkErrorBody } from "./wire.js"

const longHtml = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>${"<p>upstream</p>".repeat(200)}</body></html>`

export interface UnexpectedCase {
  readonly name: string
  readonly reply: () => Reply
  readonly reason: SDKErrorReason
  readonly status: number | undefined
  /** The `body` the error must carry; `undefined` when it carries none. */
  readonly body: string | undefined
}

/** Run on every operation: one request, an `SDKError` with exactly this reason, status and body, and no `field`. */
export const table: ReadonlyArray<UnexpectedCase> = [
  {
    name: "418 with a plain-text body",
    reply: () => text(418, "I'm a teapot"),
    reason: "UnexpectedStatus",
    status: 418,
    body: "I'm a teapot"
  },
  {
    name: "503 with a JSON body that is not a Clerk error",
    reply: () => json(503, { message: "Service Unavailable" }, { "Retry-After": "5" }),
    reason: "UnexpectedStatus",
    status: 503,
    body: '{"message":"Service Unavailable"}'
  },
  {
    name: "502 HTML page from a proxy (body truncated)",
    reply: () => text(502, longHtml, { "content-type": "text/html" }),
    reason: "UnexpectedStatus",
    status: 502,
    body: `${longHtml.slice(0, 1024)}… (${longHtml.length} chars)`
  },
  { name: "500 with an empty body", reply: () => text(500, ""), reason: "UnexpectedStatus", status: 500, body: "" },
  {
    name: "400 with truncated JSON",
    reply: () => text(400, '{"errors":[{"code":"form_param_missing","mess', { "content-type": "application/json" }),
    reason: "UnexpectedStatus",
    status: 400,
    body: '{"errors":[{"code":"form_param_missing","mess'
  },
  {
    name: "404 whose errors are not objects with a code",
    reply: () => json(404, { errors: [{ message: "not found" }] }),
    reason: "UnexpectedStatus",
    status: 404,
    body: '{"errors":[{"message":"not found"}]}'
  },
  {
    name: "302 redirect with no body",
    reply: () => text(302, "", { location: "https://example.com" }),
    reason: "UnexpectedStatus",
    status: 302,
    body: ""
  },
  {
    name: "200 with a body of the wrong shape",
    reply: () => json(200, { hello: "world" }),
    reason: "InvalidResponse",
    status: 200,
    body: '{"hello":"world"}'
  },
  { name: "200 with an empty body", reply: () => text(200, ""), reason: "InvalidResponse", status: 200, body: "" },
  {
    name: "200 with truncated JSON",
    reply: () => text(200, '{"object":"session","id":"se', { "content-type": "application/json" }),
    reason: "InvalidResponse",
    status: 200,
    body: '{"object":"session","id":"se'
  },
  {
    name: "200 with an HTML body",
    reply: () => text(200, "<html>maintenance</html>", { "content-type": "text/html" }),
    reason: "InvalidResponse",
    status: 200,
    body: "<html>maintenance</html>"
  },
  {
    name: "200 with JSON null",
    reply: () => text(200, "null", { "content-type": "application/json" }),
    reason: "InvalidResponse",
    status: 200,
    body: "null"
  },
  {
    name: "a transport failure (fetch rejected)",
    reply: () => transportError(new TypeError("fetch failed")),
    reason: "Transport",
    status: undefined,
    body: undefined
  },
  {
    name: "a 200 whose body stream errors midway",
    reply: () => brokenBody(200, '{"object":"session",'),
    reason: "Transport",
    status: 200,
    body: undefined
  },
  {
    name: "a 404 whose body stream errors midway",
    reply: () => brokenBody(404, '{"errors":['),
    reason: "Transport",
    status: 404,
    body: undefined
  }
]

/** A row of {@link table} on one operation, as an exchange. */
export const onOperation = (call: ExchangeCase["call"], c: UnexpectedCase): ExchangeCase => ({
  name: c.name,
  call,
  replies: () => [c.reply()],
  expect: {
    outcome: { _tag: "SDKError", reason: c.reason, status: c.status, body: c.body, field: undefined },
    requests: 1
  }
})

const transportCause = new TypeError("fetch failed")

/** The details of an `SDKError`. */
export const details: ReadonlyArray<ExchangeCase> = [
  {
    name: "InvalidResponse says where the shape is wrong, and carries no parse error (it would print the value)",
    call: operation("get"),
    replies: () => [json(200, { object: "session", id: 5 })],
    expect: {
      outcome: {
        _tag: "SDKError",
        reason: "InvalidResponse",
        message: "Clerk answered 200 with a body of an unexpected shape (at .id: expected string, got a number)",
        cause: undefined
      },
      requests: 1
    }
  },
  {
    name: "Transport keeps the transport's error as cause",
    call: operation("get"),
    replies: () => [transportError(transportCause)],
    expect: {
      outcome: { _tag: "SDKError", reason: "Transport", cause: transportCause },
      messageIncludes: ["GET /v1/sessions/sess_1"],
      requests: 1
    }
  },
  {
    name: "an undocumented status with a Clerk error body is still ClerkErrors",
    call: operation("get"),
    replies: () => [json(418, clerkErrorBody(418))],
    expect: { outcome: { _tag: "ClerkErrors", status: 418 }, requests: 1 }
  },
  {
    name: "a non-Clerk error answer with Retry-After keeps it",
    call: operation("get"),
    replies: () => [text(503, "busy", { "Retry-After": "5" })],
    expect: { outcome: { _tag: "SDKError", reason: "UnexpectedStatus", retryAfterMillis: 5000 }, requests: 1 }
  }
]

/** A failure run as a Promise rejects it (it is not an unhandled rejection). */
export const asPromise = { call: operation("get"), reply: (): Reply => text(502, "<html>bad gateway</html>") } as const
