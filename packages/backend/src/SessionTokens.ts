/**
 * Networkless verification of Clerk session tokens: the replacement for the
 * deprecated `POST /sessions/{id}/verify` (Clerk answers 410). A request
 * handler checks the short-lived session JWT locally, with a PEM public key
 * (no network at all) or with the instance's JWKS fetched once and cached.
 *
 * @since 0.1.0
 */

import type { ActorClaimData, OrganizationData, SessionClaimsData } from "@clerk-effect/core/claimMapping"
import { TOKEN_REJECTION_REASONS } from "@clerk-effect/core/tokenChecks"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { ClerkConfig } from "./ClerkConfig.js"
import { invalidSettings } from "./internal/configErrors.js"
import { jwksOptionsProblems } from "./internal/configValidation.js"
import type { KeyResolver } from "./internal/jwks.js"
import { makeJwksResolver, makePemResolver } from "./internal/jwks.js"
import { makeJwksFetch } from "./internal/jwksFetch.js"
import { makeVerify, verifyDefaults } from "./internal/tokenClaimsVerify.js"

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
export const TokenVerificationErrorReason = Schema.Literal(...TOKEN_REJECTION_REASONS)

/**
 * @since 0.1.0
 * @category errors
 */
export type TokenVerificationErrorReason = typeof TokenVerificationErrorReason.Type

/**
 * A rejected session token. The message says why in words and never contains
 * the token, any part of it, or key material; `cause` (for `JwksUnavailable`
 * after a transport failure) is the underlying error, never a response body.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { SessionTokens } from "@clerk-effect/backend"
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
  "@clerk-effect/backend/TokenVerificationError"
)("TokenVerificationError", {
  reason: TokenVerificationErrorReason,
  message: Schema.String,
  cause: Schema.optionalWith(Schema.Defect, { exact: true })
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
  readonly clockSkew?: Duration.DurationInput | undefined
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
  readonly jwksCacheTtl?: Duration.DurationInput | undefined
  /**
   * Minimum time between two JWKS refetches caused by unknown `kid`s (and
   * between retries after a failed fetch), default 5 seconds.
   */
  readonly jwksMinRefetchInterval?: Duration.DurationInput | undefined
  /** Time limit of one JWKS request, default 10 seconds. */
  readonly jwksTimeout?: Duration.DurationInput | undefined
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

const reject = (reason: TokenVerificationErrorReason, message: string, cause?: unknown) =>
  new TokenVerificationError(cause === undefined ? { reason, message } : { reason, message, cause })

/** The layer's verify options, checked: a `ConfigError` at the first unusable one. */
const checkedDefaults = (options: VerifyOptions) =>
  Effect.mapError(verifyDefaults(options, DEFAULT_CLOCK_SKEW), (problem) => invalidSettings([problem]))

const makeVerifier = (resolveKey: KeyResolver, options: VerifyOptions) =>
  Effect.map(
    checkedDefaults(options),
    (defaults): SessionTokensService => ({
      verify: makeVerify(resolveKey, defaults, reject)
    })
  )

const invalidJwtKey = (problem: string) => invalidSettings([`jwtKey ${problem}`])

const millis = (input: Duration.DurationInput | undefined, fallback: Duration.Duration) =>
  Duration.toMillis(Duration.decode(input ?? fallback))

/**
 * A verifier over a PEM public key: no network, no requirements. Fails with
 * a `ConfigError` when the key is not an RSA public key.
 */
const makeWithJwtKey = (
  options: SessionTokensOptions & { readonly jwtKey: string | Redacted.Redacted<string> }
): Effect.Effect<SessionTokensService, ConfigError.ConfigError> => {
  const pem = Redacted.isRedacted(options.jwtKey) ? Redacted.value(options.jwtKey) : options.jwtKey
  return makePemResolver(pem).pipe(
    Effect.mapError(invalidJwtKey),
    Effect.flatMap((resolver) => makeVerifier(resolver, options))
  )
}

/** A verifier over the instance's JWKS, fetched with the secret key (see internal/jwksFetch.ts). */
const makeWithJwks = (
  options: SessionTokensOptions
): Effect.Effect<SessionTokensService, ConfigError.ConfigError, HttpClient.HttpClient | ClerkConfig> =>
  Effect.gen(function* () {
    // Checked before anything is built: a bad option fails the layer, not the first request.
    yield* checkedDefaults(options)
    const jwksProblems = jwksOptionsProblems(options)
    if (jwksProblems.length > 0) return yield* Effect.fail(invalidSettings(jwksProblems))
    const fetch = makeJwksFetch(
      yield* HttpClient.HttpClient,
      yield* ClerkConfig,
      Duration.decode(options.jwksTimeout ?? DEFAULT_JWKS_TIMEOUT)
    )
    const resolver = yield* makeJwksResolver({
      fetch,
      ttlMillis: millis(options.jwksCacheTtl, DEFAULT_JWKS_CACHE_TTL),
      minRefetchIntervalMillis: millis(options.jwksMinRefetchInterval, DEFAULT_JWKS_MIN_REFETCH_INTERVAL)
    })
    return yield* makeVerifier(resolver, options)
  })

type WithJwtKey = SessionTokensOptions & { readonly jwtKey: string | Redacted.Redacted<string> }

const hasJwtKey = (options: SessionTokensOptions): options is WithJwtKey => options.jwtKey !== undefined

const make: {
  (options: WithJwtKey): Effect.Effect<SessionTokensService, ConfigError.ConfigError>
  (
    options?: SessionTokensOptions
  ): Effect.Effect<SessionTokensService, ConfigError.ConfigError, HttpClient.HttpClient | ClerkConfig>
} = ((options: SessionTokensOptions = {}) =>
  hasJwtKey(options) ? makeWithJwtKey(options) : makeWithJwks(options)) as never

const commaSeparated = (value: string) =>
  value
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item.length > 0)

const fromEnv: Config.Config<SessionTokensOptions> = Config.all({
  jwtKey: Config.option(Config.redacted("CLERK_JWT_KEY")),
  authorizedParties: Config.option(Config.string("CLERK_AUTHORIZED_PARTIES"))
}).pipe(
  Config.map(({ authorizedParties, jwtKey }) => ({
    jwtKey: Option.getOrUndefined(Option.filter(jwtKey, (key) => Redacted.value(key).trim().length > 0)),
    authorizedParties: Option.getOrUndefined(Option.map(authorizedParties, commaSeparated))
  }))
)

/**
 * Verifies Clerk session tokens locally.
 *
 * @example
 * ```ts
 * import { Effect, Layer, Redacted } from "effect"
 * import { FetchHttpClient } from "@effect/platform"
 * import { ClerkConfig, SessionTokens } from "@clerk-effect/backend"
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
 * const userId = (token: string) => Effect.map(SessionTokens.verify(token), (claims) => claims.sub)
 * ```
 *
 * @since 0.1.0
 * @category tags
 */
export class SessionTokens extends Context.Tag("@clerk-effect/backend/SessionTokens")<
  SessionTokens,
  SessionTokensService
>() {
  /**
   * Builds the service: over `jwtKey` when given (no requirements), else over
   * the JWKS (needs an `HttpClient` and a `ClerkConfig`). Each service has its
   * own key cache, so keys never leak between instances. Unusable options (a
   * bad PEM, `authorizedParties` or `issuer` of the wrong type) fail with a
   * `ConfigError`.
   *
   * @since 0.1.0
   */
  static readonly make = make

  /**
   * Reads `CLERK_JWT_KEY` (optional PEM) and `CLERK_AUTHORIZED_PARTIES`
   * (optional, comma-separated) from Effect's `ConfigProvider`.
   *
   * @since 0.1.0
   */
  static readonly fromEnv: Config.Config<SessionTokensOptions> = fromEnv

  /**
   * A layer from explicit options. With `jwtKey` it needs nothing and never
   * touches the network; without, it fetches the JWKS through an `HttpClient`
   * with the `ClerkConfig`. Either fails with a `ConfigError` on unusable
   * options (see {@link SessionTokens.make}).
   *
   * @since 0.1.0
   */
  static readonly layer: {
    (options: WithJwtKey): Layer.Layer<SessionTokens, ConfigError.ConfigError>
    (
      options?: SessionTokensOptions
    ): Layer.Layer<SessionTokens, ConfigError.ConfigError, HttpClient.HttpClient | ClerkConfig>
  } = ((options: SessionTokensOptions = {}) =>
    Layer.effect(
      SessionTokens,
      make(options as WithJwtKey) as Effect.Effect<SessionTokensService, ConfigError.ConfigError>
    )) as never

  /**
   * A layer read from configuration (see {@link SessionTokens.fromEnv}),
   * merged over `options`. When `CLERK_JWT_KEY` is set the JWKS is never
   * fetched; the requirements stay in the type because that is only known at
   * run time.
   *
   * @since 0.1.0
   */
  static readonly layerConfig = (
    options: SessionTokensOptions = {},
    config: Config.Config<SessionTokensOptions> = fromEnv
  ): Layer.Layer<SessionTokens, ConfigError.ConfigError, HttpClient.HttpClient | ClerkConfig> =>
    Layer.effect(
      SessionTokens,
      Effect.flatMap(config, (fromConfig) => {
        const merged: SessionTokensOptions = {
          ...options,
          ...(fromConfig.jwtKey !== undefined ? { jwtKey: fromConfig.jwtKey } : {}),
          ...(fromConfig.authorizedParties !== undefined ? { authorizedParties: fromConfig.authorizedParties } : {})
        }
        return hasJwtKey(merged) ? makeWithJwtKey(merged) : makeWithJwks(merged)
      })
    )

  /**
   * `SessionTokens.verify(token)` as a plain effect.
   *
   * @since 0.1.0
   */
  static readonly verify = (
    token: string,
    options?: VerifyOptions
  ): Effect.Effect<SessionClaims, TokenVerificationError, SessionTokens> =>
    Effect.flatMap(SessionTokens, (service) => service.verify(token, options))
}
