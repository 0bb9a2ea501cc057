import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"

/**
 * A response whose body reads abort the request when they are interrupted
 * (a timeout, a deadline): no socket is left waiting on a body nobody reads.
 * Everything else (status, headers, TypeId...) is read through the prototype.
 * @internal
 */
export const abortingOnInterrupt = (
  response: HttpClientResponse.HttpClientResponse,
  abort: () => void
): HttpClientResponse.HttpClientResponse => {
  const guard = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.onInterrupt(effect, () => Effect.sync(abort))
  return Object.create(response, {
    text: { get: () => guard(response.text) },
    json: { get: () => guard(response.json) },
    arrayBuffer: { get: () => guard(response.arrayBuffer) },
    formData: { get: () => guard(response.formData) },
    urlParamsBody: { get: () => guard(response.urlParamsBody) }
  }) as HttpClientResponse.HttpClientResponse
}
