import { settingOf } from "@clerk-effect/core/configRules"
import * as ConfigError from "effect/ConfigError"

/**
 * Settings that cannot work, as the one failure every constructor of the
 * SDK reports: a `ConfigError.InvalidData` per problem, at the setting's path
 * (`rateLimit.limit` is `["rateLimit", "limit"]`), joined with `And` when
 * there are several. `source` names where a setting was read from (an
 * environment variable), added to its message. No problem text ever quotes a
 * secret (see configValidation.ts), so neither does the error.
 * @internal
 */
export const invalidSettings = (
  problems: ReadonlyArray<string>,
  source: (setting: string) => string | undefined = () => undefined
): ConfigError.ConfigError => {
  const errors = problems.map((problem) => {
    const setting = settingOf(problem)
    const from = source(setting.split(".")[0]!)
    return ConfigError.InvalidData(setting.split("."), from === undefined ? problem : `${problem} (read from ${from})`)
  })
  return errors.reduce((left, right) => ConfigError.And(left, right))
}
