/**
 * The pure steps of token verification (tokenChecks.ts), driven directly:
 * option checks, the token's shape, the algorithm, key lookup failures, and
 * everything after the signature, each rejection with its exact message, as
 * both editions report it.
 */
import { describe, expect, it } from "vitest"
import type { VerifyChecks } from "../src/tokenChecks.js"
import {
  algorithmRejection,
  callChecks,
  checkSessionPayload,
  keyLookupRejection,
  MAX_TOKEN_LENGTH,
  TOKEN_REJECTION_REASONS,
  tokenShapeRejection,
  verifyDefaults
} from "../src/tokenChecks.js"
import { bearerChallenge, SESSION_UNAUTHORIZED_REASONS, sessionTokenOf } from "../src/tokenRequest.js"

// A stand-in for an edition's Duration: numbers are milliseconds, "N seconds" is read, the rest is not a duration.
const readMillis = (input: unknown) =>
  typeof input === "number"
    ? input
    : typeof input === "string" && /^\d+ seconds$/.test(input)
      ? Number.parseInt(input, 10) * 1000
      : undefined

const NOW = 1_764_300_000
const noChecks: VerifyChecks = { authorizedParties: undefined, issuer: undefined, skewMillis: 5000 }
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value))
const claims = (overrides: Record<string, unknown> = {}) => ({
  sid: "sess_1",
  sub: "user_1",
  iss: "https://clerk.example.com",
  azp: "https://app.example.com",
  iat: NOW - 2,
  nbf: NOW - 12,
  exp: NOW + 58,
  ...overrides
})
type Claims = ReturnType<typeof claims>
const decode = (raw: Record<string, unknown>): Claims | undefined =>
  typeof raw.sub === "string" && typeof raw.exp === "number" ? (raw as Claims) : undefined
const check = (
  payload: unknown,
  header: Record<string, unknown> = { typ: "JWT" },
  checks = noChecks,
  nowMillis = NOW * 1000
) => checkSessionPayload(header, payload instanceof Uint8Array ? payload : json(payload), decode, nowMillis, checks)
const rejectedWith = (result: ReturnType<typeof check>) => ("rejection" in result ? result.rejection : undefined)

describe("the options", () => {
  it("the layer's: the first unusable one is named", () => {
    expect(verifyDefaults({ authorizedParties: "x", issuer: 5 }, 5000, readMillis)).toEqual({
      problem: "authorizedParties is not a list of strings"
    })
    expect(verifyDefaults({ clockSkew: {} }, 5000, readMillis)).toEqual({
      problem: 'clockSkew is not a duration (e.g. "5 seconds", 5000)'
    })
    expect(verifyDefaults({}, 5000, readMillis)).toEqual({ checks: noChecks })
  })

  it("a call's: override the layer's, and an unusable one rejects with its check's reason", () => {
    expect(callChecks(undefined, noChecks, readMillis)).toEqual({ checks: noChecks })
    expect(callChecks({ clockSkew: "2 seconds" }, noChecks, readMillis)).toMatchObject({ checks: { skewMillis: 2000 } })
    expect(callChecks({ authorizedParties: "https://a" }, noChecks, readMillis)).toEqual({
      rejection: {
        reason: "UnauthorizedParty",
        message: "The verify options are unusable: authorizedParties is not a list of strings"
      }
    })
    expect(callChecks({ issuer: 1 }, noChecks, readMillis)).toMatchObject({ rejection: { reason: "InvalidIssuer" } })
    expect(callChecks({ clockSkew: "soon" }, noChecks, readMillis)).toEqual({
      rejection: {
        reason: "Expired",
        message: 'The verify options are unusable: clockSkew is not a duration (e.g. "5 seconds")'
      }
    })
  })
})

describe("before the key", () => {
  it("the token's shape", () => {
    const unusable = { reason: "Malformed", message: "The session token is empty, too long or not a string" }
    expect(tokenShapeRejection("")).toEqual(unusable)
    expect(tokenShapeRejection(42)).toEqual(unusable)
    expect(tokenShapeRejection("a".repeat(MAX_TOKEN_LENGTH + 1))).toEqual(unusable)
    expect(tokenShapeRejection("a.b")).toEqual({
      reason: "Malformed",
      message: "The session token is not a compact JWS (three base64url parts)"
    })
    expect(tokenShapeRejection("eyJh.eyJz.c2ln")).toBeUndefined()
  })

  it("RS256, RS384, RS512 only", () => {
    expect(algorithmRejection("RS512")).toEqual({ alg: "RS512" })
    for (const alg of ["none", "HS256", "ES256", "PS256", undefined, 256]) {
      expect(algorithmRejection(alg)).toMatchObject({ reason: "UnsupportedAlgorithm" })
    }
  })

  it("a key lookup's failure: KeyNotFound with its detail, JwksUnavailable with kind, status and cause", () => {
    expect(keyLookupRejection({ _tag: "KeyNotFound", detail: "d" })).toEqual({
      reason: "KeyNotFound",
      message: "No verification key: d"
    })
    const cause = new Error("refused")
    expect(keyLookupRejection({ _tag: "JwksUnavailable", failure: { kind: "Transport", cause } })).toEqual({
      reason: "JwksUnavailable",
      message: "Could not load the instance's JWKS (Transport)",
      cause
    })
    expect(keyLookupRejection({ _tag: "JwksUnavailable", failure: { kind: "UnexpectedStatus", status: 401 } })).toEqual(
      {
        reason: "JwksUnavailable",
        message: "Could not load the instance's JWKS (UnexpectedStatus, status 401)"
      }
    )
  })

  it("every reason is declared once", () => {
    expect(new Set(TOKEN_REJECTION_REASONS).size).toBe(11)
  })
})

describe("after the signature", () => {
  it("the payload: JSON, an object", () => {
    expect(rejectedWith(check(new Uint8Array([0xff, 0x7b])))).toMatchObject({
      message: "The session token's payload is not JSON"
    })
    expect(rejectedWith(check([1, 2]))).toMatchObject({ message: "The session token's payload is not a JSON object" })
  })

  it("a session token: typ JWT or absent, a sid, a session category", () => {
    expect(rejectedWith(check(claims(), { typ: "at+jwt" }))).toMatchObject({ reason: "NotASessionToken" })
    const { sid: _sid, ...template } = claims()
    expect(rejectedWith(check(template))).toMatchObject({ reason: "NotASessionToken" })
    expect(rejectedWith(check(claims(), { cat: "cl_B7d4PD222AAA" }))).toMatchObject({ reason: "NotASessionToken" })
    expect(check(claims(), {})).toEqual({ claims: claims() })
  })

  it("the claims the edition's schema refuses are Malformed", () => {
    expect(rejectedWith(check(claims({ exp: "soon" })))).toEqual({
      reason: "Malformed",
      message: "The session token is malformed: the payload lacks a required session claim or has one of the wrong type"
    })
  })

  it("times at the skew's boundaries, whole seconds as Clerk reads them", () => {
    expect(rejectedWith(check(claims({ exp: NOW - 5 })))).toMatchObject({ reason: "Expired" })
    expect(check(claims({ exp: NOW - 4 }))).toHaveProperty("claims")
    // NOW - 4.1 s is read as NOW - 5 s: the fraction never keeps a token alive longer than Clerk does.
    expect(rejectedWith(check(claims({ exp: NOW - 4.1 })))).toMatchObject({ reason: "Expired" })
    expect(rejectedWith(check(claims({ nbf: NOW + 6 })))).toMatchObject({ reason: "NotYetValid" })
    expect(check(claims({ nbf: NOW + 5 }))).toHaveProperty("claims")
    expect(rejectedWith(check(claims({ iat: NOW + 6 })))).toMatchObject({ reason: "IssuedInFuture" })
  })

  it("azp and iss against the checks", () => {
    const strict: VerifyChecks = {
      authorizedParties: (azp) => azp === "https://app.example.com",
      issuer: (iss) => iss === "https://clerk.example.com",
      skewMillis: 5000
    }
    expect(check(claims(), {}, strict)).toHaveProperty("claims")
    expect(rejectedWith(check(claims({ azp: "https://evil.example" }), {}, strict))).toEqual({
      reason: "UnauthorizedParty",
      message: "The session token's azp is not one of the authorized parties"
    })
    expect(rejectedWith(check(claims({ azp: "" }), {}, strict))).toEqual({
      reason: "UnauthorizedParty",
      message: "The session token has no azp, and authorized parties are configured"
    })
    expect(rejectedWith(check(claims({ iss: "https://other.example" }), {}, strict))).toEqual({
      reason: "InvalidIssuer",
      message: "The session token's iss is not an accepted issuer"
    })
  })
})

describe("the token of a request (tokenRequest.ts)", () => {
  it("Authorization: Bearer first, any case, else the __session cookie", () => {
    expect(sessionTokenOf({ authorization: "Bearer abc", sessionCookie: "cookie" })).toBe("abc")
    expect(sessionTokenOf({ authorization: "bearer   abc ", sessionCookie: undefined })).toBe("abc")
    expect(sessionTokenOf({ authorization: "Basic dXNlcjpwYXNz", sessionCookie: "cookie" })).toBe("cookie")
    expect(sessionTokenOf({ authorization: "Bearer a b", sessionCookie: undefined })).toBeUndefined()
    expect(sessionTokenOf({ authorization: undefined, sessionCookie: "" })).toBeUndefined()
  })

  it("401 reasons are every rejection but JwksUnavailable, and MissingToken; the challenge per RFC 6750", () => {
    expect(SESSION_UNAUTHORIZED_REASONS).toHaveLength(TOKEN_REJECTION_REASONS.length)
    expect(SESSION_UNAUTHORIZED_REASONS).not.toContain("JwksUnavailable")
    expect(bearerChallenge("MissingToken")).toBe("Bearer")
    expect(bearerChallenge("Expired")).toBe('Bearer error="invalid_token"')
  })
})
