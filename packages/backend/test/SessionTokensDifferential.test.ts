/**
 * Differential tests against `@clerk/backend` 3.25's `verifyToken`: we never
 * accept a token it rejects, and where we reject a token it accepts, the
 * reason is one of the documented stricter cases (`whyStricter`). Both sides
 * see the same instant: Clerk's `Date` is faked, ours is the TestClock.
 *
 * A named corpus runs in PEM mode (`jwtKey`) and, for a subset, in JWKS mode
 * (Clerk fetches `/v1/jwks` from a loopback server, we read the same keys in
 * memory); then a fast-check property signs random combinations.
 */

import { verifyToken } from "@clerk/backend"
import type { PropertyCase } from "@clerk-effect/behaviour-cases/tokenArbitrary"
import { propertyCase, toOptions, toSpec } from "@clerk-effect/behaviour-cases/tokenArbitrary"
import type { CorpusCase, Expectation } from "@clerk-effect/behaviour-cases/tokenCorpus"
import { corpus } from "@clerk-effect/behaviour-cases/tokenCorpus"
import { afterAll, beforeAll, describe, expect, it, vi } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as fc from "fast-check"
import type { JWK } from "jose"
import { exportSPKI, generateKeyPair, SignJWT } from "jose"
import { SessionTokens } from "../src/SessionTokens.js"
import type { Differential, DiffOptions, Mode, Outcome, StricterReason } from "./differential/harness.js"
import { makeDifferential, mintSpec, smallKey, whyStricter } from "./differential/harness.js"
import { keyA, keyB, sessionClaims } from "./SessionTokensFixtures.js"

const { alg: _alg, ...keyBWithoutAlg } = keyB.publicJwk

/**
 * The JWKS of both sides: key A pinned to RS256, key B without `alg` (every
 * RSA algorithm), key A again under the kid "7", and a 1024-bit key.
 */
const JWKS: Array<JWK> = [keyA.publicJwk, keyBWithoutAlg, { ...keyA.publicJwk, kid: "7" }, smallKey.publicJwk]

const strictness = (mode: Mode) => ({ mode, smallKids: new Set([smallKey.kid]) })

let differential: Differential

beforeAll(async () => {
  // Only Date: Clerk reads the time from it; timers stay real for HTTP and Effect.
  vi.useFakeTimers({ toFake: ["Date"] })
  differential = await makeDifferential(JWKS)
})

afterAll(async () => {
  vi.useRealTimers()
  await differential.close()
})

interface Verdict {
  readonly token: string
  readonly clerk: Outcome
  readonly ours: Outcome
  readonly stricter: ReadonlyArray<StricterReason>
}

const both = async (token: string, options: DiffOptions, mode: Mode): Promise<Verdict> => ({
  token,
  clerk: await differential.clerk(token, options, mode),
  ours: await differential.ours(token, options, mode),
  stricter: whyStricter(token, strictness(mode))
})

/** What the table promises for every token; `undefined` when it holds. */
const brokenInvariant = ({ clerk, ours, stricter }: Verdict): string | undefined => {
  if (ours.accepted && !clerk.accepted) return "we accept a token @clerk/backend rejects"
  if (clerk.accepted && !ours.accepted && stricter.length === 0)
    return "we reject a token @clerk/backend accepts, for no documented reason"
  if (ours.accepted && stricter.length > 0) return "whyStricter names a reason for a token we accept"
  return undefined
}

const describeVerdict = ({ clerk, ours, stricter, token }: Verdict) =>
  JSON.stringify({ clerk, ours, stricter, token: token.length > 400 ? `${token.slice(0, 400)}...` : token }, null, 2)

const checkCase = async (entry: CorpusCase, mode: Mode, expectation: Expectation) => {
  const verdict = await both(await mintSpec(entry.spec), entry.options ?? {}, mode)
  const detail = describeVerdict(verdict)
  expect(brokenInvariant(verdict), detail).toBeUndefined()
  if (expectation === "accept" || expectation === "reject") {
    expect({ clerk: verdict.clerk.accepted, ours: verdict.ours.accepted }, detail).toEqual({
      clerk: expectation === "accept",
      ours: expectation === "accept"
    })
  } else {
    expect({ clerk: verdict.clerk.accepted, ours: verdict.ours.accepted }, detail).toEqual({
      clerk: true,
      ours: false
    })
    expect(verdict.stricter, detail).toContain(expectation)
  }
}

const pemCases = corpus.filter((entry) => entry.pem !== undefined)
const jwksCases = corpus.filter((entry) => entry.jwks !== undefined)

describe("differential corpus, PEM key (verifyToken with jwtKey)", () => {
  for (const entry of pemCases) {
    it(`${entry.name}: ${entry.pem}`, () => checkCase(entry, "pem", entry.pem!))
  }
})

describe("differential corpus, JWKS (verifyToken with secretKey and apiUrl)", () => {
  for (const entry of jwksCases) {
    it(`${entry.name}: ${entry.jwks}`, () => checkCase(entry, "jwks", entry.jwks!))
  }
})

describe("the corpus itself", () => {
  it("is large and exercises every documented stricter case", () => {
    expect(pemCases.length + jwksCases.length).toBeGreaterThanOrEqual(80)
    const exercised = new Set(corpus.flatMap((entry) => [entry.pem, entry.jwks]))
    const documented: ReadonlyArray<StricterReason> = [
      "TokenTooLong",
      "MissingNbfOrIat",
      "IssuerNotString",
      "NoSid",
      "NonSessionCategory",
      "MistypedClaim",
      "NonCanonicalBase64url",
      "TimeOutsideDateRange",
      "RsaKeyUnder2048",
      "CritHeader",
      "KidNotString"
    ]
    expect(documented.filter((reason) => !exercised.has(reason))).toEqual([])
  })
})

describe("differential property", () => {
  it("random tokens: we accept only what @clerk/backend accepts, and refuse more only for a documented reason", async () => {
    const counts = { accepted: 0, stricter: 0 }
    await fc.assert(
      fc.asyncProperty(propertyCase, async (data: PropertyCase) => {
        const verdict = await both(await mintSpec(toSpec(data)), toOptions(data), data.mode)
        const broken = brokenInvariant(verdict)
        if (broken !== undefined) throw new Error(`${broken}\n${describeVerdict(verdict)}`)
        if (verdict.ours.accepted) counts.accepted++
        if (verdict.clerk.accepted && !verdict.ours.accepted) counts.stricter++
      }),
      { numRuns: 400 }
    )
    // The generator must keep both interesting outcomes common.
    expect(counts.accepted).toBeGreaterThan(20)
    expect(counts.stricter).toBeGreaterThan(20)
  }, 60_000)
})

/**
 * Divergences that were not in the token but in the key material (the
 * instance's JWKS, or the configured PEM), where we once accepted what
 * `@clerk/backend` refuses. internal/jwks.ts now reads keys as Clerk's SDK
 * does; each case is refused by both.
 */
describe("the key material is read as @clerk/backend reads it", () => {
  const bothRefuse = async (keys: Array<JWK>, token: string) => {
    const own = await makeDifferential(keys)
    try {
      const clerk = await own.clerk(token, {}, "jwks")
      const ours = await own.ours(token, {}, "jwks")
      expect({ clerk: clerk.accepted, ours: ours.accepted }, JSON.stringify({ clerk, ours })).toEqual({
        clerk: false,
        ours: false
      })
      expect(ours.reason).toMatch(/^KeyNotFound/)
    } finally {
      await own.close()
    }
  }

  const jwksCases: ReadonlyArray<readonly [string, Array<JWK>]> = [
    // WebCrypto refuses a JWK whose use is not "sig" for verification.
    ['a JWK whose use is "foo"', [{ ...keyA.publicJwk, use: "foo" }]],
    // WebCrypto refuses a JWK whose key_ops lack "verify".
    ['a JWK whose key_ops are ["sign"]', [{ ...keyA.publicJwk, key_ops: ["sign"] }]],
    // Clerk keeps the last JWK of a kid, usable or not.
    ["a kid listed twice, the last entry an encryption key", [keyA.publicJwk, { ...keyA.publicJwk, use: "enc" }]],
    [
      "a kid listed twice, the last entry unreadable",
      [keyA.publicJwk, { kid: keyA.kid, kty: "RSA", n: 42 } as unknown as JWK]
    ]
  ]
  for (const [name, keys] of jwksCases) {
    it(`JWKS with ${name}: both refuse`, async () => {
      await bothRefuse(keys, await mintSpec())
    })
  }

  it("an unreadable entry of another kid does not cost the others", async () => {
    const own = await makeDifferential([{ kid: "broken", kty: "RSA", use: 7 } as unknown as JWK, keyA.publicJwk])
    try {
      const token = await mintSpec()
      expect((await own.clerk(token, {}, "jwks")).accepted).toBe(true)
      expect((await own.ours(token, {}, "jwks")).accepted).toBe(true)
    } finally {
      await own.close()
    }
  })

  it("a 3072-bit PEM key: @clerk/backend refuses every token under it, our layer refuses the key", async () => {
    const { privateKey, publicKey } = await generateKeyPair("RS256", { modulusLength: 3072, extractable: true })
    const pem = await exportSPKI(publicKey)
    const token = await new SignJWT(sessionClaims()).setProtectedHeader({ alg: "RS256", typ: "JWT" }).sign(privateKey)
    const clerk = await verifyToken(token, { jwtKey: pem }).then(
      () => "accepted",
      () => "rejected"
    )
    expect(clerk).toBe("rejected")
    const exit = await Effect.runPromiseExit(SessionTokens.make({ jwtKey: pem }))
    expect(Exit.isFailure(exit) && String(exit.cause)).toContain("is not a 2048-bit RSA key with exponent 65537")
  })
})
