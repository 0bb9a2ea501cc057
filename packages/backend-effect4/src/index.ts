/**
 * `@clerk-effect/backend-effect4`: an Effect-native SDK for Clerk's Backend
 * API, for effect 4.
 *
 * Start with {@link Sessions} and {@link ClerkConfig}; provide an `HttpClient`
 * (`FetchTransport.layer`, `NodeTransport.layer`, or effect 4's
 * `FetchHttpClient.layer`), or everything at once with `Clerk.layerConfig()`.
 *
 * @since 0.1.0
 */
export * as Clerk from "./Clerk.js"
export * from "./ClerkClient.js"
export * from "./ClerkConfig.js"
export * as ClerkMetrics from "./ClerkMetrics.js"
export * from "./Errors.js"
export * as FetchTransport from "./FetchTransport.js"
export * from "./Session.js"
export * from "./SessionAuth.js"
export * from "./Sessions.js"
export * from "./SessionsParams.js"
export * from "./SessionTokens.js"
