import type * as Headers from "@effect/platform/Headers"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { ClerkErrors, ClerkErrorsBody, SDKError } from "../ClerkError.js"
import { parseRetryAfter } from "./retryAfter.js"

/**
 * A 2xx status: the answer is decoded with the operation's schema.
 * @internal
 */
export const isSuccess = (status: number): boolean => status >= 200 && status < 300

/** How much of an unexpected body an `SDKError` keeps: enough to read, not a dump. */
const MAX_BODY_CHARS = 1024

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

const decodeClerkErrorsBody = Schema.decodeUnknownEither(ClerkErrorsBody)

/**
 * A body that broke off (connection reset, truncated chunked stream) is a
 * transport failure, not a decode failure.
 * @internal
 */
export const bodyReadFailed = (status: number, cause: unknown): SDKError =>
  new SDKError({
    reason: "Transport",
    status,
    message: `Reading the response body failed (status ${status})`,
    cause
  })

/**
 * Reads the body of a platform response (see {@link bodyReadFailed}).
 * @internal
 */
export const readText = (response: HttpClientResponse.HttpClientResponse): Effect.Effect<string, SDKError> =>
  Effect.mapError(response.text, (error: HttpClientError.ResponseError) =>
    bodyReadFailed(response.status, error.cause ?? error.description)
  )

// A 2xx answer the SDK cannot use; the body is kept, truncated, to read.
const invalidResponse = (status: number, text: string, message: string, cause: unknown) =>
  Effect.fail(
    new SDKError({
      reason: "InvalidResponse",
      status,
      body: truncateBody(text),
      message: `Clerk answered ${status} ${message}`,
      cause
    })
  )

/**
 * Decodes the text of a 2xx body with the operation's schema.
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
    const shape = ParseResult.TreeFormatter.formatErrorSync(decoded.left)
    return invalidResponse(status, text, `with a body of an unexpected shape: ${shape}`, decoded.left)
  }
  return Effect.succeed(decoded.right)
}

/**
 * Turns the text of a non-2xx answer into `ClerkErrors` when it is a Clerk
 * error body, and into `SDKError` `UnexpectedStatus` otherwise (an HTML page
 * from a proxy, an empty 500...). `now` dates an HTTP-date `Retry-After`.
 * @internal
 */
export const failureFromText = (
  status: number,
  headers: Headers.Headers,
  text: string,
  now: number
): ClerkErrors | SDKError => {
  const retryAfter = parseRetryAfter(headers["retry-after"], now)
  const json = parseJson(text)
  const body = Either.isRight(json) ? decodeClerkErrorsBody(json.right) : undefined
  if (body !== undefined && Either.isRight(body)) {
    const clerkTraceId = body.right.clerkTraceId ?? headers["clerk-trace-id"] ?? headers["cf-ray"]
    return new ClerkErrors({
      status,
      errors: body.right.errors,
      ...(body.right.meta === undefined ? {} : { meta: body.right.meta }),
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

const pathOf = (url: string): string => {
  try {
    return new URL(url).pathname
  } catch {
    return "(invalid URL)"
  }
}

/**
 * A request that never got an answer.
 * @internal
 */
export const fromRequestError = (error: HttpClientError.RequestError): SDKError =>
  new SDKError({
    reason: error.reason === "Transport" ? "Transport" : "InvalidInput",
    // The request itself is left out on purpose: it holds the Authorization header.
    message: `${error.request.method} ${pathOf(error.request.url)} failed: ${error.reason}${
      error.description === undefined ? "" : ` (${error.description})`
    }`,
    cause: error.cause
  })
