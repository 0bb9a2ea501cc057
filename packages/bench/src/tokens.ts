/**
 * Benchmark: session-token verifications per second with a warm cache, our
 * `SessionTokens.verify` against `@clerk/backend`'s `verifyToken`, on the
 * same tokens in the same process and run.
 *
 * Two modes, each for both contestants:
 * - `pem`: the instance's PEM public key is configured (`jwtKey`), no network.
 * - `jwks`: keys come from `GET /v1/jwks` of the fake backend's loopback
 *   server, fetched once during warm-up and then served from each side's cache.
 *
 * Tokens are real RS256 session tokens signed by `@clerk-effect/testing`'s
 * fake (a fresh 2048-bit key), with `iat` = now so both clocks accept them.
 * Each round verifies every token of the set one after the other (one
 * verification in flight: the per-call cost), after uncounted warm-up rounds;
 * before any timing, each side verifies the whole set once (so both accept
 * every token and both caches are warm). The result is plain data; `pnpm bench` prints it.
 *
 * Run alone: `npx tsx packages/bench/src/tokens.ts [--quick]`.
 *
 * @since 0.1.0
 */
import { pathToFileURL } from "node:url"
import { verifyToken } from "@clerk/backend"
import { SessionTokens } from "@clerk-effect/backend"
import { FakeClerk, FakeClerkServer } from "@clerk-effect/testing"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"

/**
 * @since 0.1.0
 * @category models
 */
export interface TokenBenchOptions {
  /** Fewer rounds and tokens: a smoke run for CI. */
  readonly quick?: boolean | undefined
  /** Counted rounds per contestant (default 7, quick 3). */
  readonly rounds?: number | undefined
  /** Uncounted rounds first (default 2, quick 1). */
  readonly warmupRounds?: number | undefined
  /** Distinct tokens; each round verifies all of them (default 2000, quick 300). */
  readonly tokens?: number | undefined
}

/**
 * Verifications per second over the counted rounds.
 *
 * @since 0.1.0
 * @category models
 */
export interface Throughput {
  readonly median: number
  readonly min: number
  readonly max: number
  /** (max - min) / median. */
  readonly spread: number
  readonly rounds: ReadonlyArray<number>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface TokenBenchMode {
  /** `@clerk-effect/backend` `SessionTokens.verify`. */
  readonly clerkEffect: Throughput
  /** `@clerk/backend` `verifyToken`. */
  readonly clerkBackend: Throughput
  /** clerkEffect median / clerkBackend median. */
  readonly ratio: number
}

/**
 * @since 0.1.0
 * @category models
 */
export interface TokenBenchResult {
  readonly benchmark: "token verification (warm cache, verifications/s, one in flight)"
  readonly tokensPerRound: number
  readonly rounds: number
  readonly warmupRounds: number
  readonly node: string
  readonly pem: TokenBenchMode
  readonly jwks: TokenBenchMode
  /** JWKS requests our side made during the whole JWKS run (warm cache: 1). */
  readonly clerkEffectJwksRequests: number
  readonly note: string
}

const summarise = (samples: ReadonlyArray<number>): Throughput => {
  const sorted = [...samples].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  const min = sorted[0]!
  const max = sorted[sorted.length - 1]!
  const round = (value: number) => Math.round(value)
  return {
    median: round(median),
    min: round(min),
    max: round(max),
    spread: median === 0 ? 0 : Number(((max - min) / median).toFixed(3)),
    rounds: samples.map(round)
  }
}

/** Verifies every token once, one after the other; rejects if any token is rejected. */
type Round = (tokens: ReadonlyArray<string>) => Promise<void>

/** Verifications per second of one round. */
const timeRound = async (round: Round, tokens: ReadonlyArray<string>) => {
  const started = performance.now()
  await round(tokens)
  return (tokens.length / (performance.now() - started)) * 1000
}

/**
 * Alternates the two contestants round by round, so that a noisy neighbour on
 * a shared machine hurts both alike rather than whichever ran second.
 */
const compare = async (
  ours: Round,
  theirs: Round,
  tokens: ReadonlyArray<string>,
  warmup: number,
  rounds: number
): Promise<TokenBenchMode> => {
  for (let i = 0; i < warmup; i++) {
    await ours(tokens)
    await theirs(tokens)
  }
  const oursSamples: Array<number> = []
  const theirsSamples: Array<number> = []
  for (let i = 0; i < rounds; i++) {
    oursSamples.push(await timeRound(ours, tokens))
    theirsSamples.push(await timeRound(theirs, tokens))
  }
  const clerkEffect = summarise(oursSamples)
  const clerkBackend = summarise(theirsSamples)
  return { clerkEffect, clerkBackend, ratio: Number((clerkEffect.median / clerkBackend.median).toFixed(3)) }
}

// Ours runs as an Effect program (as in an Effect HTTP server, where the
// handler's fiber calls verify); theirs as the async loop it is written for.
const ourRound =
  (runtime: ManagedRuntime.ManagedRuntime<SessionTokens, unknown>): Round =>
  (tokens) =>
    runtime.runPromise(Effect.forEach(tokens, (token) => SessionTokens.verify(token), { discard: true }))

const clerkRound =
  (options: Parameters<typeof verifyToken>[1]): Round =>
  async (tokens) => {
    for (const token of tokens) {
      // The public verifyToken throws on a rejected token.
      await verifyToken(token, options)
    }
  }

/** Mints `count` session tokens with the fake's current key, valid for an hour from now. */
const mintTokens = (count: number) =>
  Effect.gen(function* () {
    const fake = yield* FakeClerk
    const iat = Math.floor(Date.now() / 1000)
    return yield* Effect.forEach(
      Array.from({ length: count }, (_, i) => i),
      (i) =>
        fake.signClaims({
          sid: `sess_bench_${i}`,
          sub: `user_bench_${i % 50}`,
          iss: fake.issuer,
          azp: "https://app.example.com",
          iat,
          nbf: iat - 10,
          exp: iat + 3600,
          v: 2
        })
    )
  })

/**
 * Measures both contestants in both modes and returns plain data.
 *
 * @since 0.1.0
 * @category benchmarks
 */
export const benchTokenVerification = async (options: TokenBenchOptions = {}): Promise<TokenBenchResult> => {
  const quick = options.quick === true
  const rounds = options.rounds ?? (quick ? 3 : 7)
  const warmupRounds = options.warmupRounds ?? (quick ? 1 : 2)
  const tokenCount = options.tokens ?? (quick ? 300 : 2000)

  // One fake with its loopback server: it signs the tokens and serves the JWKS to both sides.
  const jwksRuntime = ManagedRuntime.make(
    Layer.provideMerge(SessionTokens.layer(), FakeClerk.layerServerWithHttpClient({ users: [{ id: "user_bench_0" }] }))
  )
  try {
    const { fake, server, tokens } = await jwksRuntime.runPromise(
      Effect.all({ fake: FakeClerk, server: FakeClerkServer, tokens: mintTokens(tokenCount) })
    )
    const { pem } = await jwksRuntime.runPromise(fake.publicKey)

    const pemRuntime = ManagedRuntime.make(SessionTokens.layer({ jwtKey: pem }))
    try {
      // Both sides must accept every token before their speed means anything.
      const pemOurs = ourRound(pemRuntime as ManagedRuntime.ManagedRuntime<SessionTokens, unknown>)
      const pemTheirs = clerkRound({ jwtKey: pem })
      const jwksOurs = ourRound(jwksRuntime as ManagedRuntime.ManagedRuntime<SessionTokens, unknown>)
      const jwksTheirs = clerkRound({ secretKey: fake.secretKey, apiUrl: server.url, apiVersion: "v1" })
      for (const round of [pemOurs, pemTheirs, jwksOurs, jwksTheirs]) await round(tokens)

      const pemMode = await compare(pemOurs, pemTheirs, tokens, warmupRounds, rounds)
      const jwksMode = await compare(jwksOurs, jwksTheirs, tokens, warmupRounds, rounds)
      const requests = await jwksRuntime.runPromise(fake.requests)
      // Both sides fetched over the same server; ours sends our User-Agent.
      const ourJwksRequests = requests.filter(
        (request) => request.path === "/v1/jwks" && (request.headers["user-agent"] ?? "").includes("clerk-effect")
      ).length
      return {
        benchmark: "token verification (warm cache, verifications/s, one in flight)",
        tokensPerRound: tokenCount,
        rounds,
        warmupRounds,
        node: process.version,
        pem: pemMode,
        jwks: jwksMode,
        clerkEffectJwksRequests: ourJwksRequests,
        note: "RS256, 2048-bit key; contestants alternate round by round; figures from a shared machine vary with its load"
      }
    } finally {
      await pemRuntime.dispose()
    }
  } finally {
    await jwksRuntime.dispose()
  }
}

/**
 * The entry `pnpm bench`'s main program calls (see `tokensBench.ts`).
 *
 * @since 0.1.0
 * @category benchmarks
 */
export const tokensBench = (options: { readonly quick: boolean }): Promise<TokenBenchResult> =>
  benchTokenVerification({ quick: options.quick })

// Runnable alone: `npx tsx packages/bench/src/tokens.ts [--quick]`.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchTokenVerification({ quick: process.argv.includes("--quick") }).then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error) => {
      console.error(error)
      process.exit(1)
    }
  )
}
