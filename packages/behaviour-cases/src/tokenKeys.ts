/**
 * The session-token fixtures both editions' token suites share: "now", the
 * RSA keys (generated once per test process), Clerk-like v2 session claims
 * and `mint`, which signs them with `jose`. No Effect here: each edition's
 * SessionTokensFixtures.ts re-exports these next to its own Effect helpers.
 */
import type { CryptoKey, JWK, JWTPayload } from "jose"
import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, SignJWT } from "jose"

/** "Now" in every test, in JWT seconds: 2025-11-28T03:20:00Z. */
export const NOW = 1_764_300_000

export interface TestKey {
  readonly kid: string
  readonly privateKey: CryptoKey
  /** WebCrypto binds a key to one hash: RS384/RS512 signing re-imports it. */
  readonly privatePem: string
  readonly publicJwk: JWK
  readonly publicPem: string
}

/** A generated key pair as a {@link TestKey}: its PEMs and its public JWK under `kid`. */
export const testKeyOf = async (
  kid: string,
  { privateKey, publicKey }: { readonly privateKey: CryptoKey; readonly publicKey: CryptoKey }
): Promise<TestKey> => ({
  kid,
  privateKey,
  privatePem: await exportPKCS8(privateKey),
  publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" },
  publicPem: await exportSPKI(publicKey)
})

export const makeKey = async (kid: string): Promise<TestKey> =>
  testKeyOf(kid, await generateKeyPair("RS256", { extractable: true }))

export const [keyA, keyB, intruderKey] = await Promise.all([
  makeKey("ins_key_a"),
  makeKey("ins_key_b"),
  makeKey("ins_key_a")
])

export const sessionClaims = (overrides: JWTPayload = {}): JWTPayload => ({
  sid: "sess_123",
  sub: "user_123",
  iss: "https://clerk.example.accounts.dev",
  azp: "https://app.example.com",
  iat: NOW - 2,
  nbf: NOW - 12,
  exp: NOW + 58,
  v: 2,
  ...overrides
})

export interface MintOptions {
  readonly key?: TestKey
  readonly alg?: "RS256" | "RS384" | "RS512"
  readonly kid?: string | undefined
  readonly header?: Record<string, unknown>
}

export const mint = async (payload: JWTPayload = sessionClaims(), options: MintOptions = {}): Promise<string> => {
  const key = options.key ?? keyA
  const kid = "kid" in options ? options.kid : key.kid
  const alg = options.alg ?? "RS256"
  const signingKey = alg === "RS256" ? key.privateKey : await importPKCS8(key.privatePem, alg)
  return new SignJWT(payload)
    .setProtectedHeader({ alg, typ: "JWT", ...(kid !== undefined ? { kid } : {}), ...options.header })
    .sign(signingKey)
}
