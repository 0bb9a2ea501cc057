/**
 * The input rules (@clerk-effect/core (inputRules.ts)) as this edition's checks:
 * a problem is `SDKError` `InvalidInput` naming the field, before any request.
 *
 * @internal
 */

import * as Rules from "@clerk-effect/core/inputRules"
import * as Effect from "effect/Effect"
import { SDKError } from "../Errors.js"

/** @internal */
export const invalidInput = (field: string, problem: string): SDKError =>
  new SDKError({ reason: "InvalidInput", field, message: `Invalid input: ${field} ${problem}` })

const checked = <A>(field: string, problem: string | undefined, value: A): Effect.Effect<A, SDKError> =>
  problem === undefined ? Effect.succeed(value) : Effect.fail(invalidInput(field, problem))

/**
 * Checks a path parameter (a session id, a template name). The request
 * description percent-encodes it into its URL segment
 * (@clerk-effect/core/sessionRequests), so it is returned as given.
 * @internal
 */
export const pathParam = (field: string, value: unknown): Effect.Effect<string, SDKError> =>
  checked(field, Rules.pathParamProblem(value), value as string)

/**
 * {@link pathParam} as a plain value: the error, or `undefined` for a valid
 * parameter. For operations that check it as the call is built.
 * @internal
 */
export const pathParamError = (field: string, value: unknown): SDKError | undefined => {
  const problem = Rules.pathParamProblem(value)
  return problem === undefined ? undefined : invalidInput(field, problem)
}

/**
 * Checks an optional integer against inclusive bounds.
 * @internal
 */
export const optionalInteger = (
  field: string,
  value: unknown,
  min: number,
  max: number
): Effect.Effect<number | undefined, SDKError> =>
  checked(field, Rules.optionalIntegerProblem(value, min, max), value as number | undefined)

/**
 * Checks an optional non-empty string (a query filter, a body field).
 * @internal
 */
export const optionalNonEmpty = (field: string, value: unknown): Effect.Effect<string | undefined, SDKError> =>
  checked(field, Rules.optionalNonEmptyProblem(value), value as string | undefined)

/**
 * Checks a required non-empty string.
 * @internal
 */
export const requiredNonEmpty = (field: string, value: unknown): Effect.Effect<string, SDKError> =>
  checked(field, Rules.requiredNonEmptyProblem(value), value as string)

/**
 * Checks a required options object (`params`).
 * @internal
 */
export const requiredObject = <A>(field: string, value: A): Effect.Effect<A, SDKError> =>
  checked(field, Rules.requiredObjectProblem(value), value)

/**
 * Checks an optional options object (`params`): absent, or an object.
 * @internal
 */
export const optionalObject = <A>(field: string, value: A): Effect.Effect<A, SDKError> =>
  checked(field, Rules.optionalObjectProblem(value), value)

/**
 * Checks optional request headers: an object whose values are strings or
 * lists of strings.
 * @internal
 */
export const optionalHeaders = (field: string, value: unknown): Effect.Effect<void, SDKError> =>
  checked(field, Rules.optionalHeadersProblem(value), undefined)
