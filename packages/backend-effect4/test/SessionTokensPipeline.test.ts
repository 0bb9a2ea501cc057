/**
 * The verification pipeline (internal/tokenClaimsVerify.ts over
 * @clerk-effect/core's tokenChecks), driven directly with a key resolver of
 * our own: every rejection by reason AND by exact message, the length and
 * time boundaries, and per-call options over the layer's. A port of the
 * effect-3 suite of the same name: the same messages, from the same core.
 */
import type { KeyLookupFailure } from "@clerk-effect/core/jwksKeys"
import type { TokenRejection, VerifyChecks } from "@clerk-effect/core/tokenChecks"
import { verifyDefaults } from "@clerk-effect/core/tokenChecks"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { TestClock } from "effect/testing"
import { CompactSign, importJWK } from "jose"
import { readMillis } from "../src/internal/configErrors.js"
import { makeVerify } from "../src/internal/tokenClaimsVerify.js"
import type { VerifyOptions } from "../src/SessionTokens.js"
import { intruderKey, keyA, mint, NOW, sessionClaims } from "./SessionTokensFixtures.js"

type Rejection = TokenRejection

const publicKeyA = (await importJWK(keyA.publicJwk, "RS256")) as CryptoKey
const publicKeyA384 = (await importJWK(keyA.publicJwk, "RS384")) as CryptoKey

const defaults: VerifyChecks = { authorizedParties: undefined, issuer: undefined, skewMillis: 5000 }
const reject = (rejection: TokenRejection): Rejection => rejection

const verifyWith =
  (
    layer: Partial<VerifyChecks> = {},
    resolve: (kid: string | undefined) => Effect.Effect<CryptoKey, KeyLookupFailure> = () => Effect.succeed(publicKeyA)
  ) =>
  (token: string, options?: VerifyOptions) =>
    Effect.gen(function* () {
      yield* TestClock.setTime(NOW * 1000)
      return yield* Effect.result(makeVerify(resolve, { ...defaults, ...layer }, reject)(token, options))
    })

const rejection = <A>(result: Result.Result<A, Rejection>): Rejection => {
  if (Result.isSuccess(result)) throw new Error("expected a rejection")
  return result.failure
}

const verify = verifyWith()

/** A token signed by keyA over any bytes, with any header. */
const signRaw = (payload: string, header: Record<string, unknown> = {}) =>
  new CompactSign(new TextEncoder().encode(payload))
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: keyA.kid, ...header })
    .sign(keyA.privateKey)

describe("makeVerify: structure", () => {
  it.effect("empty, not a string, or over 16 KiB: Malformed, before anything is decoded", () =>
    Effect.gen(function* () {
      const message = "The session token is empty, too long or not a string"
      for (const token of [
        "",
        42 as unknown as string,
        `${"A".repeat(16 * 1024 - 6)}.AA.AA`.padEnd(16 * 1024 + 1, "A")
      ]) {
        expect(rejection(yield* verify(token))).toEqual({ reason: "Malformed", message })
      }
    })
  )

  it.effect("exactly 16 KiB is not too long: it fails later, on its header", () =>
    Effect.gen(function* () {
      const token = `${"A".repeat(16 * 1024 - 6)}.AA.AA`
      expect(token.length).toBe(16 * 1024)
      expect(rejection(yield* verify(token))).toEqual({
        reason: "Malformed",
        message: "The session token's header is not valid base64url JSON"
      })
    })
  )

  it.effect("not three canonical base64url parts", () =>
    Effect.gen(function* () {
      for (const token of ["a.b", "a.b.c.d", "a+b.c.d", "abcde.AA.AA"]) {
        expect(rejection(yield* verify(token)), token).toEqual({
          reason: "Malformed",
          message: "The session token is not a compact JWS (three base64url parts)"
        })
      }
    })
  )

  it.effect("an algorithm other than RS256/384/512", () =>
    Effect.gen(function* () {
      const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url")
      for (const alg of ["none", "HS256", "ES256", undefined]) {
        const token = `${b64({ alg, typ: "JWT" })}.${b64(sessionClaims())}.`
        expect(rejection(yield* verify(token)), String(alg)).toEqual({
          reason: "UnsupportedAlgorithm",
          message: "The session token's alg is not one of RS256, RS384, RS512"
        })
      }
    })
  )
})

describe("makeVerify: key and signature", () => {
  it.effect("no key for the kid", () =>
    Effect.gen(function* () {
      const noKey = verifyWith({}, (kid) => Effect.fail({ _tag: "KeyNotFound", detail: `no key ${kid}` }))
      expect(rejection(yield* noKey(yield* Effect.promise(() => mint())))).toEqual({
        reason: "KeyNotFound",
        message: `No verification key: no key ${keyA.kid}`
      })
    })
  )

  it.effect("the JWKS could not be loaded: its kind, the status when there is one, and the cause", () =>
    Effect.gen(function* () {
      const token = yield* Effect.promise(() => mint())
      const cause = new Error("refused")
      const transport = verifyWith({}, () =>
        Effect.fail({ _tag: "JwksUnavailable", failure: { kind: "Transport", cause } })
      )
      expect(rejection(yield* transport(token))).toEqual({
        reason: "JwksUnavailable",
        message: "Could not load the instance's JWKS (Transport)",
        cause
      })
      const status = verifyWith({}, () =>
        Effect.fail({ _tag: "JwksUnavailable", failure: { kind: "UnexpectedStatus", status: 503 } })
      )
      expect(rejection(yield* status(token))).toEqual({
        reason: "JwksUnavailable",
        message: "Could not load the instance's JWKS (UnexpectedStatus, status 503)"
      })
    })
  )

  it.effect("a signature by another key", () =>
    Effect.gen(function* () {
      const token = yield* Effect.promise(() => mint(sessionClaims(), { key: intruderKey }))
      expect(rejection(yield* verify(token))).toEqual({
        reason: "InvalidSignature",
        message: "The session token's signature does not match the instance's key"
      })
    })
  )

  it.effect("a key jose cannot use for the token's algorithm: not a valid JWS", () =>
    Effect.gen(function* () {
      const token = yield* Effect.promise(() => mint())
      const wrongAlgorithm = verifyWith({}, () => Effect.succeed(publicKeyA384))
      expect(rejection(yield* wrongAlgorithm(token))).toEqual({
        reason: "Malformed",
        message: "The session token is not a valid JWS"
      })
    })
  )
})

describe("makeVerify: payload and session-token checks", () => {
  it.effect("a payload that is not JSON, or not a JSON object", () =>
    Effect.gen(function* () {
      expect(rejection(yield* verify(yield* Effect.promise(() => signRaw("not json"))))).toEqual({
        reason: "Malformed",
        message: "The session token's payload is not JSON"
      })
      for (const payload of ["[1]", "null", "42", '"sess"']) {
        expect(rejection(yield* verify(yield* Effect.promise(() => signRaw(payload)))), payload).toEqual({
          reason: "Malformed",
          message: "The session token's payload is not a JSON object"
        })
      }
    })
  )

  it.effect("a typ other than JWT", () =>
    Effect.gen(function* () {
      const token = yield* Effect.promise(() => mint(sessionClaims(), { header: { typ: "at+jwt" } }))
      expect(rejection(yield* verify(token))).toEqual({
        reason: "NotASessionToken",
        message: "The token is a Clerk JWT but not a session token (its typ is not JWT)"
      })
    })
  )

  it.effect("no sid, or a category that is not a session's", () =>
    Effect.gen(function* () {
      const message = "The token is a Clerk JWT but not a session token (no sid claim or a non-session category)"
      const noSid = yield* Effect.promise(() => mint(sessionClaims({ sid: undefined })))
      expect(rejection(yield* verify(noSid))).toEqual({ reason: "NotASessionToken", message })
      const template = yield* Effect.promise(() => mint(sessionClaims(), { header: { cat: "cl_B7d4PD222AAA" } }))
      expect(rejection(yield* verify(template))).toEqual({ reason: "NotASessionToken", message })
      const session = yield* Effect.promise(() => mint(sessionClaims(), { header: { cat: "cl_B7d4PD111AAA" } }))
      expect(Result.isSuccess(yield* verify(session))).toBe(true)
    })
  )

  it.effect("a claim of the wrong type", () =>
    Effect.gen(function* () {
      const token = yield* Effect.promise(() => mint(sessionClaims({ exp: "later" as never })))
      expect(rejection(yield* verify(token))).toEqual({
        reason: "Malformed",
        message:
          "The session token is malformed: the payload lacks a required session claim or has one of the wrong type"
      })
    })
  )
})

describe("makeVerify: times, exactly at the skew (5 s)", () => {
  const at = (claims: Record<string, number>, options?: VerifyOptions) =>
    Effect.flatMap(
      Effect.promise(() => mint(sessionClaims(claims))),
      (token) => verify(token, options)
    )

  it.effect("exp: expired at now - skew, valid one second later", () =>
    Effect.gen(function* () {
      expect(rejection(yield* at({ exp: NOW - 5 }))).toEqual({
        reason: "Expired",
        message: "The session token has expired"
      })
      expect(Result.isSuccess(yield* at({ exp: NOW - 4 }))).toBe(true)
    })
  )

  it.effect("nbf: valid at exactly now + skew, not one second later", () =>
    Effect.gen(function* () {
      expect(Result.isSuccess(yield* at({ nbf: NOW + 5 }))).toBe(true)
      expect(rejection(yield* at({ nbf: NOW + 6 }))).toEqual({
        reason: "NotYetValid",
        message: "The session token is not valid yet (nbf)"
      })
    })
  )

  it.effect("iat: valid at exactly now + skew, not one second later", () =>
    Effect.gen(function* () {
      expect(Result.isSuccess(yield* at({ iat: NOW + 5 }))).toBe(true)
      expect(rejection(yield* at({ iat: NOW + 6 }))).toEqual({
        reason: "IssuedInFuture",
        message: "The session token was issued in the future (iat)"
      })
    })
  )

  it.effect("a per-call clockSkew replaces the layer's; one that is not a duration fails the time check", () =>
    Effect.gen(function* () {
      expect(Result.isSuccess(yield* at({ nbf: NOW + 20 }, { clockSkew: "20 seconds" }))).toBe(true)
      expect(rejection(yield* at({ nbf: NOW + 20 }, { clockSkew: "19 seconds" })).reason).toBe("NotYetValid")
      expect(rejection(yield* at({ nbf: NOW + 1 }, { clockSkew: 0 })).reason).toBe("NotYetValid")
      expect(rejection(yield* at({}, { clockSkew: "soon" as never }))).toEqual({
        reason: "Expired",
        message: 'The verify options are unusable: clockSkew is not a duration (e.g. "5 seconds")'
      })
    })
  )
})

describe("makeVerify: azp and iss", () => {
  const token = (claims: Record<string, unknown> = {}) => Effect.promise(() => mint(sessionClaims(claims)))

  it.effect("authorized parties: a missing or empty azp, or another one", () =>
    Effect.gen(function* () {
      const options = { authorizedParties: ["https://app.example.com"] }
      const noAzp = "The session token has no azp, and authorized parties are configured"
      expect(rejection(yield* verify(yield* token({ azp: undefined }), options))).toEqual({
        reason: "UnauthorizedParty",
        message: noAzp
      })
      expect(rejection(yield* verify(yield* token({ azp: "" }), options))).toEqual({
        reason: "UnauthorizedParty",
        message: noAzp
      })
      expect(rejection(yield* verify(yield* token({ azp: "https://evil.example" }), options))).toEqual({
        reason: "UnauthorizedParty",
        message: "The session token's azp is not one of the authorized parties"
      })
      expect(Result.isSuccess(yield* verify(yield* token(), options))).toBe(true)
    })
  )

  it.effect("issuer: another one is refused", () =>
    Effect.gen(function* () {
      expect(rejection(yield* verify(yield* token(), { issuer: "https://other.example" }))).toEqual({
        reason: "InvalidIssuer",
        message: "The session token's iss is not an accepted issuer"
      })
      expect(Result.isSuccess(yield* verify(yield* token(), { issuer: "https://clerk.example.accounts.dev" }))).toBe(
        true
      )
    })
  )

  it.effect("per-call options that cannot be used are refused before the token is looked at", () =>
    Effect.gen(function* () {
      expect(rejection(yield* verify("", { authorizedParties: "https://app.example.com" as never }))).toEqual({
        reason: "UnauthorizedParty",
        message: "The verify options are unusable: authorizedParties is not a list of strings"
      })
      expect(rejection(yield* verify("", { issuer: 5 as never }))).toEqual({
        reason: "InvalidIssuer",
        message: "The verify options are unusable: issuer is not a string, a list of strings or a function"
      })
    })
  )

  it.effect("the layer's checks apply unless a call gives its own", () =>
    Effect.gen(function* () {
      const strict = verifyWith({
        authorizedParties: (azp) => azp === "https://app.example.com",
        issuer: (iss) => iss === "https://clerk.example.accounts.dev"
      })
      expect(Result.isSuccess(yield* strict(yield* token()))).toBe(true)
      expect(rejection(yield* strict(yield* token({ azp: "https://evil.example" }))).reason).toBe("UnauthorizedParty")
      expect(rejection(yield* strict(yield* token({ iss: "https://other.example" }))).reason).toBe("InvalidIssuer")
      // A call's own lists replace the layer's.
      const mine = { authorizedParties: ["https://evil.example"], issuer: "https://other.example" }
      expect(
        Result.isSuccess(
          yield* strict(yield* token({ azp: "https://evil.example", iss: "https://other.example" }), mine)
        )
      ).toBe(true)
      const layerSkew = verifyWith({ skewMillis: 30_000 })
      expect(Result.isSuccess(yield* layerSkew(yield* token({ nbf: NOW + 30 })))).toBe(true)
      expect(rejection(yield* layerSkew(yield* token({ nbf: NOW + 31 }))).reason).toBe("NotYetValid")
    })
  )

  it.effect("a valid token gives its claims", () =>
    Effect.gen(function* () {
      const result = yield* verify(yield* token())
      expect(Result.isSuccess(result) && result.success.sid).toBe("sess_123")
      expect(Result.isSuccess(result) && result.success.azp).toBe("https://app.example.com")
    })
  )
})

describe("verifyDefaults (core) with effect 4's Duration", () => {
  it("names the first unusable option", () => {
    expect(verifyDefaults({ authorizedParties: "x", issuer: 5 }, 5000, readMillis)).toEqual({
      problem: "authorizedParties is not a list of strings"
    })
    expect(verifyDefaults({ issuer: 5 }, 5000, readMillis)).toEqual({
      problem: "issuer is not a string, a list of strings or a function"
    })
    expect(verifyDefaults({ clockSkew: "soon" }, 5000, readMillis)).toEqual({
      problem: 'clockSkew is not a duration (e.g. "5 seconds", 5000)'
    })
  })

  it("the skew: the option's, else the default; the checks as given", () => {
    const given = verifyDefaults(
      { clockSkew: "2 seconds", authorizedParties: ["https://a"], issuer: "https://i" },
      5000,
      readMillis
    )
    if (!("checks" in given)) throw new Error(given.problem)
    expect(given.checks.skewMillis).toBe(2000)
    expect(given.checks.authorizedParties?.("https://a")).toBe(true)
    expect(given.checks.authorizedParties?.("https://b")).toBe(false)
    expect(given.checks.issuer?.("https://i")).toBe(true)
    expect(given.checks.issuer?.("https://j")).toBe(false)
    expect(verifyDefaults({}, 5000, readMillis)).toEqual({
      checks: { authorizedParties: undefined, issuer: undefined, skewMillis: 5000 }
    })
  })
})
