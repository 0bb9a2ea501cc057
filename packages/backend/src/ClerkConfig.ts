/**
 * Configuration of the Clerk client: the secret key (kept `Redacted` from the
 * moment it is read until it becomes the `Authorization` header), where the
 * API lives, and which API version to ask for.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FiberRef from "effect/FiberRef"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type * as Schedule from "effect/Schedule"
import type { ClerkError } from "./Errors.js"
import { configProblems, sendableSecretKey } from "./internal/configValidation.js"
import { PACKAGE_VERSION } from "./internal/version.js"

/**
 * The Backend API host used when no `apiUrl` is given.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_API_URL = "https://api.clerk.com"

/**
 * The API path segment used when no `apiVersion` is given.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_API_VERSION = "v1"

/**
 * The dated `Clerk-API-Version` header value this SDK was written against.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_CLERK_API_VERSION = "2026-05-12"

/**
 * The `User-Agent` sent when none is given: `@clerk-effect/backend/<version>`,
 * the version of the installed package.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_USER_AGENT = `@clerk-effect/backend/${PACKAGE_VERSION}`

/**
 * How failed attempts are retried. Every field has a documented default
 * (see {@link DEFAULT_RETRY}); `schedule` replaces the backoff entirely.
 *
 * @since 0.1.0
 * @category models
 */
export interface RetryOptions {
  /** Attempts in all, the first included. Default 4. */
  readonly maxAttempts?: number | undefined
  /** First backoff wait, doubled on each retry. Default 250 ms. */
  readonly baseDelay?: Duration.DurationInput | undefined
  /** Cap of each backoff wait. Default 8 seconds. */
  readonly maxDelay?: Duration.DurationInput | undefined
  /** Cap of a wait asked by `Retry-After` (429 and 503). Default 30 seconds. */
  readonly maxRetryAfter?: Duration.DurationInput | undefined
  /** Randomise each backoff wait (x0.8 to x1.2) so clients do not retry in step. Default true. */
  readonly jitter?: boolean | undefined
  /**
   * Any `Schedule` fed with the failure of each attempt, replacing the backoff
   * above (delays and when to stop). Which failures are retried is still the
   * policy of the operation's kind.
   */
  readonly schedule?: Schedule.Schedule<unknown, ClerkError> | undefined
}

/**
 * Resilience settings, in the config and per call through
 * {@link ClerkConfig.withRequestOptions}.
 *
 * @since 0.1.0
 * @category models
 */
export interface RequestOptions {
  /** `false` disables retries; an object tunes them. */
  readonly retry?: false | RetryOptions | undefined
  /** Time allowed for one attempt (request and body). Default 10 seconds. */
  readonly timeout?: Duration.DurationInput | undefined
  /** Time allowed for the whole operation, retries and waits included. Default 60 seconds. */
  readonly deadline?: Duration.DurationInput | undefined
}

/**
 * A client-side rate limit: at most `limit` requests start in any window of
 * `interval` (a sliding window, so no alignment with Clerk's own window can
 * let a burst through), retries included.
 *
 * @since 0.1.0
 * @category models
 */
export interface RateLimitOptions {
  readonly limit: number
  readonly interval: Duration.DurationInput
}

/**
 * Clerk's documented Backend API limits per instance: development 100
 * requests / 10 s, production 1000 requests / 10 s.
 *
 * @since 0.1.0
 * @category constants
 */
export const RATE_LIMIT_PRESETS = {
  development: { limit: 100, interval: "10 seconds" },
  production: { limit: 1000, interval: "10 seconds" }
} as const satisfies Record<string, RateLimitOptions>

/**
 * The retry defaults, with the reasons in docs/retries.md.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_RETRY = {
  maxAttempts: 4,
  baseDelay: Duration.millis(250),
  maxDelay: Duration.seconds(8),
  maxRetryAfter: Duration.seconds(30),
  jitter: true
} as const

/**
 * Default time allowed for one attempt.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_TIMEOUT: Duration.Duration = Duration.seconds(10)

/**
 * Default time allowed for a whole operation, retries included.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_DEADLINE: Duration.Duration = Duration.seconds(60)

/**
 * What {@link ClerkConfig.layer} takes. Only `secretKey` is required.
 *
 * @since 0.1.0
 * @category models
 */
export interface ClerkConfigOptions extends RequestOptions {
  /**
   * The instance secret key (`sk_test_...` or `sk_live_...`). Surrounding
   * whitespace (a key file's trailing newline) is removed; a key with
   * whitespace, control or non-ASCII characters inside is refused (the error
   * never shows it).
   */
  readonly secretKey: Redacted.Redacted<string>
  /** Default `https://api.clerk.com`. A trailing slash is ignored. */
  readonly apiUrl?: string | undefined
  /** The path segment, default `v1`. */
  readonly apiVersion?: string | undefined
  /** The `Clerk-API-Version` header, default `2026-05-12`. */
  readonly clerkApiVersion?: string | undefined
  /** Default `@clerk-effect/backend/<version>`. */
  readonly userAgent?: string | undefined
  /** Client-side rate limiting: off by default; a preset name or explicit numbers. */
  readonly rateLimit?: keyof typeof RATE_LIMIT_PRESETS | RateLimitOptions | undefined
  /** Send W3C trace context headers to Clerk. Default false: our traces are none of Clerk's business. */
  readonly tracePropagation?: boolean | undefined
}

/**
 * The resolved configuration, as services read it.
 *
 * @since 0.1.0
 * @category models
 */
export interface ClerkConfigService {
  readonly secretKey: Redacted.Redacted<string>
  readonly apiUrl: string
  readonly apiVersion: string
  readonly clerkApiVersion: string
  readonly userAgent: string
  readonly retry: false | RetryOptions
  readonly timeout: Duration.Duration
  readonly deadline: Duration.Duration
  readonly rateLimit: RateLimitOptions | undefined
  readonly tracePropagation: boolean
}

/**
 * Thrown by {@link ClerkConfig.make} and {@link ClerkConfig.layer} (a defect
 * of the layer) for settings that cannot work, e.g. `rateLimit.limit: 0`.
 * `ClerkConfig.layerConfig` reports the same problems as a `ConfigError`.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidClerkConfig extends Error {
  /** @since 0.1.0 */
  override readonly name = "InvalidClerkConfig"
  /** @since 0.1.0 */
  readonly problems: ReadonlyArray<string>
  constructor(problems: ReadonlyArray<string>) {
    super(`Invalid ClerkConfig: ${problems.join("; ")}`)
    this.problems = problems
  }
}

const make = (options: ClerkConfigOptions): ClerkConfigService => {
  const problems = configProblems(options)
  if (problems.length > 0) throw new InvalidClerkConfig(problems)
  return resolveOptions(options)
}

const resolveOptions = (options: ClerkConfigOptions): ClerkConfigService => ({
  secretKey: sendableSecretKey(options.secretKey),
  apiUrl: (options.apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, ""),
  apiVersion: (options.apiVersion ?? DEFAULT_API_VERSION).replace(/^\/+|\/+$/g, ""),
  clerkApiVersion: options.clerkApiVersion ?? DEFAULT_CLERK_API_VERSION,
  userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
  retry: options.retry ?? {},
  timeout: Duration.decode(options.timeout ?? DEFAULT_TIMEOUT),
  deadline: Duration.decode(options.deadline ?? DEFAULT_DEADLINE),
  rateLimit: typeof options.rateLimit === "string" ? RATE_LIMIT_PRESETS[options.rateLimit] : options.rateLimit,
  tracePropagation: options.tracePropagation ?? false
})

/**
 * Per-call overrides, set by {@link ClerkConfig.withRequestOptions}.
 *
 * @since 0.1.0
 * @category fiber refs
 */
export const currentRequestOptions: FiberRef.FiberRef<RequestOptions> = FiberRef.unsafeMake<RequestOptions>({})

type ConfigOverrides = Omit<ClerkConfigOptions, "secretKey" | "apiUrl" | "apiVersion">

const optionalSetting = (name: string): Config.Config<Option.Option<string>> =>
  Config.map(Config.option(Config.string(name)), (value) =>
    Option.filter(
      Option.map(value, (text) => text.trim()),
      (text) => text.length > 0
    )
  )

const fromEnv = (overrides: ConfigOverrides = {}): Config.Config<ClerkConfigService> =>
  Config.all({
    // Not Config.redacted: it turns even the "missing" message into "<redacted>".
    // Neither message below can hold the value; it is wrapped right after.
    secretKey: Config.string("CLERK_SECRET_KEY").pipe(
      Config.validate({
        message: "CLERK_SECRET_KEY must not be empty",
        validation: (key) => key.trim().length > 0
      }),
      Config.map(Redacted.make)
    ),
    // Set but blank means unset, as Clerk's own SDKs read these variables
    // (`process.env.CLERK_API_URL || default`): `CLERK_API_URL=` in a .env file
    // is the default URL, not an error.
    apiUrl: optionalSetting("CLERK_API_URL"),
    apiVersion: optionalSetting("CLERK_API_VERSION")
  }).pipe(
    Config.mapOrFail(({ apiUrl, apiVersion, secretKey }) => {
      const options: ClerkConfigOptions = {
        ...overrides,
        secretKey,
        apiUrl: Option.getOrUndefined(apiUrl),
        apiVersion: Option.getOrUndefined(apiVersion)
      }
      const problems = configProblems(options)
      return problems.length === 0
        ? Either.right(resolveOptions(options))
        : Either.left(ConfigError.InvalidData([], `Invalid ClerkConfig: ${problems.join("; ")}`))
    })
  )

/**
 * The configuration every Clerk service reads.
 *
 * @example
 * ```ts
 * import { Redacted } from "effect"
 * import { ClerkConfig } from "@clerk-effect/backend"
 *
 * const fromOptions = ClerkConfig.layer({ secretKey: Redacted.make("sk_test_...") })
 * const fromEnvironment = ClerkConfig.layerConfig() // CLERK_SECRET_KEY, CLERK_API_URL, CLERK_API_VERSION
 * ```
 *
 * @since 0.1.0
 * @category tags
 */
export class ClerkConfig extends Context.Tag("@clerk-effect/backend/ClerkConfig")<ClerkConfig, ClerkConfigService>() {
  /**
   * Fills in the defaults of {@link ClerkConfigOptions}.
   *
   * @since 0.1.0
   */
  static readonly make: (options: ClerkConfigOptions) => ClerkConfigService = make

  /**
   * Reads the configuration from Effect's `ConfigProvider` (environment
   * variables by default): `CLERK_SECRET_KEY` (required, non-empty),
   * `CLERK_API_URL`, `CLERK_API_VERSION` (each optional; set but blank means
   * unset, as in Clerk's own SDKs).
   *
   * @since 0.1.0
   */
  static readonly fromEnv: (overrides?: ConfigOverrides) => Config.Config<ClerkConfigService> = fromEnv

  /**
   * A layer from explicit options.
   *
   * @since 0.1.0
   */
  static readonly layer = (options: ClerkConfigOptions): Layer.Layer<ClerkConfig> =>
    Layer.sync(ClerkConfig, () => make(options))

  /**
   * A layer read from configuration: `CLERK_SECRET_KEY` (required; missing or
   * empty fails with a `ConfigError` naming it), `CLERK_API_URL`,
   * `CLERK_API_VERSION` (set but blank means unset). The other settings (retries, timeouts, rate limit)
   * come from `overrides`.
   *
   * @since 0.1.0
   */
  static readonly layerConfig = (overrides?: ConfigOverrides): Layer.Layer<ClerkConfig, ConfigError.ConfigError> =>
    Layer.effect(ClerkConfig, fromEnv(overrides))

  /**
   * Overrides the resilience settings for the operations run inside `self`,
   * without rebuilding any layer. Fields left out keep their configured value.
   *
   * @example
   * ```ts
   * import { Effect } from "effect"
   * import { ClerkConfig, Sessions } from "@clerk-effect/backend"
   *
   * const quick = Sessions.get("sess_123").pipe(
   *   ClerkConfig.withRequestOptions({ retry: false, timeout: "2 seconds" })
   * )
   * ```
   *
   * @since 0.1.0
   */
  static readonly withRequestOptions =
    (options: RequestOptions) =>
    <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
      Effect.locallyWith(self, currentRequestOptions, (current) => ({ ...current, ...options }))
}
