/**
 * Key rotation for clients that are not Effect programs: the fake's own
 * `POST /v1/__fake/rotate_key` over loopback, and what Clerk's own
 * `@clerk/backend` sees after it (its JWKS cache keeps the old key).
 */
import { verifyToken } from "@clerk/backend"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as jose from "jose"
import { FAKE_ROTATE_KEY_PATH, FakeClerk, FakeClerkServer, Fault } from "../src/index.js"

const layer = FakeClerk.layerServer({
  users: [{ id: "user_1" }],
  sessions: [{ id: "sess_1", userId: "user_1", clientId: "client_1" }]
})

const call = (path: string, init: { readonly method: string; readonly secret?: string | null }) =>
  Effect.gen(function* () {
    const fake = yield* FakeClerk
    const server = yield* FakeClerkServer
    const secret = init.secret === undefined ? fake.secretKey : init.secret
    const response = yield* Effect.promise(() =>
      fetch(`${server.url}${path}`, {
        method: init.method,
        headers: secret === null ? {} : { authorization: `Bearer ${secret}` }
      })
    )
    const body = (yield* Effect.promise(() => response.json())) as Record<string, unknown>
    return { status: response.status, body }
  })

const mint = Effect.map(call("/v1/sessions/sess_1/tokens", { method: "POST" }), (answer) => String(answer.body.jwt))

describe("POST /v1/__fake/rotate_key (the fake's own route)", () => {
  it.live("rotates the signing key for any HTTP client; needs the secret key; is no Clerk request", () =>
    Effect.gen(function* () {
      assert.strictEqual(FAKE_ROTATE_KEY_PATH, "/v1/__fake/rotate_key")
      const before = yield* FakeClerk.publicKey
      const anonymous = yield* call(FAKE_ROTATE_KEY_PATH, { method: "POST", secret: null })
      assert.strictEqual(anonymous.status, 401)
      const wrongKey = yield* call(FAKE_ROTATE_KEY_PATH, { method: "POST", secret: "sk_test_wrong" })
      assert.strictEqual(wrongKey.status, 401)
      assert.strictEqual((yield* call(FAKE_ROTATE_KEY_PATH, { method: "GET" })).status, 404)
      assert.strictEqual((yield* FakeClerk.publicKey).kid, before.kid)

      // Faults and latency are for Clerk's routes: the one waiting is not spent on the fake's own route.
      yield* FakeClerk.injectFault(Fault.internalError())
      yield* FakeClerk.setLatency("2 seconds")
      const started = Date.now()
      const rotated = yield* call(FAKE_ROTATE_KEY_PATH, { method: "POST" })
      assert.isBelow(Date.now() - started, 1_000)
      yield* FakeClerk.setLatency(0)
      assert.strictEqual(rotated.status, 200)
      const after = yield* FakeClerk.publicKey
      assert.notStrictEqual(after.kid, before.kid)
      assert.deepStrictEqual(rotated.body, {
        object: "fake_signing_key",
        kid: after.kid,
        jwk: after.jwk,
        pem: after.pem
      })
      assert.strictEqual((yield* call("/v1/sessions/sess_1", { method: "GET" })).status, 500)

      const jwks = yield* call("/v1/jwks", { method: "GET" })
      assert.deepStrictEqual(
        (jwks.body.keys as ReadonlyArray<{ readonly kid: string }>).map((key) => key.kid),
        [after.kid]
      )
      assert.strictEqual(jose.decodeProtectedHeader(yield* mint).kid, after.kid)
      const paths = (yield* FakeClerk.requests).map((request) => request.path)
      assert.notInclude(paths, FAKE_ROTATE_KEY_PATH)
    }).pipe(Effect.provide(layer))
  )

  it.live(
    "@clerk/backend keeps the old key for its JWKS cache time: old tokens stop verifying only for fresh clients",
    () =>
      Effect.gen(function* () {
        const fake = yield* FakeClerk
        const server = yield* FakeClerkServer
        const viaJwks = { secretKey: fake.secretKey, apiUrl: server.url }
        const old = yield* mint
        // Verifying once fills @clerk/backend's process-wide JWKS cache for this apiUrl and key.
        assert.strictEqual((yield* Effect.promise(() => verifyToken(old, viaJwks))).sid, "sess_1")

        assert.strictEqual((yield* call(FAKE_ROTATE_KEY_PATH, { method: "POST" })).status, 200)
        const fresh = yield* mint

        // The warm client still accepts the old token: @clerk/backend adds the new key to its cache
        // and forgets the old one only when the cache expires (5 minutes without a fetch).
        assert.strictEqual((yield* Effect.promise(() => verifyToken(old, viaJwks))).sid, "sess_1")
        assert.strictEqual((yield* Effect.promise(() => verifyToken(fresh, viaJwks))).sid, "sess_1")
        // Even skipJwksCache only adds keys to that cache.
        const skipping = { ...viaJwks, skipJwksCache: true }
        assert.strictEqual((yield* Effect.promise(() => verifyToken(old, skipping))).sid, "sess_1")

        // A fresh client (another process; here another cache scope, the same server) refuses the old token.
        const freshClient = { secretKey: fake.secretKey, apiUrl: `${server.url}/` }
        const refused = yield* Effect.flip(Effect.tryPromise(() => verifyToken(old, freshClient)))
        assert.include(String(refused.error), "kid")
        assert.strictEqual((yield* Effect.promise(() => verifyToken(fresh, freshClient))).sid, "sess_1")
      }).pipe(Effect.provide(layer))
  )
})
