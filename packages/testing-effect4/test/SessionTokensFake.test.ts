/**
 * SessionTokens against the fake backend: tokens minted by the fake, its JWKS
 * endpoint and its key rotation. (Here rather than in packages/backend-effect4/test
 * because backend must not reference testing in the tsc project graph.)
 */
import { Sessions, SessionTokens } from "@clerk-effect/backend-effect4"
import { assert, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as TestClock from "effect/testing/TestClock"
import type { FakeClerkOptions } from "../src/index.js"
import { FakeClerk } from "../src/index.js"

const options: FakeClerkOptions = {
  users: [{ id: "user_1" }],
  sessions: [{ id: "sess_1", userId: "user_1", clientId: "client_1", status: "active" }],
  jwtTemplates: [{ name: "hasura", claims: { role: "user" }, lifetime: 300 }]
}

const jwksRequests = FakeClerk.requests.pipe(
  Effect.map((requests) => requests.filter((request) => request.path === "/v1/jwks").length)
)

// FakeClerk.layer alone: Sessions, ClerkConfig and SessionTokens (JWKS mode) over the fake's client.
const withJwks = FakeClerk.layer(options)

const reasonOf = <A>(result: Result.Result<A, { readonly reason: string }>) =>
  Result.isFailure(result) ? result.failure.reason : "verified"

describe("SessionTokens with the fake backend", () => {
  it.effect("a session token minted by the fake verifies through its JWKS; one JWKS request", () =>
    Effect.gen(function* () {
      const { jwt } = yield* Sessions.createToken("sess_1")
      const claims = yield* SessionTokens.verify(jwt)
      expect(claims.sid).toBe("sess_1")
      expect(claims.sub).toBe("user_1")
      expect(claims.iss).toBe((yield* FakeClerk).issuer)
      yield* SessionTokens.verify((yield* Sessions.createToken("sess_1")).jwt)
      expect(yield* jwksRequests).toBe(1)
    }).pipe(Effect.provide(withJwks))
  )

  it.effect("1,000 concurrent verifications of fake tokens on a cold cache: one JWKS request", () =>
    Effect.gen(function* () {
      const { jwt } = yield* Sessions.createToken("sess_1")
      const results = yield* Effect.all(
        Array.from({ length: 1000 }, () => SessionTokens.verify(jwt)),
        { concurrency: "unbounded" }
      )
      expect(results.every((claims) => claims.sid === "sess_1")).toBe(true)
      expect(yield* jwksRequests).toBe(1)
    }).pipe(Effect.provide(withJwks))
  )

  it.effect("a JWT-template token from the fake is NotASessionToken", () =>
    Effect.gen(function* () {
      const { jwt } = yield* Sessions.createTokenFromTemplate("sess_1", "hasura")
      const result = yield* Effect.result(SessionTokens.verify(jwt))
      expect(reasonOf(result)).toBe("NotASessionToken")
    }).pipe(Effect.provide(withJwks))
  )

  it.effect("after the fake rotates its key, a token with the new kid verifies after one refetch", () =>
    Effect.gen(function* () {
      const before = (yield* Sessions.createToken("sess_1")).jwt
      yield* SessionTokens.verify(before)
      const rotated = yield* FakeClerk.rotateKey
      const after = (yield* Sessions.createToken("sess_1")).jwt
      const claims = yield* SessionTokens.verify(after)
      expect(claims.sid).toBe("sess_1")
      expect(yield* jwksRequests).toBe(2)
      expect(JSON.parse(Buffer.from(after.split(".")[0]!, "base64url").toString()).kid).toBe(rotated.kid)
      // The fake serves only the new key: the old kid is gone for good.
      expect(reasonOf(yield* Effect.result(SessionTokens.verify(before)))).toBe("KeyNotFound")
    }).pipe(Effect.provide(withJwks))
  )

  it.effect("a fake token expires with the TestClock", () =>
    Effect.gen(function* () {
      const { jwt } = yield* Sessions.createToken("sess_1", { expiresInSeconds: 60 })
      yield* SessionTokens.verify(jwt)
      yield* TestClock.adjust("66 seconds")
      expect(reasonOf(yield* Effect.result(SessionTokens.verify(jwt)))).toBe("Expired")
    }).pipe(Effect.provide(withJwks))
  )

  it.effect("claims signed by the fake without sid are NotASessionToken", () =>
    Effect.gen(function* () {
      const fake = yield* FakeClerk
      const templateLike = yield* fake.signClaims({ sub: "user_1", iss: fake.issuer, iat: 0, nbf: 0, exp: 60 })
      expect(reasonOf(yield* Effect.result(SessionTokens.verify(templateLike)))).toBe("NotASessionToken")
    }).pipe(Effect.provide(withJwks))
  )

  it.effect("networkless with the fake's PEM: verifies, and never calls GET /jwks", () =>
    Effect.gen(function* () {
      const fake = yield* FakeClerk
      const { pem } = yield* fake.publicKey
      const { jwt } = yield* Sessions.createToken("sess_1")
      const tokens = yield* SessionTokens.make({ jwtKey: pem })
      const claims = yield* tokens.verify(jwt)
      expect(claims.sid).toBe("sess_1")
      expect(yield* jwksRequests).toBe(0)
      // A token signed after a rotation does not match the configured PEM.
      yield* fake.rotateKey
      const next = (yield* Sessions.createToken("sess_1")).jwt
      const result = yield* Effect.result(tokens.verify(next))
      assert(Result.isFailure(result))
      expect(result.failure.reason).toBe("InvalidSignature")
    }).pipe(Effect.provide(FakeClerk.layer(options)))
  )
})
