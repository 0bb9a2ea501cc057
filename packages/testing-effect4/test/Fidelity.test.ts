/**
 * Fidelity: the loopback fake driven by Clerk's own `@clerk/backend`, a client
 * we did not write. Real time (`it.live`), because `verifyToken` checks
 * `exp`/`iat` against the wall clock.
 */
import { createClerkClient, verifyToken } from "@clerk/backend"
import { Sessions } from "@clerk-effect/backend-effect4"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as jose from "jose"
import { FakeClerk, FakeClerkServer, Fault } from "../src/index.js"

const SECRET = "sk_test_fidelity_secret"
const ORIGIN = "https://app.example.com"

const layer = FakeClerk.layerServer({
  secretKey: SECRET,
  users: [{ id: "user_1" }],
  sessions: [
    { id: "sess_old", userId: "user_1", clientId: "client_1", createdAt: Date.now() - 60_000 },
    { id: "sess_older", userId: "user_1", clientId: "client_2", createdAt: Date.now() - 120_000 }
  ],
  jwtTemplates: [{ name: "supabase", claims: { role: "authenticated" }, lifetime: 120 }]
})

const clerkClient = FakeClerkServer.useSync((server) => createClerkClient({ secretKey: SECRET, apiUrl: server.url }))

describe("@clerk/backend against the loopback fake", () => {
  it.live("sessions: list with totalCount, get, create, revoke", () =>
    Effect.gen(function* () {
      const clerk = yield* clerkClient
      const created = yield* Effect.promise(() => clerk.sessions.createSession({ userId: "user_1" }))
      assert.strictEqual(created.status, "active")
      assert.strictEqual(created.userId, "user_1")

      const list = yield* Effect.promise(() => clerk.sessions.getSessionList({ userId: "user_1", limit: 2 }))
      assert.strictEqual(list.totalCount, 3)
      assert.deepStrictEqual(
        list.data.map((s) => s.id),
        [created.id, "sess_old"]
      )
      const page2 = yield* Effect.promise(() =>
        clerk.sessions.getSessionList({ userId: "user_1", limit: 2, offset: 2 })
      )
      assert.deepStrictEqual(
        page2.data.map((s) => s.id),
        ["sess_older"]
      )

      const got = yield* Effect.promise(() => clerk.sessions.getSession("sess_old"))
      assert.strictEqual(got.clientId, "client_1")

      const revoked = yield* Effect.promise(() => clerk.sessions.revokeSession("sess_old"))
      assert.strictEqual(revoked.status, "revoked")

      const missing = yield* Effect.flip(Effect.tryPromise(() => clerk.sessions.getSession("sess_missing")))
      const apiError = missing.cause as { status: number; errors: Array<{ code: string }>; clerkTraceId?: string }
      assert.strictEqual(apiError.status, 404)
      assert.strictEqual(apiError.errors[0]!.code, "resource_not_found")
      assert.isString(apiError.clerkTraceId)
    }).pipe(Effect.provide(layer))
  )

  it.live("tokens: getToken with and without a template, verified by verifyToken (PEM and JWKS)", () =>
    Effect.gen(function* () {
      const clerk = yield* clerkClient
      const server = yield* FakeClerkServer
      const { pem } = yield* FakeClerk.publicKey

      const { jwt } = yield* Effect.promise(() => clerk.sessions.getToken("sess_older"))
      // Networkless, with the PEM.
      const viaPem = yield* Effect.promise(() => verifyToken(jwt, { jwtKey: pem }))
      assert.strictEqual(viaPem.sid, "sess_older")
      assert.strictEqual(viaPem.sub, "user_1")
      assert.strictEqual(viaPem.v, 2)
      // Through the fake's JWKS endpoint.
      const viaJwks = yield* Effect.promise(() =>
        verifyToken(jwt, { secretKey: SECRET, apiUrl: server.url, skipJwksCache: true })
      )
      assert.strictEqual(viaJwks.sid, "sess_older")

      const long = yield* Effect.promise(() => clerk.sessions.getToken("sess_older", undefined, 600))
      const longClaims = jose.decodeJwt(long.jwt)
      assert.strictEqual(longClaims.exp! - longClaims.iat!, 600)

      const templated = yield* Effect.promise(() => clerk.sessions.getToken("sess_older", "supabase"))
      const claims = yield* Effect.promise(() => verifyToken(templated.jwt, { jwtKey: pem }))
      assert.strictEqual(claims.role, "authenticated")
      assert.isUndefined(claims.sid)

      // Another key: rejected.
      const rotated = yield* FakeClerk.rotateKey
      // verifyToken rejects (throws) when the signature does not match.
      const stale = yield* Effect.flip(Effect.tryPromise(() => verifyToken(jwt, { jwtKey: rotated.pem })))
      assert.include(String(stale.cause), "signature")
    }).pipe(Effect.provide(layer))
  )

  it.live("azp: a token minted with an Origin passes authorizedParties only for that origin", () =>
    Effect.gen(function* () {
      const fake = yield* FakeClerk
      const server = yield* FakeClerkServer
      const response = yield* Effect.promise(() =>
        fetch(`${server.url}/v1/sessions/sess_older/tokens`, {
          method: "POST",
          headers: { authorization: `Bearer ${SECRET}`, origin: ORIGIN }
        })
      )
      const { jwt } = (yield* Effect.promise(() => response.json())) as { jwt: string }
      const { pem } = yield* fake.publicKey
      const ok = yield* Effect.promise(() => verifyToken(jwt, { jwtKey: pem, authorizedParties: [ORIGIN] }))
      assert.strictEqual(ok.azp, ORIGIN)
      const other = yield* Effect.flip(
        Effect.tryPromise(() => verifyToken(jwt, { jwtKey: pem, authorizedParties: ["https://evil.example.com"] }))
      )
      assert.include(String(other.cause), "azp")
    }).pipe(Effect.provide(layer))
  )

  it.live("errors as @clerk/backend reads them: 410 verify, 401 wrong key, 429 with retryAfter", () =>
    Effect.gen(function* () {
      const clerk = yield* clerkClient
      const server = yield* FakeClerkServer
      type ApiError = { status: number; errors: Array<{ code: string }>; retryAfter?: number; clerkTraceId?: string }
      const apiError = <A>(promise: () => Promise<A>) =>
        Effect.map(Effect.flip(Effect.tryPromise(promise)), (error) => error.cause as ApiError)

      const deprecated = yield* apiError(() => clerk.sessions.verifySession("sess_old", "token"))
      assert.strictEqual(deprecated.status, 410)
      assert.strictEqual(deprecated.errors[0]!.code, "operation_deprecated")

      const wrongKey = createClerkClient({ secretKey: "sk_test_wrong", apiUrl: server.url })
      const unauthenticated = yield* apiError(() => wrongKey.sessions.getSession("sess_old"))
      assert.strictEqual(unauthenticated.status, 401)
      assert.strictEqual(unauthenticated.errors[0]!.code, "authentication_invalid")

      yield* FakeClerk.injectFault(Fault.rateLimited({ retryAfter: 3 }))
      const limited = yield* apiError(() => clerk.sessions.getSession("sess_old"))
      assert.strictEqual(limited.status, 429)
      assert.strictEqual(limited.retryAfter, 3)
      assert.isString(limited.clerkTraceId)
    }).pipe(Effect.provide(layer))
  )

  it.live("differential: @clerk/backend and backend-effect4 read the same sessions alike from the same server", () =>
    Effect.gen(function* () {
      const clerk = yield* clerkClient
      const created = yield* Sessions.create({ userId: "user_1" })
      yield* Sessions.revoke("sess_older")
      for (const id of [created.id, "sess_old", "sess_older"]) {
        const theirs = yield* Effect.promise(() => clerk.sessions.getSession(id))
        const ours = yield* Sessions.get(id)
        assert.deepStrictEqual(
          [ours.id, ours.userId, ours.clientId, ours.status, ours.lastActiveAt, ours.expireAt, ours.abandonAt],
          [
            theirs.id,
            theirs.userId,
            theirs.clientId,
            theirs.status,
            theirs.lastActiveAt,
            theirs.expireAt,
            theirs.abandonAt
          ]
        )
        assert.deepStrictEqual([ours.createdAt, ours.updatedAt], [theirs.createdAt, theirs.updatedAt])
      }
      const theirs = yield* Effect.promise(() => clerk.sessions.getSessionList({ userId: "user_1", limit: 10 }))
      const ours = yield* Sessions.list({ userId: "user_1", limit: 10 })
      assert.strictEqual(ours.totalCount, theirs.totalCount)
      assert.deepStrictEqual(
        ours.data.map((s) => [s.id, s.status]),
        theirs.data.map((s) => [s.id, s.status])
      )
    }).pipe(Effect.provide(layer))
  )
})
