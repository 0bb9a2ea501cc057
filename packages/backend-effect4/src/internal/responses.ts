/**
 * A whole answer as the SDK's result: a 2xx decoded with the operation's
 * schema, anything else read by @clerk-effect/core/answers as `ClerkErrors`
 * or `SDKError` `UnexpectedStatus`.
 *
 * @internal
 */
import { failureFields, readFailure, successJson, unexpectedShapeFields } from "@clerk-effect/core/answers"
import { expectedText, issuePlace, missingText, unexpectedText } from "@clerk-effect/core/errorText"
import type { WireHeader } from "@clerk-effect/core/wire"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import type * as Schema from "effect/Schema"
import type * as SchemaAST from "effect/SchemaAST"
import * as SchemaIssue from "effect/SchemaIssue"
import { ClerkErrors, SDKError } from "../Errors.js"

// effect 4's own words for what a schema expects ("Expected string"), as
// both editions phrase it ("expected string").
const expectedOf = (ast: SchemaAST.AST): string =>
  SchemaIssue.defaultLeafHook(new SchemaIssue.InvalidType(ast)).replace(/^Expected /, "")

/**
 * Where and how a decode failed, in one bounded line: the path of the first
 * issue, what the schema expected there and what kind of value was found
 * (the decoder keeps the input for this: `reportInput`). The whole issue
 * tree is not formatted on purpose: it prints the offending value, however
 * large.
 */
const describeIssue = (issue: SchemaIssue.Issue): string => {
  const path: Array<PropertyKey> = []
  let current: SchemaIssue.Issue = issue
  // The issue tree is as deep as the schema, not as the value; the bound is a guard.
  for (let step = 0; step < 100; step++) {
    switch (current._tag) {
      case "Pointer":
        path.push(...current.path)
        current = current.issue
        continue
      case "Composite":
        current = current.issues[0]
        continue
      case "AnyOf":
        // No member came close (a literal union): the union itself was expected.
        if (current.issues.length === 0) return expectedText(path, expectedOf(current.ast), current.input)
        current = current.issues[0]!
        continue
      case "Filter":
      case "Encoding":
        current = current.issue
        continue
      case "InvalidType":
        return expectedText(path, expectedOf(current.ast), current.input)
      case "MissingKey":
        return missingText(path)
      default:
        return unexpectedText(path, "input" in current ? current.input : undefined)
    }
  }
  return issuePlace(path)
}

/**
 * A 2xx body's decoder: the schema's own, compiled once per schema.
 * @internal
 */
export type Decoder<A> = (input: unknown) => Result.Result<A, Schema.SchemaError>

/**
 * Decodes the text of a 2xx body. A failure carries no `cause`: the
 * `SchemaError` holds the issue tree, which formats the offending value.
 * @internal
 */
export const decodeSuccessText = <A>(status: number, text: string, decode: Decoder<A>): Effect.Effect<A, SDKError> => {
  const json = successJson(status, text)
  if (!json.ok) return Effect.fail(new SDKError(json.fields))
  const decoded = decode(json.value)
  if (Result.isFailure(decoded)) {
    return Effect.fail(new SDKError(unexpectedShapeFields(status, text, describeIssue(decoded.failure.issue))))
  }
  return Effect.succeed(decoded.success)
}

/**
 * Turns the text of a non-2xx answer into `ClerkErrors` when it is a Clerk
 * error body, and into `SDKError` `UnexpectedStatus` otherwise (an HTML page
 * from a proxy, an empty 500...). `now` dates an HTTP-date `Retry-After`.
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
