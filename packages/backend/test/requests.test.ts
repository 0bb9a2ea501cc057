import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Sessions } from "../src/Sessions.js"
import { fullSession, fullSessionWire, session, sessionWire } from "./utils/fixtures.js"
import { packageVersion } from "./utils/packageVersion.js"
import { json, type RecordedRequest, RecordingHttp, SECRET, withRecorder } from "./utils/RecordingHttpClient.js"

const baseHeaders = {
  authorization: `Bearer ${SECRET}`,
  accept: "application/json",
  "clerk-api-version": "2026-05-12",
  "user-agent": `@clerk-effect/backend/${packageVersion}`
}

interface Expected {
  readonly method: "GET" | "POST"
  readonly path: string
  readonly query?: Record<string, string>
  /** Exact body bytes; `undefined` means no body at all. */
  readonly body?: string
}

const assertRequest = (recorded: RecordedRequest | undefined, expected: Expected) => {
  assert.isDefined(recorded)
  assert.strictEqual(recorded.method, expected.method)
  assert.strictEqual(recorded.url.origin, "https://api.clerk.com")
  assert.strictEqual(recorded.url.pathname, expected.path)
  assert.deepStrictEqual(Object.fromEntries(recorded.url.searchParams), expected.query ?? {})
  assert.strictEqual(recorded.url.hash, "")
  assert.deepStrictEqual(
    recorded.headers,
    expected.body === undefined
      ? baseHeaders
      : {
          ...baseHeaders,
          "content-type": "application/json",
          "content-length": String(new TextEncoder().encode(expected.body).length)
        }
  )
  assert.strictEqual(recorded.body, expected.body)
  assert.strictEqual(recorded.contentType, expected.body === undefined ? undefined : "application/json")
}

/** Runs `operation` once against `reply`, returns its result and the one request it sent. */
const exchange = <A, E>(reply: Response, operation: Effect.Effect<A, E, Sessions>) =>
  withRecorder(
    Effect.gen(function* () {
      const recorder = yield* RecordingHttp
      recorder.replies.push(reply)
      const result = yield* operation
      assert.strictEqual(recorder.requests.length, 1)
      return { result, request: recorder.requests[0] }
    })
  )

const token = { object: "token", jwt: "eyJhbGciOiJSUzI1NiJ9.e30.sig" } as const

describe("requests on the wire and decoded answers", () => {
  it.effect("list: GET /v1/sessions with paginated=true and every filter, decodes { data, totalCount }", () =>
    Effect.gen(function* () {
      const { request, result } = yield* exchange(
        json(200, { data: [fullSessionWire, sessionWire("sess_2")], total_count: 42 }),
        Effect.flatMap(Sessions, (s) =>
          s.list({ userId: "user_1", clientId: "client_1", status: "active", limit: 20, offset: 40 })
        )
      )
      assertRequest(request, {
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
      })
      assert.deepStrictEqual(result, { data: [fullSession, session("sess_2")], totalCount: 42 })
    })
  )

  it.effect("list: only the filters given are sent", () =>
    Effect.gen(function* () {
      const { request } = yield* exchange(
        json(200, { data: [], total_count: 0 }),
        Sessions.list({ clientId: "client_9" })
      )
      assertRequest(request, {
        method: "GET",
        path: "/v1/sessions",
        query: { client_id: "client_9", paginated: "true" }
      })
    })
  )

  it.effect("list: a bare array (the published spec's shape) is accepted, totalCount = its length", () =>
    Effect.gen(function* () {
      const { result } = yield* exchange(
        json(200, [sessionWire("sess_a"), sessionWire("sess_b")]),
        Sessions.list({ userId: "user_1" })
      )
      assert.deepStrictEqual(result, { data: [session("sess_a"), session("sess_b")], totalCount: 2 })
    })
  )

  it.effect("create: POST /v1/sessions with snake_case body", () =>
    Effect.gen(function* () {
      const { request, result } = yield* exchange(
        json(200, sessionWire("sess_new")),
        Effect.flatMap(Sessions, (s) => s.create({ userId: "user_1", activeOrganizationId: "org_1" }))
      )
      assertRequest(request, {
        method: "POST",
        path: "/v1/sessions",
        body: '{"user_id":"user_1","active_organization_id":"org_1"}'
      })
      assert.deepStrictEqual(result, session("sess_new"))
    })
  )

  it.effect("create: without activeOrganizationId the key is absent", () =>
    Effect.gen(function* () {
      const { request } = yield* exchange(json(200, sessionWire("sess_new")), Sessions.create({ userId: "user_1" }))
      assertRequest(request, { method: "POST", path: "/v1/sessions", body: '{"user_id":"user_1"}' })
    })
  )

  it.effect("get: GET /v1/sessions/{id}, service form", () =>
    Effect.gen(function* () {
      const { request, result } = yield* exchange(
        json(200, fullSessionWire),
        Effect.flatMap(Sessions, (s) => s.get("sess_full"))
      )
      assertRequest(request, { method: "GET", path: "/v1/sessions/sess_full" })
      assert.deepStrictEqual(result, fullSession)
    })
  )

  it.effect("get: accessor form Sessions.get(id)", () =>
    Effect.gen(function* () {
      const { request, result } = yield* exchange(json(200, sessionWire("sess_1")), Sessions.get("sess_1"))
      assertRequest(request, { method: "GET", path: "/v1/sessions/sess_1" })
      assert.deepStrictEqual(result, session("sess_1"))
    })
  )

  it.effect("revoke: POST /v1/sessions/{id}/revoke with no body", () =>
    Effect.gen(function* () {
      const { request, result } = yield* exchange(
        json(200, sessionWire("sess_1", { status: "revoked" })),
        Sessions.revoke("sess_1")
      )
      assertRequest(request, { method: "POST", path: "/v1/sessions/sess_1/revoke" })
      assert.strictEqual(result.status, "revoked")
    })
  )

  it.effect("refresh (format token): every field snake_case, answers a Token", () =>
    Effect.gen(function* () {
      const { request, result } = yield* exchange(
        json(200, token),
        Effect.flatMap(Sessions, (s) =>
          s.refresh("sess_1", {
            expiredToken: "expired.jwt",
            refreshToken: "refresh_value",
            requestOrigin: "https://app.example.com",
            requestHeaders: { "x-forwarded-for": ["203.0.113.7"], cookie: "a=b" },
            format: "token",
            requestOriginatingIp: "203.0.113.7"
          })
        )
      )
      assertRequest(request, {
        method: "POST",
        path: "/v1/sessions/sess_1/refresh",
        body:
          '{"expired_token":"expired.jwt","refresh_token":"refresh_value","request_origin":"https://app.example.com",' +
          '"request_headers":{"x-forwarded-for":["203.0.113.7"],"cookie":"a=b"},"format":"token",' +
          '"request_originating_ip":"203.0.113.7"}'
      })
      assert.deepStrictEqual(result, token)
    })
  )

  it.effect("refresh (no format, undefined optionals): only the required fields are sent", () =>
    Effect.gen(function* () {
      const { request, result } = yield* exchange(
        json(200, token),
        Sessions.refresh("sess_1", {
          expiredToken: "expired.jwt",
          refreshToken: "refresh_value",
          requestOrigin: "https://app.example.com",
          requestOriginatingIp: undefined
        })
      )
      assertRequest(request, {
        method: "POST",
        path: "/v1/sessions/sess_1/refresh",
        body: '{"expired_token":"expired.jwt","refresh_token":"refresh_value","request_origin":"https://app.example.com"}'
      })
      assert.deepStrictEqual(result, token)
    })
  )

  it.effect("refresh (format cookie): answers Cookies", () =>
    Effect.gen(function* () {
      const cookies = {
        object: "cookies" as const,
        cookies: ["__session=abc; Path=/; HttpOnly", "__client_uat=1; Path=/"]
      }
      const { request, result } = yield* exchange(
        json(200, cookies),
        Sessions.refresh("sess_1", {
          expiredToken: "expired.jwt",
          refreshToken: "refresh_value",
          requestOrigin: "https://app.example.com",
          format: "cookie"
        })
      )
      assertRequest(request, {
        method: "POST",
        path: "/v1/sessions/sess_1/refresh",
        body:
          '{"expired_token":"expired.jwt","refresh_token":"refresh_value","request_origin":"https://app.example.com",' +
          '"format":"cookie"}'
      })
      assert.deepStrictEqual(result, cookies)
    })
  )

  it.effect("createToken without options sends NO body", () =>
    Effect.gen(function* () {
      const { request, result } = yield* exchange(json(200, token), Sessions.createToken("sess_1"))
      assertRequest(request, { method: "POST", path: "/v1/sessions/sess_1/tokens" })
      assert.deepStrictEqual(result, token)
    })
  )

  it.effect("createToken with an empty options object also sends no body", () =>
    Effect.gen(function* () {
      const { request } = yield* exchange(json(200, token), Sessions.createToken("sess_1", {}))
      assertRequest(request, { method: "POST", path: "/v1/sessions/sess_1/tokens" })
    })
  )

  it.effect("createToken with expiresInSeconds sends { expires_in_seconds }", () =>
    Effect.gen(function* () {
      const { request, result } = yield* exchange(
        json(200, token),
        Effect.flatMap(Sessions, (s) => s.createToken("sess_1", { expiresInSeconds: 600 }))
      )
      assertRequest(request, { method: "POST", path: "/v1/sessions/sess_1/tokens", body: '{"expires_in_seconds":600}' })
      assert.deepStrictEqual(result, token)
    })
  )

  it.effect("createToken: the inline token schema's optional `object` defaults to token", () =>
    Effect.gen(function* () {
      const { result } = yield* exchange(json(200, { jwt: "a.b.c" }), Sessions.createToken("sess_1"))
      assert.deepStrictEqual(result, { object: "token", jwt: "a.b.c" })
    })
  )

  it.effect("createTokenFromTemplate: POST /v1/sessions/{id}/tokens/{template}", () =>
    Effect.gen(function* () {
      const { request, result } = yield* exchange(
        json(200, token),
        Sessions.createTokenFromTemplate("sess_1", "custom_hasura", { expiresInSeconds: 30 })
      )
      assertRequest(request, {
        method: "POST",
        path: "/v1/sessions/sess_1/tokens/custom_hasura",
        body: '{"expires_in_seconds":30}'
      })
      assert.deepStrictEqual(result, token)
    })
  )

  it.effect("createTokenFromTemplate without options sends no body (service form)", () =>
    Effect.gen(function* () {
      const { request } = yield* exchange(
        json(200, token),
        Effect.flatMap(Sessions, (s) => s.createTokenFromTemplate("sess_1", "custom_hasura"))
      )
      assertRequest(request, { method: "POST", path: "/v1/sessions/sess_1/tokens/custom_hasura" })
    })
  )

  it.effect("verify (deprecated): POST /v1/sessions/{id}/verify with { token }", () =>
    Effect.gen(function* () {
      const { request, result } = yield* exchange(
        json(200, sessionWire("sess_1")),
        Sessions.verify("sess_1", { token: "session.jwt" })
      )
      assertRequest(request, { method: "POST", path: "/v1/sessions/sess_1/verify", body: '{"token":"session.jwt"}' })
      assert.deepStrictEqual(result, session("sess_1"))
    })
  )

  it.effect("verify without a token sends {}", () =>
    Effect.gen(function* () {
      const { request } = yield* exchange(
        json(200, sessionWire("sess_1")),
        Effect.flatMap(Sessions, (s) => s.verify("sess_1", {}))
      )
      assertRequest(request, { method: "POST", path: "/v1/sessions/sess_1/verify", body: "{}" })
    })
  )
})
