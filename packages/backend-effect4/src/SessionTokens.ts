/**
 * Networkless verification of Clerk session tokens: the replacement for the
 * deprecated `POST /sessions/{id}/verify` (Clerk answers 410). A request
 * handler checks the short-lived session JWT locally, with a PEM public key
 * (no network at all) or with the instance's JWKS fetched once and cached.
 *
 * The checks, their order, the reasons and the messages are
 * @clerk-effect/core's (tokenChecks, tokenRules, jwksKeys), shared with the
 * effect-3 edition: both editions reject the same tokens with the same words.
 *
 * @since 0.1.0
 */

import type { ActorClaimData, OrganizationData, SessionClaimsData } from "@clerk-effect/core/claimMapping"
import { TOKEN_REJECTION_REASONS, type TokenRejection, verifyDefaults } from "@clerk-effect/core/tokenChecks"
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { ClerkConfig } from "./ClerkConfig.js"
import { invalidSettings, jwksOptionsProblems, readMillis } from "./internal/configErrors.js"
import type { KeyResolver } from "./internal/jwks.js"
import { makeJwksResolver, makePemResolver } from "./internal/jwks.js"
import { makeJwksFetch } from "./internal/jwksFetch.js"
import { makeVerify } from "./internal/tokenClaimsVerify.js"

/**
 * Why a token was rejected.
 *
 * - `Malformed`: not a compact JWS (three canonical base64url parts), or a
 *   required session claim is missing or mistyped.
 * - `UnsupportedAlgorithm`: `alg` is not RS256, RS384 or RS512 (`none` and HMAC included).
 * - `InvalidSignature`: the signature does not match the key (tampered token, wrong key).
 * - `Expired`, `NotYetValid`, `IssuedInFuture`: `exp`, `nbf`, `iat` against the clock, with the skew.
 * - `UnauthorizedParty`: `authorizedParties` is configured and the token's
 *   `azp` is missing, empty or not in the list.
 * - `InvalidIssuer`: `issuer` is configured and the token's `iss` is not accepted.
 * - `NotASessionToken`: a validly signed Clerk JWT that is not a session token:
 *   a header `typ` other than `JWT` (an OAuth access token's `at+jwt`), a
 *   non-session `cat` header, or no `sid` (a JWT-template token).
 * - `KeyNotFound`: no key of the instance matches the token's `kid`, even after
 *   a refetch, or the key does not verify the token's `alg` (a PEM key verifies RS256 only).
 * - `JwksUnavailable`: the JWKS could not be fetched or decoded.
 *
 * Unusable per-call options (possible from JavaScript: `authorizedParties` as
 * a string, `issuer` as a number, `clockSkew` that is not a duration) reject
 * the token with the reason of their check (`UnauthorizedParty`,
 * `InvalidIssuer`, `Expired`), never skip it.
 *
 * @since 0.1.0
 * @category errors
 */
export const TokenVerificationErrorReason = Schema.Literals(TOKEN_REJECTION_REASONS)

/**
 * @since 0.1.0
 * @category errors
 */
export type TokenVerificationErrorReason = typeof TokenVerificationErrorReason.Type

/**
 * A rejected session token. The message says why in words and never contains
 * the token, any part of it, or key material; `cause` (for `JwksUnavailable`
 * after a transport failure) is the underlying error, never a response body
 * nor the request (which holds the secret key).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { SessionTokens } from "@clerk-effect/backend-effect4"
 *
 * const userIdOrNull = (token: string) =>
 *   SessionTokens.verify(token).pipe(
 *     Effect.map((claims) => claims.sub),
 *     Effect.catchTag("TokenVerificationError", (error) =>
 *       error.reason === "JwksUnavailable" ? Effect.fail(error) : Effect.succeed(null)
 *     )
 *   )
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export class TokenVerificationError extends Schema.TaggedError<TokenVerificationError>(
  "@clerk-effect/backend-effect4/TokenVerificationError"
)("TokenVerificationError", {
  reason: TokenVerificationErrorReason,
  message: Schema.String,
  cause: Schema.optionalKey(Schema.Defect())
}) {}

/**
 * The active organization of a session, the same in both token formats (v1
 * `org_*` claims, v2 `o` claim). In v2 `role` gets back its `org:` prefix and
 * `permissions` are expanded from `fea`, `o.per` and `o.fpm`, as Clerk's own
 * SDKs do. (The fields are @clerk-effect/core's, shared by both editions.)
 *
 * @since 0.1.0
 * @category models
 */
export interface SessionOrganization extends OrganizationData {}

/**
 * The `act` claim of an impersonated session: who is acting as the user.
 *
 * @since 0.1.0
 * @category models
 */
export interface ActorClaim extends ActorClaimData {}

/**
 * The claims of a verified session token: `sid`, `sub`, `iss`, the times
 * (JWT times, epoch seconds), `azp`, `act`, `v`, `sts`, `fva`, the
 * `organization` and the whole payload as `raw`. (The fields are
 * @clerk-effect/core's, shared by both editions.)
 *
 * @since 0.1.0
 * @category models
 */
export interface SessionClaims extends SessionClaimsData {}

/**
 * The issuers `verify` accepts: one (the instance's Frontend API URL), a list,
 * or a predicate over the token's `iss`.
 *
 * @since 0.1.0
 * @category models
 */
export type AcceptedIssuers = string | ReadonlyArray<string> | ((issuer: string) => boolean)

/**
 * Per-call options of {@link SessionTokensService.verify}; each overrides the
 * layer's setting.
 *
 * @since 0.1.0
 * @category models
 */
export interface VerifyOptions {
  /**
   * Origins allowed in `azp`, e.g. `["https://app.example.com"]`. When the
   * list is not empty, a token whose `azp` is missing, empty or not listed is
   * `UnauthorizedParty`, as in `@clerk/backend` (clerk/javascript#8877).
   * Empty or absent: not checked.
   */
  readonly authorizedParties?: ReadonlyArray<string> | undefined
  /**
   * The issuers accepted in `iss`: the instance's Frontend API URL (e.g.
   * `"https://clerk.example.com"`), a list of them, or a predicate. A token
   * from another issuer is `InvalidIssuer`. Absent, or a list with no
   * non-empty string: not checked (the signature already ties the token to
   * the instance's key).
   */
  readonly issuer?: AcceptedIssuers | undefined
  /** Tolerance for `exp`, `nbf` and `iat`, default 5 seconds. */
  readonly clockSkew?: Duration.Input | undefined
}

/**
 * What {@link SessionTokens.layer} takes.
 *
 * @since 0.1.0
 * @category models
 */
export interface SessionTokensOptions extends VerifyOptions {
  /**
   * The instance's PEM public key (Dashboard, API keys, "JWT public key").
   * When given, verification never touches the network.
   */
  readonly jwtKey?: string | Redacted.Redacted<string> | undefined
  /** How long a fetched JWKS is trusted, default 5 minutes. */
  readonly jwksCacheTtl?: Duration.Input | undefined
  /**
   * Minimum time between two JWKS refetches caused by unknown `kid`s (and
   * between retries after a failed fetch), default 5 seconds.
   */
  readonly jwksMinRefetchInterval?: Duration.Input | undefined
  /** Time limit of one JWKS request, default 10 seconds. */
  readonly jwksTimeout?: Duration.Input | undefined
}

/**
 * {@link SessionTokensOptions} with the PEM key: the options of the
 * networkless mode, which needs nothing from the context.
 *
 * @since 0.1.0
 * @category models
 */
export interface SessionTokensPemOptions extends SessionTokensOptions {
  readonly jwtKey: string | Redacted.Redacted<string>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface SessionTokensService {
  /** Verifies a session token and returns its claims. Needs no network with a `jwtKey` or a warm cache. */
  readonly verify: (token: string, options?: VerifyOptions) => Effect.Effect<SessionClaims, TokenVerificationError>
}

/**
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_CLOCK_SKEW: Duration.Duration = Duration.seconds(5)

/**
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_JWKS_CACHE_TTL: Duration.Duration = Duration.minutes(5)

/**
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_JWKS_TIMEOUT: Duration.Duration = Duration.seconds(10)

/**
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_JWKS_MIN_REFETCH_INTERVAL: Duration.Duration = Duration.seconds(5)

/**
 * The environment variables {@link SessionTokens.layerConfig} reads by default.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_TOKEN_VARIABLES = {
  jwtKey: "CLERK_JWT_KEY",
  authorizedParties: "CLERK_AUTHORIZED_PARTIES"
} as const

const reject = (rejection: TokenRejection): TokenVerificationError => new TokenVerificationError(rejection)

// A setting read from a variable names it in the ConfigError; a setting given in code has no source.
type Source = (setting: string) => string | undefined
const noSource: Source = () => undefined

/** A verifier over a key resolver, with the options checked first: a `ConfigError` at the first unusable one. */
const makeVerifier = (resolveKey: KeyResolver, options: SessionTokensOptions, source: Source) => {
  const checked = verifyDefaults(options, Duration.toMillis(DEFAULT_CLOCK_SKEW), readMillis)
  return "problem" in checked
    ? Effect.fail(invalidSettings([checked.problem], source))
    : Effect.succeed<SessionTokensService>({ verify: makeVerify(resolveKey, checked.checks, reject) })
}

// Only after jwksOptionsProblems found nothing: each given duration reads.
const millis = (input: unknown, fallback: Duration.Duration) =>
  input === undefined ? Duration.toMillis(fallback) : readMillis(input)!

/** No network, no requirements: a `ConfigError` when the key is not an RSA public key of Clerk's shape. */
const makeWithJwtKey = (
  options: SessionTokensPemOptions,
  source: Source
): Effect.Effect<SessionTokensService, Config.ConfigError> => {
  const pem = Redacted.isRedacted(options.jwtKey) ? Redacted.value(options.jwtKey) : options.jwtKey
  return makePemResolver(pem).pipe(
    Effect.mapError((problem) => invalidSettings([`jwtKey ${problem}`], source)),
    Effect.flatMap((resolver) => makeVerifier(resolver, options, source))
  )
}

/** A verifier over the instance's JWKS, fetched with the secret key (see internal/jwksFetch.ts). */
const makeWithJwks = Effect.fnUntraced(function* (options: SessionTokensOptions, source: Source) {
  // Checked before anything is built: a bad option fails the layer, not the first request.
  const problems = jwksOptionsProblems(options)
  if (problems.length > 0) return yield* Effect.fail(invalidSettings(problems, source))
  const config = yield* ClerkConfig
  const fetch = makeJwksFetch(
    yield* HttpClient.HttpClient,
    config,
    Duration.millis(millis(options.jwksTimeout, DEFAULT_JWKS_TIMEOUT))
  )
  const resolver = yield* makeJwksResolver({
    fetch,
    ttlMillis: millis(options.jwksCacheTtl, DEFAULT_JWKS_CACHE_TTL),
    minRefetchIntervalMillis: millis(options.jwksMinRefetchInterval, DEFAULT_JWKS_MIN_REFETCH_INTERVAL)
  })
  return yield* makeVerifier(resolver, options, source)
})

const hasJwtKey = (options: SessionTokensOptions): options is SessionTokensPemOptions => options.jwtKey !== undefined

const makeFrom = (
  options: SessionTokensOptions,
  source: Source
): Effect.Effect<SessionTokensService, Config.ConfigError, HttpClient.HttpClient | ClerkConfig> =>
  hasJwtKey(options) ? makeWithJwtKey(options, source) : makeWithJwks(options, source)

const make: {
  (options: SessionTokensPemOptions): Effect.Effect<SessionTokensService, Config.ConfigError>
  (
    options?: SessionTokensOptions
  ): Effect.Effect<SessionTokensService, Config.ConfigError, HttpClient.HttpClient | ClerkConfig>
} = ((options: SessionTokensOptions = {}) => makeFrom(options, noSource)) as never

/**
 * How {@link SessionTokens.layerConfig} reads its options: a `Config` per
 * option (any left out is read from its default variable, see
 * {@link DEFAULT_TOKEN_VARIABLES}, or not set), or one `Config` of all of them.
 *
 * @since 0.1.0
 * @category models
 */
export type SessionTokensSettings =
  | { readonly [K in keyof SessionTokensOptions]?: Config.Config<SessionTokensOptions[K]> }
  | Config.Config<SessionTokensOptions>

const commaSeparated = (value: string) =>
  value
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item.length > 0)

// Set but blank means unset: a deployment template often writes `CLERK_JWT_KEY=`.
const defaultSettings = {
  jwtKey: Config.map(Config.option(Config.Redacted(DEFAULT_TOKEN_VARIABLES.jwtKey)), (key) =>
    Option.getOrUndefined(Option.filter(key, (value) => Redacted.value(value).trim().length > 0))
  ),
  authorizedParties: Config.map(Config.option(Config.String(DEFAULT_TOKEN_VARIABLES.authorizedParties)), (parties) =>
    Option.getOrUndefined(Option.map(parties, commaSeparated))
  )
} satisfies { readonly [K in keyof typeof DEFAULT_TOKEN_VARIABLES]: Config.Config<SessionTokensOptions[K]> }

interface ReadSettings {
  readonly options: SessionTokensOptions
  readonly source: Source
}

const settingsConfig = (settings: SessionTokensSettings = {}): Config.Config<ReadSettings> => {
  if (Config.isConfig(settings)) return Config.map(settings, (options) => ({ options, source: noSource }))
  const given = Object.fromEntries(Object.entries(settings).filter(([, setting]) => setting !== undefined))
  const defaulted = Object.entries(defaultSettings).filter(([name]) => !(name in given))
  const readFrom = new Map<string, string>(
    defaulted.map(([name]) => [name, DEFAULT_TOKEN_VARIABLES[name as keyof typeof DEFAULT_TOKEN_VARIABLES]])
  )
  return Config.map(
    Config.all({ ...Object.fromEntries(defaulted), ...given } as Record<string, Config.Config<unknown>>),
    (read) => {
      // An option read as "not set" is left out, so that the defaults apply.
      const options = Object.fromEntries(Object.entries(read).filter(([, value]) => value !== undefined))
      return { options: options as SessionTokensOptions, source: (setting: string) => readFrom.get(setting) }
    }
  )
}

/**
 * Verifies Clerk session tokens locally.
 *
 * @example
 * ```ts
 * import { Effect, Layer, Redacted } from "effect"
 * import { FetchHttpClient } from "effect/http"
 * import { ClerkConfig, SessionTokens } from "@clerk-effect/backend-effect4"
 *
 * // With the PEM public key: no network at all.
 * const networkless = SessionTokens.layer({ jwtKey: process.env.CLERK_JWT_KEY!, authorizedParties: ["https://app.example.com"] })
 *
 * // With the JWKS, fetched once with the secret key and cached for 5 minutes.
 * const withJwks = SessionTokens.layer().pipe(
 *   Layer.provide(ClerkConfig.layer({ secretKey: Redacted.make("sk_test_...") })),
 *   Layer.provide(FetchHttpClient.layer)
 * )
 *
 * const userId = (token: string) => SessionTokens.use((tokens) => tokens.verify(token)).pipe(Effect.map((claims) => claims.sub))
 * ```
 *
 * @since 0.1.0
 * @category services
 */
export class SessionTokens extends Context.Service<SessionTokens, SessionTokensService>()(
  "@clerk-effect/backend-effect4/SessionTokens"
) {
  /**
   * Builds the service: over `jwtKey` when given (no requirements), else over
   * the JWKS (needs an `HttpClient` and a `ClerkConfig`). Each service has its
   * own key cache, so keys never leak between instances. Unusable options (a
   * bad PEM, `authorizedParties` or `issuer` of the wrong type, a duration
   * that does not parse) fail with a `ConfigError`.
   *
   * @since 0.1.0
   */
  static readonly make = make

  /**
   * The options read from configuration: a `Config` per option (see
   * {@link SessionTokensSettings}); by default `CLERK_JWT_KEY` (optional
   * PEM) and `CLERK_AUTHORIZED_PARTIES` (optional, comma-separated).
   *
   * @since 0.1.0
   */
  static readonly config = (settings?: SessionTokensSettings): Config.Config<SessionTokensOptions> =>
    Config.map(settingsConfig(settings), (read) => read.options)

  /**
   * `SessionTokens.config()`: `CLERK_JWT_KEY` and `CLERK_AUTHORIZED_PARTIES`.
   *
   * @since 0.1.0
   */
  static readonly fromEnv: Config.Config<SessionTokensOptions> = SessionTokens.config()

  /**
   * A layer from explicit options. With `jwtKey` it needs nothing and never
   * touches the network; without, it fetches the JWKS through an `HttpClient`
   * with the `ClerkConfig`. Either fails with a `ConfigError` on unusable
   * options (see {@link SessionTokens.make}).
   *
   * @since 0.1.0
   */
  static readonly layer: {
    (options: SessionTokensPemOptions): Layer.Layer<SessionTokens, Config.ConfigError>
    (
      options?: SessionTokensOptions
    ): Layer.Layer<SessionTokens, Config.ConfigError, HttpClient.HttpClient | ClerkConfig>
  } = ((options: SessionTokensOptions = {}) => Layer.effect(SessionTokens, makeFrom(options, noSource))) as never

  /**
   * A layer whose options are read from configuration (see
   * {@link SessionTokens.config}), e.g.
   * `SessionTokens.layerConfig({ issuer: Config.succeed("https://clerk.example.com") })`
   * keeps reading `CLERK_JWT_KEY` and `CLERK_AUTHORIZED_PARTIES`. When a
   * `jwtKey` is read the JWKS is never fetched; the requirements stay in the
   * type because that is only known at run time. An unusable setting read
   * from a variable names the variable in the `ConfigError`.
   *
   * @since 0.1.0
   */
  static readonly layerConfig = (
    settings?: SessionTokensSettings
  ): Layer.Layer<SessionTokens, Config.ConfigError, HttpClient.HttpClient | ClerkConfig> =>
    Layer.effect(
      SessionTokens,
      // A `Config` is an `Effect` in effect 4: it reads the current `ConfigProvider`.
      Effect.flatMap(settingsConfig(settings), ({ options, source }) => makeFrom(options, source))
    )

  /**
   * `SessionTokens.verify(token)`: the service's `verify` as a plain effect
   * (`SessionTokens.use((tokens) => tokens.verify(token, options))`).
   *
   * @since 0.1.0
   */
  static readonly verify = (
    token: string,
    options?: VerifyOptions
  ): Effect.Effect<SessionClaims, TokenVerificationError, SessionTokens> =>
    SessionTokens.use((tokens) => tokens.verify(token, options))
}
