import type * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { ClerkErrors, ClerkErrorsBody, SDKError } from "../ClerkError.js"
import { parseRetryAfter } from "./retryAfter.js"

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
 * Reads the body; a body that breaks off (connection reset, truncated chunked
 * stream) is a transport failure, not a decode failure.
 * @internal
 */
export const readText = (response: HttpClientResponse.HttpClientResponse): Effect.Effect<string, SDKError> =>
  Effect.mapError(
    response.text,
    (error: HttpClientError.ResponseError) =>
      new SDKError({
        reason: "Transport",
        status: response.status,
        message: `Reading the response body failed (status ${response.status})`,
        cause: error.cause ?? error.description
      })
  )

/**
 * Decodes a 2xx body with the operation's schema.
 * @internal
 */
export const decodeSuccess = <A>(
  response: HttpClientResponse.HttpClientResponse,
  decode: (input: unknown) => Either.Either<A, ParseResult.ParseError>
): Effect.Effect<A, SDKError> =>
  Effect.flatMap(readText(response), (text) => {
    const json = parseJson(text)
    if (Either.isLeft(json)) {
      return Effect.fail(
        new SDKError({
          reason: "InvalidResponse",
          status: response.status,
          body: truncateBody(text),
          message:
            text.length === 0
              ? `Clerk answered ${response.status} with an empty body`
              : `Clerk answered ${response.status} with a body that is not JSON`,
          cause: json.left
        })
      )
    }
    const decoded = decode(json.right)
    if (Either.isLeft(decoded)) {
      return Effect.fail(
        new SDKError({
          reason: "InvalidResponse",
          status: response.status,
          body: truncateBody(text),
          message: `Clerk answered ${response.status} with a body of an unexpected shape: ${ParseResult.TreeFormatter.formatErrorSync(
            decoded.left
          )}`,
          cause: decoded.left
        })
      )
    }
    return Effect.succeed(decoded.right)
  })

/**
 * Turns a non-2xx answer into `ClerkErrors` when the body is a Clerk error
 * body, and into `SDKError` `UnexpectedStatus` otherwise (an HTML page from a
 * proxy, an empty 500...).
 * @internal
 */
export const decodeFailure = (
  response: HttpClientResponse.HttpClientResponse
): Effect.Effect<never, ClerkErrors | SDKError> =>
  Effect.flatMap(
    Effect.zip(readText(response), Clock.currentTimeMillis),
    ([text, now]): Effect.Effect<never, ClerkErrors | SDKError> => {
      const headers = response.headers
      const retryAfter = parseRetryAfter(headers["retry-after"], now)
      const json = parseJson(text)
      const body = Either.isRight(json) ? decodeClerkErrorsBody(json.right) : undefined
      if (body !== undefined && Either.isRight(body)) {
        const clerkTraceId = body.right.clerkTraceId ?? headers["clerk-trace-id"] ?? headers["cf-ray"]
        return Effect.fail(
          new ClerkErrors({
            status: response.status,
            errors: body.right.errors,
            ...(body.right.meta === undefined ? {} : { meta: body.right.meta }),
            ...(clerkTraceId === undefined ? {} : { clerkTraceId }),
            ...(retryAfter === undefined ? {} : { retryAfter })
          })
        )
      }
      return Effect.fail(
        new SDKError({
          reason: "UnexpectedStatus",
          status: response.status,
          body: truncateBody(text),
          ...(retryAfter === undefined ? {} : { retryAfter }),
          message: `Clerk answered ${response.status} without a Clerk error body${
            text.length === 0 ? " (empty body)" : ""
          }`
        })
      )
    }
  )

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
