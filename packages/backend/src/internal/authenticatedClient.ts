import type { ClerkHeaders } from "@clerk-effect/core/wire"
import { clerkHeaders } from "@clerk-effect/core/wire"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Redacted from "effect/Redacted"
import type { ClerkConfigService } from "../ClerkConfig.js"

/**
 * The headers of every call to Clerk for a config (see `clerkHeaders` in
 * @clerk-effect/core (wire.ts)): the one place the secret key leaves its `Redacted`,
 * into the `authorization` value. The SDK's errors never carry a request.
 * @internal
 */
export const clerkHeadersOf = (config: ClerkConfigService): ClerkHeaders =>
  clerkHeaders({
    secretKey: Redacted.value(config.secretKey),
    clerkApiVersion: config.clerkApiVersion,
    userAgent: config.userAgent
  })

/**
 * The user's `HttpClient` as a call to Clerk needs it: with trace
 * propagation as configured (our trace context is none of Clerk's business
 * unless a user opts in). For the JWKS fetch of `SessionTokens`; the
 * operations' core sets the same policy in its exchange (internal/exchange.ts).
 * @internal
 */
export const clerkHttpClient = (client: HttpClient.HttpClient, config: ClerkConfigService): HttpClient.HttpClient =>
  HttpClient.withTracerPropagation(client, config.tracePropagation)
