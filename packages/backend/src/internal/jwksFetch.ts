import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type { ClerkConfigService } from "../ClerkConfig.js"
import { clerkHeadersOf } from "./authenticatedClient.js"
import type { JwksFetchFailure } from "./jwks.js"
import { JsonWebKeySet } from "./jwks.js"

/**
 * `GET {apiUrl}/{apiVersion}/jwks` with the secret key, decoded by Schema.
 *
 * It goes straight through the `HttpClient` rather than the shared
 * `ClerkClient` core on purpose: Clerk does not rate limit this endpoint, so it
 * must not spend the client-side rate limiter's budget, and the key store
 * already bounds how often it runs (one in flight, a minimum interval between
 * refetches), which replaces the core's retry loop. Failures carry a status
 * and a kind, never the response body (which is key material).
 * @internal
 */
export const makeJwksFetch = (
  httpClient: HttpClient.HttpClient,
  config: ClerkConfigService,
  timeout: Duration.Duration
): Effect.Effect<JsonWebKeySet, JwksFetchFailure> => {
  const url = `${config.apiUrl}/${config.apiVersion}/jwks`
  // Same headers and trace policy as every other call to Clerk (our trace
  // context is none of Clerk's business unless a user opts in; the operations'
  // core sets the same policy in its exchange, internal/exchange.ts), but not
  // the core's retry and rate-limit wrapping (see above).
  return HttpClient.withTracerPropagation(httpClient, config.tracePropagation)
    .execute(HttpClientRequest.get(url, { headers: clerkHeadersOf(config).plain }))
    .pipe(
      Effect.mapError((error): JwksFetchFailure => ({ kind: "Transport", cause: error.cause ?? error.message })),
      Effect.flatMap((response) =>
        response.status >= 200 && response.status < 300
          ? HttpClientResponse.schemaBodyJson(JsonWebKeySet)(response).pipe(
              Effect.mapError((): JwksFetchFailure => ({ kind: "InvalidResponse", status: response.status }))
            )
          : Effect.fail<JwksFetchFailure>({ kind: "UnexpectedStatus", status: response.status })
      ),
      // The fetch runs while the key store holds its lock: a hung request must not hang every verification.
      Effect.timeoutFail({ duration: timeout, onTimeout: (): JwksFetchFailure => ({ kind: "Timeout" }) }),
      Effect.withSpan("clerk.sessionTokens.fetchJwks")
    )
}
