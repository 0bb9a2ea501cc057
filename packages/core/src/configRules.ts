/**
 * The rules of the SDK's settings, in words a user can act on. No Effect
 * here: a duration is read by the edition's own parser (each Effect version
 * has its `Duration`), passed in as {@link ReadMillis}, and the secret key
 * arrives already out of its `Redacted`.
 *
 * Every problem starts with the name of the setting it is about
 * (`retry.maxAttempts must be...`), so that a failure can name the setting
 * without a second description of each rule.
 *
 * @internal
 */

/**
 * Milliseconds of a duration input, or `undefined` when it is not one.
 * @internal
 */
export type ReadMillis = (input: unknown) => number | undefined

/**
 * The setting a problem is about: its first word.
 * @internal
 */
export const settingOf = (problem: string): string => {
  const space = problem.indexOf(" ")
  return space === -1 ? problem : problem.slice(0, space)
}

/** @internal */
export const durationProblems = (
  field: string,
  value: unknown,
  allowZero: boolean,
  readMillis: ReadMillis
): ReadonlyArray<string> => {
  if (value === undefined) return []
  const millis = readMillis(value)
  if (millis === undefined) return [`${field} is not a duration (e.g. "2 seconds", 500)`]
  if (!allowZero && millis <= 0) return [`${field} must be longer than zero`]
  return []
}

/** @internal */
export const positiveIntegerProblems = (field: string, value: unknown): ReadonlyArray<string> =>
  value === undefined || (typeof value === "number" && Number.isInteger(value) && value >= 1)
    ? []
    : [`${field} must be an integer >= 1`]

/**
 * The resilience settings, in the config and per call: a zero-permit rate
 * limit or a `NaN` attempt count would otherwise hang or misbehave far from
 * where it was written.
 * @internal
 */
export const requestOptionsProblems = (
  options: {
    readonly retry?:
      | false
      | {
          readonly maxAttempts?: unknown
          readonly baseDelay?: unknown
          readonly maxDelay?: unknown
          readonly maxRetryAfter?: unknown
        }
      | undefined
    readonly timeout?: unknown
    readonly deadline?: unknown
  },
  readMillis: ReadMillis
): ReadonlyArray<string> => {
  const retry = options.retry
  const retryProblems =
    retry === undefined || retry === false
      ? []
      : [
          ...positiveIntegerProblems("retry.maxAttempts", retry.maxAttempts),
          ...durationProblems("retry.baseDelay", retry.baseDelay, true, readMillis),
          ...durationProblems("retry.maxDelay", retry.maxDelay, true, readMillis),
          ...durationProblems("retry.maxRetryAfter", retry.maxRetryAfter, true, readMillis)
        ]
  return [
    ...retryProblems,
    ...durationProblems("timeout", options.timeout, false, readMillis),
    ...durationProblems("deadline", options.deadline, false, readMillis)
  ]
}

/** @internal */
export const rateLimitProblems = (rateLimit: unknown, readMillis: ReadMillis): ReadonlyArray<string> => {
  if (rateLimit === undefined || rateLimit === "development" || rateLimit === "production") return []
  if (typeof rateLimit !== "object" || rateLimit === null) {
    return ['rateLimit must be "development", "production" or { limit, interval }']
  }
  const { interval, limit } = rateLimit as { readonly limit?: unknown; readonly interval?: unknown }
  return [
    ...positiveIntegerProblems("rateLimit.limit", limit),
    ...durationProblems("rateLimit.interval", interval, false, readMillis)
  ]
}

/** @internal */
export const apiUrlProblems = (apiUrl: string | undefined): ReadonlyArray<string> => {
  if (apiUrl === undefined) return []
  try {
    const url = new URL(apiUrl)
    return url.protocol === "https:" || url.protocol === "http:" ? [] : ["apiUrl must be an http(s) URL"]
  } catch {
    return ["apiUrl is not a URL"]
  }
}

// A Clerk secret key is printable ASCII without spaces (`sk_test_...`).
const SECRET_KEY_CHARACTERS = /^[\x21-\x7e]+$/

/**
 * What is wrong with the secret key's value (already out of its `Redacted`;
 * `undefined` when it was not in one), never quoting it. A key with a line
 * break, a NUL or another control character inside would make the transport
 * refuse the `Authorization` header, and some of them (undici) quote the
 * whole header, key included, in their error. Surrounding whitespace is
 * trimmed when sent (a key read from a file with its trailing newline works).
 * @internal
 */
export const secretKeyProblems = (value: unknown): ReadonlyArray<string> => {
  if (typeof value !== "string") return ["secretKey must be a Redacted string (Redacted.make(...))"]
  const trimmed = value.trim()
  if (trimmed.length === 0) return ["secretKey is empty"]
  return SECRET_KEY_CHARACTERS.test(trimmed)
    ? []
    : ["secretKey contains whitespace, control or non-ASCII characters (the key is not shown)"]
}

/**
 * The JWKS settings of `SessionTokens`: a duration that does not parse would
 * otherwise throw while the layer is built.
 * @internal
 */
export const jwksOptionsProblems = (
  options: {
    readonly jwksCacheTtl?: unknown
    readonly jwksMinRefetchInterval?: unknown
    readonly jwksTimeout?: unknown
  },
  readMillis: ReadMillis
): ReadonlyArray<string> => [
  ...durationProblems("jwksCacheTtl", options.jwksCacheTtl, true, readMillis),
  ...durationProblems("jwksMinRefetchInterval", options.jwksMinRefetchInterval, true, readMillis),
  ...durationProblems("jwksTimeout", options.jwksTimeout, false, readMillis)
]

/**
 * The defaults of the settings, in plain numbers and strings: each edition
 * builds its `Duration`s from them, so that both editions default alike
 * (reasons in docs/retries.md).
 * @internal
 */
export const DEFAULTS = {
  apiUrl: "https://api.clerk.com",
  apiVersion: "v1",
  clerkApiVersion: "2026-05-12",
  timeoutMillis: 10_000,
  deadlineMillis: 60_000,
  retry: { maxAttempts: 4, baseDelayMillis: 250, maxDelayMillis: 8_000, maxRetryAfterMillis: 30_000, jitter: true }
} as const

/**
 * Clerk's documented Backend API limits per instance: development 100
 * requests / 10 s, production 1000 requests / 10 s.
 * @internal
 */
export const RATE_LIMIT_PRESETS = {
  development: { limit: 100, interval: "10 seconds" },
  production: { limit: 1000, interval: "10 seconds" }
} as const

/**
 * The variables `layerConfig` reads for the settings it is not given.
 * @internal
 */
export const DEFAULT_VARIABLES = {
  secretKey: "CLERK_SECRET_KEY",
  apiUrl: "CLERK_API_URL",
  apiVersion: "CLERK_API_VERSION"
} as const

/**
 * `apiUrl` as requests are built on it: no trailing slash.
 * @internal
 */
export const normalizeApiUrl = (apiUrl: string | undefined): string => (apiUrl ?? DEFAULTS.apiUrl).replace(/\/+$/, "")

/**
 * `apiVersion` as a path segment: no slash on either side.
 * @internal
 */
export const normalizeApiVersion = (apiVersion: string | undefined): string =>
  (apiVersion ?? DEFAULTS.apiVersion).replace(/^\/+|\/+$/g, "")

/**
 * A variable's text as a setting: set but blank means unset, as Clerk's own
 * SDKs read these variables (`process.env.CLERK_API_URL || default`), so
 * `CLERK_API_URL=` in a .env file is the default URL, not an error.
 * @internal
 */
export const blankAsUnset = (text: string | undefined): string | undefined => {
  const trimmed = text?.trim()
  return trimmed === undefined || trimmed.length === 0 ? undefined : trimmed
}

/**
 * The retry settings of one call: a per-call retry object tunes the
 * configured one; `false` on either side wins.
 * @internal
 */
export const mergeRetry = <R extends object>(configured: false | R, override: false | R | undefined): false | R =>
  override === undefined
    ? configured
    : override === false || configured === false
      ? override
      : { ...configured, ...override }
