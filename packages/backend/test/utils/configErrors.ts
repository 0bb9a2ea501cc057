import { expect } from "@effect/vitest"
import * as ConfigError from "effect/ConfigError"

/**
 * `error` is the one failure of a setting that cannot work: a
 * `ConfigError.InvalidData` at `path` whose message contains `message`.
 */
export const expectInvalidData = (error: unknown, path: ReadonlyArray<string>, message: string) => {
  expect(ConfigError.isConfigError(error)).toBe(true)
  expect(error).toMatchObject({ _tag: "ConfigError", _op: "InvalidData", path })
  expect((error as ConfigError.InvalidData).message).toContain(message)
}
