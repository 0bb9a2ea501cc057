/**
 * The named differential corpus. Each case says, per mode, what both sides do
 * (`"accept"`/`"reject"`: they must agree) or which documented stricter rule
 * makes us reject a token Clerk accepts. A case without a mode is not run in it.
 */

import type { DiffOptions, Spec, StricterReason } from "./tokenDifferential.js"
import {
  APP,
  CAT_IGNORE,
  CAT_M2M,
  CAT_SESSION,
  CAT_TEMPLATE,
  ISSUER,
  mintSpec,
  OTHER,
  sig,
  smallKey,
  strayBits,
  tamperClaims,
  withSignature
} from "./tokenDifferential.js"
import { intruderKey, keyB, NOW } from "./tokenKeys.js"

export type Expectation = "accept" | "reject" | StricterReason

export interface CorpusCase {
  readonly name: string
  readonly spec: Spec
  readonly options?: DiffOptions
  readonly pem?: Expectation
  readonly jwks?: Expectation
}

const both = (expectation: Expectation) => ({ pem: expectation, jwks: expectation })
const pemOnly = (expectation: Expectation) => ({ pem: expectation })

type Row = readonly [name: string, spec: Spec, modes: { pem?: Expectation; jwks?: Expectation }, options?: DiffOptions]

const NOTE = { note: "???>>>~~~" } // base64url with - and _, so the base64 alphabet differs
const at = (offsetMs: number): DiffOptions => ({ nowMs: NOW * 1000 + offsetMs })
const big = (length: number) => ({ blob: "x".repeat(length) })

const otherToken = await mintSpec({ claims: { sub: "user_other" } })

const rows: ReadonlyArray<Row> = [
  // Formats
  ["v2 session token", {}, both("accept")],
  [
    "v1 session token with org_* claims",
    {
      claims: { v: undefined, org_id: "org_1", org_slug: "acme", org_role: "org:admin", org_permissions: ["org:x:y"] }
    },
    both("accept")
  ],
  [
    "v2 with o and fea",
    { claims: { o: { id: "org_1", slg: "acme", rol: "admin", per: "read,manage", fpm: "3" }, fea: "o:billing" } },
    both("accept")
  ],
  [
    "act (impersonation)",
    { claims: { act: { sub: "user_admin", iss: "https://dashboard.clerk.com" } } },
    both("accept")
  ],
  ["sts pending, fva, pla", { claims: { sts: "pending", fva: [3, -1], pla: "u:free" } }, both("accept")],
  ["custom claims and empty sub", { claims: { sub: "", email: "a@b.c", meta: { n: 1 } } }, both("accept")],
  // typ
  ["typ absent", { header: { typ: undefined } }, both("accept")],
  ["typ jwt (lower case)", { header: { typ: "jwt" } }, both("reject")],
  ["typ at+jwt", { header: { typ: "at+jwt" } }, both("reject")],
  ["typ application/at+jwt", { header: { typ: "application/at+jwt" } }, both("reject")],
  ["typ null", { header: { typ: null } }, both("reject")],
  ["typ 1", { header: { typ: 1 } }, pemOnly("reject")],
  // cat
  ["cat session", { header: { cat: CAT_SESSION } }, both("accept")],
  ["cat ignore", { header: { cat: CAT_IGNORE } }, both("accept")],
  ["cat template", { header: { cat: CAT_TEMPLATE } }, both("NonSessionCategory")],
  ["cat M2M", { header: { cat: CAT_M2M } }, both("reject")],
  ["cat null", { header: { cat: null } }, both("NonSessionCategory")],
  ["cat empty string", { header: { cat: "" } }, pemOnly("NonSessionCategory")],
  // Algorithms and keys
  ["RS384 by key A (PEM and JWK pinned to RS256)", { header: { alg: "RS384" } }, both("reject")],
  ["RS512 by key A", { header: { alg: "RS512" } }, both("reject")],
  ["RS256 by key B (JWK without alg)", { header: { kid: keyB.kid }, key: keyB }, { pem: "reject", jwks: "accept" }],
  ["RS384 by key B", { header: { alg: "RS384", kid: keyB.kid }, key: keyB }, { pem: "reject", jwks: "accept" }],
  ["RS512 by key B", { header: { alg: "RS512", kid: keyB.kid }, key: keyB }, { pem: "reject", jwks: "accept" }],
  ["kid absent", { header: { kid: undefined } }, { pem: "accept", jwks: "reject" }],
  ["kid unknown", { header: { kid: "ins_unknown" } }, { pem: "accept", jwks: "reject" }],
  ["kid a number naming a JWK", { header: { kid: 7 } }, { pem: "accept", jwks: "KidNotString" }],
  ["kid a string naming the same JWK", { header: { kid: "7" } }, { pem: "accept", jwks: "accept" }],
  ["1024-bit RSA key", { header: { kid: smallKey.kid }, key: smallKey }, { pem: "reject", jwks: "RsaKeyUnder2048" }],
  ["intruder key with key A's kid", { key: intruderKey }, both("reject")],
  ["alg none, no signature", { header: { alg: "none" } }, both("reject")],
  ["alg none, RS256 signature", { header: { alg: "none" }, signAs: "RS256" }, both("reject")],
  ["HS256 keyed with the PEM (key confusion)", { header: { alg: "HS256" } }, both("reject")],
  ["alg PS256 over an RS256 signature", { header: { alg: "PS256" } }, pemOnly("reject")],
  ["alg rs256 (lower case)", { header: { alg: "rs256" } }, pemOnly("reject")],
  ["alg absent", { header: { alg: undefined } }, pemOnly("reject")],
  ["payload tampered after signing", { after: tamperClaims }, both("reject")],
  ["signature of another token", { after: (t) => withSignature(t, sig(otherToken)) }, both("reject")],
  ["signature truncated", { after: (t) => withSignature(t, sig(t).slice(0, -4)) }, pemOnly("reject")],
  ["signature empty", { after: (t) => withSignature(t, "") }, pemOnly("reject")],
  // Structure
  ["empty token", { after: () => "" }, pemOnly("reject")],
  ["two parts", { after: (t) => t.split(".").slice(0, 2).join(".") }, pemOnly("reject")],
  ["four parts", { after: (t) => `${t}.${sig(t)}` }, pemOnly("reject")],
  ["header not JSON", { segments: (_h, p) => [Buffer.from("{alg").toString("base64url"), p] }, pemOnly("reject")],
  ["header null", { segments: (_h, p) => [Buffer.from("null").toString("base64url"), p] }, pemOnly("reject")],
  ["payload not JSON", { rawPayload: "{not json" }, pemOnly("reject")],
  ["payload an array", { rawPayload: "[1,2]" }, pemOnly("reject")],
  ["payload a string", { rawPayload: '"sess_123"' }, pemOnly("reject")],
  ["payload null", { rawPayload: "null" }, pemOnly("reject")],
  // Base64url
  ["canonical payload with - and _", { claims: NOTE }, both("accept")],
  ["payload padded with =", { claims: NOTE, segments: (h, p) => [h, `${p}==`] }, both("NonCanonicalBase64url")],
  ["header padded with =", { segments: (h, p) => [`${h}=`, p] }, pemOnly("NonCanonicalBase64url")],
  ["signature padded with =", { after: (t) => `${t}==` }, both("NonCanonicalBase64url")],
  ["payload with whitespace", { segments: (h, p) => [h, `${p.slice(0, 9)}\n${p.slice(9)}`] }, pemOnly("reject")],
  [
    "payload in the base64 alphabet",
    { claims: NOTE, segments: (h, p) => [h, p.replace(/-/g, "+").replace(/_/g, "/")] },
    pemOnly("reject")
  ],
  ["stray bits in the signature", { after: strayBits }, pemOnly("reject")],
  // exp, nbf, iat at the 5 s skew, now = NOW exactly
  ["exp = now - 5 s", { claims: { exp: NOW - 5 } }, both("reject")],
  ["exp = now - 4 s", { claims: { exp: NOW - 4 } }, both("accept")],
  ["exp = now - 4.5 s (read as now - 5)", { claims: { exp: NOW - 4.5 } }, pemOnly("reject")],
  ["exp = now - 3.5 s", { claims: { exp: NOW - 3.5 } }, pemOnly("accept")],
  ["exp = now - 5.5 s", { claims: { exp: NOW - 5.5 } }, pemOnly("reject")],
  ["nbf = now + 5 s", { claims: { nbf: NOW + 5 } }, both("accept")],
  ["nbf = now + 5.999 s", { claims: { nbf: NOW + 5.999 } }, pemOnly("accept")],
  ["nbf = now + 6 s", { claims: { nbf: NOW + 6 } }, both("reject")],
  ["iat = now + 5 s", { claims: { iat: NOW + 5 } }, pemOnly("accept")],
  ["iat = now + 5.5 s", { claims: { iat: NOW + 5.5 } }, pemOnly("accept")],
  ["iat = now + 6 s", { claims: { iat: NOW + 6 } }, both("reject")],
  ["fractional now: exp = now - 4.5 s", { claims: { exp: NOW - 4 } }, pemOnly("accept"), at(500)],
  ["fractional now: exp = now - 5.5 s", { claims: { exp: NOW - 5 } }, pemOnly("reject"), at(500)],
  ["fractional now: exp = now - 5 s exactly", { claims: { exp: NOW - 4 } }, pemOnly("reject"), at(1000)],
  ["fractional now: nbf = now + 5.001 s", { claims: { nbf: NOW + 6 } }, pemOnly("reject"), at(999)],
  ["fractional now: nbf = now + 4.999 s", { claims: { nbf: NOW + 5 } }, pemOnly("accept"), at(1)],
  ["skew 0: exp = now", { claims: { exp: NOW } }, pemOnly("reject"), { skewMs: 0 }],
  ["skew 0: exp = now + 1 s", { claims: { exp: NOW + 1 } }, pemOnly("accept"), { skewMs: 0 }],
  ["skew 60 s: exp = now - 59 s", { claims: { exp: NOW - 59 } }, pemOnly("accept"), { skewMs: 60_000 }],
  // Times at the edge of Date's range
  ["exp = -1e13 (NaN for Clerk)", { claims: { exp: -1e13 } }, both("TimeOutsideDateRange")],
  ["exp = -Infinity (JSON -1e400)", { claims: { exp: -Infinity } }, pemOnly("TimeOutsideDateRange")],
  ["exp = 1e13", { claims: { exp: 1e13 } }, pemOnly("accept")],
  ["exp = Infinity", { claims: { exp: Infinity } }, pemOnly("accept")],
  ["nbf = 8.64e12 (the last Date second)", { claims: { nbf: 8.64e12 } }, pemOnly("reject")],
  ["nbf = 8.64e12 + 1", { claims: { nbf: 8.64e12 + 1 } }, both("TimeOutsideDateRange")],
  ["nbf = Infinity", { claims: { nbf: Infinity } }, pemOnly("TimeOutsideDateRange")],
  ["nbf = -1e13", { claims: { nbf: -1e13 } }, pemOnly("accept")],
  ["iat = 1e13", { claims: { iat: 1e13 } }, pemOnly("TimeOutsideDateRange")],
  // Missing and mistyped claims
  ["exp missing", { claims: { exp: undefined } }, both("reject")],
  ["exp a string", { claims: { exp: String(NOW + 60) } }, pemOnly("reject")],
  ["exp null", { claims: { exp: null } }, pemOnly("reject")],
  ["nbf missing", { claims: { nbf: undefined } }, both("MissingNbfOrIat")],
  ["iat missing", { claims: { iat: undefined } }, both("MissingNbfOrIat")],
  ["nbf a string", { claims: { nbf: "0" } }, pemOnly("reject")],
  ["iat null", { claims: { iat: null } }, pemOnly("reject")],
  ["sub missing", { claims: { sub: undefined } }, both("reject")],
  ["sub a number", { claims: { sub: 123 } }, pemOnly("reject")],
  ["iss missing", { claims: { iss: undefined } }, both("IssuerNotString")],
  ["iss a number", { claims: { iss: 123 } }, pemOnly("IssuerNotString")],
  ["sid missing (JWT template)", { claims: { sid: undefined } }, both("NoSid")],
  ["sid a number", { claims: { sid: 123 } }, pemOnly("MistypedClaim")],
  ["azp a number", { claims: { azp: 123 } }, pemOnly("MistypedClaim")],
  ["act a string", { claims: { act: "user_admin" } }, pemOnly("MistypedClaim")],
  ["act.sub a number", { claims: { act: { sub: 1 } } }, pemOnly("MistypedClaim")],
  ["v a string", { claims: { v: "2" } }, pemOnly("MistypedClaim")],
  ["sts a number", { claims: { sts: 1 } }, pemOnly("MistypedClaim")],
  ["fva of one number", { claims: { fva: [1] } }, pemOnly("MistypedClaim")],
  ["fea a number", { claims: { fea: 1 } }, pemOnly("MistypedClaim")],
  ["o.id a number", { claims: { o: { id: 1 } } }, pemOnly("MistypedClaim")],
  ["org_permissions a string", { claims: { v: undefined, org_permissions: "org:x:y" } }, pemOnly("MistypedClaim")],
  // azp and authorizedParties
  ["azp listed", {}, both("accept"), { authorizedParties: [APP] }],
  ["azp not listed", {}, both("reject"), { authorizedParties: [OTHER] }],
  ["azp missing, parties set", { claims: { azp: undefined } }, both("reject"), { authorizedParties: [APP] }],
  ["azp empty, parties set", { claims: { azp: "" } }, pemOnly("reject"), { authorizedParties: [APP] }],
  ['azp empty, parties [""]', { claims: { azp: "" } }, pemOnly("reject"), { authorizedParties: [""] }],
  ['azp set, parties [""]', {}, pemOnly("reject"), { authorizedParties: [""] }],
  ["azp missing, parties []", { claims: { azp: undefined } }, pemOnly("accept"), { authorizedParties: [] }],
  ["azp missing, no parties", { claims: { azp: undefined } }, both("accept")],
  ["azp empty, no parties", { claims: { azp: "" } }, pemOnly("accept")],
  ["azp second of two parties", { claims: { azp: OTHER } }, pemOnly("accept"), { authorizedParties: [APP, OTHER] }],
  ["azp a number, parties set", { claims: { azp: 123 } }, pemOnly("reject"), { authorizedParties: [APP] }],
  // issuer
  ["issuer string, iss matches", {}, both("accept"), { issuer: ISSUER }],
  ["issuer string, iss other", { claims: { iss: OTHER } }, both("reject"), { issuer: ISSUER }],
  ["issuer list, iss second", {}, pemOnly("accept"), { issuer: [OTHER, ISSUER] }],
  ["issuer list, iss absent from it", {}, pemOnly("reject"), { issuer: [OTHER] }],
  ["issuer []", { claims: { iss: OTHER } }, pemOnly("accept"), { issuer: [] }],
  ['issuer [""]', { claims: { iss: OTHER } }, pemOnly("accept"), { issuer: [""] }],
  ['issuer ""', { claims: { iss: OTHER } }, pemOnly("accept"), { issuer: "" }],
  ["issuer set, iss missing", { claims: { iss: undefined } }, both("reject"), { issuer: ISSUER }],
  ["issuer set, iss a number", { claims: { iss: 123 } }, pemOnly("reject"), { issuer: [ISSUER] }],
  // Size
  ["just under 16 KiB", { claims: big(11_500) }, pemOnly("accept")],
  ["over 16 KiB", { claims: big(17_000) }, both("TokenTooLong")],
  // crit
  ['crit ["x"]', { header: { crit: ["x"], x: 1 } }, both("CritHeader")],
  ["crit []", { header: { crit: [] } }, pemOnly("CritHeader")],
  ['crit ["b64"] with b64 true', { header: { crit: ["b64"], b64: true } }, pemOnly("accept")]
]

export const corpus: ReadonlyArray<CorpusCase> = rows.map(([name, spec, modes, options]) => ({
  name,
  spec,
  ...modes,
  ...(options !== undefined ? { options } : {})
}))
