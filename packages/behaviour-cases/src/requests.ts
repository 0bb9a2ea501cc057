/**
 * Exact requests: each operation's method, path, query, headers and body
 * bytes on the wire, and what it decodes the answer to.
 */

import type { Call } from "./calls.js"
import * as calls from "./calls.js"
import type { RecordedRequest, Reply } from "./replies.js"
import { json } from "./replies.js"
import { fullSession, fullSessionWire, session, sessionWire, token } from "./wire.js"

export interface ExpectedRequest {
  readonly method: "GET" | "POST"
  readonly path: string
  readonly query?: Readonly<Record<string, string>>
  /** Exact body bytes; `undefined` means no body at all. */
  readonly body?: string
}

export interface RequestCase {
  readonly name: string
  readonly call: Call
  readonly reply: () => Reply
  /** The one request the call must send. */
  readonly request: ExpectedRequest
  /** What the call succeeds with: the decoded answer. */
  readonly result: unknown
}

const cookies = { object: "cookies", cookies: ["__session=abc; Path=/; HttpOnly", "__client_uat=1; Path=/"] } as const

export const cases: ReadonlyArray<RequestCase> = [
  {
    name: "list: GET /v1/sessions with paginated=true and every filter, decodes { data, totalCount }",
    call: calls.list({ userId: "user_1", clientId: "client_1", status: "active", limit: 20, offset: 40 }),
    reply: () => json(200, { data: [fullSessionWire, sessionWire("sess_2")], total_count: 42 }),
    request: {
      method: "GET",
      path: "/v1/sessions",
      query: {
        client_id: "client_1",
        user_id: "user_1",
        status: "active",
        limit: "20",
        offset: "40",
        paginated: "true"
      }
    },
    result: { data: [fullSession, session("sess_2")], totalCount: 42 }
  },
  {
    name: "list: only the filters given are sent",
    call: calls.list({ clientId: "client_9" }),
    reply: () => json(200, { data: [], total_count: 0 }),
    request: { method: "GET", path: "/v1/sessions", query: { client_id: "client_9", paginated: "true" } },
    result: { data: [], totalCount: 0 }
  },
  {
    name: "list: a bare array (the published spec's shape) is accepted, totalCount = its length",
    call: calls.list({ userId: "user_1" }),
    reply: () => json(200, [sessionWire("sess_a"), sessionWire("sess_b")]),
    request: { method: "GET", path: "/v1/sessions", query: { user_id: "user_1", paginated: "true" } },
    result: { data: [session("sess_a"), session("sess_b")], totalCount: 2 }
  },
  {
    name: "create: POST /v1/sessions with snake_case body",
    call: calls.create({ userId: "user_1", activeOrganizationId: "org_1" }),
    reply: () => json(200, sessionWire("sess_new")),
    request: { method: "POST", path: "/v1/sessions", body: '{"user_id":"user_1","active_organization_id":"org_1"}' },
    result: session("sess_new")
  },
  {
    name: "create: without activeOrganizationId the key is absent",
    call: calls.create({ userId: "user_1" }),
    reply: () => json(200, sessionWire("sess_new")),
    request: { method: "POST", path: "/v1/sessions", body: '{"user_id":"user_1"}' },
    result: session("sess_new")
  },
  {
    name: "get: GET /v1/sessions/{id}, every field decoded",
    call: calls.get("sess_full"),
    reply: () => json(200, fullSessionWire),
    request: { method: "GET", path: "/v1/sessions/sess_full" },
    result: fullSession
  },
  {
    name: "get: GET /v1/sessions/{id}, the required fields only",
    call: calls.get("sess_1"),
    reply: () => json(200, sessionWire("sess_1")),
    request: { method: "GET", path: "/v1/sessions/sess_1" },
    result: session("sess_1")
  },
  {
    name: "revoke: POST /v1/sessions/{id}/revoke with no body",
    call: calls.revoke("sess_1"),
    reply: () => json(200, sessionWire("sess_1", { status: "revoked" })),
    request: { method: "POST", path: "/v1/sessions/sess_1/revoke" },
    result: { ...session("sess_1"), status: "revoked" }
  },
  {
    name: "refresh (format token): every field snake_case, answers a Token",
    call: calls.refresh("sess_1", {
      expiredToken: "expired.jwt",
      refreshToken: "refresh_value",
      requestOrigin: "https://app.example.com",
      requestHeaders: { "x-forwarded-for": ["203.0.113.7"], cookie: "a=b" },
      format: "token",
      requestOriginatingIp: "203.0.113.7"
    }),
    reply: () => json(200, token),
    request: {
      method: "POST",
      path: "/v1/sessions/sess_1/refresh",
      body:
        '{"expired_token":"expired.jwt","refresh_token":"refresh_value","request_origin":"https://app.example.com",' +
        '"request_headers":{"x-forwarded-for":["203.0.113.7"],"cookie":"a=b"},"format":"token",' +
        '"request_originating_ip":"203.0.113.7"}'
    },
    result: token
  },
  {
    name: "refresh (no format, undefined optionals): only the required fields are sent",
    call: calls.refresh("sess_1", {
      expiredToken: "expired.jwt",
      refreshToken: "refresh_value",
      requestOrigin: "https://app.example.com",
      requestOriginatingIp: undefined
    }),
    reply: () => json(200, token),
    request: {
      method: "POST",
      path: "/v1/sessions/sess_1/refresh",
      body: '{"expired_token":"expired.jwt","refresh_token":"refresh_value","request_origin":"https://app.example.com"}'
    },
    result: token
  },
  {
    name: "refresh (format cookie): answers Cookies",
    call: calls.refresh("sess_1", {
      expiredToken: "expired.jwt",
      refreshToken: "refresh_value",
      requestOrigin: "https://app.example.com",
      format: "cookie"
    }),
    reply: () => json(200, cookies),
    request: {
      method: "POST",
      path: "/v1/sessions/sess_1/refresh",
      body:
        '{"expired_token":"expired.jwt","refresh_token":"refresh_value","request_origin":"https://app.example.com",' +
        '"format":"cookie"}'
    },
    result: cookies
  },
  {
    name: "createToken without options sends NO body",
    call: calls.createToken("sess_1"),
    reply: () => json(200, token),
    request: { method: "POST", path: "/v1/sessions/sess_1/tokens" },
    result: token
  },
  {
    name: "createToken with an empty options object also sends no body",
    call: calls.createToken("sess_1", {}),
    reply: () => json(200, token),
    request: { method: "POST", path: "/v1/sessions/sess_1/tokens" },
    result: token
  },
  {
    name: "createToken with expiresInSeconds sends { expires_in_seconds }",
    call: calls.createToken("sess_1", { expiresInSeconds: 600 }),
    reply: () => json(200, token),
    request: { method: "POST", path: "/v1/sessions/sess_1/tokens", body: '{"expires_in_seconds":600}' },
    result: token
  },
  {
    name: "createToken: the inline token schema's optional `object` defaults to token",
    call: calls.createToken("sess_1"),
    reply: () => json(200, { jwt: "a.b.c" }),
    request: { method: "POST", path: "/v1/sessions/sess_1/tokens" },
    result: { object: "token", jwt: "a.b.c" }
  },
  {
    name: "createTokenFromTemplate: POST /v1/sessions/{id}/tokens/{template}",
    call: calls.createTokenFromTemplate("sess_1", "custom_hasura", { expiresInSeconds: 30 }),
    reply: () => json(200, token),
    request: { method: "POST", path: "/v1/sessions/sess_1/tokens/custom_hasura", body: '{"expires_in_seconds":30}' },
    result: token
  },
  {
    name: "createTokenFromTemplate without options sends no body",
    call: calls.createTokenFromTemplate("sess_1", "custom_hasura"),
    reply: () => json(200, token),
    request: { method: "POST", path: "/v1/sessions/sess_1/tokens/custom_hasura" },
    result: token
  },
  {
    name: "verify (deprecated): POST /v1/sessions/{id}/verify with { token }",
    call: calls.verify("sess_1", { token: "session.jwt" }),
    reply: () => json(200, sessionWire("sess_1")),
    request: { method: "POST", path: "/v1/sessions/sess_1/verify", body: '{"token":"session.jwt"}' },
    result: session("sess_1")
  },
  {
    name: "verify without a token sends {}",
    call: calls.verify("sess_1", {}),
    reply: () => json(200, sessionWire("sess_1")),
    request: { method: "POST", path: "/v1/sessions/sess_1/verify", body: "{}" },
    result: session("sess_1")
  }
]

/** The headers every request carries, whatever the edition. */
export const baseHeaders = (secretKey: string, userAgent: string): Readonly<Record<string, string>> => ({
  authorization: `Bearer ${secretKey}`,
  accept: "application/json",
  "clerk-api-version": "2026-05-12",
  "user-agent": userAgent
})

/**
 * A recorded request and the expected one as two plain values, equal
 * exactly when the request is the expected one: origin, path, query, no
 * fragment, every header (`content-type` and `content-length` only with a
 * body), the body bytes.
 */
export const requestView = (
  recorded: RecordedRequest,
  expected: ExpectedRequest,
  headers: { readonly secretKey: string; readonly userAgent: string }
): { readonly actual: unknown; readonly expected: unknown } => {
  const url = new URL(recorded.url)
  const base = baseHeaders(headers.secretKey, headers.userAgent)
  return {
    actual: {
      method: recorded.method,
      origin: url.origin,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      hash: url.hash,
      headers: recorded.headers,
      body: recorded.body,
      contentType: recorded.contentType
    },
    expected: {
      method: expected.method,
      origin: "https://api.clerk.com",
      path: expected.path,
      query: expected.query ?? {},
      hash: "",
      headers:
        expected.body === undefined
          ? base
          : {
              ...base,
              "content-type": "application/json",
              "content-length": String(new TextEncoder().encode(expected.body).length)
            },
      body: expected.body,
      contentType: expected.body === undefined ? undefined : "application/json"
    }
  }
}
