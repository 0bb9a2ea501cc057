import type { JwksFetchFailure } from "@clerk-effect/core/jwksKeys"
import { clerkHeaders } from "@clerk-effect/core/wire"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Headers from "effect/http/Headers"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import type { ClerkConfigService } from "../ClerkConfig.js"
import { JsonWebKeySet } from "./jwks.js"

const decodeKeySet = Schema.decodeUnknownEffect(JsonWebKeySet)

/**
 * `GET {apiUrl}/{apiVersion}/jwks` with the secret key, decoded by Schema.
 *
 * It goes straight through the `HttpClient` rather than the operations' core
 * on purpose: Clerk does not rate limit this endpoint, so it must not spend
 * the client-side rate limiter's budget, and the key store already bounds how
 * often it runs (one in flight, a minimum interval between refetches), which
 * replaces the core's retry loop. Failures carry a status and a kind, never
 * the response body (which is key material) nor the request (which holds the
 * secret key).
 * @internal
 */
export const makeJwksFetch = (
  httpClient: HttpClient.HttpClient,
  config: ClerkConfigService,
  timeout: Duration.Duration
): Effect.Effect<JsonWebKeySet, JwksFetchFailure> => {
  const request = HttpClientRequest.get(`${config.apiUrl}/${config.apiVersion}/jwks`, {
    // The same headers as every other call to Clerk (@clerk-effect/core's wire).
    headers: clerkHeaders({
      secretKey: Redacted.value(config.secretKey),
      clerkApiVersion: config.clerkApiVersion,
      userAgent: config.userAgent
    }).plain
  })
  return httpClient.execute(request).pipe(
    Effect.mapError((error): JwksFetchFailure => ({ kind: "Transport", cause: error.reason.cause ?? error.message })),
    Effect.flatMap((response) =>
      response.status >= 200 && response.status < 300
        ? response.json.pipe(
            Effect.flatMap((body) => decodeKeySet(body)),
            Effect.mapError((): JwksFetchFailure => ({ kind: "InvalidResponse", status: response.status }))
          )
        : Effect.fail<JwksFetchFailure>({ kind: "UnexpectedStatus", status: response.status })
    ),
    // Our trace context is none of Clerk's business unless the config opts in,
    // as for every other call to Clerk.
    Effect.provideService(HttpClient.TracerPropagationEnabled, config.tracePropagation),
    // effect's client redacts `authorization` in the span attributes of recorded
    // headers by default; a user's own list of redacted names must not undo that
    // for the one header that holds the secret key.
    Effect.updateService(Headers.CurrentRedactedNames, (names) => [...names, "authorization"]),
    // The fetch runs while the key store holds its lock: a hung request must not hang every verification.
    Effect.timeoutOrElse({
      duration: timeout,
      orElse: () => Effect.fail<JwksFetchFailure>({ kind: "Timeout" })
    }),
    Effect.withSpan("clerk.sessionTokens.fetchJwks")
  )
}
