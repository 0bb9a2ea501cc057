/**
 * Configuration of the Clerk client: the secret key (kept `Redacted` from the
 * moment it is read until it becomes the `Authorization` header), where the
 * API lives, and which API version to ask for.
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
import type * as ConfigError from "effect/ConfigError"
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
import { invalidSettings } from "./internal/configErrors.js"
import { configProblems, sendableSecretKey } from "./internal/configValidation.js"
import { PACKAGE_VERSION } from "./internal/version.js"

// The constants below are computed in `@__PURE__` functions: reading
// `DEFAULTS` is a property access, which a bundler must otherwise keep even
// when the program uses none of them.

/**
 * The Backend API host used when no `apiUrl` is given.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_API_URL: string = /* @__PURE__ */ (() => DEFAULTS.apiUrl)()

/**
 * The API path segment used when no `apiVersion` is given.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_API_VERSION: string = /* @__PURE__ */ (() => DEFAULTS.apiVersion)()

/**
 * The dated `Clerk-API-Version` header value this SDK was written against.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_CLERK_API_VERSION: string = /* @__PURE__ */ (() => DEFAULTS.clerkApiVersion)()

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
 * (see {@link DEFAULT_RETRY}); `schedule` replaces the backoff entirely: any
 * `Schedule` fed with the failure of each attempt (which failures are
 * retried is still the policy of the operation's kind).
 *
 * @since 0.1.0
 * @category models
 */
export interface RetryOptions
  extends Settings.RetrySettings<Duration.DurationInput, Schedule.Schedule<unknown, ClerkError>> {}

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
  extends Settings.RequestSettings<Duration.DurationInput, Schedule.Schedule<unknown, ClerkError>> {}

/**
 * A client-side rate limit: at most `limit` requests start in any window of
 * `interval` (a sliding window, so no alignment with Clerk's own window can
 * let a burst through), retries included.
 *
 * @since 0.1.0
 * @category models
 */
export interface RateLimitOptions extends Settings.RateLimitSettings<Duration.DurationInput> {}

/**
 * Clerk's documented Backend API limits per instance: development 100
 * requests / 10 s, production 1000 requests / 10 s.
 *
 * @since 0.1.0
 * @category constants
 */
export const RATE_LIMIT_PRESETS = PRESETS satisfies Record<string, RateLimitOptions>

/**
 * The retry defaults, with the reasons in docs/retries.md.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_RETRY = /* @__PURE__ */ (() =>
  ({
    maxAttempts: DEFAULTS.retry.maxAttempts,
    baseDelay: Duration.millis(DEFAULTS.retry.baseDelayMillis),
    maxDelay: Duration.millis(DEFAULTS.retry.maxDelayMillis),
    maxRetryAfter: Duration.millis(DEFAULTS.retry.maxRetryAfterMillis),
    jitter: DEFAULTS.retry.jitter
  }) as const)()

/**
 * Default time allowed for one attempt.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_TIMEOUT: Duration.Duration = /* @__PURE__ */ (() => Duration.millis(DEFAULTS.timeoutMillis))()

/**
 * Default time allowed for a whole operation, retries included.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_DEADLINE: Duration.Duration = /* @__PURE__ */ (() => Duration.millis(DEFAULTS.deadlineMillis))()

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
  extends Settings.ClientSettings<
    Redacted.Redacted<string>,
    Duration.DurationInput,
    Schedule.Schedule<unknown, ClerkError>
  > {}

/**
 * The resolved configuration, as services read it.
 *
 * @since 0.1.0
 * @category models
 */
export interface ClerkConfigService
  extends Settings.ResolvedSettings<
    Redacted.Redacted<string>,
    Duration.DurationInput,
    Duration.Duration,
    Schedule.Schedule<unknown, ClerkError>
  > {}

const resolveOptions = (options: ClerkConfigOptions): ClerkConfigService =>
  Settings.resolveSettings(options, {
    sendable: sendableSecretKey,
    duration: Duration.decode,
    millis: Duration.millis,
    userAgent: DEFAULT_USER_AGENT
  })

const validated = (
  options: ClerkConfigOptions,
  source?: (setting: string) => string | undefined
): Either.Either<ClerkConfigService, ConfigError.ConfigError> => {
  const problems = configProblems(options)
  return problems.length === 0 ? Either.right(resolveOptions(options)) : Either.left(invalidSettings(problems, source))
}

const make = (options: ClerkConfigOptions): Effect.Effect<ClerkConfigService, ConfigError.ConfigError> =>
  Effect.suspend(() => validated(options))

/**
 * Per-call overrides, set by {@link ClerkConfig.withRequestOptions}.
 *
 * @since 0.1.0
 * @category fiber refs
 */
export const currentRequestOptions: FiberRef.FiberRef<RequestOptions> = FiberRef.unsafeMake<RequestOptions>({})

type ConfigOverrides = Omit<ClerkConfigOptions, "secretKey" | "apiUrl" | "apiVersion">

/**
 * What {@link ClerkConfig.layerConfig} takes: a `Config` for any of the
 * settings of {@link ClerkConfigOptions} (as `PgClient.layerConfig` and
 * `OpenAiClient.layerConfig` take theirs), or one `Config` of all the options.
 * `secretKey`, `apiUrl` and `apiVersion` left out are read from
 * `CLERK_SECRET_KEY`, `CLERK_API_URL` and `CLERK_API_VERSION`; any other
 * setting left out has its default.
 *
 * @since 0.1.0
 * @category models
 */
export type ClerkConfigSettings =
  | { readonly [K in keyof ClerkConfigOptions]?: Config.Config.Wrap<ClerkConfigOptions[K]> }
  | Config.Config<ClerkConfigOptions>

// Set but blank means unset (blankAsUnset in @clerk-effect/core/configRules).
const optionalSetting = (name: string): Config.Config<string | undefined> =>
  Config.map(Config.option(Config.string(name)), (value) => blankAsUnset(Option.getOrUndefined(value)))

const defaultSettings = {
  // Not Config.redacted: it turns even the "missing" message into "<redacted>".
  // Neither message below can hold the value; it is wrapped right after.
  secretKey: Config.string(DEFAULT_VARIABLES.secretKey).pipe(
    Config.validate({
      message: `${DEFAULT_VARIABLES.secretKey} must not be empty`,
      validation: (key) => key.trim().length > 0
    }),
    Config.map(Redacted.make)
  ),
  apiUrl: optionalSetting(DEFAULT_VARIABLES.apiUrl),
  apiVersion: optionalSetting(DEFAULT_VARIABLES.apiVersion)
}

const settingsConfig = (settings: ClerkConfigSettings = {}): Config.Config<ClerkConfigService> => {
  if (Config.isConfig(settings)) return Config.mapOrFail(settings, (options) => validated(options))
  const given = Object.fromEntries(Object.entries(settings).filter(([, setting]) => setting !== undefined)) as Record<
    string,
    Config.Config<unknown>
  >
  const defaulted = Object.entries(defaultSettings).filter(([name]) => !(name in given))
  const readFrom = new Map<string, string>(
    defaulted.map(([name]) => [name, DEFAULT_VARIABLES[name as keyof typeof DEFAULT_VARIABLES]])
  )
  return Config.all({ ...Object.fromEntries(defaulted), ...given }).pipe(
    Config.mapOrFail((options) => validated(options as unknown as ClerkConfigOptions, (name) => readFrom.get(name)))
  )
}

const succeeding = (overrides: ConfigOverrides): ClerkConfigSettings =>
  Object.fromEntries(Object.entries(overrides).map(([name, value]) => [name, Config.succeed(value)]))

const fromEnv = (overrides: ConfigOverrides = {}): Config.Config<ClerkConfigService> =>
  settingsConfig(succeeding(overrides))

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
   * Checks the options and fills in their defaults. A setting that cannot
   * work (`rateLimit.limit: 0`, an `apiUrl` that is not a URL, a secret key
   * with a line break inside) fails with a `ConfigError`: an `InvalidData`
   * at the setting's path whose message says what is wrong, never the key
   * (several problems are joined with `And`).
   *
   * @since 0.1.0
   */
  static readonly make: (options: ClerkConfigOptions) => Effect.Effect<ClerkConfigService, ConfigError.ConfigError> =
    make

  /**
   * Reads the configuration from Effect's `ConfigProvider` (environment
   * variables by default): `CLERK_SECRET_KEY` (required, non-empty),
   * `CLERK_API_URL`, `CLERK_API_VERSION` (each optional; set but blank means
   * unset, as in Clerk's own SDKs), the other settings from `overrides`.
   * Fails as {@link ClerkConfig.layerConfig} does.
   *
   * @since 0.1.0
   */
  static readonly fromEnv: (overrides?: ConfigOverrides) => Config.Config<ClerkConfigService> = fromEnv

  /**
   * A layer from explicit options. A setting that cannot work fails the
   * layer with a `ConfigError` naming it (see {@link ClerkConfig.make}).
   *
   * @since 0.1.0
   */
  static readonly layer = (options: ClerkConfigOptions): Layer.Layer<ClerkConfig, ConfigError.ConfigError> =>
    Layer.effect(ClerkConfig, make(options))

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
   * import { ClerkConfig } from "@clerk-effect/backend"
   *
   * const fromMyVariables = ClerkConfig.layerConfig({
   *   secretKey: Config.redacted("AUTH_CLERK_KEY"),
   *   apiUrl: Config.string("AUTH_CLERK_URL").pipe(Config.withDefault(undefined)),
   *   timeout: Config.succeed("3 seconds")
   * })
   * ```
   *
   * @since 0.1.0
   */
  static readonly layerConfig = (settings?: ClerkConfigSettings): Layer.Layer<ClerkConfig, ConfigError.ConfigError> =>
    Layer.effect(ClerkConfig, settingsConfig(settings))

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
