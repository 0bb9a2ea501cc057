import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as UrlParams from "@effect/platform/UrlParams"
import * as Either from "effect/Either"

/**
 * What a transport's `bodyOf` answers for a body it cannot send.
 * @internal
 */
export const UNSUPPORTED_BODY: unique symbol = Symbol("unsupported body")

/**
 * What a transport sends: the full URL and the body in its own form.
 * @internal
 */
export interface PreparedRequest<B> {
  readonly url: URL
  readonly body: B
}

/**
 * The checks our transports make before any I/O when used as a plain
 * `HttpClient`: the URL must build and the body must be one the transport
 * can send (`unsupported` says which are). Failures are the platform's
 * `RequestError` (`InvalidUrl`, `Encode`). (The SDK's own calls take the
 * direct path, internal/core/*Send.ts, whose requests are always JSON text.)
 * @internal
 */
export const prepareRequest = <B>(
  request: HttpClientRequest.HttpClientRequest,
  bodyOf: (request: HttpClientRequest.HttpClientRequest) => B | typeof UNSUPPORTED_BODY,
  unsupported: string
): Either.Either<PreparedRequest<B>, HttpClientError.RequestError> => {
  const url = UrlParams.makeUrl(request.url, request.urlParams, request.hash)
  if (Either.isLeft(url)) {
    return Either.left(new HttpClientError.RequestError({ request, reason: "InvalidUrl", cause: url.left }))
  }
  const body = bodyOf(request)
  if (body === UNSUPPORTED_BODY) {
    return Either.left(new HttpClientError.RequestError({ request, reason: "Encode", description: unsupported }))
  }
  return Either.right({ url: url.right, body })
}
