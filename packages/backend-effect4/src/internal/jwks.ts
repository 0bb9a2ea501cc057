import type {
  ImportedKeys,
  JwksCacheState,
  JwksFetchFailure,
  KeyLookupFailure,
  RefreshCause,
  RsaAlgorithm,
  RsaSigningKey
} from "@clerk-effect/core/jwksKeys"
import * as Keys from "@clerk-effect/core/jwksKeys"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Schema from "effect/Schema"
import * as SynchronizedRef from "effect/SynchronizedRef"
import { importJWK, importSPKI } from "jose"

/**
 * The body of `GET /jwks`: `keys` must be a list; each entry is read on its
 * own (@clerk-effect/core's jwksKeys, `usableSigningKeys`), so one entry of an
 * unknown shape does not fail the whole set.
 * @internal
 */
export const JsonWebKeySet = Schema.Struct({ keys: Schema.Array(Schema.Unknown) })

/** @internal */
export type JsonWebKeySet = typeof JsonWebKeySet.Type

/**
 * Finds the verification key for a token's `kid` and `alg`.
 * @internal
 */
export type KeyResolver = (kid: string | undefined, alg: RsaAlgorithm) => Effect.Effect<CryptoKey, KeyLookupFailure>

// A key WebCrypto refuses (a modulus it cannot read) is left out of the set,
// as `@clerk/backend`'s import would fail on it: `undefined`, not a failure.
const importRsaJwk = (jwk: RsaSigningKey, alg: RsaAlgorithm): Effect.Effect<CryptoKey | undefined> =>
  Effect.tryPromise(() => importJWK({ kty: "RSA", n: jwk.n, e: jwk.e }, alg)).pipe(
    Effect.map((key) => (key instanceof Uint8Array ? undefined : key)),
    Effect.orElseSucceed(() => undefined)
  )

/**
 * Imports every usable RSA key of a JWKS, once per algorithm it may verify.
 * @internal
 */
export const importKeySet = (jwks: JsonWebKeySet): Effect.Effect<ImportedKeys> =>
  Effect.forEach(Keys.usableSigningKeys(jwks.keys), (jwk) =>
    Effect.map(
      Effect.forEach(jwk.algorithms, (alg) => Effect.map(importRsaJwk(jwk, alg), (key) => [alg, key] as const)),
      (entries) => {
        const byAlg = new Map<RsaAlgorithm, CryptoKey>()
        for (const [alg, key] of entries) if (key !== undefined) byAlg.set(alg, key)
        return [jwk.kid, byAlg] as const
      }
    )
  ).pipe(Effect.map((entries) => new Map(entries.filter(([, byAlg]) => byAlg.size > 0))))

/**
 * A resolver over one PEM (SPKI) public key: no network, ever. The token's
 * `kid` is not consulted, as in `@clerk/backend` with `jwtKey`, and the key
 * verifies RS256 only (`PEM_ALGORITHM` in @clerk-effect/core says why).
 * Fails with a description (no key material) when the PEM is not an RSA
 * public key of the shape of Clerk's instance keys.
 * @internal
 */
export const makePemResolver = (pem: string): Effect.Effect<KeyResolver, string> =>
  Effect.tryPromise(() => importSPKI(Keys.normalisePem(pem), Keys.PEM_ALGORITHM)).pipe(
    Effect.mapError(() => Keys.PEM_NOT_AN_RSA_PUBLIC_KEY),
    Effect.flatMap((key) => {
      const problem = Keys.pemKeyShapeProblem(key.algorithm as RsaHashedKeyAlgorithm)
      if (problem !== undefined) return Effect.fail(problem)
      const found = Effect.succeed(key)
      const resolver: KeyResolver = (_kid, alg) =>
        alg === Keys.PEM_ALGORITHM ? found : Effect.fail(Keys.pemAlgorithmMismatch(alg))
      return Effect.succeed(resolver)
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

type Attempt = Exit.Exit<ImportedKeys, KeyLookupFailure>

const lookup = (keys: ImportedKeys, kid: string, alg: RsaAlgorithm): Effect.Effect<CryptoKey, KeyLookupFailure> => {
  const found = Keys.keyFor(keys, kid, alg)
  return "key" in found ? Effect.succeed(found.key) : Effect.fail(found)
}

/**
 * A resolver over Clerk's JWKS, fetched lazily and cached, with the refresh
 * decisions of @clerk-effect/core's jwksKeys (the effect-3 edition takes the
 * same ones).
 *
 * Not effect's `Cache`: the key set is one value whose refresh depends on why
 * it is asked for (expiry, or a `kid` it lacks, throttled), and a failed
 * refresh must keep serving the keys it has; a `Cache` keyed by `kid` would
 * fetch the whole set once per unknown `kid`. The hot path is one read of a
 * `SynchronizedRef` (no lock) and two map lookups. Fetches run inside
 * `SynchronizedRef.modifyEffect`, so at most one is in flight; callers that
 * queued behind it see the generation moved and share its outcome. A cold
 * start of N concurrent verifications is one request, and a storm of
 * unknown `kid`s at most one request per `minRefetchIntervalMillis`.
 * @internal
 */
export const makeJwksResolver = (options: JwksResolverOptions): Effect.Effect<KeyResolver> =>
  Effect.map(SynchronizedRef.make(Keys.emptyJwksCache<CryptoKey, Attempt>()), (state): KeyResolver => {
    const fetchKeys: Effect.Effect<ImportedKeys, KeyLookupFailure> = options.fetch.pipe(
      Effect.mapError((failure): KeyLookupFailure => ({ _tag: "JwksUnavailable", failure })),
      Effect.flatMap(importKeySet)
    )

    const refresh = (seenGeneration: number, cause: RefreshCause) =>
      SynchronizedRef.modifyEffect(state, (current: JwksCacheState<CryptoKey, Attempt>) =>
        // Read the clock only once we hold the lock: a caller may have queued for a while.
        Effect.flatMap(Clock.currentTimeMillis, (now): Effect.Effect<readonly [Attempt, typeof current]> => {
          const plan = Keys.refreshPlan(current, {
            seenGeneration,
            cause,
            nowMillis: now,
            minRefetchIntervalMillis: options.minRefetchIntervalMillis
          })
          if (plan === "lastAttempt") return Effect.succeed([current.lastAttempt!, current] as const)
          if (plan === "currentKeys") return Effect.succeed([Exit.succeed(current.keys!), current] as const)
          return Effect.map(Effect.exit(fetchKeys), (exit) => {
            const keys = Exit.isSuccess(exit) ? exit.value : undefined
            return [exit, Keys.afterFetch(current, { attempt: exit, keys }, cause, now)] as const
          })
        })
      )

    return (kid, alg) => {
      if (kid === undefined) return Effect.fail(Keys.NO_KID)
      return Effect.flatMap(Clock.currentTimeMillis, (now) =>
        Effect.flatMap(SynchronizedRef.get(state), (snapshot) => {
          const cached = Keys.cachedKeysFor(snapshot, kid, now, options.ttlMillis)
          if ("keys" in cached) return lookup(cached.keys, kid, alg)
          return refresh(snapshot.generation, cached.refresh).pipe(
            Effect.flatten,
            Effect.flatMap((keys) => lookup(keys, kid, alg))
          )
        })
      )
    }
  })
