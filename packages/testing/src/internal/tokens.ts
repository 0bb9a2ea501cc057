/**
 * RS256 signing keys and JWTs, with `jose` (WebCrypto: works on Node, Bun,
 * Deno and browsers). Each fake instance generates its own key pair, so tokens
 * of one fake never verify against another.
 */

import * as Effect from "effect/Effect"
import * as jose from "jose"

/** @internal */
export interface SigningKey {
  readonly kid: string
  readonly privateKey: CryptoKey
  readonly publicKey: CryptoKey
  /** The public key as a JWK, with `kid`, `alg` and `use`, as `GET /v1/jwks` serves it. */
  readonly publicJwk: jose.JWK
  /** The public key as an SPKI PEM: what `verifyToken(token, { jwtKey })` takes. */
  readonly publicPem: string
}

const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

/**
 * A Clerk-looking id: a prefix and 27 base62 characters (`sess_2n4...`).
 * @internal
 */
export const randomId = (prefix: string, length = 27): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(length))
  let out = ""
  for (const byte of bytes) out += alphabet[byte % alphabet.length]
  return `${prefix}_${out}`
}

/** @internal */
export const randomHex = (bytes: number): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, "0")).join("")

/** @internal */
export const generateSigningKey: Effect.Effect<SigningKey> = Effect.promise(async () => {
  const { privateKey, publicKey } = await jose.generateKeyPair("RS256", { extractable: true })
  // Clerk names its instance key after the instance (`ins_...`).
  const kid = randomId("ins")
  const jwk = await jose.exportJWK(publicKey)
  const publicPem = await jose.exportSPKI(publicKey)
  return { kid, privateKey, publicKey, publicJwk: { ...jwk, kid, alg: "RS256", use: "sig" }, publicPem }
})

/**
 * The `cat` (category) header of Clerk's tokens: `@clerk/backend` refuses a
 * token of another category where a session token is expected
 * (`token-type-mismatch`), and accepts one without `cat` (tokens minted before
 * categories existed, like {@link sign} without a category).
 * @internal
 */
export const TokenCategory = {
  session: "cl_B7d4PD111AAA",
  jwtTemplate: "cl_B7d4PD222AAA"
} as const

/**
 * Signs the claims with the header of a Clerk token (`alg`, `cat` when given, `kid`, `typ`).
 * @internal
 */
export const sign = (
  claims: Readonly<Record<string, unknown>>,
  key: SigningKey,
  category?: (typeof TokenCategory)[keyof typeof TokenCategory]
): Effect.Effect<string> =>
  Effect.promise(() =>
    new jose.SignJWT({ ...claims })
      .setProtectedHeader({
        alg: "RS256",
        ...(category === undefined ? {} : { cat: category }),
        kid: key.kid,
        typ: "JWT"
      })
      .sign(key.privateKey)
  )

/**
 * Checks the signature only (not `exp`), against the given keys: what refresh
 * needs, since it takes an expired token. Fails with `undefined` when the
 * token is malformed or signed by another key.
 * @internal
 */
export const verifySignature = (
  token: string,
  keys: ReadonlyArray<SigningKey>
): Effect.Effect<Record<string, unknown>, undefined> =>
  Effect.tryPromise({
    try: async () => {
      const header = jose.decodeProtectedHeader(token)
      const key = keys.find((candidate) => candidate.kid === header.kid)
      if (key === undefined) throw new Error("unknown kid")
      const { payload } = await jose.compactVerify(token, key.publicKey, { algorithms: ["RS256"] })
      const claims: unknown = JSON.parse(new TextDecoder().decode(payload))
      if (claims === null || typeof claims !== "object") throw new Error("payload is not an object")
      return claims as Record<string, unknown>
    },
    catch: () => undefined
  })
