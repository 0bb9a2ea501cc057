/**
 * The settings' rules (@clerk-effect/core/configRules) read with effect 4's
 * `Duration` and `Redacted`, and their failure as effect 4's `ConfigError`.
 *
 * @internal
 */
import type { ReadMillis } from "@clerk-effect/core/configRules"
import * as Rules from "@clerk-effect/core/configRules"
import * as Config from "effect/Config"
import * as Duration from "effect/Duration"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"

/** @internal */
export const readMillis: ReadMillis = (input) => {
  const duration = Duration.fromInput(input as Duration.Input)
  return Option.isSome(duration) ? Duration.toMillis(duration.value) : undefined
}

/**
 * Settings that cannot work, as the one failure every constructor of the
 * SDK reports. effect 4's `ConfigError` wraps a `SchemaError`, so each
 * problem is an issue at the setting's path (`rateLimit.limit` is
 * `["rateLimit", "limit"]`), whose message says what is wrong and, with
 * `source`, where the setting was read from. The issues carry no input:
 * no problem text quotes a secret, and neither does the error.
 * @internal
 */
export const invalidSettings = (
  problems: ReadonlyArray<string>,
  source: (setting: string) => string | undefined = () => undefined
): Config.ConfigError => {
  const issues = problems.map((problem) => {
    const setting = Rules.settingOf(problem)
    const from = source(setting.split(".")[0]!)
    const message = from === undefined ? problem : `${problem} (read from ${from})`
    return new SchemaIssue.Pointer(setting.split("."), new SchemaIssue.InvalidValue({ message }))
  })
  const [first, ...rest] = issues
  const issue = rest.length === 0 ? first! : new SchemaIssue.Composite(Schema.Unknown.ast, [first!, ...rest])
  return new Config.ConfigError(new Schema.SchemaError(issue))
}

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
export const requestOptionsProblems = (options: Parameters<typeof Rules.requestOptionsProblems>[0]) =>
  Rules.requestOptionsProblems(options, readMillis)

/** @internal */
export const jwksOptionsProblems = (options: Parameters<typeof Rules.jwksOptionsProblems>[0]) =>
  Rules.jwksOptionsProblems(options, readMillis)

/**
 * Every problem of a client's options.
 * @internal
 */
export const configProblems = (options: {
  readonly secretKey: unknown
  readonly apiUrl?: string | undefined
  readonly rateLimit?: unknown
  readonly retry?: Parameters<typeof Rules.requestOptionsProblems>[0]["retry"]
  readonly timeout?: unknown
  readonly deadline?: unknown
}): ReadonlyArray<string> => [
  ...secretKeyProblems(options.secretKey),
  ...Rules.apiUrlProblems(options.apiUrl),
  ...requestOptionsProblems(options),
  ...Rules.rateLimitProblems(options.rateLimit, readMillis)
]
