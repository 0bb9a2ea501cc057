/**
 * The behaviour suite both faces of the fake must pass. Written once; each
 * face's test file calls `behaviourSuite` with its own layer factory.
 *
 * Most checks go through the SDK (`Sessions`); what the SDK refuses to send
 * (no owner filter, out-of-range limits, bad bodies, a wrong key) goes through
 * the same raw `HttpClient` the layer provides.
 */
import { ClerkConfig, type ClerkErrors, type SDKError, Sessions } from "@clerk-effect/backend"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import type * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import * as jose from "jose"
import { FakeClerk, type FakeClerkOptions, Fault } from "../src/index.js"

type FaceLayer = Layer.Layer<FakeClerk | Sessions | ClerkConfig | HttpClient.HttpClient, unknown>

const USER = "user_alice"
const HOUR = 3_600_000
const T0 = 1_764_300_000_000

/** Six sessions of Alice over two clients, one of Bob; createdAt one hour apart. */
export const seed: FakeClerkOptions = {
  users: [{ id: USER }, { id: "user_bob" }, { id: "user_carol" }],
  sessions: [
    ...Array.from({ length: 6 }, (_, i) => ({
      id: `sess_a${i}`,
      userId: USER,
      clientId: i % 2 === 0 ? "client_even" : "client_odd",
      status: i === 5 ? ("revoked" as const) : ("active" as const),
      createdAt: T0 + i * HOUR
    })),
    { id: "sess_bob", userId: "user_bob", clientId: "client_bob", createdAt: T0 }
  ],
  jwtTemplates: [{ name: "hasura", claims: { role: "user", uid: "{{user.id}}" }, lifetime: 300 }]
}

interface RawAnswer {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly text: string
}

const raw = (
  method: "GET" | "POST",
  path: string,
  options: { readonly body?: string; readonly headers?: Record<string, string>; readonly secret?: string | null } = {}
) =>
  Effect.gen(function* () {
    const config = yield* ClerkConfig
    const client = yield* HttpClient.HttpClient
    let request = HttpClientRequest.make(method)(`${config.apiUrl}/v1${path}`).pipe(
      HttpClientRequest.setHeaders(options.headers ?? {})
    )
    if (options.secret !== null) {
      request = HttpClientRequest.bearerToken(request, options.secret ?? Redacted.value(config.secretKey))
    }
    if (options.body !== undefined) request = HttpClientRequest.bodyText(request, options.body, "application/json")
    const response = yield* client.execute(request)
    return { status: response.status, headers: response.headers, text: yield* response.text } satisfies RawAnswer
  })

const errorCode = (answer: RawAnswer) => {
  const body = JSON.parse(answer.text)
  assert.isString(body.clerk_trace_id)
  assert.strictEqual(answer.headers["clerk-trace-id"], body.clerk_trace_id)
  return body.errors[0].code as string
}

const failure = <A>(effect: Effect.Effect<A, ClerkErrors | SDKError, Sessions>) =>
  Effect.flip(effect).pipe(
    Effect.map((error) => {
      assert.strictEqual(error._tag, "ClerkErrors")
      return error as ClerkErrors
    })
  )

const jwks = Effect.map(raw("GET", "/jwks"), (answer) => jose.createLocalJWKSet(JSON.parse(answer.text)))

const verify = (token: string) =>
  Effect.flatMap(jwks, (keys) =>
    // The fake's clock is the TestClock (time 0); check the signature and read the claims.
    Effect.promise(() => jose.compactVerify(token, keys)).pipe(
      Effect.map((result) => JSON.parse(new TextDecoder().decode(result.payload)) as Record<string, unknown>)
    )
  )

/**
 * Runs the whole behaviour suite against one face. `makeLayer` is called per
 * test, so every test starts from the seed.
 */
export const behaviourSuite = (face: string, makeLayer: (options: FakeClerkOptions) => FaceLayer) => {
  const test = <A, E>(
    name: string,
    body: () => Effect.Effect<A, E, FakeClerk | Sessions | ClerkConfig | HttpClient.HttpClient>
  ) => it.scoped(name, () => body().pipe(Effect.provide(makeLayer(seed)), Effect.orDie) as Effect.Effect<A>)

  describe(`fake Clerk behaviour (${face})`, () => {
    test("get answers a seeded session and 404 resource_not_found for an unknown id", () =>
      Effect.gen(function* () {
        const session = yield* Sessions.get("sess_a3")
        assert.deepStrictEqual(
          [session.id, session.userId, session.clientId, session.createdAt],
          ["sess_a3", USER, "client_odd", T0 + 3 * HOUR]
        )
        const error = yield* failure(Sessions.get("sess_missing"))
        assert.strictEqual(error.status, 404)
        assert.deepStrictEqual(error.codes, ["resource_not_found"])
        assert.isString(error.clerkTraceId)
        assert.strictEqual(errorCode(yield* raw("GET", "/sessions/sess_missing")), "resource_not_found")
      }))

    test("create makes an active session on a new client; unknown user 404, missing user_id 422", () =>
      Effect.gen(function* () {
        const first = yield* Sessions.create({ userId: "user_carol" })
        const second = yield* Sessions.create({ userId: "user_carol" })
        assert.strictEqual(first.status, "active")
        assert.strictEqual(first.userId, "user_carol")
        assert.match(first.id, /^sess_/)
        assert.notStrictEqual(first.clientId, second.clientId)
        assert.isAbove(first.expireAt, first.createdAt)
        assert.deepStrictEqual((yield* Sessions.get(first.id)).id, first.id)
        const page = yield* Sessions.list({ userId: "user_carol" })
        assert.strictEqual(page.totalCount, 2)

        const unknown = yield* failure(Sessions.create({ userId: "user_nobody" }))
        assert.strictEqual(unknown.status, 404)
        assert.deepStrictEqual(unknown.codes, ["resource_not_found"])

        const missing = yield* raw("POST", "/sessions", { body: "{}" })
        assert.strictEqual(missing.status, 422)
        assert.strictEqual(errorCode(missing), "form_param_missing")
        assert.strictEqual(JSON.parse(missing.text).errors[0].meta.param_name, "user_id")
        const notJson = yield* raw("POST", "/sessions", { body: "{nope" })
        assert.strictEqual(notJson.status, 400)
      }))

    test("list filters by user, client and status, newest first, with limit, offset and total_count", () =>
      Effect.gen(function* () {
        const all = yield* Sessions.list({ userId: USER })
        assert.deepStrictEqual(
          all.data.map((s) => s.id),
          ["sess_a5", "sess_a4", "sess_a3", "sess_a2", "sess_a1", "sess_a0"]
        )
        assert.strictEqual(all.totalCount, 6)
        const page = yield* Sessions.list({ userId: USER, limit: 2, offset: 1 })
        assert.deepStrictEqual(
          page.data.map((s) => s.id),
          ["sess_a4", "sess_a3"]
        )
        assert.strictEqual(page.totalCount, 6)
        const even = yield* Sessions.list({ clientId: "client_even", status: "active" })
        assert.deepStrictEqual(
          even.data.map((s) => s.id),
          ["sess_a4", "sess_a2", "sess_a0"]
        )
        const revoked = yield* Sessions.list({ userId: USER, clientId: "client_odd", status: "revoked" })
        assert.deepStrictEqual(
          revoked.data.map((s) => s.id),
          ["sess_a5"]
        )
        assert.strictEqual((yield* Sessions.list({ userId: USER, offset: 10 })).data.length, 0)
      }))

    test("list answers a bare array without paginated=true, and 422 outside the spec's bounds", () =>
      Effect.gen(function* () {
        const bare = yield* raw("GET", `/sessions?user_id=${USER}&limit=2`)
        assert.strictEqual(bare.status, 200)
        const body = JSON.parse(bare.text)
        assert.isTrue(Array.isArray(body))
        assert.deepStrictEqual(
          body.map((s: { id: string }) => s.id),
          ["sess_a5", "sess_a4"]
        )
        assert.strictEqual(body[0].user_id, USER)
        const wrapped = JSON.parse((yield* raw("GET", `/sessions?user_id=${USER}&paginated=true`)).text)
        assert.strictEqual(wrapped.total_count, 6)
        for (const query of ["limit=0", "limit=501", "offset=-1", "limit=ten", "status=pending"]) {
          const answer = yield* raw("GET", `/sessions?user_id=${USER}&${query}`)
          assert.strictEqual(answer.status, 422, query)
          assert.include(["form_param_value_invalid", "form_param_format_invalid"], errorCode(answer))
        }
        assert.strictEqual((yield* raw("GET", `/sessions?user_id=${USER}&limit=500`)).status, 200)
        const unfiltered = yield* raw("GET", "/sessions")
        assert.strictEqual(unfiltered.status, 422)
        assert.strictEqual(errorCode(unfiltered), "form_param_missing")
      }))

    test("stream walks every page", () =>
      Effect.gen(function* () {
        const ids = yield* Sessions.stream({ userId: USER, limit: 4 }).pipe(
          Stream.map((s) => s.id),
          Stream.runCollect
        )
        assert.deepStrictEqual(Chunk.toReadonlyArray(ids), [
          "sess_a5",
          "sess_a4",
          "sess_a3",
          "sess_a2",
          "sess_a1",
          "sess_a0"
        ])
      }))

    test("revoke sets revoked (again: unchanged); unknown 404", () =>
      Effect.gen(function* () {
        const revoked = yield* Sessions.revoke("sess_a0")
        assert.strictEqual(revoked.status, "revoked")
        assert.strictEqual((yield* Sessions.get("sess_a0")).status, "revoked")
        const again = yield* Sessions.revoke("sess_a0")
        assert.deepStrictEqual(again, revoked)
        const unknown = yield* failure(Sessions.revoke("sess_missing"))
        assert.strictEqual(unknown.status, 404)
      }))

    test("session tokens: RS256 with Clerk's claims, served key, lifetime bounds, azp from Origin", () =>
      Effect.gen(function* () {
        const fake = yield* FakeClerk
        const token = yield* Sessions.createToken("sess_a1")
        const header = jose.decodeProtectedHeader(token.jwt)
        assert.strictEqual(header.alg, "RS256")
        assert.strictEqual(header.kid, (yield* fake.publicKey).kid)
        const claims = yield* verify(token.jwt)
        assert.strictEqual(claims.sid, "sess_a1")
        assert.strictEqual(claims.sub, USER)
        assert.strictEqual(claims.v, 2)
        assert.strictEqual(claims.iss, fake.issuer)
        assert.strictEqual((claims.exp as number) - (claims.iat as number), 60)
        assert.isBelow(claims.nbf as number, claims.iat as number)
        assert.isUndefined(claims.azp)
        const long = yield* verify((yield* Sessions.createToken("sess_a1", { expiresInSeconds: 3600 })).jwt)
        assert.strictEqual((long.exp as number) - (long.iat as number), 3600)

        const withOrigin = yield* raw("POST", "/sessions/sess_a1/tokens", {
          headers: { origin: "https://app.example.com" }
        })
        assert.strictEqual((yield* verify(JSON.parse(withOrigin.text).jwt)).azp, "https://app.example.com")
        for (const seconds of [29, 315_360_001]) {
          const answer = yield* raw("POST", "/sessions/sess_a1/tokens", {
            body: JSON.stringify({ expires_in_seconds: seconds })
          })
          assert.strictEqual(answer.status, 422)
        }
        assert.strictEqual((yield* failure(Sessions.createToken("sess_missing"))).status, 404)
        // A revoked session mints nothing.
        assert.strictEqual((yield* failure(Sessions.createToken("sess_a5"))).status, 404)
      }))

    test("active_organization_id and pending sessions show in the session token (o, sts)", () =>
      Effect.gen(function* () {
        const session = yield* Sessions.create({ userId: "user_carol", activeOrganizationId: "org_1" })
        assert.strictEqual(session.lastActiveOrganizationId, "org_1")
        const claims = yield* verify((yield* Sessions.createToken(session.id)).jwt)
        assert.deepStrictEqual(claims.o, { id: "org_1" })
        assert.isUndefined(claims.sts)
        const pending = yield* FakeClerk.addSession({
          userId: "user_carol",
          status: "pending",
          tasks: [{ key: "choose-organization" }]
        })
        assert.strictEqual((yield* Sessions.get(pending.id)).tasks?.[0]?.key, "choose-organization")
        const pendingClaims = yield* verify((yield* Sessions.createToken(pending.id)).jwt)
        assert.strictEqual(pendingClaims.sts, "pending")
      }))

    test("template tokens carry the template's claims and lifetime, and no sid", () =>
      Effect.gen(function* () {
        const claims = yield* verify((yield* Sessions.createTokenFromTemplate("sess_a2", "hasura")).jwt)
        assert.strictEqual(claims.role, "user")
        assert.strictEqual(claims.uid, USER)
        assert.strictEqual(claims.sub, USER)
        assert.isUndefined(claims.sid)
        assert.strictEqual((claims.exp as number) - (claims.iat as number), 300)
        const shorter = yield* verify(
          (yield* Sessions.createTokenFromTemplate("sess_a2", "hasura", { expiresInSeconds: 45 })).jwt
        )
        assert.strictEqual((shorter.exp as number) - (shorter.iat as number), 45)
        const error = yield* failure(Sessions.createTokenFromTemplate("sess_a2", "nope"))
        assert.strictEqual(error.status, 404)
      }))

    test("refresh accepts an expired token of the session, as a token or cookies; 401 otherwise", () =>
      Effect.gen(function* () {
        const expired = yield* FakeClerk.signClaims({ sid: "sess_a1", sub: USER, iat: 1, exp: 2 })
        const params = { expiredToken: expired, refreshToken: "refresh_1", requestOrigin: "https://app.example.com" }
        const token = yield* Sessions.refresh("sess_a1", params)
        const claims = yield* verify(token.jwt)
        assert.strictEqual(claims.sid, "sess_a1")
        assert.strictEqual(claims.azp, "https://app.example.com")
        const cookies = yield* Sessions.refresh("sess_a1", { ...params, format: "cookie" })
        assert.strictEqual(cookies.object, "cookies")
        assert.isTrue(cookies.cookies[0]!.startsWith("__session=ey"))

        const otherSession = yield* failure(Sessions.refresh("sess_a2", params))
        assert.strictEqual(otherSession.status, 401)
        const garbage = yield* failure(Sessions.refresh("sess_a1", { ...params, expiredToken: "not.a.jwt" }))
        assert.strictEqual(garbage.status, 401)
        yield* FakeClerk.rotateKey
        const oldKey = yield* failure(Sessions.refresh("sess_a1", params))
        assert.strictEqual(oldKey.status, 401)
      }))

    test("the JWKS serves the current key and follows a rotation", () =>
      Effect.gen(function* () {
        const before = JSON.parse((yield* raw("GET", "/jwks")).text)
        const { kid: oldKid } = yield* FakeClerk.publicKey
        assert.deepInclude(before.keys[0], { kid: oldKid, alg: "RS256", use: "sig", kty: "RSA" })
        const rotated = yield* FakeClerk.rotateKey
        assert.notStrictEqual(rotated.kid, oldKid)
        const after = JSON.parse((yield* raw("GET", "/jwks")).text)
        assert.deepStrictEqual(
          after.keys.map((k: { kid: string }) => k.kid),
          [rotated.kid]
        )
        const token = yield* Sessions.createToken("sess_a1")
        assert.strictEqual(jose.decodeProtectedHeader(token.jwt).kid, rotated.kid)
        const { payload } = yield* Effect.promise(() =>
          jose.importSPKI(rotated.pem, "RS256").then((key) => jose.compactVerify(token.jwt, key))
        )
        assert.strictEqual(JSON.parse(new TextDecoder().decode(payload)).sid, "sess_a1")
      }))

    test("a missing or wrong secret key gets 401 authentication_invalid", () =>
      Effect.gen(function* () {
        for (const secret of [null, "sk_test_wrong"]) {
          const answer = yield* raw("GET", "/sessions/sess_a1", { secret })
          assert.strictEqual(answer.status, 401)
          assert.strictEqual(errorCode(answer), "authentication_invalid")
        }
      }))

    test("verify answers 410 operation_deprecated on current API versions and works on older ones", () =>
      Effect.gen(function* () {
        const token = (yield* Sessions.createToken("sess_a1")).jwt
        const error = yield* failure(Sessions.verify("sess_a1", { token }))
        assert.strictEqual(error.status, 410)
        assert.deepStrictEqual(error.codes, ["operation_deprecated"])
        const body = JSON.stringify({ token })
        const old = yield* raw("POST", "/sessions/sess_a1/verify", {
          body,
          headers: { "clerk-api-version": "2025-03-12" }
        })
        assert.strictEqual(old.status, 200)
        assert.strictEqual(JSON.parse(old.text).id, "sess_a1")
        const wrong = yield* raw("POST", "/sessions/sess_a2/verify", {
          body,
          headers: { "clerk-api-version": "2024-10-01" }
        })
        assert.strictEqual(wrong.status, 401)
        const cutoff = yield* raw("POST", "/sessions/sess_a1/verify", {
          body,
          headers: { "clerk-api-version": "2025-04-10" }
        })
        assert.strictEqual(cutoff.status, 410)
      }))

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

        for (const fault of [Fault.internalError, Fault.badGateway]) {
          yield* FakeClerk.injectFault(fault)
          const answer = yield* raw("GET", "/sessions/sess_a1")
          assert.isAtLeast(answer.status, 500)
          assert.isString(errorCode(answer))
        }
        yield* FakeClerk.injectFault(Fault.htmlBadGateway)
        const html = yield* raw("GET", "/sessions/sess_a1")
        assert.strictEqual(html.status, 502)
        assert.include(html.text, "<html>")
        assert.strictEqual((yield* FakeClerk.requests).filter((r) => r.path === "/v1/sessions/sess_a1").length, 7)
      }))

    test("faults: connection reset before or after processing", () =>
      Effect.gen(function* () {
        yield* FakeClerk.injectFault(Fault.connectionReset())
        const before = yield* Effect.either(
          raw("POST", "/sessions", { body: JSON.stringify({ user_id: "user_carol" }) })
        )
        assert.isTrue(Either.isLeft(before) && before.left._tag === "RequestError")
        assert.strictEqual((yield* Sessions.list({ userId: "user_carol" })).totalCount, 0)
        yield* FakeClerk.injectFault(Fault.connectionReset({ afterProcessing: true }))
        const after = yield* Effect.either(Sessions.create({ userId: "user_carol" }))
        assert.isTrue(Either.isLeft(after) && after.left._tag === "SDKError" && after.left.reason === "Transport")
        assert.strictEqual((yield* Sessions.list({ userId: "user_carol" })).totalCount, 1)
      }))

    test("faults: malformed and truncated bodies", () =>
      Effect.gen(function* () {
        yield* FakeClerk.injectFault(Fault.malformedBody)
        const malformed = yield* raw("GET", "/sessions/sess_a1")
        assert.strictEqual(malformed.status, 200)
        assert.throws(() => JSON.parse(malformed.text))
        assert.isTrue(malformed.text.startsWith('{"object":"session"'))
        // Through the SDK with create: it is not retried, so the fault reaches the caller as is.
        yield* FakeClerk.injectFault(Fault.malformedBody)
        const decoded = yield* Effect.flip(Sessions.create({ userId: "user_carol" }))
        assert.isTrue(decoded._tag === "SDKError" && decoded.reason === "InvalidResponse")

        yield* FakeClerk.injectFault(Fault.truncatedBody)
        const truncated = yield* Effect.either(raw("GET", "/sessions/sess_a1"))
        assert.isTrue(Either.isLeft(truncated))
        yield* FakeClerk.injectFault(Fault.truncatedBody)
        const viaSdk = yield* Effect.flip(Sessions.create({ userId: "user_carol" }))
        assert.isTrue(viaSdk._tag === "SDKError" && viaSdk.reason === "Transport")
        // Both requests were processed before their answers broke.
        assert.strictEqual((yield* Sessions.list({ userId: "user_carol" })).totalCount, 2)
      }))

    test("faults: a body that never finishes", () =>
      Effect.gen(function* () {
        yield* FakeClerk.injectFault(Fault.neverEndingBody)
        const client = yield* HttpClient.HttpClient
        const config = yield* ClerkConfig
        const response = yield* client.execute(
          HttpClientRequest.get(`${config.apiUrl}/v1/sessions/sess_a1`).pipe(
            HttpClientRequest.bearerToken(config.secretKey)
          )
        )
        assert.strictEqual(response.status, 200)
        const reading = yield* Effect.fork(Effect.either(Effect.timeout(response.text, "10 seconds")))
        yield* Effect.yieldNow()
        yield* TestClock.adjust("10 seconds")
        const result = yield* Fiber.join(reading)
        assert.isTrue(Either.isLeft(result) && result.left._tag === "TimeoutException")
      }))
  })
}
