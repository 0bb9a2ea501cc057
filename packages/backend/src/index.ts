/**
 * `@clerk-effect/backend`: an Effect-native SDK for Clerk's Backend API.
 *
 * Start with {@link Sessions} and {@link ClerkConfig}; provide an `HttpClient`
 * (`FetchHttpClient.layer`, `NodeHttpClient.layerUndici`, ...).
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
