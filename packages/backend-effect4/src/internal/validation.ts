/**
 * Input checks as this edition runs them: each operation lists its fields
 * with the problem @clerk-effect/core/inputRules finds in each, and the
 * first one found is `SDKError` `InvalidInput` naming the field, before any
 * request. The rules stay plain data; only the failure is Effect.
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import { SDKError } from "../Errors.js"

/** @internal */
export const invalidInput = (field: string, problem: string): SDKError =>
  new SDKError({ reason: "InvalidInput", field, message: `Invalid input: ${field} ${problem}` })

/**
 * A field and what is wrong with it (`undefined`: nothing). The problems are
 * computed lazily, in order, so that a later rule may assume an earlier one
 * held (`params` is an object before its fields are read).
 * @internal
 */
export type Check = readonly [field: string, problem: () => string | undefined]

/**
 * Fails with the first problem of `checks`, or succeeds with nothing.
 * @internal
 */
export const validate = (...checks: ReadonlyArray<Check>): Effect.Effect<void, SDKError> => {
  for (const [field, problem] of checks) {
    const found = problem()
    if (found !== undefined) return Effect.fail(invalidInput(field, found))
  }
  return Effect.void
}
