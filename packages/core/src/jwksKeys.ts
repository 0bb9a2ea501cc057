/**
 * Which keys verify a session token, as plain functions shared by both
 * editions: the RSA algorithms Clerk signs with, which entries of a JWKS are
 * usable (read as `@clerk/backend` reads them), the PEM key's normalisation
 * and shape, the key lookup, and the JWKS cache's refresh decisions. The
 * editions do the I/O (the fetch, `jose`'s imports) and hold the state in
 * their own `SynchronizedRef`; the decisions are here, so the two caches
 * cannot drift apart.
 *
 * @internal
 */

/**
 * The only signature algorithms Clerk uses for session tokens (and the only
 * ones `@clerk/backend` accepts). HMAC and `none` are never accepted.
 * @internal
 */
export const RSA_ALGORITHMS = ["RS256", "RS384", "RS512"] as const

/** @internal */
export type RsaAlgorithm = (typeof RSA_ALGORITHMS)[number]

/** @internal */
export const isRsaAlgorithm = (alg: unknown): alg is RsaAlgorithm =>
  alg === "RS256" || alg === "RS384" || alg === "RS512"

/**
 * Why the JWKS could not be loaded.
 * @internal
 */
export interface JwksFetchFailure {
  readonly kind: "Transport" | "UnexpectedStatus" | "InvalidResponse" | "Timeout"
  readonly status?: number
  readonly cause?: unknown
}

/**
 * Why no key could be found for a token. Mapped to the public error by the
 * edition; kept free of key material.
 * @internal
 */
export type KeyLookupFailure =
  | { readonly _tag: "KeyNotFound"; readonly detail: string }
  | { readonly _tag: "JwksUnavailable"; readonly failure: JwksFetchFailure }

/**
 * Imported keys: key id, then algorithm. WebCrypto binds an RSA key to one
 * hash, so a key is imported once per algorithm it may verify.
 * @internal
 */
export type ImportedKeys<Key = CryptoKey> = ReadonlyMap<string, ReadonlyMap<RsaAlgorithm, Key>>

/**
 * One usable RSA verification key of a JWKS, with the algorithms it may verify.
 * @internal
 */
export interface RsaSigningKey {
  readonly kid: string
  readonly n: string
  readonly e: string
  readonly algorithms: ReadonlyArray<RsaAlgorithm>
}

const isOptionalString = (value: unknown): boolean => value === undefined || typeof value === "string"

/**
 * Whether a JWKS entry has the shape verification reads: `kid` and `kty`
 * strings, `alg`, `use`, `n`, `e` absent or strings, `key_ops` absent or a
 * list of strings. Other fields are ignored.
 */
const isJsonWebKey = (
  entry: unknown
): entry is {
  readonly kid: string
  readonly kty: string
  readonly alg?: string
  readonly use?: string
  readonly key_ops?: ReadonlyArray<string>
  readonly n?: string
  readonly e?: string
} => {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return false
  const jwk = entry as Record<string, unknown>
  return (
    typeof jwk.kid === "string" &&
    typeof jwk.kty === "string" &&
    isOptionalString(jwk.alg) &&
    isOptionalString(jwk.use) &&
    isOptionalString(jwk.n) &&
    isOptionalString(jwk.e) &&
    (jwk.key_ops === undefined ||
      (Array.isArray(jwk.key_ops) && jwk.key_ops.every((operation) => typeof operation === "string")))
  )
}

/**
 * The usable RSA verification keys of a JWKS's `keys`, as `@clerk/backend`
 * would let WebCrypto import them: an RSA key with a modulus and exponent,
 * `use` absent or `sig`, `key_ops` absent or including `verify`. A key with
 * an `alg` verifies that algorithm only (none when it is not RSA), a key
 * without one each RSA algorithm. Entries of other shapes are skipped, not
 * rejected: a JWKS may legitimately grow other key types. When a `kid` is
 * listed twice the last entry counts, as in `@clerk/backend`'s key cache, and
 * is then checked like any other (an unusable last entry leaves no key for
 * that `kid`, even if an earlier one was usable).
 * @internal
 */
export const usableSigningKeys = (keys: ReadonlyArray<unknown>): ReadonlyArray<RsaSigningKey> => {
  const lastByKid = new Map<string, unknown>()
  for (const entry of keys) {
    const kid = typeof entry === "object" && entry !== null ? (entry as { readonly kid?: unknown }).kid : undefined
    if (typeof kid === "string") lastByKid.set(kid, entry)
  }
  const usable: Array<RsaSigningKey> = []
  for (const jwk of lastByKid.values()) {
    if (!isJsonWebKey(jwk)) continue
    if (jwk.kty !== "RSA" || jwk.n === undefined || jwk.e === undefined) continue
    if (jwk.use !== undefined && jwk.use !== "sig") continue
    if (jwk.key_ops !== undefined && !jwk.key_ops.includes("verify")) continue
    const algorithms = jwk.alg === undefined ? RSA_ALGORITHMS : isRsaAlgorithm(jwk.alg) ? [jwk.alg] : []
    if (algorithms.length > 0) usable.push({ kid: jwk.kid, n: jwk.n, e: jwk.e, algorithms })
  }
  return usable
}

/**
 * The one algorithm a PEM key verifies: Clerk signs session tokens with
 * RS256, and `@clerk/backend` turns a PEM into a JWK with `alg: "RS256"`,
 * which refuses RS384 and RS512 signatures; accepting them would accept
 * tokens Clerk's own SDK refuses.
 * @internal
 */
export const PEM_ALGORITHM: RsaAlgorithm = "RS256"

/**
 * An environment variable often holds a PEM on one line with literal `\n`
 * sequences, or only the base64 body; both become a real PEM.
 * @internal
 */
export const normalisePem = (pem: string): string => {
  const unescaped = pem.replace(/\\n/g, "\n").trim()
  if (unescaped.startsWith("-----BEGIN")) return unescaped
  return `-----BEGIN PUBLIC KEY-----\n${unescaped.replace(/\s+/g, "")}\n-----END PUBLIC KEY-----`
}

/** @internal */
export const PEM_NOT_AN_RSA_PUBLIC_KEY = "is not a PEM-encoded RSA public key (SPKI, '-----BEGIN PUBLIC KEY-----')"

/**
 * What is wrong with an imported PEM key's shape, if anything. `@clerk/backend`
 * reads a PEM by cutting the fixed DER prefix of a 2048-bit key with exponent
 * 65537 (the shape of Clerk's instance keys), so it refuses every token under
 * any other key, and so must we.
 * @internal
 */
export const pemKeyShapeProblem = (algorithm: {
  readonly modulusLength: number
  readonly publicExponent: Uint8Array
}): string | undefined =>
  algorithm.modulusLength === 2048 && algorithm.publicExponent.join() === "1,0,1"
    ? undefined
    : "is not a 2048-bit RSA key with exponent 65537, the shape of Clerk's instance keys"

/**
 * The lookup failure of a PEM key asked for another algorithm than RS256.
 * @internal
 */
export const pemAlgorithmMismatch = (alg: RsaAlgorithm): KeyLookupFailure => ({
  _tag: "KeyNotFound",
  detail: `the PEM key verifies ${PEM_ALGORITHM} tokens only, the token's algorithm is ${alg}`
})

/** @internal */
export const NO_KID: KeyLookupFailure = { _tag: "KeyNotFound", detail: "the token header has no kid" }

/**
 * The key for a token's `kid` and `alg` in a key set, or why there is none.
 * @internal
 */
export const keyFor = <Key>(
  keys: ImportedKeys<Key>,
  kid: string,
  alg: RsaAlgorithm
): { readonly key: Key } | KeyLookupFailure => {
  const key = keys.get(kid)?.get(alg)
  if (key !== undefined) return { key }
  return {
    _tag: "KeyNotFound",
    detail: keys.has(kid)
      ? `the signing key is not usable with the token's algorithm ${alg}`
      : "no key in the instance's JWKS matches the token's kid"
  }
}

/**
 * The JWKS cache's state. `Attempt` is the edition's record of a fetch's
 * outcome (an `Exit`).
 * @internal
 */
export interface JwksCacheState<Key, Attempt> {
  /** Bumped by every fetch attempt; a waiter that saw an older one shares the newer attempt's outcome. */
  readonly generation: number
  readonly keys: ImportedKeys<Key> | undefined
  readonly fetchedAt: number
  readonly lastAttempt: Attempt | undefined
  readonly lastAttemptFailed: boolean
  readonly lastAttemptAt: number
  readonly lastKidMissFetchAt: number | undefined
}

/** @internal */
export const emptyJwksCache = <Key, Attempt>(): JwksCacheState<Key, Attempt> => ({
  generation: 0,
  keys: undefined,
  fetchedAt: 0,
  lastAttempt: undefined,
  lastAttemptFailed: false,
  lastAttemptAt: 0,
  lastKidMissFetchAt: undefined
})

/**
 * Why a lookup wants a refetch: no keys or expired ones, or a `kid` missing
 * from fresh keys (a rotation).
 * @internal
 */
export type RefreshCause = "cold-or-expired" | "kid-miss"

/**
 * The keys a lookup may use without fetching (fresh and listing the `kid`),
 * else why it must ask for a refresh.
 * @internal
 */
export const cachedKeysFor = <Key, Attempt>(
  state: JwksCacheState<Key, Attempt>,
  kid: string,
  nowMillis: number,
  ttlMillis: number
): { readonly keys: ImportedKeys<Key> } | { readonly refresh: RefreshCause } => {
  const fresh = state.keys !== undefined && nowMillis - state.fetchedAt < ttlMillis
  if (fresh && state.keys!.has(kid)) return { keys: state.keys! }
  return { refresh: fresh ? "kid-miss" : "cold-or-expired" }
}

/**
 * What a refresh does once it holds the cache's lock:
 * - `lastAttempt`: someone fetched while we queued (their answer is as fresh
 *   as ours would be), or the last fetch failed less than the minimum interval
 *   ago (do not hammer a failing endpoint);
 * - `currentKeys`: a `kid` miss within the minimum interval of the last one
 *   (a storm of unknown `kid`s costs one request per interval);
 * - `fetch`: fetch now.
 * @internal
 */
export const refreshPlan = <Key, Attempt>(
  state: JwksCacheState<Key, Attempt>,
  options: {
    readonly seenGeneration: number
    readonly cause: RefreshCause
    readonly nowMillis: number
    readonly minRefetchIntervalMillis: number
  }
): "lastAttempt" | "currentKeys" | "fetch" => {
  if (state.lastAttempt === undefined) return "fetch"
  if (state.generation !== options.seenGeneration) return "lastAttempt"
  const recentlyAttempted = options.nowMillis - state.lastAttemptAt < options.minRefetchIntervalMillis
  if (state.lastAttemptFailed && recentlyAttempted) return "lastAttempt"
  if (
    options.cause === "kid-miss" &&
    state.keys !== undefined &&
    state.lastKidMissFetchAt !== undefined &&
    options.nowMillis - state.lastKidMissFetchAt < options.minRefetchIntervalMillis
  ) {
    return "currentKeys"
  }
  return "fetch"
}

/**
 * The state after a fetch. A failed refresh keeps the previous keys: they
 * still answer known `kid`s until they expire.
 * @internal
 */
export const afterFetch = <Key, Attempt>(
  state: JwksCacheState<Key, Attempt>,
  outcome: { readonly attempt: Attempt; readonly keys: ImportedKeys<Key> | undefined },
  cause: RefreshCause,
  nowMillis: number
): JwksCacheState<Key, Attempt> => ({
  generation: state.generation + 1,
  keys: outcome.keys ?? state.keys,
  fetchedAt: outcome.keys !== undefined ? nowMillis : state.fetchedAt,
  lastAttempt: outcome.attempt,
  lastAttemptFailed: outcome.keys === undefined,
  lastAttemptAt: nowMillis,
  lastKidMissFetchAt: cause === "kid-miss" ? nowMillis : state.lastKidMissFetchAt
})
