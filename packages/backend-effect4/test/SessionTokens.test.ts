/**
 * SessionTokens (effect-4 edition): both modes, every rejection reason, the
 * layer's configuration. A port of the effect-3 suite (packages/backend/test/
 * SessionTokens.test.ts); the exact messages are @clerk-effect/core's and are
 * pinned by the effect-3 tokenClaimsVerify suite and by SessionTokensMessages here.
 */
import { assert, describe, expect, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { TestClock } from "effect/testing"
import { SignJWT, UnsecuredJWT } from "jose"
import { ClerkConfig } from "../src/ClerkConfig.js"
import { SessionTokens } from "../src/SessionTokens.js"
import {
  atNow,
  expectRejected,
  intruderKey,
  jwksLayer,
  keyA,
  keyB,
  makeJwksServer,
  mintEffect,
  NOW,
  sessionClaims
} from "./SessionTokensFixtures.js"

const pemLayer = SessionTokens.layer({ jwtKey: keyA.publicPem })

describe("SessionTokens with a PEM key (no network)", () => {
  it.effect("verifies a session token and decodes its claims", () =>
    Effect.gen(function* () {
      yield* atNow
      const token = yield* mintEffect(sessionClaims({ custom: { plan: "pro" } }))
      const claims = yield* SessionTokens.verify(token)
      expect(claims).toMatchObject({
        sid: "sess_123",
        sub: "user_123",
        iss: "https://clerk.example.accounts.dev",
        azp: "https://app.example.com",
        iat: NOW - 2,
        nbf: NOW - 12,
        exp: NOW + 58,
        v: 2
      })
      expect(claims.organization).toBeUndefined()
      expect(claims.raw.custom).toEqual({ plan: "pro" })
    }).pipe(Effect.provide(pemLayer))
  )

  it.effect("reads v2 organization claims (o, fea) like Clerk's own parser", () =>
    Effect.gen(function* () {
      yield* atNow
      const token = yield* mintEffect(
        sessionClaims({
          fea: "o:invoices,u:profile,o:reports",
          o: { id: "org_1", slg: "acme", rol: "admin", per: "read,manage", fpm: "3,1" }
        })
      )
      const claims = yield* SessionTokens.verify(token)
      expect(claims.organization).toEqual({
        id: "org_1",
        slug: "acme",
        role: "org:admin",
        permissions: ["org:invoices:read", "org:invoices:manage", "org:reports:read"]
      })
    }).pipe(Effect.provide(pemLayer))
  )

  it.effect("reads v1 organization claims and the act claim", () =>
    Effect.gen(function* () {
      yield* atNow
      const { v: _v, ...v1 } = sessionClaims()
      const token = yield* mintEffect({
        ...v1,
        org_id: "org_2",
        org_slug: "globex",
        org_role: "org:member",
        org_permissions: ["org:sys_memberships:read"],
        act: { sub: "user_admin", iss: "https://dashboard.clerk.com" }
      })
      const claims = yield* SessionTokens.verify(token)
      expect(claims.v).toBeUndefined()
      expect(claims.organization).toEqual({
        id: "org_2",
        slug: "globex",
        role: "org:member",
        permissions: ["org:sys_memberships:read"]
      })
      expect(claims.act).toEqual({ sub: "user_admin", iss: "https://dashboard.clerk.com" })
    }).pipe(Effect.provide(pemLayer))
  )

  it.effect("InvalidSignature: a tampered payload", () =>
    Effect.gen(function* () {
      yield* atNow
      const [header, , signature] = (yield* mintEffect()).split(".")
      const forged = Buffer.from(JSON.stringify(sessionClaims({ sub: "user_admin" }))).toString("base64url")
      yield* expectRejected(`${header}.${forged}.${signature}`, "InvalidSignature")
    }).pipe(Effect.provide(pemLayer))
  )

  it.effect("InvalidSignature: signed by another key", () =>
    Effect.gen(function* () {
      yield* atNow
      yield* expectRejected(yield* mintEffect(sessionClaims(), { key: intruderKey }), "InvalidSignature")
    }).pipe(Effect.provide(pemLayer))
  )

  it.effect("Expired, and the 5 s default clock skew", () =>
    Effect.gen(function* () {
      yield* atNow
      yield* expectRejected(yield* mintEffect(sessionClaims({ exp: NOW - 6 })), "Expired")
      const withinSkew = yield* mintEffect(sessionClaims({ exp: NOW - 4 }))
      expect((yield* SessionTokens.verify(withinSkew)).exp).toBe(NOW - 4)
      yield* expectRejected(withinSkew, "Expired", { clockSkew: "1 second" })
    }).pipe(Effect.provide(pemLayer))
  )

  it.effect("Expired once the TestClock passes exp (+ skew)", () =>
    Effect.gen(function* () {
      yield* atNow
      const token = yield* mintEffect()
      yield* SessionTokens.verify(token)
      yield* TestClock.adjust("62 seconds")
      yield* SessionTokens.verify(token)
      yield* TestClock.adjust("1 second")
      yield* expectRejected(token, "Expired")
    }).pipe(Effect.provide(pemLayer))
  )

  it.effect("NotYetValid: nbf in the future beyond the skew", () =>
    Effect.gen(function* () {
      yield* atNow
      yield* expectRejected(yield* mintEffect(sessionClaims({ nbf: NOW + 30 })), "NotYetValid")
      yield* SessionTokens.verify(yield* mintEffect(sessionClaims({ nbf: NOW + 4 })))
    }).pipe(Effect.provide(pemLayer))
  )

  it.effect("IssuedInFuture: iat in the future beyond the skew", () =>
    Effect.gen(function* () {
      yield* atNow
      yield* expectRejected(yield* mintEffect(sessionClaims({ iat: NOW + 30 })), "IssuedInFuture")
    }).pipe(Effect.provide(pemLayer))
  )

  it.effect("UnauthorizedParty: azp not among authorizedParties (layer default and per call)", () =>
    Effect.gen(function* () {
      yield* atNow
      const token = yield* mintEffect()
      yield* expectRejected(token, "UnauthorizedParty")
      const claims = yield* SessionTokens.verify(token, { authorizedParties: ["https://app.example.com"] })
      expect(claims.azp).toBe("https://app.example.com")
      // No azp fails once parties are configured (see SessionTokensStrictness.test.ts).
      const { azp: _azp, ...noAzp } = sessionClaims()
      yield* expectRejected(yield* mintEffect(noAzp), "UnauthorizedParty")
    }).pipe(
      Effect.provide(SessionTokens.layer({ jwtKey: keyA.publicPem, authorizedParties: ["https://other.example"] }))
    )
  )

  it.effect("UnsupportedAlgorithm: alg none", () =>
    Effect.gen(function* () {
      yield* atNow
      const unsecured = new UnsecuredJWT(sessionClaims()).encode()
      yield* expectRejected(unsecured, "UnsupportedAlgorithm")
    }).pipe(Effect.provide(pemLayer))
  )

  it.effect("UnsupportedAlgorithm: HS256 signed with the public key as the HMAC secret", () =>
    Effect.gen(function* () {
      yield* atNow
      const confused = yield* Effect.promise(() =>
        new SignJWT(sessionClaims())
          .setProtectedHeader({ alg: "HS256", kid: keyA.kid })
          .sign(new TextEncoder().encode(keyA.publicPem))
      )
      yield* expectRejected(confused, "UnsupportedAlgorithm")
    }).pipe(Effect.provide(pemLayer))
  )

  it.effect("NotASessionToken: a JWT-template token (no sid), and a non-session cat header", () =>
    Effect.gen(function* () {
      yield* atNow
      const { sid: _sid, v: _v, ...template } = sessionClaims({ role: "user" })
      yield* expectRejected(yield* mintEffect(template), "NotASessionToken")
      const categorised = yield* mintEffect(sessionClaims(), { header: { cat: "cl_B7d4PD222AAA" } })
      yield* expectRejected(categorised, "NotASessionToken")
      // The session category itself is accepted.
      yield* SessionTokens.verify(yield* mintEffect(sessionClaims(), { header: { cat: "cl_B7d4PD111AAA" } }))
    }).pipe(Effect.provide(pemLayer))
  )

  it.effect("Malformed: not a JWS, a garbage header, a payload without required claims", () =>
    Effect.gen(function* () {
      yield* atNow
      yield* expectRejected("", "Malformed")
      yield* expectRejected("not-a-token", "Malformed")
      yield* expectRejected("!!!.???.###", "Malformed")
      yield* expectRejected("x".repeat(20_000), "Malformed")
      const { sub: _sub, ...noSubject } = sessionClaims()
      yield* expectRejected(yield* mintEffect(noSubject), "Malformed")
      yield* expectRejected(yield* mintEffect(sessionClaims({ exp: "tomorrow" as never })), "Malformed")
    }).pipe(Effect.provide(pemLayer))
  )

  it.effect("a bad PEM fails the layer with a ConfigError naming jwtKey, without the key", () =>
    Effect.gen(function* () {
      const broken = keyA.publicPem.replace(/[A-Za-z]{12}/, "AAAAAAAAAAAA").slice(0, 200)
      const exit = yield* Effect.exit(Layer.build(SessionTokens.layer({ jwtKey: broken })).pipe(Effect.scoped))
      assert(Exit.isFailure(exit))
      const text = String(exit.cause)
      expect(text).toContain("jwtKey")
      expect(text).not.toContain(broken.split("\n")[1]!)
    })
  )

  it.effect("layerConfig reads CLERK_JWT_KEY (escaped newlines too) and CLERK_AUTHORIZED_PARTIES", () =>
    Effect.gen(function* () {
      yield* atNow
      const token = yield* mintEffect()
      yield* expectRejected(token, "UnauthorizedParty")
      const claims = yield* SessionTokens.verify(yield* mintEffect(sessionClaims({ azp: "https://b.example" })))
      expect(claims.azp).toBe("https://b.example")
    }).pipe(
      Effect.provide(
        SessionTokens.layerConfig().pipe(
          // With CLERK_JWT_KEY the network is never used: a transport that dies proves it.
          Layer.provide(
            Layer.succeed(
              HttpClient.HttpClient,
              HttpClient.make(() => Effect.die("network used"))
            )
          ),
          Layer.provide(ClerkConfig.layer({ secretKey: Redacted.make("sk_test_unused") })),
          Layer.provide(
            ConfigProvider.layer(
              ConfigProvider.fromEnv({
                env: {
                  CLERK_JWT_KEY: keyA.publicPem.replace(/\n/g, "\\n"),
                  CLERK_AUTHORIZED_PARTIES: "https://a.example, https://b.example"
                }
              })
            )
          )
        )
      )
    )
  )
})

describe("SessionTokens with a JWKS (failure reasons)", () => {
  it.effect("KeyNotFound: a kid the instance does not have, after one refetch", () => {
    const server = makeJwksServer()
    return Effect.gen(function* () {
      yield* atNow
      const token = yield* mintEffect(sessionClaims(), { key: keyB })
      const error = yield* expectRejected(token, "KeyNotFound")
      expect(error.message).toContain("kid")
      expect(server.requests).toHaveLength(1)
    }).pipe(Effect.provide(jwksLayer(server)))
  })

  it.effect("KeyNotFound: a token without kid", () => {
    const server = makeJwksServer()
    return Effect.gen(function* () {
      yield* atNow
      yield* expectRejected(yield* mintEffect(sessionClaims(), { kid: undefined }), "KeyNotFound")
      expect(server.requests).toHaveLength(0)
    }).pipe(Effect.provide(jwksLayer(server)))
  })

  it.effect("JwksUnavailable: an error status, a body that is not a JWKS; no secret in the error", () => {
    const server = makeJwksServer()
    server.status = 401
    server.body = JSON.stringify({ errors: [{ code: "authentication_invalid", message: "bad key", long_message: "" }] })
    return Effect.gen(function* () {
      yield* atNow
      const token = yield* mintEffect()
      const unauthorized = yield* expectRejected(token, "JwksUnavailable")
      expect(unauthorized.message).toContain("401")
      server.status = 200
      server.body = `{"keys": "${keyA.publicJwk.n}"}`
      yield* TestClock.adjust("6 seconds")
      const garbled = yield* expectRejected(token, "JwksUnavailable")
      expect(garbled.message).toContain("InvalidResponse")
      expect(server.requests).toHaveLength(2)
    }).pipe(Effect.provide(jwksLayer(server)))
  })
})
