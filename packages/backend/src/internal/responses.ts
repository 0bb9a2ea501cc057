import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import { ClerkErrors, SDKError } from "../Errors.js"
import { readClerkErrorBody } from "./core/clerkErrorBody.js"
import { cut } from "./core/cut.js"
import type { WireHeader } from "./core/wire.js"
import { parseRetryAfter } from "./retryAfter.js"

/** How much of an unexpected body an `SDKError` keeps: enough to read, not a dump. */
const MAX_BODY_CHARS = 1024

/**
 * The most an error message grows to, whatever Clerk answered: a log line,
 * not a dump (docs/errors.md).
 * @internal
 */
export const MAX_MESSAGE_CHARS = 2048

/** @internal */
export const truncateBody = (body: string): string =>
  body.length > MAX_BODY_CHARS ? `${body.slice(0, MAX_BODY_CHARS)}… (${body.length} chars)` : body

const parseJson = (text: string): Either.Either<unknown, unknown> => {
  try {
    return Either.right(JSON.parse(text))
  } catch (error) {
    return Either.left(error)
  }
}

// A 2xx answer the SDK cannot use; the body is kept, truncated, to read.
const invalidResponse = (status: number, text: string, message: string, cause?: unknown) =>
  Effect.fail(
    new SDKError({
      reason: "InvalidResponse",
      status,
      body: truncateBody(text),
      message: cut(`Clerk answered ${status} ${message}`, MAX_MESSAGE_CHARS),
      ...(cause === undefined ? {} : { cause })
    })
  )

/** What a value is, in a word: never the value itself, which may be huge or deep. */
const kindOf = (value: unknown): string =>
  value === null
    ? "null"
    : Array.isArray(value)
      ? "an array"
      : typeof value === "object"
        ? "an object"
        : `a ${typeof value}`

const pathText = (path: ReadonlyArray<PropertyKey>): string =>
  path.map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`)).join("")

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
        return `at ${cut(pathText(path), 200) || "the top"}: expected ${cut(String(current.ast), 200)}, got ${kindOf(current.actual)}`
      case "Missing":
        return `at ${cut(pathText(path), 200) || "the top"}: a required field is missing`
      case "Unexpected":
      case "Forbidden":
        return `at ${cut(pathText(path), 200) || "the top"}: an unexpected value, ${kindOf(current.actual)}`
    }
  }
  return `at ${cut(pathText(path), 200)}`
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
  const json = parseJson(text)
  if (Either.isLeft(json)) {
    return invalidResponse(
      status,
      text,
      text.length === 0 ? "with an empty body" : "with a body that is not JSON",
      json.left
    )
  }
  const decoded = decode(json.right)
  if (Either.isLeft(decoded)) {
    return invalidResponse(status, text, `with a body of an unexpected shape (${describeIssue(decoded.left.issue)})`)
  }
  return Effect.succeed(decoded.right)
}

/**
 * Turns the text of a non-2xx answer into `ClerkErrors` when it is a Clerk
 * error body (read liberally and bounded, see internal/clerkErrorBody.ts), and into `SDKError` `UnexpectedStatus` otherwise (an HTML page
 * from a proxy, an empty 500...). `now` dates an HTTP-date `Retry-After`.
 * @internal
 */
export const failureFromText = (
  status: number,
  header: WireHeader,
  text: string,
  now: number
): ClerkErrors | SDKError => {
  const retryAfter = parseRetryAfter(header("retry-after"), now)
  const json = parseJson(text)
  const body = Either.isRight(json) ? readClerkErrorBody(json.right, text.length) : undefined
  if (body !== undefined) {
    const clerkTraceId = body.clerkTraceId ?? header("clerk-trace-id") ?? header("cf-ray")
    return new ClerkErrors({
      status,
      errors: body.errors,
      ...(body.meta === undefined ? {} : { meta: body.meta }),
      ...(clerkTraceId === undefined ? {} : { clerkTraceId }),
      ...(retryAfter === undefined ? {} : { retryAfter })
    })
  }
  return new SDKError({
    reason: "UnexpectedStatus",
    status,
    body: truncateBody(text),
    ...(retryAfter === undefined ? {} : { retryAfter }),
    message: `Clerk answered ${status} without a Clerk error body${text.length === 0 ? " (empty body)" : ""}`
  })
}
