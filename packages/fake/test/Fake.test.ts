/**
 * The plain core through `receive`: routing and Clerk's answers in the wire
 * format, bearer-key checks, the request log, faults and latency as steps
 * (the core never waits and never reads a clock: the times it uses are the
 * ones the test hands it).
 */
import * as jose from "jose"
import { assert, describe, it } from "vitest"
import { FAKE_PUBLISHABLE_KEY, FAKE_ROTATE_KEY_PATH, FAKE_SECRET_KEY, publishableKeyFor } from "../src/Fake.js"
import * as Fault from "../src/Fault.js"
import { DAY, drive, errorCode, fakeOf, NOW, request, send } from "./support.js"

const seeded = () =>
  fakeOf({
    users: [{ id: "user_1" }],
    sessions: [
      { id: "sess_old", user_id: "user_1", client_id: "client_1", created_at: NOW - 2 * DAY },
      { id: "sess_new", user_id: "user_1", client_id: "client_2", created_at: NOW - DAY },
      { id: "sess_gone", user_id: "user_1", client_id: "client_1", status: "revoked", created_at: NOW - 3 * DAY }
    ],
    jwt_templates: [{ name: "hasura", claims: { role: "user", user: "{{user.id}}" }, lifetime: 120 }]
  })

describe("the plain core: Clerk's answers in the wire format", () => {
  it("GET /v1/sessions/{id}: the stored wire session; 404 resource_not_found for an unknown id", async () => {
    const fake = await seeded()
    const ok = await send(fake, "GET", "/v1/sessions/sess_new")
    assert.strictEqual(ok.status, 200)
    assert.strictEqual(ok.headers["content-type"], "application/json")
    assert.deepStrictEqual(ok.json, fake.getSession("sess_new"))
    assert.strictEqual(ok.json.user_id, "user_1")
    assert.strictEqual(ok.json.expire_at, NOW - DAY + 7 * DAY)
    const missing = await send(fake, "GET", "/v1/sessions/sess_nope")
    assert.strictEqual(missing.status, 404)
    assert.strictEqual(errorCode(missing.json), "resource_not_found")
    assert.deepStrictEqual(missing.json.errors[0].meta, { param_name: "session_id" })
    // The trace id of the body is also the Clerk-Trace-Id header.
    assert.strictEqual(missing.headers["clerk-trace-id"], missing.json.clerk_trace_id)
  })

  it("GET /v1/sessions: newest first, paginated envelope or bare array, filters checked", async () => {
    const fake = await seeded()
    const page = await send(fake, "GET", "/v1/sessions?user_id=user_1&paginated=true&limit=2")
    assert.deepStrictEqual(
      page.json.data.map((s: { id: string }) => s.id),
      ["sess_new", "sess_old"]
    )
    assert.strictEqual(page.json.total_count, 3)
    const bare = await send(fake, "GET", "/v1/sessions?client_id=client_1&status=revoked")
    assert.deepStrictEqual(
      bare.json.map((s: { id: string }) => s.id),
      ["sess_gone"]
    )
    const unfiltered = await send(fake, "GET", "/v1/sessions")
    assert.strictEqual(unfiltered.status, 422)
    assert.strictEqual(errorCode(unfiltered.json), "form_param_missing")
    const badLimit = await send(fake, "GET", "/v1/sessions?user_id=user_1&limit=501")
    assert.strictEqual(errorCode(badLimit.json), "form_param_value_invalid")
    const badStatus = await send(fake, "GET", "/v1/sessions?user_id=user_1&status=pending")
    assert.strictEqual(errorCode(badStatus.json), "form_param_value_invalid")
  })

  it("POST /v1/sessions: created at the time the face gives; unknown user 404; a bad body 422", async () => {
    const fake = await seeded()
    const created = await send(fake, "POST", "/v1/sessions", { body: { user_id: "user_1" }, now: NOW + 5 })
    assert.strictEqual(created.status, 200)
    assert.strictEqual(created.json.created_at, NOW + 5)
    assert.strictEqual(created.json.status, "active")
    assert.match(created.json.id, /^sess_/)
    assert.deepStrictEqual(fake.sessions()[0], created.json)
    const unknown = await send(fake, "POST", "/v1/sessions", { body: { user_id: "user_nope" } })
    assert.strictEqual(unknown.status, 404)
    const missing = await send(fake, "POST", "/v1/sessions", { body: {} })
    assert.strictEqual(missing.status, 422)
    assert.strictEqual(errorCode(missing.json), "form_param_missing")
    const wrongType = await send(fake, "POST", "/v1/sessions", { body: { user_id: 5 } })
    assert.strictEqual(errorCode(wrongType.json), "form_param_format_invalid")
    const notJson = await send(fake, "POST", "/v1/sessions", { body: "{" })
    assert.strictEqual(notJson.status, 400)
    assert.strictEqual(errorCode(notJson.json), "request_body_invalid")
  })

  it("POST /v1/sessions/{id}/revoke: revoked at the face's time, twice the same", async () => {
    const fake = await seeded()
    const revoked = await send(fake, "POST", "/v1/sessions/sess_new/revoke", { now: NOW + 7 })
    assert.strictEqual(revoked.json.status, "revoked")
    assert.strictEqual(revoked.json.updated_at, NOW + 7)
    const again = await send(fake, "POST", "/v1/sessions/sess_new/revoke", { now: NOW + 9 })
    assert.deepStrictEqual(again.json, revoked.json)
  })

  it("tokens: RS256 with Clerk's claims at the face's time, verified by the JWKS; templates; refresh", async () => {
    const fake = await seeded()
    const jwks = await send(fake, "GET", "/v1/jwks")
    const keys = jose.createLocalJWKSet(jwks.json)
    const token = await send(fake, "POST", "/v1/sessions/sess_new/tokens", {
      body: { expires_in_seconds: 300 },
      headers: { origin: "https://app.example" }
    })
    const { payload, protectedHeader } = await jose.jwtVerify(token.json.jwt, keys, {
      currentDate: new Date(NOW)
    })
    assert.strictEqual(protectedHeader.kid, fake.publicKey().kid)
    assert.strictEqual(payload.sid, "sess_new")
    assert.strictEqual(payload.sub, "user_1")
    assert.strictEqual(payload.iat, NOW / 1000)
    assert.strictEqual(payload.exp, NOW / 1000 + 300)
    assert.strictEqual(payload.azp, "https://app.example")
    const template = await send(fake, "POST", "/v1/sessions/sess_new/tokens/hasura")
    const claims = jose.decodeJwt(template.json.jwt)
    assert.strictEqual(claims.user, "user_1")
    assert.strictEqual(claims.exp, NOW / 1000 + 120)
    assert.isUndefined(claims.sid)
    const unknownTemplate = await send(fake, "POST", "/v1/sessions/sess_new/tokens/nope")
    assert.strictEqual(unknownTemplate.status, 404)
    const revoked = await send(fake, "POST", "/v1/sessions/sess_gone/tokens")
    assert.strictEqual(revoked.status, 404)
    const fractional = await send(fake, "POST", "/v1/sessions/sess_new/tokens", {
      body: '{"expires_in_seconds": 60.0}'
    })
    assert.strictEqual(errorCode(fractional.json), "request_body_invalid")

    const refreshed = await send(fake, "POST", "/v1/sessions/sess_new/refresh", {
      body: {
        expired_token: token.json.jwt,
        refresh_token: "r",
        request_origin: "https://app.example",
        format: "cookie"
      },
      now: NOW + 1000
    })
    assert.strictEqual(refreshed.json.object, "cookies")
    assert.include(refreshed.json.cookies[1], `__client_uat=${NOW / 1000 + 1}`)
    const foreign = await send(fake, "POST", "/v1/sessions/sess_old/refresh", {
      body: { expired_token: token.json.jwt, refresh_token: "r", request_origin: "o" }
    })
    assert.strictEqual(foreign.status, 401)
    const incomplete = await send(fake, "POST", "/v1/sessions/sess_new/refresh", { body: { refresh_token: "r" } })
    assert.strictEqual(incomplete.status, 400)
    assert.strictEqual(errorCode(incomplete.json), "form_param_missing")
  })

  it("verify answers 410 operation_deprecated; an unknown path 404", async () => {
    const fake = await seeded()
    const verify = await send(fake, "POST", "/v1/sessions/sess_new/verify", { body: { token: "x" } })
    assert.strictEqual(verify.status, 410)
    assert.strictEqual(errorCode(verify.json), "operation_deprecated")
    assert.strictEqual((await send(fake, "GET", "/v2/sessions/sess_new")).status, 404)
    assert.strictEqual((await send(fake, "DELETE", "/v1/sessions/sess_new")).status, 404)
  })

  it("the bearer key: 401 authentication_invalid without it or with another", async () => {
    const fake = await fakeOf({ secretKey: "sk_test_mine" })
    assert.strictEqual(fake.secretKey, "sk_test_mine")
    const none = await send(fake, "GET", "/v1/jwks", { auth: false })
    assert.strictEqual(none.status, 401)
    assert.strictEqual(errorCode(none.json), "authentication_invalid")
    const other = await send(fake, "GET", "/v1/jwks", {
      auth: false,
      headers: { authorization: `Bearer ${FAKE_SECRET_KEY}` }
    })
    assert.strictEqual(other.status, 401)
  })

  it("the publishable key follows the issuer's host", async () => {
    assert.strictEqual((await fakeOf()).publishableKey, FAKE_PUBLISHABLE_KEY)
    assert.match(FAKE_PUBLISHABLE_KEY, /^pk_test_/)
    assert.match(publishableKeyFor("https://clerk.example.com"), /^pk_live_/)
    assert.strictEqual(
      atob(publishableKeyFor("https://clerk.example.com").slice("pk_live_".length)),
      "clerk.example.com$"
    )
  })
})

describe("the plain core: log, faults and latency as steps", () => {
  it("records every Clerk request without its authorization header; clearRequests empties the log", async () => {
    const fake = await seeded()
    await send(fake, "GET", "/v1/sessions?user_id=user_1", { headers: { "x-custom": "1" } })
    await send(fake, "POST", "/v1/sessions", { body: { user_id: "user_1" } })
    const log = fake.requests()
    assert.deepStrictEqual(
      log.map((r) => [r.method, r.path, r.query]),
      [
        ["GET", "/v1/sessions", "user_id=user_1"],
        ["POST", "/v1/sessions", ""]
      ]
    )
    assert.deepStrictEqual(log[0]!.headers, { "x-custom": "1" })
    assert.strictEqual(log[1]!.body, '{"user_id":"user_1"}')
    fake.clearRequests()
    assert.deepStrictEqual(fake.requests(), [])
  })

  it("latency is a Wait step of the configured millis, then a latency fault's own; clearFaults ends both", async () => {
    const fake = await seeded()
    fake.setLatency(250)
    fake.injectFault(Fault.latency(1000))
    const first = await drive(fake.receive(request(fake, "GET", "/v1/jwks")))
    assert.deepStrictEqual(first.waits, [250, 1000])
    assert.strictEqual(first.reply._tag === "Respond" && first.reply.status, 200)
    assert.deepStrictEqual((await drive(fake.receive(request(fake, "GET", "/v1/jwks")))).waits, [250])
    fake.clearFaults()
    assert.deepStrictEqual((await drive(fake.receive(request(fake, "GET", "/v1/jwks")))).waits, [])
  })

  it("a fault is taken once the configured latency has passed: a request abandoned while waiting leaves it", async () => {
    const fake = await seeded()
    fake.setLatency(100)
    fake.injectFault(Fault.internalError())
    const abandoned = fake.receive(request(fake, "GET", "/v1/jwks"))
    assert.strictEqual(abandoned._tag, "Wait")
    // Never asked for its next step: the next request gets the fault.
    const next = await drive(fake.receive(request(fake, "GET", "/v1/jwks")))
    assert.strictEqual(next.reply._tag === "Respond" && next.reply.status, 500)
  })

  it("faults apply in order, by scope and count; status faults leave the state unchanged", async () => {
    const fake = await seeded()
    fake.injectFault(Fault.rateLimited({ retryAfter: 3 }), { method: "POST", path: "/v1/sessions", times: 2 })
    fake.injectFault(Fault.htmlBadGateway(), { path: /revoke$/ })
    const get = await send(fake, "GET", "/v1/sessions/sess_new")
    assert.strictEqual(get.status, 200)
    for (let i = 0; i < 2; i++) {
      const limited = await send(fake, "POST", "/v1/sessions", { body: { user_id: "user_1" } })
      assert.strictEqual(limited.status, 429)
      assert.strictEqual(limited.headers["retry-after"], "3")
      assert.strictEqual(errorCode(limited.json), "too_many_requests")
    }
    assert.strictEqual(fake.sessions().length, 3)
    assert.strictEqual((await send(fake, "POST", "/v1/sessions", { body: { user_id: "user_1" } })).status, 200)
    const { reply } = await drive(fake.receive(request(fake, "POST", "/v1/sessions/sess_new/revoke")))
    assert.deepInclude(reply, { _tag: "Respond", status: 502, headers: { "content-type": "text/html" } })
    assert.strictEqual(fake.getSession("sess_new")?.status, "active")
  })

  it("faults after processing: the state changed, the answer breaks", async () => {
    const fake = await seeded()
    fake.injectFault(Fault.connectionReset({ afterProcessing: true }))
    fake.injectFault(Fault.malformedBody())
    fake.injectFault(Fault.truncatedBody())
    fake.injectFault(Fault.neverEndingBody())
    fake.injectFault(Fault.connectionReset())
    const create = () => drive(fake.receive(request(fake, "POST", "/v1/sessions", { body: { user_id: "user_1" } })))
    assert.deepStrictEqual((await create()).reply, { _tag: "Reset" })
    const malformed = (await create()).reply
    assert.strictEqual(malformed._tag, "Respond")
    assert.throws(() => JSON.parse(malformed._tag === "Respond" ? malformed.body : ""))
    const truncated = (await create()).reply
    assert.strictEqual(truncated._tag, "Truncated")
    if (truncated._tag === "Truncated")
      assert.isBelow(truncated.sentBytes, new TextEncoder().encode(truncated.body).length)
    assert.strictEqual((await create()).reply._tag, "NeverEnding")
    assert.deepStrictEqual((await create()).reply, { _tag: "Reset" })
    // Four were processed (the last reset was before processing).
    assert.strictEqual(fake.sessions().length, 3 + 4)
  })

  it("the rotate-key route: its own, not logged, no faults; needs the key; rotation changes the JWKS", async () => {
    const fake = await seeded()
    const before = fake.publicKey()
    fake.injectFault(Fault.internalError())
    fake.setLatency(1000)
    assert.strictEqual((await send(fake, "POST", FAKE_ROTATE_KEY_PATH, { auth: false })).status, 401)
    assert.strictEqual((await send(fake, "GET", FAKE_ROTATE_KEY_PATH)).status, 404)
    const { reply, waits } = await drive(fake.receive(request(fake, "POST", FAKE_ROTATE_KEY_PATH)))
    assert.deepStrictEqual(waits, [])
    const rotated = JSON.parse(reply._tag === "Respond" ? reply.body : "")
    assert.strictEqual(rotated.object, "fake_signing_key")
    assert.notStrictEqual(rotated.kid, before.kid)
    assert.deepStrictEqual(fake.publicKey(), { kid: rotated.kid, jwk: rotated.jwk, pem: rotated.pem })
    assert.deepStrictEqual(fake.requests(), [])
    fake.clearFaults()
    const jwks = await send(fake, "GET", "/v1/jwks")
    assert.deepStrictEqual(
      jwks.json.keys.map((k: { kid: string }) => k.kid),
      [rotated.kid]
    )
  })

  it("two fakes share the process's key material under kids of their own; signClaims signs with the current key", async () => {
    const [a, b] = await Promise.all([fakeOf(), fakeOf()])
    assert.notStrictEqual(a.publicKey().kid, b.publicKey().kid)
    const jwt = await a.signClaims({ sub: "x" })
    assert.strictEqual(jose.decodeProtectedHeader(jwt).kid, a.publicKey().kid)
  })

  it("addUser, addSession (defaults as of the time given), addJwtTemplate", async () => {
    const fake = await fakeOf()
    fake.addUser({ id: "user_9" })
    assert.strictEqual((await send(fake, "POST", "/v1/sessions", { body: { user_id: "user_9" } })).status, 200)
    const added = fake.addSession({ user_id: "user_9", expire_at: NOW + 10 }, NOW + 10)
    assert.strictEqual(added.status, "expired")
    assert.strictEqual(added.created_at, NOW + 10)
    fake.addJwtTemplate({ name: "t", claims: { sid: "{{session.id}}" } })
    const token = await send(fake, "POST", `/v1/sessions/${fake.sessions()[1]!.id}/tokens/t`)
    assert.strictEqual(jose.decodeJwt(token.json.jwt).sid, fake.sessions()[1]!.id)
  })
})
