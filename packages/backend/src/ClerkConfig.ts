/**
 * Configuration of the Clerk client: the secret key (kept `Redacted` from the
 * moment it is read until it becomes the `Authorization` header), where the
 * API lives, and which API version to ask for.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"

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
 * The `User-Agent` sent when none is given.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_USER_AGENT = "@clerk-effect/backend/0.1.0"

/**
 * What {@link ClerkConfig.layer} takes. Only `secretKey` is required.
 *
 * @since 0.1.0
 * @category models
 */
export interface ClerkConfigOptions {
  /** The instance secret key (`sk_test_...` or `sk_live_...`). */
  readonly secretKey: Redacted.Redacted<string>
  /** Default `https://api.clerk.com`. A trailing slash is ignored. */
  readonly apiUrl?: string | undefined
  /** The path segment, default `v1`. */
  readonly apiVersion?: string | undefined
  /** The `Clerk-API-Version` header, default `2026-05-12`. */
  readonly clerkApiVersion?: string | undefined
  /** Default `@clerk-effect/backend/<version>`. */
  readonly userAgent?: string | undefined
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
}

const make = (options: ClerkConfigOptions): ClerkConfigService => ({
  secretKey: options.secretKey,
  apiUrl: (options.apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, ""),
  apiVersion: (options.apiVersion ?? DEFAULT_API_VERSION).replace(/^\/+|\/+$/g, ""),
  clerkApiVersion: options.clerkApiVersion ?? DEFAULT_CLERK_API_VERSION,
  userAgent: options.userAgent ?? DEFAULT_USER_AGENT
})

const fromEnv: Config.Config<ClerkConfigService> = Config.all({
  secretKey: Config.redacted("CLERK_SECRET_KEY").pipe(
    Config.validate({
      message: "CLERK_SECRET_KEY must not be empty",
      validation: (key) => Redacted.value(key).trim().length > 0
    })
  ),
  apiUrl: Config.option(Config.nonEmptyString("CLERK_API_URL")),
  apiVersion: Config.option(Config.nonEmptyString("CLERK_API_VERSION"))
}).pipe(
  Config.map(({ apiUrl, apiVersion, secretKey }) =>
    make({ secretKey, apiUrl: Option.getOrUndefined(apiUrl), apiVersion: Option.getOrUndefined(apiVersion) })
  )
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
   * `CLERK_API_URL`, `CLERK_API_VERSION`.
   *
   * @since 0.1.0
   */
  static readonly fromEnv: Config.Config<ClerkConfigService> = fromEnv

  /**
   * A layer from explicit options.
   *
   * @since 0.1.0
   */
  static readonly layer = (options: ClerkConfigOptions): Layer.Layer<ClerkConfig> =>
    Layer.succeed(ClerkConfig, make(options))

  /**
   * A layer read from configuration: `CLERK_SECRET_KEY` (required; missing or
   * empty fails with a `ConfigError` naming it), `CLERK_API_URL`,
   * `CLERK_API_VERSION`. Pass a `Config` to read from elsewhere.
   *
   * @since 0.1.0
   */
  static readonly layerConfig = (
    config: Config.Config<ClerkConfigService> = fromEnv
  ): Layer.Layer<ClerkConfig, ConfigError.ConfigError> => Layer.effect(ClerkConfig, config)
}
