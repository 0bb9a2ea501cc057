import { failureFields, readFailure, successJson, unexpectedShapeFields } from "@clerk-effect/core/answers"
import { expectedText, issuePlace, missingText, unexpectedText } from "@clerk-effect/core/errorText"
import type { WireHeader } from "@clerk-effect/core/wire"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import { ClerkErrors, SDKError } from "../Errors.js"

/**
 * Where and how a decode failed, in one bounded line: the path of the first
 * issue, what the schema expected there and what kind of value was found.
 * `TreeFormatter` is not used on purpose: it prints the offending value
 * whole, so a 1 MB string made a 1 MB message and a 3,000-deep array
 * overflowed the stack while formatting it.
 */
const describeIssue = (issue: ParseResult.ParseIssue): string => {
  const path: Array<PropertyKey> = []
  let current: ParseResult.ParseIssue = issue
  // The issue tree is as deep as the schema, not as the value; the bound is a guard.
  for (let step = 0; step < 100; step++) {
    switch (current._tag) {
      case "Pointer":
        path.push(...(Array.isArray(current.path) ? current.path : [current.path as PropertyKey]))
        current = current.issue
        continue
      case "Composite":
        current = Array.isArray(current.issues) ? current.issues[0]! : (current.issues as ParseResult.ParseIssue)
        continue
      case "Refinement":
      case "Transformation":
        current = current.issue
        continue
      case "Type":
        return expectedText(path, String(current.ast), current.actual)
      case "Missing":
        return missingText(path)
      case "Unexpected":
      case "Forbidden":
        return unexpectedText(path, current.actual)
    }
  }
  return issuePlace(path)
}

/**
 * Decodes the text of a 2xx body with the operation's schema. A failure
 * carries no `cause`: the `ParseError` holds the whole offending value and
 * formats it when printed (see {@link describeIssue}).
 * @internal
 */
export const decodeSuccessText = <A>(
  status: number,
  text: string,
  decode: (input: unknown) => Either.Either<A, ParseResult.ParseError>
): Effect.Effect<A, SDKError> => {
  const json = successJson(status, text)
  if (!json.ok) return Effect.fail(new SDKError(json.fields))
  const decoded = decode(json.value)
  if (Either.isLeft(decoded)) {
    return Effect.fail(new SDKError(unexpectedShapeFields(status, text, describeIssue(decoded.left.issue))))
  }
  return Effect.succeed(decoded.right)
}

/**
 * Turns the text of a non-2xx answer into `ClerkErrors` when it is a Clerk
 * error body (read liberally and bounded, see @clerk-effect/core (clerkErrorBody.ts)),
 * and into `SDKError` `UnexpectedStatus` otherwise (an HTML page from a
 * proxy, an empty 500...); @clerk-effect/core (answers.ts) reads it. `now` dates an
 * HTTP-date `Retry-After`.
 * @internal
 */
export const failureFromText = (
  status: number,
  header: WireHeader,
  text: string,
  now: number
): ClerkErrors | SDKError => {
  const failure = failureFields(readFailure(status, header, text, now), Duration.millis)
  return failure.kind === "ClerkErrors" ? new ClerkErrors(failure.fields) : new SDKError(failure.fields)
}
