/**
 * The key rules of jwksKeys.ts, driven directly (no Effect, no crypto): which
 * JWKS entries verify which algorithms, the PEM's normalisation and shape,
 * the lookup, and every branch of the JWKS cache's refresh decisions, which
 * both editions' caches follow.
 */
import { describe, expect, it } from "vitest"
import type { JwksCacheState } from "../src/jwksKeys.js"
import {
  afterFetch,
  cachedKeysFor,
  emptyJwksCache,
  keyFor,
  NO_KID,
  normalisePem,
  pemAlgorithmMismatch,
  pemKeyShapeProblem,
  RSA_ALGORITHMS,
  refreshPlan,
  usableSigningKeys
} from "../src/jwksKeys.js"

const rsa = (kid: string, extra: Record<string, unknown> = {}) => ({
  kid,
  kty: "RSA",
  n: "modulus",
  e: "AQAB",
  ...extra
})

describe("usableSigningKeys", () => {
  it("an RSA key with alg verifies that algorithm; without alg, every RSA algorithm", () => {
    expect(usableSigningKeys([rsa("a", { alg: "RS384" }), rsa("b")])).toEqual([
      { kid: "a", n: "modulus", e: "AQAB", algorithms: ["RS384"] },
      { kid: "b", n: "modulus", e: "AQAB", algorithms: RSA_ALGORITHMS }
    ])
  })

  it("skips what WebCrypto would not let verify, and entries of other shapes", () => {
    expect(
      usableSigningKeys([
        rsa("enc", { use: "enc" }),
        rsa("sign-only", { key_ops: ["sign"] }),
        rsa("hmac", { alg: "HS256" }),
        { kid: "ec", kty: "EC", crv: "P-256", x: "x", y: "y" },
        { kid: "no-modulus", kty: "RSA", e: "AQAB" },
        rsa("bad-ops", { key_ops: "verify" }),
        rsa("bad-alg", { alg: 256 }),
        { kty: "RSA", n: "m", e: "AQAB" },
        null,
        "key",
        [rsa("in-array")]
      ])
    ).toEqual([])
    expect(usableSigningKeys([rsa("ok", { use: "sig", key_ops: ["verify", "sign"] })])).toHaveLength(1)
  })

  it("a kid listed twice: the last entry counts, even when it is unusable", () => {
    expect(usableSigningKeys([rsa("k", { n: "first" }), rsa("k", { n: "second" })])[0]!.n).toBe("second")
    expect(usableSigningKeys([rsa("k"), rsa("k", { use: "enc" })])).toEqual([])
  })
})

describe("the PEM key", () => {
  it("normalises escaped newlines and a bare base64 body", () => {
    const pem = "-----BEGIN PUBLIC KEY-----\nAAAA\nBBBB\n-----END PUBLIC KEY-----"
    expect(normalisePem(pem.replace(/\n/g, "\\n"))).toBe(pem)
    expect(normalisePem("  AAAA\nBBBB \n")).toBe("-----BEGIN PUBLIC KEY-----\nAAAABBBB\n-----END PUBLIC KEY-----")
  })

  it("is of Clerk's shape: 2048 bits, exponent 65537", () => {
    const e65537 = new Uint8Array([1, 0, 1])
    expect(pemKeyShapeProblem({ modulusLength: 2048, publicExponent: e65537 })).toBeUndefined()
    expect(pemKeyShapeProblem({ modulusLength: 4096, publicExponent: e65537 })).toContain("2048-bit")
    expect(pemKeyShapeProblem({ modulusLength: 2048, publicExponent: new Uint8Array([3]) })).toContain("65537")
  })

  it("verifies RS256 only", () => {
    expect(pemAlgorithmMismatch("RS512")).toEqual({
      _tag: "KeyNotFound",
      detail: "the PEM key verifies RS256 tokens only, the token's algorithm is RS512"
    })
  })
})

describe("keyFor", () => {
  const keys = new Map([["a", new Map([["RS256" as const, "key-a"]])]])
  it("the key, or why there is none", () => {
    expect(keyFor(keys, "a", "RS256")).toEqual({ key: "key-a" })
    expect(keyFor(keys, "a", "RS384")).toEqual({
      _tag: "KeyNotFound",
      detail: "the signing key is not usable with the token's algorithm RS384"
    })
    expect(keyFor(keys, "b", "RS256")).toEqual({
      _tag: "KeyNotFound",
      detail: "no key in the instance's JWKS matches the token's kid"
    })
    expect(NO_KID).toEqual({ _tag: "KeyNotFound", detail: "the token header has no kid" })
  })
})

describe("the JWKS cache's decisions", () => {
  type State = JwksCacheState<string, string>
  const keys = new Map([["a", new Map([["RS256" as const, "key-a"]])]])
  const fetched = (at: number): State =>
    afterFetch(emptyJwksCache<string, string>(), { attempt: "ok", keys }, "cold-or-expired", at)
  const plan = (state: State, overrides: Partial<Parameters<typeof refreshPlan>[1]> = {}) =>
    refreshPlan(state, {
      seenGeneration: state.generation,
      cause: "kid-miss",
      nowMillis: 10_000,
      minRefetchIntervalMillis: 5_000,
      ...overrides
    })

  it("cached keys: fresh and listing the kid; else a refresh, and why", () => {
    expect(cachedKeysFor(emptyJwksCache<string, string>(), "a", 0, 1000)).toEqual({ refresh: "cold-or-expired" })
    const state = fetched(0)
    expect(cachedKeysFor(state, "a", 999, 1000)).toEqual({ keys })
    expect(cachedKeysFor(state, "b", 999, 1000)).toEqual({ refresh: "kid-miss" })
    expect(cachedKeysFor(state, "a", 1000, 1000)).toEqual({ refresh: "cold-or-expired" })
  })

  it("a cold cache fetches; a waiter whose generation moved shares the last attempt", () => {
    expect(plan(emptyJwksCache<string, string>(), { cause: "cold-or-expired" })).toBe("fetch")
    const state = fetched(0)
    expect(plan(state, { seenGeneration: 0 })).toBe("lastAttempt")
  })

  it("kid misses: one fetch per minimum interval, then the current keys", () => {
    const missed = afterFetch(fetched(0), { attempt: "ok", keys }, "kid-miss", 8_000)
    expect(plan(missed, { nowMillis: 12_999 })).toBe("currentKeys")
    expect(plan(missed, { nowMillis: 13_000 })).toBe("fetch")
    // An expiry is not throttled by the kid-miss interval.
    expect(plan(missed, { nowMillis: 9_000, cause: "cold-or-expired" })).toBe("fetch")
  })

  it("a failed fetch is shared for the minimum interval and keeps the previous keys", () => {
    const failed = afterFetch(fetched(0), { attempt: "failed", keys: undefined }, "cold-or-expired", 8_000)
    expect(failed.keys).toBe(keys)
    expect(failed.fetchedAt).toBe(0)
    expect(failed.lastAttemptFailed).toBe(true)
    expect(plan(failed, { nowMillis: 12_999, cause: "cold-or-expired" })).toBe("lastAttempt")
    expect(plan(failed, { nowMillis: 13_000, cause: "cold-or-expired" })).toBe("fetch")
  })

  it("each fetch moves the generation; only a kid miss records its time", () => {
    const state = fetched(100)
    expect(state).toMatchObject({ generation: 1, fetchedAt: 100, lastAttemptAt: 100, lastKidMissFetchAt: undefined })
    expect(afterFetch(state, { attempt: "ok", keys }, "kid-miss", 200)).toMatchObject({
      generation: 2,
      lastKidMissFetchAt: 200
    })
  })
})
