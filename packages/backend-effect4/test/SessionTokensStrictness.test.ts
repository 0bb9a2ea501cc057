/**
 * The three places where SessionTokens once accepted a token that
 * `@clerk/backend` refuses (issue 12), the `issuer` option, and the stricter
 * structural and time rules. Each test here failed before its fix.
 */
import { assert, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import type { JWTPayload } from "jose"
import type { SessionTokensOptions, VerifyOptions } from "../src/SessionTokens.js"
import { SessionTokens } from "../src/SessionTokens.js"
import {
  atNow,
  expectRejected,
  jwksLayer,
  keyA,
  makeJwksServer,
  mintEffect,
  NOW,
  sessionClaims
} from "./SessionTokensFixtures.js"

const APP = "https://app.example.com"
const ISSUER = "https://clerk.example.accounts.dev"

const pemLayer = (options: Omit<SessionTokensOptions, "jwtKey"> = {}) =>
  SessionTokens.layer({ jwtKey: keyA.publicPem, ...options })

const without = (claim: string, payload: JWTPayload = sessionClaims()): JWTPayload => {
  const { [claim]: _dropped, ...rest } = payload
  return rest
}

/** Signs an arbitrary signing input (`header.payload`, as text) with key A, RS256. */
const signRaw = (signingInput: string) =>
  Effect.promise(async () => {
    const signature = await crypto.subtle.sign(
      "RSASSA-PKCS1-v1_5",
      keyA.privateKey,
      new TextEncoder().encode(signingInput)
    )
    return `${signingInput}.${Buffer.from(signature).toString("base64url")}`
  })

const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url")

describe("azp when authorizedParties is configured (divergence 1)", () => {
  it.effect("a token without azp, or with an empty one, is UnauthorizedParty", () =>
    Effect.gen(function* () {
      yield* atNow
      const error = yield* expectRejected(yield* mintEffect(without("azp")), "UnauthorizedParty")
      expect(error.message).toBe("The session token has no azp, and authorized parties are configured")
      yield* expectRejected(yield* mintEffect(sessionClaims({ azp: "" })), "UnauthorizedParty")
      expect((yield* SessionTokens.verify(yield* mintEffect())).azp).toBe(APP)
    }).pipe(Effect.provide(pemLayer({ authorizedParties: [APP] })))
  )

  it.effect("per call too; without authorized parties a token without azp passes", () =>
    Effect.gen(function* () {
      yield* atNow
      const noAzp = yield* mintEffect(without("azp"))
      expect((yield* SessionTokens.verify(noAzp)).azp).toBeUndefined()
      yield* expectRejected(noAzp, "UnauthorizedParty", { authorizedParties: [APP] })
      // An empty list checks nothing, as in @clerk/backend.
      yield* SessionTokens.verify(noAzp, { authorizedParties: [] })
    }).pipe(Effect.provide(pemLayer()))
  )

  it.effect("authorizedParties given as a string (from JavaScript) is refused, not a substring match", () =>
    Effect.gen(function* () {
      yield* atNow
      const token = yield* mintEffect(sessionClaims({ azp: "https://app" }))
      const error = yield* expectRejected(token, "UnauthorizedParty", {
        authorizedParties: APP as unknown as ReadonlyArray<string>
      })
      expect(error.message).toContain("authorizedParties is not a list of strings")
    }).pipe(Effect.provide(pemLayer()))
  )
})

describe("the header's typ (divergence 2)", () => {
  it.effect("an OAuth access token (typ at+jwt) carrying a sid is NotASessionToken", () =>
    Effect.gen(function* () {
      yield* atNow
      for (const typ of ["at+jwt", "application/at+jwt", "jwt", "JWS", null, 1]) {
        const token = yield* mintEffect(sessionClaims(), { header: { typ } })
        const error = yield* expectRejected(token, "NotASessionToken")
        expect(error.message).toContain("typ")
      }
    }).pipe(Effect.provide(pemLayer()))
  )

  it.effect("typ absent or exactly JWT is a session token", () =>
    Effect.gen(function* () {
      yield* atNow
      yield* SessionTokens.verify(yield* mintEffect(sessionClaims(), { header: { typ: "JWT" } }))
      yield* SessionTokens.verify(yield* mintEffect(sessionClaims(), { header: { typ: undefined } }))
    }).pipe(Effect.provide(pemLayer()))
  )
})

describe("a PEM key verifies RS256 only (divergence 3)", () => {
  it.effect("RS384 and RS512 signatures by the right key are KeyNotFound with a PEM", () =>
    Effect.gen(function* () {
      yield* atNow
      for (const alg of ["RS384", "RS512"] as const) {
        const error = yield* expectRejected(yield* mintEffect(sessionClaims(), { alg }), "KeyNotFound")
        expect(error.message).toBe(
          `No verification key: the PEM key verifies RS256 tokens only, the token's algorithm is ${alg}`
        )
      }
      yield* SessionTokens.verify(yield* mintEffect(sessionClaims(), { alg: "RS256" }))
    }).pipe(Effect.provide(pemLayer()))
  )

  it.effect("a JWK is pinned to its own alg; a JWK without alg verifies every RSA algorithm", () => {
    const { alg: _alg, ...withoutAlg } = keyA.publicJwk
    const pinned = makeJwksServer([keyA.publicJwk])
    const open = makeJwksServer([withoutAlg])
    return Effect.gen(function* () {
      yield* atNow
      const rs512 = yield* mintEffect(sessionClaims(), { alg: "RS512" })
      yield* expectRejected(rs512, "KeyNotFound").pipe(Effect.provide(jwksLayer(pinned)))
      const claims = yield* SessionTokens.verify(rs512).pipe(Effect.provide(jwksLayer(open)))
      expect(claims.sid).toBe("sess_123")
    })
  })
})

describe("issuer", () => {
  const other = "https://clerk.other.example"

  it.effect("a string, a list or a predicate on the layer; another issuer is InvalidIssuer", () =>
    Effect.gen(function* () {
      yield* atNow
      const token = yield* mintEffect()
      const foreign = yield* mintEffect(sessionClaims({ iss: other }))
      const accepts: ReadonlyArray<SessionTokensOptions["issuer"]> = [
        ISSUER,
        ["https://clerk.third.example", ISSUER],
        (iss: string) => iss.endsWith(".accounts.dev")
      ]
      for (const issuer of accepts) {
        const layer = pemLayer({ issuer })
        expect((yield* SessionTokens.verify(token).pipe(Effect.provide(layer))).iss).toBe(ISSUER)
        const error = yield* expectRejected(foreign, "InvalidIssuer").pipe(Effect.provide(layer))
        expect(error.message).toBe("The session token's iss is not an accepted issuer")
      }
    })
  )

  it.effect("per call it overrides the layer; an empty list or empty strings check nothing", () =>
    Effect.gen(function* () {
      yield* atNow
      const token = yield* mintEffect()
      yield* expectRejected(token, "InvalidIssuer")
      yield* SessionTokens.verify(token, { issuer: ISSUER })
      yield* SessionTokens.verify(token, { issuer: [] })
      yield* SessionTokens.verify(token, { issuer: [""] })
      yield* expectRejected(token, "InvalidIssuer", { issuer: () => false })
    }).pipe(Effect.provide(pemLayer({ issuer: other })))
  )

  it.effect("a predicate must answer true: a truthy non-boolean is not acceptance", () =>
    Effect.gen(function* () {
      yield* atNow
      const predicate = (() => "yes") as unknown as (iss: string) => boolean
      yield* expectRejected(yield* mintEffect(), "InvalidIssuer", { issuer: predicate })
    }).pipe(Effect.provide(pemLayer()))
  )

  it.effect("an unusable issuer fails the layer with a ConfigError, and a call with InvalidIssuer", () =>
    Effect.gen(function* () {
      yield* atNow
      const bad = 42 as unknown as VerifyOptions["issuer"]
      for (const layer of [pemLayer({ issuer: bad }), jwksLayer(makeJwksServer(), { issuer: bad })]) {
        const exit = yield* Effect.exit(Layer.build(layer).pipe(Effect.scoped))
        assert(Exit.isFailure(exit))
        expect(String(exit.cause)).toContain("issuer is not a string, a list of strings or a function")
      }
      yield* expectRejected(yield* mintEffect(), "InvalidIssuer", { issuer: bad }).pipe(Effect.provide(pemLayer()))
    })
  )
})

describe("stricter than jose's decoder, as strict as Clerk's", () => {
  it.effect("validly signed tokens whose segments are not canonical base64url are Malformed", () =>
    Effect.gen(function* () {
      yield* atNow
      const header = segment({ alg: "RS256", typ: "JWT", kid: keyA.kid })
      // Characters whose base64 needs `-` and `_` in base64url.
      const payload = segment(sessionClaims({ note: "???>>>~~~" }))
      // The canonical form verifies.
      yield* SessionTokens.verify(yield* signRaw(`${header}.${payload}`))
      // Each decodes to the same bytes with atob (padding, whitespace, the base64 alphabet).
      expect(payload).toMatch(/[-_]/)
      const base64 = payload.replace(/-/g, "+").replace(/_/g, "/")
      for (const odd of [`${payload}==`, ` ${payload}`, `${payload.slice(0, 8)}\n${payload.slice(8)}`, base64]) {
        yield* expectRejected(yield* signRaw(`${header}.${odd}`), "Malformed")
      }
      // Stray bits in the last character: atob drops them, Clerk refuses them.
      const token = yield* signRaw(`${header}.${payload}`)
      const signature = token.split(".")[2]!
      const last = signature[signature.length - 1]!
      const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
      const stray = alphabet[alphabet.indexOf(last) | 1]!
      yield* expectRejected(`${header}.${payload}.${signature.slice(0, -1)}${stray}`, "Malformed")
    }).pipe(Effect.provide(pemLayer()))
  )

  it.effect("exp is read in whole seconds, as Clerk reads it: 4.5 s past the 5 s skew is expired", () =>
    Effect.gen(function* () {
      yield* atNow
      yield* expectRejected(yield* mintEffect(sessionClaims({ exp: NOW - 5 + 0.5 })), "Expired")
      yield* SessionTokens.verify(yield* mintEffect(sessionClaims({ exp: NOW - 4 + 0.5 })))
    }).pipe(Effect.provide(pemLayer()))
  )
})

describe("clockSkew that is not a duration (from JavaScript)", () => {
  it.effect("fails the layer with a ConfigError, and a call without a defect", () =>
    Effect.gen(function* () {
      yield* atNow
      const exit = yield* Effect.exit(Layer.build(pemLayer({ clockSkew: "soon" as never })).pipe(Effect.scoped))
      assert(Exit.isFailure(exit))
      expect(String(exit.cause)).toContain("clockSkew is not a duration")
      // Not `{}` as in the effect-3 suite: effect 4's Duration reads any object as
      // `{ seconds?, minutes?, ... }`, so `{}` is a zero skew there.
      const error = yield* expectRejected(yield* mintEffect(), "Expired", { clockSkew: "soon" as never }).pipe(
        Effect.provide(pemLayer())
      )
      expect(error.message).toContain("clockSkew is not a duration")
    })
  )
})
