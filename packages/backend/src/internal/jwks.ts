import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as SynchronizedRef from "effect/SynchronizedRef"
import { importJWK, importSPKI } from "jose"

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
 * One key of `GET /jwks`, as far as verification reads it. Keys that are not
 * RSA verification keys are skipped, not rejected: a JWKS may legitimately
 * grow other key types.
 * @internal
 */
export const JsonWebKey = Schema.Struct({
  kid: Schema.String,
  kty: Schema.String,
  alg: Schema.optionalWith(Schema.String, { exact: true }),
  use: Schema.optionalWith(Schema.String, { exact: true }),
  key_ops: Schema.optionalWith(Schema.Array(Schema.String), { exact: true }),
  n: Schema.optionalWith(Schema.String, { exact: true }),
  e: Schema.optionalWith(Schema.String, { exact: true })
})

/** @internal */
export type JsonWebKey = typeof JsonWebKey.Type

const isJsonWebKey = Schema.is(JsonWebKey)

/**
 * The body of `GET /jwks`: `keys` must be a list; each entry is read on its
 * own (see {@link importKeySet}), so one entry of an unknown shape does not
 * fail the whole set.
 * @internal
 */
export const JsonWebKeySet = Schema.Struct({ keys: Schema.Array(Schema.Unknown) })

/** @internal */
export type JsonWebKeySet = typeof JsonWebKeySet.Type

/**
 * Imported keys: key id, then algorithm. WebCrypto binds an RSA key to one
 * hash, so a key is imported once per algorithm it may verify.
 * @internal
 */
export type ImportedKeys = ReadonlyMap<string, ReadonlyMap<RsaAlgorithm, CryptoKey>>

/**
 * Why no key could be found for a token. Mapped to the public error by the
 * caller; kept free of key material.
 * @internal
 */
export type KeyLookupFailure =
  | { readonly _tag: "KeyNotFound"; readonly detail: string }
  | { readonly _tag: "JwksUnavailable"; readonly failure: JwksFetchFailure }

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
 * Finds the verification key for a token's `kid` and `alg`.
 * @internal
 */
export type KeyResolver = (kid: string | undefined, alg: RsaAlgorithm) => Effect.Effect<CryptoKey, KeyLookupFailure>

const importRsaJwk = (jwk: { readonly n: string; readonly e: string }, alg: RsaAlgorithm) =>
  Effect.tryPromise(() => importJWK({ kty: "RSA", n: jwk.n, e: jwk.e }, alg)).pipe(
    Effect.flatMap((key) => (key instanceof Uint8Array ? Effect.fail("not an asymmetric key") : Effect.succeed(key))),
    Effect.option
  )

/**
 * Whether WebCrypto would let this JWK verify, as `@clerk/backend`'s import
 * of it does: an RSA key with a modulus and exponent, `use` absent or `sig`,
 * `key_ops` absent or including `verify`.
 */
const isRsaVerificationKey = (jwk: JsonWebKey): jwk is JsonWebKey & { readonly n: string; readonly e: string } =>
  jwk.kty === "RSA" &&
  jwk.n !== undefined &&
  jwk.e !== undefined &&
  (jwk.use === undefined || jwk.use === "sig") &&
  (jwk.key_ops === undefined || jwk.key_ops.includes("verify"))

/**
 * Imports every usable RSA key of a JWKS: a key with an `alg` for that
 * algorithm only, a key without one for each RSA algorithm. When a `kid` is
 * listed twice the last entry counts, as in `@clerk/backend`'s key cache, and
 * is then checked like any other (an unusable or unreadable last entry leaves
 * no key for that `kid`, even if an earlier one was usable).
 * @internal
 */
export const importKeySet = (jwks: JsonWebKeySet): Effect.Effect<ImportedKeys> => {
  const lastByKid = new Map<string, unknown>()
  for (const entry of jwks.keys) {
    const kid = typeof entry === "object" && entry !== null ? (entry as { readonly kid?: unknown }).kid : undefined
    if (typeof kid === "string") lastByKid.set(kid, entry)
  }
  const usable = [...lastByKid.values()].filter(isJsonWebKey).filter(isRsaVerificationKey)
  return Effect.forEach(usable, (jwk) => {
    const algorithms: ReadonlyArray<RsaAlgorithm> =
      jwk.alg === undefined ? RSA_ALGORITHMS : isRsaAlgorithm(jwk.alg) ? [jwk.alg] : []
    return Effect.forEach(algorithms, (alg) =>
      Effect.map(
        importRsaJwk(jwk, alg),
        Option.map((key) => [alg, key] as const)
      )
    ).pipe(Effect.map((entries) => [jwk.kid, new Map(entries.flatMap((entry) => Option.toArray(entry)))] as const))
  }).pipe(Effect.map((entries) => new Map(entries.filter(([, byAlg]) => byAlg.size > 0))))
}

/** The one algorithm a PEM key verifies (see {@link makePemResolver}). */
const PEM_ALGORITHM: RsaAlgorithm = "RS256"

// An env var often holds a PEM on one line with literal "\n" sequences, or
// only the base64 body; both are normalised to a real PEM.
const normalisePem = (pem: string): string => {
  const unescaped = pem.replace(/\\n/g, "\n").trim()
  if (unescaped.startsWith("-----BEGIN")) return unescaped
  return `-----BEGIN PUBLIC KEY-----\n${unescaped.replace(/\s+/g, "")}\n-----END PUBLIC KEY-----`
}

/**
 * A resolver over one PEM (SPKI) public key: no network, ever. The token's
 * `kid` is not consulted, as in `@clerk/backend` with `jwtKey`. The key
 * verifies RS256 only: Clerk signs session tokens with RS256, and
 * `@clerk/backend` turns a PEM into a JWK with `alg: "RS256"`, which refuses
 * RS384 and RS512 signatures; accepting them here would accept tokens Clerk's
 * own SDK refuses. Fails with a description (no key material) when the PEM is
 * not an RSA public key, or not one of the shape Clerk's instance keys have
 * (2048 bits, exponent 65537): `@clerk/backend` reads a PEM by cutting the
 * fixed DER prefix of exactly that shape, so it refuses every token under
 * any other key, and so must we.
 * @internal
 */
export const makePemResolver = (pem: string): Effect.Effect<KeyResolver, string> =>
  Effect.tryPromise(() => importSPKI(normalisePem(pem), PEM_ALGORITHM)).pipe(
    Effect.mapError(() => "is not a PEM-encoded RSA public key (SPKI, '-----BEGIN PUBLIC KEY-----')"),
    Effect.filterOrFail(
      (key) => {
        const { modulusLength, publicExponent } = key.algorithm as RsaHashedKeyAlgorithm
        return modulusLength === 2048 && publicExponent.join() === "1,0,1"
      },
      () => "is not a 2048-bit RSA key with exponent 65537, the shape of Clerk's instance keys"
    ),
    Effect.map((key): KeyResolver => {
      const found = Effect.succeed(key)
      return (_kid, alg) =>
        alg === PEM_ALGORITHM
          ? found
          : Effect.fail({
              _tag: "KeyNotFound",
              detail: `the PEM key verifies ${PEM_ALGORITHM} tokens only, the token's algorithm is ${alg}`
            })
    })
  )

/** @internal */
export interface JwksResolverOptions {
  /** Fetches and decodes the JWKS; its failure becomes `JwksUnavailable`. */
  readonly fetch: Effect.Effect<JsonWebKeySet, JwksFetchFailure>
  /** How long a fetched key set is trusted. */
  readonly ttlMillis: number
  /** Minimum time between two refetches caused by unknown `kid`s, and between retries after a failed fetch. */
  readonly minRefetchIntervalMillis: number
}

interface KeyState {
  /** Bumped by every fetch attempt; a waiter that saw an older one shares the newer attempt's outcome. */
  readonly generation: number
  readonly keys: ImportedKeys | undefined
  readonly fetchedAt: number
  readonly lastAttempt: Exit.Exit<ImportedKeys, KeyLookupFailure> | undefined
  readonly lastAttemptAt: number
  readonly lastKidMissFetchAt: number | undefined
}

type RefreshCause = "cold-or-expired" | "kid-miss"

/**
 * A resolver over Clerk's JWKS, fetched lazily and cached.
 *
 * The hot path is one read of a `SynchronizedRef` (no lock) and two map
 * lookups. Fetches happen inside `SynchronizedRef.modifyEffect`, so at most one
 * is in flight; callers that queued behind it see that the generation moved
 * and share its outcome instead of fetching again. That makes a cold start of
 * N concurrent verifications one request, and a storm of tokens with unknown
 * `kid`s at most one request per `minRefetchIntervalMillis`.
 * @internal
 */
export const makeJwksResolver = (options: JwksResolverOptions): Effect.Effect<KeyResolver> =>
  Effect.map(
    SynchronizedRef.make<KeyState>({
      generation: 0,
      keys: undefined,
      fetchedAt: 0,
      lastAttempt: undefined,
      lastAttemptAt: 0,
      lastKidMissFetchAt: undefined
    }),
    (state): KeyResolver => {
      const fetchKeys: Effect.Effect<ImportedKeys, KeyLookupFailure> = options.fetch.pipe(
        Effect.mapError((failure): KeyLookupFailure => ({ _tag: "JwksUnavailable", failure })),
        Effect.flatMap(importKeySet)
      )

      const refresh = (seenGeneration: number, cause: RefreshCause) =>
        SynchronizedRef.modifyEffect(state, (current) =>
          // Read the clock only once we hold the lock: a caller may have queued for a while.
          Effect.flatMap(
            Clock.currentTimeMillis,
            (now): Effect.Effect<readonly [Exit.Exit<ImportedKeys, KeyLookupFailure>, KeyState]> => {
              // Someone fetched while we queued: their answer is as fresh as ours would be.
              if (current.generation !== seenGeneration && current.lastAttempt !== undefined) {
                return Effect.succeed([current.lastAttempt, current] as const)
              }
              const recentlyAttempted = now - current.lastAttemptAt < options.minRefetchIntervalMillis
              if (current.lastAttempt !== undefined && Exit.isFailure(current.lastAttempt) && recentlyAttempted) {
                return Effect.succeed([current.lastAttempt, current] as const)
              }
              if (
                cause === "kid-miss" &&
                current.keys !== undefined &&
                current.lastKidMissFetchAt !== undefined &&
                now - current.lastKidMissFetchAt < options.minRefetchIntervalMillis
              ) {
                return Effect.succeed([Exit.succeed(current.keys), current] as const)
              }
              return Effect.map(Effect.exit(fetchKeys), (exit) => {
                const next: KeyState = {
                  generation: current.generation + 1,
                  // A failed refresh keeps the previous keys: they still answer known `kid`s until they expire.
                  keys: Exit.isSuccess(exit) ? exit.value : current.keys,
                  fetchedAt: Exit.isSuccess(exit) ? now : current.fetchedAt,
                  lastAttempt: exit,
                  lastAttemptAt: now,
                  lastKidMissFetchAt: cause === "kid-miss" ? now : current.lastKidMissFetchAt
                }
                return [exit, next] as const
              })
            }
          )
        )

      const lookup = (
        keys: ImportedKeys,
        kid: string,
        alg: RsaAlgorithm
      ): Effect.Effect<CryptoKey, KeyLookupFailure> => {
        const key = keys.get(kid)?.get(alg)
        if (key !== undefined) return Effect.succeed(key)
        return Effect.fail({
          _tag: "KeyNotFound",
          detail: keys.has(kid)
            ? `the signing key is not usable with the token's algorithm ${alg}`
            : "no key in the instance's JWKS matches the token's kid"
        })
      }

      return (kid, alg) => {
        if (kid === undefined) {
          return Effect.fail({ _tag: "KeyNotFound", detail: "the token header has no kid" })
        }
        return Effect.flatMap(Clock.currentTimeMillis, (now) => {
          const current = SynchronizedRef.get(state)
          return Effect.flatMap(current, (snapshot) => {
            const fresh = snapshot.keys !== undefined && now - snapshot.fetchedAt < options.ttlMillis
            if (fresh && snapshot.keys!.has(kid)) return lookup(snapshot.keys!, kid, alg)
            return refresh(snapshot.generation, fresh ? "kid-miss" : "cold-or-expired").pipe(
              Effect.flatten,
              Effect.flatMap((keys) => lookup(keys, kid, alg))
            )
          })
        })
      }
    }
  )
