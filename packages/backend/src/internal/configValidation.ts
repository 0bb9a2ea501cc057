/**
 * The settings' rules (@clerk-effect/core (configRules.ts)) read with this
 * edition's `Duration` and `Redacted`.
 *
 * @internal
 */

import type { ReadMillis } from "@clerk-effect/core/configRules"
import * as Rules from "@clerk-effect/core/configRules"
import * as Duration from "effect/Duration"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type { ClerkConfigOptions, RequestOptions } from "../ClerkConfig.js"

const readMillis: ReadMillis = (input) => {
  const duration = Duration.decodeUnknown(input)
  return Option.isSome(duration) ? Duration.toMillis(duration.value) : undefined
}

/** @internal */
export const requestOptionsProblems = (options: RequestOptions): ReadonlyArray<string> =>
  Rules.requestOptionsProblems(options, readMillis)

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

/** @internal */
export const secretKeyProblems = (key: unknown): ReadonlyArray<string> =>
  Rules.secretKeyProblems(Redacted.isRedacted(key) ? Redacted.value(key) : undefined)

/** @internal */
export const jwksOptionsProblems = (options: Parameters<typeof Rules.jwksOptionsProblems>[0]): ReadonlyArray<string> =>
  Rules.jwksOptionsProblems(options, readMillis)

/** @internal */
export const configProblems = (options: ClerkConfigOptions): ReadonlyArray<string> => [
  ...secretKeyProblems(options.secretKey),
  ...Rules.apiUrlProblems(options.apiUrl),
  ...requestOptionsProblems(options),
  ...Rules.rateLimitProblems(options.rateLimit, readMillis)
]
