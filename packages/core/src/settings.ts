/**
 * The shapes of the SDK's settings and how options become the resolved
 * configuration, once for both editions. The Effect types in them (the
 * secret's `Redacted`, a duration input, a retry `Schedule`) differ per
 * edition, so they are type parameters here; each edition names its own
 * (`ClerkConfigOptions`, `ClerkConfigService`...) by filling them in. No
 * Effect here.
 *
 * @internal
 */
import { DEFAULTS, normalizeApiUrl, normalizeApiVersion, RATE_LIMIT_PRESETS } from "./configRules.js"

/**
 * How failed attempts are retried. Every field has a documented default
 * (`DEFAULT_RETRY`); `schedule` replaces the backoff entirely.
 * @internal
 */
export interface RetrySettings<DurationIn, Schedule> {
  /** Attempts in all, the first included. Default 4. */
  readonly maxAttempts?: number | undefined
  /** First backoff wait, doubled on each retry. Default 250 ms. */
  readonly baseDelay?: DurationIn | undefined
  /** Cap of each backoff wait. Default 8 seconds. */
  readonly maxDelay?: DurationIn | undefined
  /** Cap of a wait asked by `Retry-After` (429 and 503). Default 30 seconds. */
  readonly maxRetryAfter?: DurationIn | undefined
  /** Randomise each backoff wait (x0.8 to x1.2) so clients do not retry in step. Default true. */
  readonly jitter?: boolean | undefined
  /**
   * Any `Schedule` fed with the failure of each attempt, replacing the backoff
   * above (delays and when to stop). Which failures are retried is still the
   * policy of the operation's kind.
   */
  readonly schedule?: Schedule | undefined
}

/**
 * Resilience settings, in the config and per call (`withRequestOptions`).
 * @internal
 */
export interface RequestSettings<DurationIn, Schedule> {
  /** `false` disables retries; an object tunes them. */
  readonly retry?: false | RetrySettings<DurationIn, Schedule> | undefined
  /** Time allowed for one attempt (request and body). Default 10 seconds. */
  readonly timeout?: DurationIn | undefined
  /** Time allowed for the whole operation, retries and waits included. Default 60 seconds. */
  readonly deadline?: DurationIn | undefined
}

/**
 * A client-side rate limit: at most `limit` requests start in any window of
 * `interval` (a sliding window, so no alignment with Clerk's own window can
 * let a burst through), retries included.
 * @internal
 */
export interface RateLimitSettings<DurationIn> {
  readonly limit: number
  readonly interval: DurationIn
}

/**
 * What a client is configured with. Only `secretKey` is required.
 * @internal
 */
export interface ClientSettings<Secret, DurationIn, Schedule> extends RequestSettings<DurationIn, Schedule> {
  /**
   * The instance secret key (`sk_test_...` or `sk_live_...`). Surrounding
   * whitespace (a key file's trailing newline) is removed; a key with
   * whitespace, control or non-ASCII characters inside is refused (the error
   * never shows it).
   */
  readonly secretKey: Secret
  /** Default `https://api.clerk.com`. A trailing slash is ignored. */
  readonly apiUrl?: string | undefined
  /** The path segment, default `v1`. */
  readonly apiVersion?: string | undefined
  /** The `Clerk-API-Version` header, default `2026-05-12`. */
  readonly clerkApiVersion?: string | undefined
  /** Default `@clerk-effect/<package>/<version>`. */
  readonly userAgent?: string | undefined
  /** Client-side rate limiting: off by default; a preset name or explicit numbers. */
  readonly rateLimit?: keyof typeof RATE_LIMIT_PRESETS | RateLimitSettings<DurationIn> | undefined
  /** Send trace context headers to Clerk. Default false: our traces are none of Clerk's business. */
  readonly tracePropagation?: boolean | undefined
}

/**
 * The resolved configuration, as services read it.
 * @internal
 */
export interface ResolvedSettings<Secret, DurationIn, Duration, Schedule> {
  readonly secretKey: Secret
  readonly apiUrl: string
  readonly apiVersion: string
  readonly clerkApiVersion: string
  readonly userAgent: string
  readonly retry: false | RetrySettings<DurationIn, Schedule>
  readonly timeout: Duration
  readonly deadline: Duration
  readonly rateLimit: RateLimitSettings<DurationIn> | undefined
  readonly tracePropagation: boolean
}

/**
 * Checked options with their defaults filled in. `edition` gives what
 * differs: how the secret is sent (trimmed) and how a duration input or a
 * number of milliseconds becomes the edition's `Duration`.
 * @internal
 */
export const resolveSettings = <Secret, DurationIn, Duration, Schedule>(
  options: ClientSettings<Secret, DurationIn, Schedule>,
  edition: {
    readonly sendable: (secret: Secret) => Secret
    readonly duration: (input: DurationIn) => Duration
    readonly millis: (millis: number) => Duration
    readonly userAgent: string
  }
): ResolvedSettings<Secret, DurationIn, Duration, Schedule> => ({
  secretKey: edition.sendable(options.secretKey),
  apiUrl: normalizeApiUrl(options.apiUrl),
  apiVersion: normalizeApiVersion(options.apiVersion),
  clerkApiVersion: options.clerkApiVersion ?? DEFAULTS.clerkApiVersion,
  userAgent: options.userAgent ?? edition.userAgent,
  retry: options.retry ?? {},
  timeout: options.timeout === undefined ? edition.millis(DEFAULTS.timeoutMillis) : edition.duration(options.timeout),
  deadline:
    options.deadline === undefined ? edition.millis(DEFAULTS.deadlineMillis) : edition.duration(options.deadline),
  rateLimit:
    typeof options.rateLimit === "string"
      ? (RATE_LIMIT_PRESETS[options.rateLimit] as RateLimitSettings<DurationIn>)
      : options.rateLimit,
  tracePropagation: options.tracePropagation ?? false
})

/**
 * The retry settings of one call, defaults filled in, or `undefined` when
 * retries are off or replaced by the user's own schedule (`schedule`).
 * @internal
 */
export const backoffSettings = <DurationIn, Duration, Schedule>(
  retry: false | RetrySettings<DurationIn, Schedule>,
  duration: (input: DurationIn) => Duration,
  millis: (millis: number) => Duration
):
  | { readonly kind: "off" }
  | { readonly kind: "schedule"; readonly schedule: Schedule }
  | {
      readonly kind: "backoff"
      readonly maxAttempts: number
      readonly baseDelay: Duration
      readonly maxDelay: Duration
      readonly maxRetryAfter: Duration
      readonly jitter: boolean
    } => {
  if (retry === false) return { kind: "off" }
  if (retry.schedule !== undefined) return { kind: "schedule", schedule: retry.schedule }
  const defaults = DEFAULTS.retry
  const or = (input: DurationIn | undefined, fallback: number) =>
    input === undefined ? millis(fallback) : duration(input)
  return {
    kind: "backoff",
    maxAttempts: retry.maxAttempts ?? defaults.maxAttempts,
    baseDelay: or(retry.baseDelay, defaults.baseDelayMillis),
    maxDelay: or(retry.maxDelay, defaults.maxDelayMillis),
    maxRetryAfter: or(retry.maxRetryAfter, defaults.maxRetryAfterMillis),
    jitter: retry.jitter ?? defaults.jitter
  }
}
