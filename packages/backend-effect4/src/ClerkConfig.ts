/**
 * Configuration of the Clerk client: the secret key (kept `Redacted` from the
 * moment it is read until it becomes the `Authorization` header), where the
 * API lives, which API version to ask for, and the resilience settings.
 *
 * @since 0.1.0
 */
import {
  blankAsUnset,
  DEFAULT_VARIABLES,
  DEFAULTS,
  RATE_LIMIT_PRESETS as PRESETS
} from "@clerk-effect/core/configRules"
import * as Settings from "@clerk-effect/core/settings"
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type * as Schedule from "effect/Schedule"
import type { ClerkError } from "./Errors.js"
import { configProblems, invalidSettings, sendableSecretKey } from "./internal/configErrors.js"
import { PACKAGE_VERSION } from "./internal/version.js"

/**
 * The Backend API host used when no `apiUrl` is given.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_API_URL: string = DEFAULTS.apiUrl

/**
 * The API path segment used when no `apiVersion` is given.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_API_VERSION: string = DEFAULTS.apiVersion

/**
 * The dated `Clerk-API-Version` header value this SDK was written against.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_CLERK_API_VERSION: string = DEFAULTS.clerkApiVersion

/**
 * The `User-Agent` sent when none is given:
 * `@clerk-effect/backend-effect4/<version>`, the version of the installed package.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_USER_AGENT = `@clerk-effect/backend-effect4/${PACKAGE_VERSION}`

/**
 * How failed attempts are retried. Every field has a documented default
 * (see {@link DEFAULT_RETRY}); `schedule` replaces the backoff entirely: any
 * `Schedule` fed with the failure of each attempt (which failures are
 * retried is still the policy of the operation's kind).
 *
 * @since 0.1.0
 * @category models
 */
export interface RetryOptions extends Settings.RetrySettings<Duration.Input, Schedule.Schedule<unknown, ClerkError>> {}

/**
 * Resilience settings, in the config and per call through
 * {@link ClerkConfig.withRequestOptions}: `retry` (`false` disables
 * retries), `timeout` of one attempt (default 10 seconds), `deadline` of the
 * whole operation (default 60 seconds).
 *
 * @since 0.1.0
 * @category models
 */
export interface RequestOptions
  extends Settings.RequestSettings<Duration.Input, Schedule.Schedule<unknown, ClerkError>> {}

/**
 * A client-side rate limit: at most `limit` requests start in any window of
 * `interval` (a sliding window, so no alignment with Clerk's own window can
 * let a burst through), retries included.
 *
 * @since 0.1.0
 * @category models
 */
export interface RateLimitOptions extends Settings.RateLimitSettings<Duration.Input> {}

/**
 * Clerk's documented Backend API limits per instance: development 100
 * requests / 10 s, production 1000 requests / 10 s.
 *
 * @since 0.1.0
 * @category constants
 */
export const RATE_LIMIT_PRESETS: {
  readonly development: RateLimitOptions
  readonly production: RateLimitOptions
} = PRESETS

/**
 * The retry defaults, with the reasons in docs/retries.md.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_RETRY = {
  maxAttempts: DEFAULTS.retry.maxAttempts,
  baseDelay: Duration.millis(DEFAULTS.retry.baseDelayMillis),
  maxDelay: Duration.millis(DEFAULTS.retry.maxDelayMillis),
  maxRetryAfter: Duration.millis(DEFAULTS.retry.maxRetryAfterMillis),
  jitter: DEFAULTS.retry.jitter
} as const

/**
 * Default time allowed for one attempt.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_TIMEOUT: Duration.Duration = Duration.millis(DEFAULTS.timeoutMillis)

/**
 * Default time allowed for a whole operation, retries included.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_DEADLINE: Duration.Duration = Duration.millis(DEFAULTS.deadlineMillis)

/**
 * What {@link ClerkConfig.layer} takes. Only `secretKey` is required (a
 * `Redacted`; surrounding whitespace is removed, a key with whitespace,
 * control or non-ASCII characters inside is refused and never shown);
 * `apiUrl` (default `https://api.clerk.com`), `apiVersion` (`v1`),
 * `clerkApiVersion` (`2026-05-12`), `userAgent`, `rateLimit` (off; a preset
 * name or `{ limit, interval }`), `tracePropagation` (off) and the
 * {@link RequestOptions}.
 *
 * @since 0.1.0
 * @category models
 */
export interface ClerkConfigOptions
  extends Settings.ClientSettings<Redacted.Redacted<string>, Duration.Input, Schedule.Schedule<unknown, ClerkError>> {}

/**
 * The resolved configuration, as services read it.
 *
 * @since 0.1.0
 * @category models
 */
export interface ClerkConfigService
  extends Settings.ResolvedSettings<
    Redacted.Redacted<string>,
    Duration.Input,
    Duration.Duration,
    Schedule.Schedule<unknown, ClerkError>
  > {}

const resolveOptions = (options: ClerkConfigOptions): ClerkConfigService =>
  Settings.resolveSettings(options, {
    sendable: sendableSecretKey,
    duration: Duration.fromInputUnsafe,
    millis: Duration.millis,
    userAgent: DEFAULT_USER_AGENT
  })

const validated = (
  options: ClerkConfigOptions,
  source?: (setting: string) => string | undefined
): Effect.Effect<ClerkConfigService, Config.ConfigError> =>
  Effect.suspend(() => {
    const problems = configProblems(options)
    return problems.length === 0
      ? Effect.succeed(resolveOptions(options))
      : Effect.fail(invalidSettings(problems, source))
  })

/**
 * Per-call overrides, set by {@link ClerkConfig.withRequestOptions}: a
 * `Context.Reference` (effect 4 has no `FiberRef`), empty by default.
 *
 * @since 0.1.0
 * @category references
 */
export const CurrentRequestOptions: Context.Reference<RequestOptions> = Context.Reference<RequestOptions>(
  "@clerk-effect/backend-effect4/CurrentRequestOptions",
  { defaultValue: () => ({}) }
)

/**
 * What {@link ClerkConfig.layerConfig} takes: a `Config` for any of the
 * settings of {@link ClerkConfigOptions}, or one `Config` of all the
 * options. `secretKey`, `apiUrl` and `apiVersion` left out are read from
 * `CLERK_SECRET_KEY`, `CLERK_API_URL` and `CLERK_API_VERSION`; any other
 * setting left out has its default.
 *
 * @since 0.1.0
 * @category models
 */
export type ClerkConfigSettings =
  | { readonly [K in keyof ClerkConfigOptions]?: Config.Config<ClerkConfigOptions[K]> }
  | Config.Config<ClerkConfigOptions>

// Set but blank means unset (see blankAsUnset in @clerk-effect/core/configRules).
const optionalSetting = (name: string): Config.Config<string | undefined> =>
  Config.map(Config.option(Config.String(name)), (value) => blankAsUnset(Option.getOrUndefined(value)))

const defaultSettings: Record<keyof typeof DEFAULT_VARIABLES, Config.Config<unknown>> = {
  // Not Config.Redacted, so that a missing variable's error names it; the
  // text is wrapped right after, and no message below can hold it.
  secretKey: Config.String(DEFAULT_VARIABLES.secretKey).pipe(
    Config.mapEffect((key) =>
      key.trim().length > 0
        ? Effect.succeed(Redacted.make(key))
        : Effect.fail(invalidSettings([`secretKey is empty`], () => DEFAULT_VARIABLES.secretKey))
    )
  ),
  apiUrl: optionalSetting(DEFAULT_VARIABLES.apiUrl),
  apiVersion: optionalSetting(DEFAULT_VARIABLES.apiVersion)
}

const settingsConfig = (settings: ClerkConfigSettings = {}): Config.Config<ClerkConfigService> => {
  if (Config.isConfig(settings)) return Config.mapEffect(settings, (options) => validated(options))
  const given = Object.fromEntries(Object.entries(settings).filter(([, setting]) => setting !== undefined)) as Record<
    string,
    Config.Config<unknown>
  >
  const defaulted = Object.entries(defaultSettings).filter(([name]) => !(name in given))
  const readFrom = new Map<string, string>(
    defaulted.map(([name]) => [name, DEFAULT_VARIABLES[name as keyof typeof DEFAULT_VARIABLES]])
  )
  return Config.all({ ...Object.fromEntries(defaulted), ...given }).pipe(
    Config.mapEffect((options) => validated(options as unknown as ClerkConfigOptions, (name) => readFrom.get(name)))
  )
}

/**
 * The configuration every Clerk service reads.
 *
 * @example
 * ```ts
 * import { Redacted } from "effect"
 * import { ClerkConfig } from "@clerk-effect/backend-effect4"
 *
 * const fromOptions = ClerkConfig.layer({ secretKey: Redacted.make("sk_test_...") })
 * const fromEnvironment = ClerkConfig.layerConfig() // CLERK_SECRET_KEY, CLERK_API_URL, CLERK_API_VERSION
 * ```
 *
 * @since 0.1.0
 * @category services
 */
export class ClerkConfig extends Context.Service<ClerkConfig, ClerkConfigService>()(
  "@clerk-effect/backend-effect4/ClerkConfig"
) {
  /**
   * Checks the options and fills in their defaults. A setting that cannot
   * work (`rateLimit.limit: 0`, an `apiUrl` that is not a URL, a secret key
   * with a line break inside) fails with a `ConfigError` whose issue sits at
   * the setting's path and says what is wrong, never the key.
   *
   * @since 0.1.0
   */
  static readonly make: (options: ClerkConfigOptions) => Effect.Effect<ClerkConfigService, Config.ConfigError> = (
    options
  ) => validated(options)

  /**
   * The configuration as a `Config`, read from Effect's `ConfigProvider`
   * (environment variables by default). Without an argument:
   * `CLERK_SECRET_KEY` (required, non-empty), `CLERK_API_URL` and
   * `CLERK_API_VERSION` (set but blank means unset, as in Clerk's own SDKs),
   * every other setting at its default.
   *
   * @since 0.1.0
   */
  static readonly config: (settings?: ClerkConfigSettings) => Config.Config<ClerkConfigService> = settingsConfig

  /**
   * A layer from explicit options. A setting that cannot work fails the
   * layer with a `ConfigError` naming it (see {@link ClerkConfig.make}).
   *
   * @since 0.1.0
   */
  static readonly layer = (options: ClerkConfigOptions): Layer.Layer<ClerkConfig, Config.ConfigError> =>
    Layer.effect(ClerkConfig, validated(options))

  /**
   * A layer read from configuration. Without an argument: `CLERK_SECRET_KEY`
   * (required), `CLERK_API_URL` and `CLERK_API_VERSION` (set but blank means
   * unset), every other setting at its default. With one, each setting it
   * gives is read from its `Config`, so the variable names are yours; the
   * three above, when left out, still come from their `CLERK_*` variable.
   *
   * A missing variable or a setting that cannot work fails the layer with a
   * `ConfigError`: a missing one names the variable, an unusable one the
   * setting (and the `CLERK_*` variable it was read from), never the key.
   *
   * @example
   * ```ts
   * import { Config } from "effect"
   * import { ClerkConfig } from "@clerk-effect/backend-effect4"
   *
   * const fromMyVariables = ClerkConfig.layerConfig({
   *   secretKey: Config.Redacted("AUTH_CLERK_KEY"),
   *   timeout: Config.succeed("3 seconds")
   * })
   * ```
   *
   * @since 0.1.0
   */
  static readonly layerConfig = (settings?: ClerkConfigSettings): Layer.Layer<ClerkConfig, Config.ConfigError> =>
    // A `Config` is an `Effect` in effect 4: it reads the current `ConfigProvider`.
    Layer.effect(ClerkConfig, settingsConfig(settings))

  /**
   * Overrides the resilience settings for the operations run inside `self`,
   * without rebuilding any layer. Fields left out keep their configured value.
   *
   * @example
   * ```ts
   * import { Effect } from "effect"
   * import { ClerkConfig, Sessions } from "@clerk-effect/backend-effect4"
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
      Effect.updateService(self, CurrentRequestOptions, (current) => ({ ...current, ...options }))
}
