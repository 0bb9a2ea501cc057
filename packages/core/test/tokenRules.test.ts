/**
 * The plain rules of tokenRules.ts, driven directly.
 */

import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  authorizedPartiesCheck,
  checkTimes,
  isCanonicalBase64url,
  isCompactJws,
  isSessionTokenCategory,
  isSessionTokenType,
  issuerCheck,
  jwtTimeMillis,
  SESSION_TOKEN_CATEGORIES
} from "../src/tokenRules.js"

describe("isCanonicalBase64url", () => {
  it("is true exactly for what Node's base64url encoder writes (any bytes)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(isCanonicalBase64url(Buffer.from(bytes).toString("base64url"))).toBe(true)
      })
    )
  })

  it("is false for any string that does not round-trip through a decode and encode", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."AQgw_-+/= \n.Z9"), maxLength: 12 }), (text) => {
        const canonical = /^[A-Za-z0-9_-]*$/.test(text) && Buffer.from(text, "base64url").toString("base64url") === text
        expect(isCanonicalBase64url(text)).toBe(canonical)
      }),
      { numRuns: 5000 }
    )
  })
})

describe("header rules", () => {
  it("typ: absent or exactly JWT", () => {
    expect([undefined, "JWT"].map(isSessionTokenType)).toEqual([true, true])
    expect(["jwt", "at+jwt", "application/at+jwt", null, "", 0].map(isSessionTokenType)).toEqual(Array(6).fill(false))
  })

  it("cat: absent, the session category or ignore", () => {
    expect([undefined, "cl_B7d4PD111AAA", "cl_I7d4PD111III"].map(isSessionTokenCategory)).toEqual([true, true, true])
    expect(["cl_B7d4PD222AAA", "cl_B7d4PD333AAA", null, ""].map(isSessionTokenCategory)).toEqual(Array(4).fill(false))
  })
})

describe("checkTimes, at now = 100 s with a 5 s skew", () => {
  const now = 100_000
  const at = (exp: number, nbf = 90, iat = 95) => checkTimes({ exp, nbf, iat }, now, 5000)

  it("exp: expired at exactly now - skew, whole seconds only", () => {
    expect(at(95)).toBe("Expired")
    expect(at(95.999)).toBe("Expired")
    expect(at(96)).toBeUndefined()
    expect(at(-Infinity)).toBe("Expired")
    expect(at(Number.NaN)).toBe("Expired")
  })

  it("nbf and iat: refused beyond now + skew, accepted at exactly now + skew", () => {
    expect(at(200, 105)).toBeUndefined()
    expect(at(200, 106)).toBe("NotYetValid")
    expect(at(200, 90, 105.9)).toBeUndefined()
    expect(at(200, 90, 106)).toBe("IssuedInFuture")
  })
})

describe("option checks", () => {
  const run = (result: ReturnType<typeof issuerCheck>, value: string) =>
    "problem" in result ? result.problem : result.check === undefined ? "unchecked" : result.check(value)

  it("issuer: string, list, predicate; empty means unchecked; other types are a problem", () => {
    expect(run(issuerCheck("https://a"), "https://a")).toBe(true)
    expect(run(issuerCheck("https://a"), "https://b")).toBe(false)
    expect(run(issuerCheck(["https://b", "https://a"]), "https://a")).toBe(true)
    expect(
      run(
        issuerCheck((iss: string) => iss === "x"),
        "x"
      )
    ).toBe(true)
    expect(run(issuerCheck(undefined), "x")).toBe("unchecked")
    expect(run(issuerCheck([]), "x")).toBe("unchecked")
    expect(run(issuerCheck(""), "")).toBe("unchecked")
    for (const bad of [1, null, {}, [1], ["a", 2]]) {
      expect(run(issuerCheck(bad), "x")).toBe("issuer is not a string, a list of strings or a function")
    }
  })

  it("authorizedParties: a list; an empty azp never passes a configured list", () => {
    const parties = authorizedPartiesCheck(["https://a", ""])
    expect(run(parties, "https://a")).toBe(true)
    expect(run(parties, "")).toBe(false)
    expect(run(parties, "https://b")).toBe(false)
    expect(run(authorizedPartiesCheck([]), "")).toBe("unchecked")
    expect(run(authorizedPartiesCheck("https://a"), "https://a")).toBe("authorizedParties is not a list of strings")
  })
})

describe("exact edges of the rules", () => {
  const run = (result: ReturnType<typeof issuerCheck>, value: string) =>
    "problem" in result ? result.problem : result.check === undefined ? "unchecked" : result.check(value)

  it("an issuer predicate must return true itself, not something truthy", () => {
    expect(
      run(
        issuerCheck(() => "yes"),
        "x"
      )
    ).toBe(false)
    expect(
      run(
        issuerCheck(() => 1),
        "x"
      )
    ).toBe(false)
    expect(
      run(
        issuerCheck(() => true),
        "x"
      )
    ).toBe(true)
  })

  it("an empty issuer in a list is dropped, never matched", () => {
    expect(run(issuerCheck(["", "https://a"]), "")).toBe(false)
    expect(run(issuerCheck(["", "https://a"]), "https://a")).toBe(true)
    expect(run(issuerCheck(["", ""]), "")).toBe("unchecked")
  })

  it("isCompactJws: exactly three canonical parts", () => {
    expect(isCompactJws("AA.AA.AA")).toBe(true)
    expect(isCompactJws("..")).toBe(true)
    expect(isCompactJws("AA.AA")).toBe(false)
    expect(isCompactJws("AA.AA.AA.AA")).toBe(false)
    expect(isCompactJws("AA.AB.AA")).toBe(false)
    expect(isCompactJws("A.AA.AA")).toBe(false)
  })

  it("jwtTimeMillis drops the fraction toward zero", () => {
    expect(jwtTimeMillis(99.9)).toBe(99_000)
    expect(jwtTimeMillis(-1.5)).toBe(-1000)
    expect(jwtTimeMillis(0)).toBe(0)
  })

  it("checkTimes: each limit exactly, with the skew on the right side", () => {
    const now = 100_000
    const ok = { exp: 200, nbf: 90, iat: 90 }
    expect(checkTimes(ok, now, 0)).toBeUndefined()
    // exp: valid while exp > now - skew.
    expect(checkTimes({ ...ok, exp: 100 }, now, 0)).toBe("Expired")
    expect(checkTimes({ ...ok, exp: 101 }, now, 0)).toBeUndefined()
    expect(checkTimes({ ...ok, exp: 98 }, now, 2000)).toBe("Expired")
    expect(checkTimes({ ...ok, exp: 99 }, now, 2000)).toBeUndefined()
    // nbf and iat: valid up to now + skew.
    expect(checkTimes({ ...ok, nbf: 100 }, now, 0)).toBeUndefined()
    expect(checkTimes({ ...ok, nbf: 101 }, now, 0)).toBe("NotYetValid")
    expect(checkTimes({ ...ok, nbf: 102 }, now, 2000)).toBeUndefined()
    expect(checkTimes({ ...ok, nbf: 103 }, now, 2000)).toBe("NotYetValid")
    expect(checkTimes({ ...ok, iat: 100 }, now, 0)).toBeUndefined()
    expect(checkTimes({ ...ok, iat: 101 }, now, 0)).toBe("IssuedInFuture")
    expect(checkTimes({ ...ok, iat: 102 }, now, 2000)).toBeUndefined()
    expect(checkTimes({ ...ok, iat: 103 }, now, 2000)).toBe("IssuedInFuture")
    // Expired is reported before the others, NotYetValid before IssuedInFuture.
    expect(checkTimes({ exp: 1, nbf: 500, iat: 500 }, now, 0)).toBe("Expired")
    expect(checkTimes({ exp: 200, nbf: 500, iat: 500 }, now, 0)).toBe("NotYetValid")
  })

  it("stray bits: two characters may use only the top 2 bits of the last, three the top 4", () => {
    // E, I, M carry bits that a single byte leaves unused (4, 8, 12 have bits in 0b1100).
    for (const segment of ["AE", "AI", "AM", "AB", "AAB"]) expect(isCanonicalBase64url(segment), segment).toBe(false)
    for (const segment of ["AA", "AQ", "Ag", "Aw", "AAE", "AAI", "AAM"])
      expect(isCanonicalBase64url(segment), segment).toBe(true)
  })

  it("a category must be a string in the set", () => {
    expect(isSessionTokenCategory(["cl_B7d4PD111AAA"])).toBe(false)
    expect(SESSION_TOKEN_CATEGORIES.size).toBe(2)
  })
})
