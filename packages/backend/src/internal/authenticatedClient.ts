import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Redacted from "effect/Redacted"
import type { ClerkConfigService } from "../ClerkConfig.js"

/**
 * An empty request of each method carrying the headers of every call to
 * Clerk: bearer secret, `Accept: application/json`, `Clerk-API-Version` and
 * `User-Agent`. Built once per client, so that a call only sets its URL and
 * shares the one (immutable) header record instead of copying it four times.
 * The secret is unwrapped only here, into the header; the platform redacts
 * `authorization` in its spans and logs, and the SDK's errors never carry a
 * request.
 * @internal
 */
export interface ClerkRequests {
  readonly GET: HttpClientRequest.HttpClientRequest
  readonly POST: HttpClientRequest.HttpClientRequest
}

/** @internal */
export const clerkRequests = (config: ClerkConfigService): ClerkRequests => {
  const headers = Headers.fromInput({
    authorization: `Bearer ${Redacted.value(config.secretKey)}`,
    accept: "application/json",
    "clerk-api-version": config.clerkApiVersion,
    "user-agent": config.userAgent
  })
  return {
    GET: HttpClientRequest.get("", { headers }),
    POST: HttpClientRequest.post("", { headers })
  }
}

/**
 * The user's `HttpClient` as a call to Clerk needs it: with trace
 * propagation as configured (our trace context is none of Clerk's business
 * unless a user opts in). Shared by the operations' core (`ClerkClient`) and
 * the JWKS fetch of `SessionTokens`.
 * @internal
 */
export const clerkHttpClient = (client: HttpClient.HttpClient, config: ClerkConfigService): HttpClient.HttpClient =>
  HttpClient.withTracerPropagation(client, config.tracePropagation)
