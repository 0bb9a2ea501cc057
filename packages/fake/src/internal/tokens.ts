/**
 * RS256 signing keys and JWTs, with `jose` (WebCrypto: works on Node, Bun,
 * Deno, Workers and browsers).
 *
 * Generating an RSA key pair costs a tenth of a second or more, and tests
 * build a fresh fake each, so a process generates one key pair on first use
 * and every new fake signs with it under a `kid` of its own: a fake's JWKS
 * never holds another fake's kid, so JWKS verification keeps fakes apart; a
 * PEM does not (the material is the same). `rotateKey` generates a real new
 * pair.
 */
import * as jose from "jose"
import { randomId } from "./ids.js"

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

interface KeyMaterial {
  readonly privateKey: CryptoKey
  readonly publicKey: CryptoKey
  readonly jwk: jose.JWK
  readonly pem: string
}

const generateKeyMaterial = async (): Promise<KeyMaterial> => {
  const { privateKey, publicKey } = await jose.generateKeyPair("RS256", { extractable: true })
  return { privateKey, publicKey, jwk: await jose.exportJWK(publicKey), pem: await jose.exportSPKI(publicKey) }
}

let processKeyMaterial: Promise<KeyMaterial> | undefined

/** Generated on first use, then shared by every fake of the process; a failed generation is retried. */
const sharedKeyMaterial = (): Promise<KeyMaterial> => {
  processKeyMaterial ??= generateKeyMaterial().catch((error: unknown) => {
    processKeyMaterial = undefined
    throw error
  })
  return processKeyMaterial
}

// Clerk names its instance key after the instance (`ins_...`): 27 random base62
// characters (about 160 bits), so two fakes do not draw the same kid.
const withNewKid = (material: KeyMaterial): SigningKey => {
  const kid = randomId("ins")
  return {
    kid,
    privateKey: material.privateKey,
    publicKey: material.publicKey,
    publicJwk: { ...material.jwk, kid, alg: "RS256", use: "sig" },
    publicPem: material.pem
  }
}

/**
 * The key of a new fake: the process's key pair under a new kid (no RSA
 * generation after the first fake).
 * @internal
 */
export const initialSigningKey = (): Promise<SigningKey> => sharedKeyMaterial().then(withNewKid)

/**
 * A key pair generated now, under a new kid: what a rotation needs, so that
 * tokens signed before verify with no key the fake serves afterwards.
 * @internal
 */
export const generateSigningKey = (): Promise<SigningKey> => generateKeyMaterial().then(withNewKid)

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
): Promise<string> =>
  new jose.SignJWT({ ...claims })
    .setProtectedHeader({
      alg: "RS256",
      ...(category === undefined ? {} : { cat: category }),
      kid: key.kid,
      typ: "JWT"
    })
    .sign(key.privateKey)

/**
 * Checks the signature only (not `exp`), against the given keys: what refresh
 * needs, since it takes an expired token. `undefined` when the token is
 * malformed or signed by another key.
 * @internal
 */
export const verifySignature = async (
  token: string,
  keys: ReadonlyArray<SigningKey>
): Promise<Record<string, unknown> | undefined> => {
  try {
    const header = jose.decodeProtectedHeader(token)
    const key = keys.find((candidate) => candidate.kid === header.kid)
    if (key === undefined) return undefined
    const { payload } = await jose.compactVerify(token, key.publicKey, { algorithms: ["RS256"] })
    const claims: unknown = JSON.parse(new TextDecoder().decode(payload))
    return claims !== null && typeof claims === "object" ? (claims as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
