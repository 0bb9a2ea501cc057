import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type { ClerkConfigService } from "../ClerkConfig.js"

/**
 * The user's `HttpClient` as every call to Clerk needs it: bearer secret,
 * `Accept: application/json`, the `Clerk-API-Version` and `User-Agent`
 * headers, and trace propagation as configured. One place for it, shared by
 * the operations' core (`ClerkClient`) and the JWKS fetch of `SessionTokens`.
 * @internal
 */
export const authenticatedClient = (client: HttpClient.HttpClient, config: ClerkConfigService): HttpClient.HttpClient =>
  client.pipe(
    HttpClient.mapRequest((request) =>
      request.pipe(
        // The secret stays Redacted up to here; platform redacts the header in its own logs.
        HttpClientRequest.bearerToken(config.secretKey),
        HttpClientRequest.acceptJson,
        HttpClientRequest.setHeader("Clerk-API-Version", config.clerkApiVersion),
        HttpClientRequest.setHeader("User-Agent", config.userAgent)
      )
    ),
    // Our trace context is none of Clerk's business unless a user opts in.
    HttpClient.withTracerPropagation(config.tracePropagation)
  )
