/**
 * What every edition's program checks and answers, independent of Effect:
 * the fake's seed fixtures it uses, the results every check must give on
 * every runtime, and the shape of a run's one line of JSON. The effect-3
 * program (src/effect3) imports this; an effect-4 program (src/effect4) will
 * import the same, so both editions are held to one expectation.
 */
import { exportSPKI, importJWK, type JWK } from "jose"

/** The seed's fixtures the checks rely on (the fake's default seed, `defaultSeed`). */
export const FIXTURES = {
  listUser: "user_demo_alice",
  getSession: "sess_demo_alice_phone",
  createUser: "user_demo_bob",
  template: "custom_hasura",
  missingSession: "sess_runtime_matrix_missing",
  /** The driver arms a latency fault on every path that starts with `/v1/sessions/` and this. */
  timeoutPrefix: "sess_timeout_"
} as const

/** What one run of the checks answers: check name to a JSON value. */
export type CheckResults = Record<string, unknown>

/** What every transport's checks must answer, on every runtime, in every edition. */
export const EXPECTED_CHECKS: CheckResults = {
  list: { totalCount: 2, ids: ["sess_demo_alice_laptop", "sess_demo_alice_phone"] },
  get: { id: FIXTURES.getSession, userId: FIXTURES.listUser, status: "active" },
  create: { userId: FIXTURES.createUser, status: "active", idIsSession: true },
  createToken: { parts: 3, sidMatches: true },
  createTokenFromTemplate: { parts: 3, role: "user", user: FIXTURES.createUser },
  verifyJwks: { sidMatches: true, sub: FIXTURES.createUser },
  verifyPem: { sidMatches: true, sub: FIXTURES.createUser },
  revoke: { sameId: true, status: "revoked" },
  notFound: { _tag: "ClerkErrors", status: 404, codes: ["resource_not_found"] },
  timeout: { _tag: "SDKError", reason: "Timeout", withinFiveSeconds: true }
}

/** One run's line of output: which runtime, what the package detected, the checks per transport. */
export interface RunReport {
  readonly runtime: string
  readonly version: string
  readonly detected: string
  readonly transports: Record<string, CheckResults>
}

/** The timeout the program gives the delayed call, in milliseconds. */
export const TIMEOUT_MILLIS = 500

/**
 * The fake's public key as PEM: `GET /v1/jwks` with the secret key, the first
 * key converted with jose (WebCrypto). Web APIs only.
 */
export const pemFromJwks = async (apiUrl: string, secretKey: string): Promise<string> => {
  const response = await fetch(`${apiUrl.replace(/\/$/, "")}/v1/jwks`, {
    headers: { authorization: `Bearer ${secretKey}` }
  })
  if (!response.ok) throw new Error(`GET /v1/jwks answered ${response.status}`)
  const body = (await response.json()) as { readonly keys: ReadonlyArray<JWK> }
  const jwk = body.keys[0]
  if (jwk === undefined) throw new Error("GET /v1/jwks answered no key")
  const key = await importJWK({ ...jwk, alg: "RS256" }, "RS256", { extractable: true })
  if (key instanceof Uint8Array) throw new Error("GET /v1/jwks answered a symmetric key")
  return exportSPKI(key)
}

/** A JWT's payload, decoded with web APIs only (no verification). */
export const jwtPayload = (jwt: string): Record<string, unknown> => {
  const part = jwt.split(".")[1] ?? ""
  const base64 = part.replace(/-/g, "+").replace(/_/g, "/")
  const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4)
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0))
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>
}
