/** Sessions, tokens, keys, auth and versions: what both faces must do. */
import { Sessions } from "@clerk-effect/backend-effect4"
import { assert } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as jose from "jose"
import { FakeClerk } from "../../src/index.js"
import { errorCode, type FaceTest, failure, HOUR, raw, T0, USER, verify } from "./support.js"

export const sessionsBehaviour = (test: FaceTest) => {
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
      assert.deepStrictEqual(ids, ["sess_a5", "sess_a4", "sess_a3", "sess_a2", "sess_a1", "sess_a0"])
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

  test("session tokens: RS256 with Clerk's header (cat) and claims (sts...), served key, lifetime, azp from Origin", () =>
    Effect.gen(function* () {
      const fake = yield* FakeClerk
      const token = yield* Sessions.createToken("sess_a1")
      const header = jose.decodeProtectedHeader(token.jwt)
      assert.strictEqual(header.alg, "RS256")
      assert.strictEqual(header.kid, (yield* fake.publicKey).kid)
      // Clerk's session-token category (@clerk/backend's JWT_CATEGORY_SESSION_TOKEN).
      assert.strictEqual(header.cat, "cl_B7d4PD111AAA")
      assert.strictEqual(header.typ, "JWT")
      const claims = yield* verify(token.jwt)
      assert.strictEqual(claims.sts, "active")
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
      assert.strictEqual((yield* failure(Sessions.createToken("sess_missing"))).status, 404)
      // A revoked session mints nothing.
      assert.strictEqual((yield* failure(Sessions.createToken("sess_a5"))).status, 404)
    }))

  test("token bodies: what Clerk refuses is 400 request_body_invalid; what the spec bounds but lists no status for is minted", () =>
    Effect.gen(function* () {
      for (const path of ["/sessions/sess_a1/tokens", "/sessions/sess_a1/tokens/hasura"]) {
        // clerk/clerk-sdk-python#85: its SDK typed the field as a float and sent `60.0`; Clerk answered this 400.
        for (const body of [
          '{"expires_in_seconds":60.0}',
          '{"expires_in_seconds":6e1}',
          '{"expires_in_seconds":60.5}',
          '{"expires_in_seconds":"60"}',
          '{"expires_in_seconds":true}',
          "[]",
          '"60"',
          "{nope"
        ]) {
          const answer = yield* raw("POST", path, { body })
          assert.strictEqual(answer.status, 400, `${path} ${body}`)
          assert.strictEqual(errorCode(answer), "request_body_invalid")
          assert.deepInclude(JSON.parse(answer.text).errors[0], {
            message: "Request body invalid",
            long_message: "The request body is invalid. Please consult the API documentation for more information."
          })
        }
        // Out of the spec's 30..315360000: the spec lists no status for it (only 200, 401, 404), so it is minted as asked.
        for (const seconds of [29, 315_360_001]) {
          const answer = yield* raw("POST", path, { body: JSON.stringify({ expires_in_seconds: seconds }) })
          assert.strictEqual(answer.status, 200, `${path} ${seconds}`)
          const claims = yield* verify(JSON.parse(answer.text).jwt)
          assert.strictEqual((claims.exp as number) - (claims.iat as number), seconds)
        }
        const nullLifetime = yield* raw("POST", path, { body: '{"expires_in_seconds":null}' })
        assert.strictEqual(nullLifetime.status, 200)
      }
    }))

  test("active_organization_id and pending sessions show in the session token (o, sts)", () =>
    Effect.gen(function* () {
      const session = yield* Sessions.create({ userId: "user_carol", activeOrganizationId: "org_1" })
      assert.strictEqual(session.lastActiveOrganizationId, "org_1")
      const claims = yield* verify((yield* Sessions.createToken(session.id)).jwt)
      assert.deepStrictEqual(claims.o, { id: "org_1" })
      assert.strictEqual(claims.sts, "active")
      const pending = yield* FakeClerk.addSession({
        userId: "user_carol",
        status: "pending",
        tasks: [{ key: "choose-organization" }]
      })
      assert.strictEqual((yield* Sessions.get(pending.id)).tasks?.[0]?.key, "choose-organization")
      const pendingClaims = yield* verify((yield* Sessions.createToken(pending.id)).jwt)
      assert.strictEqual(pendingClaims.sts, "pending")
    }))

  test("template tokens carry the template's category, claims and lifetime, and no sid or sts", () =>
    Effect.gen(function* () {
      const templated = yield* Sessions.createTokenFromTemplate("sess_a2", "hasura")
      // Clerk's JWT-template category (@clerk/backend's JWT_CATEGORY_JWT_TEMPLATE): never a session token.
      assert.strictEqual(jose.decodeProtectedHeader(templated.jwt).cat, "cl_B7d4PD222AAA")
      const claims = yield* verify(templated.jwt)
      assert.isUndefined(claims.sts)
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
      assert.strictEqual(jose.decodeProtectedHeader(token.jwt).cat, "cl_B7d4PD111AAA")
      const claims = yield* verify(token.jwt)
      assert.strictEqual(claims.sts, "active")
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

  test("the JWKS serves the current key and follows a rotation (FakeClerk.rotateKey or POST /v1/__fake/rotate_key)", () =>
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

      // The same over HTTP, through the fake's own route.
      const overHttp = yield* raw("POST", "/__fake/rotate_key")
      assert.strictEqual(overHttp.status, 200)
      const { kid } = JSON.parse(overHttp.text)
      assert.strictEqual(kid, (yield* FakeClerk.publicKey).kid)
      assert.notStrictEqual(kid, rotated.kid)
      assert.deepStrictEqual(
        JSON.parse((yield* raw("GET", "/jwks")).text).keys.map((k: { kid: string }) => k.kid),
        [kid]
      )
    }))

  test("a missing or wrong secret key gets 401 authentication_invalid", () =>
    Effect.gen(function* () {
      for (const secret of [null, "sk_test_wrong"]) {
        const answer = yield* raw("GET", "/sessions/sess_a1", { secret })
        assert.strictEqual(answer.status, 401)
        assert.strictEqual(errorCode(answer), "authentication_invalid")
      }
    }))

  test("verify answers 410 operation_deprecated with Clerk's wording on every API version, whatever the body", () =>
    Effect.gen(function* () {
      const token = (yield* Sessions.createToken("sess_a1")).jwt
      const error = yield* failure(Sessions.verify("sess_a1", { token }))
      assert.strictEqual(error.status, 410)
      assert.deepStrictEqual(error.codes, ["operation_deprecated"])
      // Clerk answered this in January 2024, before dated API versions existed (clerk/clerk-sdk-ruby#43).
      const cases: ReadonlyArray<{ readonly path: string; readonly body?: string; readonly version?: string }> = [
        { path: "/sessions/sess_a1/verify", body: JSON.stringify({ token }), version: "2025-03-12" },
        { path: "/sessions/sess_a1/verify", body: JSON.stringify({ token }), version: "2021-02-05" },
        { path: "/sessions/sess_a1/verify", body: JSON.stringify({ token }) },
        { path: "/sessions/sess_a1/verify", version: "2024-10-01" },
        { path: "/sessions/sess_a2/verify", body: JSON.stringify({ token: "not.a.jwt" }), version: "2024-10-01" },
        { path: "/sessions/sess_missing/verify", body: "{nope" }
      ]
      for (const { body, path, version } of cases) {
        const answer = yield* raw("POST", path, {
          ...(body === undefined ? {} : { body }),
          headers: version === undefined ? {} : { "clerk-api-version": version }
        })
        assert.strictEqual(answer.status, 410, `${path} ${version ?? "no version"}`)
        assert.strictEqual(errorCode(answer), "operation_deprecated")
        const [entry] = JSON.parse(answer.text).errors
        assert.strictEqual(entry.message, "endpoint is deprecated and pending removal")
        assert.match(entry.long_message, /^This endpoint is deprecated and will be removed in future versions\. /)
        assert.include(entry.long_message, "https://clerk.com/docs/backend-requests/resources/session-tokens")
      }
      // The bearer key is still checked first.
      const anonymous = yield* raw("POST", "/sessions/sess_a1/verify", { secret: null })
      assert.strictEqual(anonymous.status, 401)
    }))
}
