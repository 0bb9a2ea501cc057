/**
 * The differential harness, shared by both editions: signs arbitrary compact
 * JWS tokens, verifies them with `@clerk/backend` 3.25's `verifyToken` (the
 * oracle), and names the documented reasons we may reject a token Clerk
 * accepts (`whyStricter`). Each edition's test/…/harness.ts adds its own
 * `SessionTokens` as the other side. Test-only.
 */
import { randomUUID } from "node:crypto"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { verifyToken } from "@clerk/backend"
import type { JWK } from "jose"
import { importPKCS8 } from "jose"
import type { TestKey } from "./tokenKeys.js"
import { keyA, NOW, sessionClaims, testKeyOf } from "./tokenKeys.js"

export const APP = "https://app.example.com"
export const OTHER = "https://evil.example.net"
export const ISSUER = "https://clerk.example.accounts.dev"
export const CAT_SESSION = "cl_B7d4PD111AAA"
export const CAT_IGNORE = "cl_I7d4PD111III"
export const CAT_TEMPLATE = "cl_B7d4PD222AAA"
export const CAT_M2M = "cl_B7d4PD333AAA"

/**
 * A 1024-bit RSA key: WebCrypto (Clerk) takes it, jose (us) refuses it (and
 * refuses to generate it, hence WebCrypto here).
 */
export const smallKey: TestKey = await testKeyOf(
  "ins_small",
  (await crypto.subtle.generateKey(
    { name: "RSASSA-PKCS1-v1_5", modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    true,
    ["sign", "verify"]
  )) as CryptoKeyPair
)

export type SignAs = "RS256" | "RS384" | "RS512" | "HS256" | "none"

/** How to build one token. Header and claims are overrides; an `undefined` value drops the field. */
export interface Spec {
  /** Over `{ alg: "RS256", typ: "JWT", kid: keyA.kid }`. */
  readonly header?: Record<string, unknown>
  /** Over the fixtures' v2 session claims (valid at NOW). */
  readonly claims?: Record<string, unknown>
  /** The payload as JSON text, instead of `claims`. */
  readonly rawPayload?: string
  readonly key?: TestKey
  /** Default: the header's alg when it is one of these, else RS256. HS256 uses the PEM text as the secret. */
  readonly signAs?: SignAs
  /** Re-encodes the segments before signing: the signature covers what this returns. */
  readonly segments?: (header: string, payload: string) => readonly [string, string]
  /** Tampers with the signed token. */
  readonly after?: (token: string) => string
}

const b64u = (bytes: Uint8Array | string) => Buffer.from(bytes).toString("base64url")

/** JSON with `Infinity` written as `1e400`, which `JSON.parse` reads back as Infinity. */
export const toJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v) => (v === Infinity ? "__+INF__" : v === -Infinity ? "__-INF__" : v))
    .replaceAll('"__+INF__"', "1e400")
    .replaceAll('"__-INF__"', "-1e400")

const rsaKeys = new Map<string, Promise<CryptoKey>>()
const rsaKey = (key: TestKey, alg: "RS384" | "RS512") => {
  const id = `${key.publicJwk.n}|${alg}`
  if (!rsaKeys.has(id)) rsaKeys.set(id, importPKCS8(key.privatePem, alg))
  return rsaKeys.get(id)!
}
const hmacKey = crypto.subtle.importKey(
  "raw",
  new TextEncoder().encode(keyA.publicPem),
  { name: "HMAC", hash: "SHA-256" },
  false,
  ["sign"]
)

export const signingInput = async (input: string, signAs: SignAs, key: TestKey = keyA): Promise<string> => {
  const data = new TextEncoder().encode(input)
  if (signAs === "none") return ""
  if (signAs === "HS256") return b64u(new Uint8Array(await crypto.subtle.sign("HMAC", await hmacKey, data)))
  // The raw signing input, whatever its encoding: RS256 with the key as generated, else re-imported for the hash.
  const privateKey = signAs === "RS256" ? key.privateKey : await rsaKey(key, signAs)
  return b64u(new Uint8Array(await crypto.subtle.sign("RSASSA-PKCS1-v1_5", privateKey, data)))
}

const SIGNABLE: ReadonlyArray<unknown> = ["RS256", "RS384", "RS512", "HS256", "none"]

export const mintSpec = async (spec: Spec = {}): Promise<string> => {
  const header = { alg: "RS256", typ: "JWT", kid: keyA.kid, ...spec.header }
  const payload = spec.rawPayload ?? toJson(sessionClaims(spec.claims as never))
  const [h, p] = (spec.segments ?? ((x: string, y: string) => [x, y] as const))(b64u(toJson(header)), b64u(payload))
  const signAs = spec.signAs ?? (SIGNABLE.includes(header.alg) ? (header.alg as SignAs) : "RS256")
  const token = `${h}.${p}.${await signingInput(`${h}.${p}`, signAs, spec.key)}`
  return spec.after === undefined ? token : spec.after(token)
}

export const sig = (token: string) => token.split(".")[2]!
export const withSignature = (token: string, signature: string) =>
  `${token.split(".").slice(0, 2).join(".")}.${signature}`
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
/** Sets a spare bit of the signature's last character: same bytes under atob, refused by Clerk. */
export const strayBits = (token: string) => {
  const s = sig(token)
  return withSignature(token, s.slice(0, -1) + ALPHABET[ALPHABET.indexOf(s[s.length - 1]!) | 1])
}
/** Swaps the payload for another one (sub: user_admin), keeping header and signature. */
export const tamperClaims = (token: string) => {
  const [h, p, s] = token.split(".") as [string, string, string]
  const claims = JSON.parse(Buffer.from(p, "base64url").toString())
  return `${h}.${Buffer.from(toJson({ ...claims, sub: "user_admin" })).toString("base64url")}.${s}`
}

export type Mode = "pem" | "jwks"

/** Verify options for both sides, and the instant of the check (milliseconds). */
export interface DiffOptions {
  readonly authorizedParties?: Array<string>
  readonly issuer?: string | Array<string>
  readonly skewMs?: number
  readonly nowMs?: number
}

export interface Outcome {
  readonly accepted: boolean
  readonly reason: string
}

/** `@clerk/backend`'s side of a differential run (the oracle). */
export interface ClerkOracle {
  readonly clerk: (token: string, options: DiffOptions, mode: Mode) => Promise<Outcome>
  readonly close: () => Promise<void>
}

/**
 * `@clerk/backend`'s `verifyToken` in PEM mode (`pem`) and JWKS mode (`jwks`,
 * served by a loopback HTTP server: Clerk caches a JWKS per secret key, so
 * each oracle has its own). Clerk's clock is `Date`, set through
 * `setSystemTime` (the caller's `vi.setSystemTime`, under
 * `vi.useFakeTimers({ toFake: ["Date"] })`).
 */
export const makeClerkOracle = async (
  jwks: Array<JWK>,
  pem: string,
  setSystemTime: (millis: number) => void
): Promise<ClerkOracle> => {
  const server = http.createServer((request, response) => {
    const found = request.method === "GET" && request.url === "/v1/jwks"
    response.writeHead(found ? 200 : 404, { "content-type": "application/json" })
    response.end(JSON.stringify(found ? { keys: jwks } : { errors: [] }))
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const secretKey = `sk_test_differential_${randomUUID()}`
  return {
    clerk: async (token, options, mode) => {
      setSystemTime(options.nowMs ?? NOW * 1000)
      try {
        await verifyToken(token, {
          ...(mode === "pem" ? { jwtKey: pem } : { secretKey, apiUrl }),
          ...(options.authorizedParties !== undefined ? { authorizedParties: options.authorizedParties } : {}),
          ...(options.issuer !== undefined ? { issuer: options.issuer } : {}),
          ...(options.skewMs !== undefined ? { clockSkewInMs: options.skewMs } : {})
        })
        return { accepted: true, reason: "accepted" }
      } catch (error) {
        const { message, reason } = error as { message?: string; reason?: string }
        return { accepted: false, reason: `${reason ?? "thrown"}: ${message}` }
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

/** The documented cases where we reject a token `@clerk/backend` accepts (docs/tokens.md). */
export type StricterReason =
  /** 1. Longer than 16 KiB. */
  | "TokenTooLong"
  /** 2. `nbf` or `iat` missing: Clerk skips the check. */
  | "MissingNbfOrIat"
  /** 3. `iss` missing or not a string: Clerk checks it only against an `issuer` option. */
  | "IssuerNotString"
  /** 4. No `sid`: a JWT-template token. */
  | "NoSid"
  /** 5. A `cat` other than absent, session or ignore: Clerk refuses only the M2M category. */
  | "NonSessionCategory"
  /** 6. A claim we type (`sid`, `azp`, `act`, `v`, `sts`, `fva`, `fea`, `pla`, `o`, `org_*`) of the wrong type. */
  | "MistypedClaim"
  /** 7. Non-canonical base64url: Clerk's parser tolerates `=` padding. */
  | "NonCanonicalBase64url"
  /** 8. A time outside Date's range: Clerk's `setUTCSeconds` gives NaN and skips the check. */
  | "TimeOutsideDateRange"
  /** 9. An RSA key under 2048 bits (JWKS): jose refuses it, WebCrypto does not. */
  | "RsaKeyUnder2048"
  /** 10. A `crit` header other than `["b64"]` with `b64: true`: jose enforces RFC 7515 §4.1.11, Clerk ignores `crit`. */
  | "CritHeader"
  /** 11. A `kid` that is not a string (JWKS): Clerk looks it up as a property name (`7` finds `"7"`). */
  | "KidNotString"

export interface StrictnessContext {
  readonly mode: Mode
  /** Kids of the JWKS whose RSA key is under 2048 bits. */
  readonly smallKids: ReadonlySet<string>
}

const isCanonical = (segment: string) =>
  /^[A-Za-z0-9_-]*$/.test(segment) && Buffer.from(segment, "base64url").toString("base64url") === segment

const decodeLoose = (segment: string): unknown => {
  try {
    return JSON.parse(Buffer.from(segment.replace(/=+$/, ""), "base64url").toString("utf8"))
  } catch {
    return undefined
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)
const isString = (value: unknown) => typeof value === "string"
const optional = (value: unknown, valid: (value: unknown) => boolean) => value === undefined || valid(value)
const optionalStrings = (object: Record<string, unknown>, ...keys: Array<string>) =>
  keys.every((key) => optional(object[key], isString))

/** Whether every claim we type has its type (absent is fine). */
const typedClaimsWellTyped = (claims: Record<string, unknown>) =>
  optionalStrings(claims, "sid", "azp", "sts", "fea", "pla", "org_id", "org_slug", "org_role") &&
  optional(claims.v, (v) => typeof v === "number") &&
  optional(claims.act, (act) => isObject(act) && isString(act.sub)) &&
  optional(claims.fva, (fva) => Array.isArray(fva) && fva.length === 2 && fva.every((n) => typeof n === "number")) &&
  optional(claims.o, (o) => isObject(o) && isString(o.id) && optionalStrings(o, "slg", "rol", "per", "fpm")) &&
  optional(claims.org_permissions, (list) => Array.isArray(list) && list.every(isString))

// Date's range is ±8.64e15 ms; Clerk reads whole seconds (setUTCSeconds truncates).
const DATE_RANGE_SECONDS = 8.64e12
const beyondPast = (t: unknown) => typeof t === "number" && Math.trunc(t) < -DATE_RANGE_SECONDS
const beyondFuture = (t: unknown) => typeof t === "number" && Math.trunc(t) > DATE_RANGE_SECONDS

/**
 * Why we may reject `token` although Clerk accepts it: every documented
 * stricter rule the token breaks. Each one makes us reject whatever else the
 * token is; an empty list means we must agree with Clerk.
 */
export const whyStricter = (token: string, context: StrictnessContext): ReadonlyArray<StricterReason> => {
  const reasons: Array<StricterReason> = []
  const parts = token.split(".")
  if (token.length > 16 * 1024) reasons.push("TokenTooLong")
  if (parts.length !== 3) return reasons
  if (!parts.every(isCanonical)) reasons.push("NonCanonicalBase64url")
  const header = decodeLoose(parts[0]!)
  const claims = decodeLoose(parts[1]!)
  if (isObject(header)) {
    const crit = header.crit
    if (crit !== undefined && !(Array.isArray(crit) && crit.length === 1 && crit[0] === "b64" && header.b64 === true))
      reasons.push("CritHeader")
    if (header.cat !== undefined && header.cat !== CAT_SESSION && header.cat !== CAT_IGNORE)
      reasons.push("NonSessionCategory")
    if (context.mode === "jwks" && header.kid !== undefined && !isString(header.kid)) reasons.push("KidNotString")
    if (context.mode === "jwks" && context.smallKids.has(header.kid as string)) reasons.push("RsaKeyUnder2048")
  }
  if (isObject(claims)) {
    if (claims.sid === undefined) reasons.push("NoSid")
    if (claims.nbf === undefined || claims.iat === undefined) reasons.push("MissingNbfOrIat")
    if (!isString(claims.iss)) reasons.push("IssuerNotString")
    if (!typedClaimsWellTyped(claims)) reasons.push("MistypedClaim")
    if (beyondPast(claims.exp) || beyondFuture(claims.nbf) || beyondFuture(claims.iat))
      reasons.push("TimeOutsideDateRange")
  }
  return reasons
}
