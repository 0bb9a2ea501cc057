import * as Duration from "effect/Duration"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type { ClerkConfigOptions, RateLimitOptions, RequestOptions } from "../ClerkConfig.js"

/**
 * Every problem below starts with the name of the setting it is about
 * (`retry.maxAttempts must be...`), so that a failure can name the setting
 * without a second description of each rule.
 * @internal
 */
export const settingOf = (problem: string): string => {
  const space = problem.indexOf(" ")
  return space === -1 ? problem : problem.slice(0, space)
}

const durationProblem = (field: string, value: unknown, allowZero: boolean): ReadonlyArray<string> => {
  if (value === undefined) return []
  const duration = Duration.decodeUnknown(value)
  if (Option.isNone(duration)) return [`${field} is not a duration (e.g. "2 seconds", 500)`]
  if (!allowZero && Duration.toMillis(duration.value) <= 0) return [`${field} must be longer than zero`]
  return []
}

const positiveInteger = (field: string, value: unknown): ReadonlyArray<string> =>
  value === undefined || (typeof value === "number" && Number.isInteger(value) && value >= 1)
    ? []
    : [`${field} must be an integer >= 1`]

/**
 * What is wrong with resilience settings, in words a user can act on. A
 * zero-permit rate limit or a `NaN` attempt count would otherwise hang or
 * misbehave far from where it was written.
 * @internal
 */
export const requestOptionsProblems = (options: RequestOptions): ReadonlyArray<string> => {
  const retry = options.retry
  const retryProblems =
    retry === undefined || retry === false
      ? []
      : [
          ...positiveInteger("retry.maxAttempts", retry.maxAttempts),
          ...durationProblem("retry.baseDelay", retry.baseDelay, true),
          ...durationProblem("retry.maxDelay", retry.maxDelay, true),
          ...durationProblem("retry.maxRetryAfter", retry.maxRetryAfter, true)
        ]
  return [
    ...retryProblems,
    ...durationProblem("timeout", options.timeout, false),
    ...durationProblem("deadline", options.deadline, false)
  ]
}

const rateLimitProblems = (rateLimit: RateLimitOptions | undefined): ReadonlyArray<string> =>
  rateLimit === undefined
    ? []
    : [
        ...positiveInteger("rateLimit.limit", rateLimit.limit),
        ...durationProblem("rateLimit.interval", rateLimit.interval, false)
      ]

const urlProblems = (apiUrl: string | undefined): ReadonlyArray<string> => {
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
 * The secret key as it is sent: without surrounding whitespace, so that a key
 * read from a file with its trailing newline works, the same on every
 * transport.
 * @internal
 */
export const sendableSecretKey = (key: Redacted.Redacted<string>): Redacted.Redacted<string> => {
  const value = Redacted.value(key)
  const trimmed = value.trim()
  return trimmed === value ? key : Redacted.make(trimmed)
}

/**
 * What is wrong with the secret key, never quoting it. A key with a line
 * break, a NUL or another control character inside would make the transport
 * refuse the `Authorization` header, and some of them (undici) quote the whole
 * header, key included, in their error.
 * @internal
 */
export const secretKeyProblems = (key: unknown): ReadonlyArray<string> => {
  if (!Redacted.isRedacted(key)) return ["secretKey must be a Redacted string (Redacted.make(...))"]
  const value: unknown = Redacted.value(key)
  if (typeof value !== "string") return ["secretKey must be a Redacted string (Redacted.make(...))"]
  const trimmed = value.trim()
  if (trimmed.length === 0) return ["secretKey is empty"]
  return SECRET_KEY_CHARACTERS.test(trimmed)
    ? []
    : ["secretKey contains whitespace, control or non-ASCII characters (the key is not shown)"]
}

/**
 * What is wrong with the JWKS settings of `SessionTokens`: a duration that
 * does not parse would otherwise throw while the layer is built.
 * @internal
 */
export const jwksOptionsProblems = (options: {
  readonly jwksCacheTtl?: unknown
  readonly jwksMinRefetchInterval?: unknown
  readonly jwksTimeout?: unknown
}): ReadonlyArray<string> => [
  ...durationProblem("jwksCacheTtl", options.jwksCacheTtl, true),
  ...durationProblem("jwksMinRefetchInterval", options.jwksMinRefetchInterval, true),
  ...durationProblem("jwksTimeout", options.jwksTimeout, false)
]

/** @internal */
export const configProblems = (options: ClerkConfigOptions): ReadonlyArray<string> => [
  ...secretKeyProblems(options.secretKey),
  ...urlProblems(options.apiUrl),
  ...requestOptionsProblems(options),
  ...rateLimitProblems(typeof options.rateLimit === "string" ? undefined : options.rateLimit),
  ...(typeof options.rateLimit === "string" && !["development", "production"].includes(options.rateLimit)
    ? ['rateLimit must be "development", "production" or { limit, interval }']
    : [])
]
