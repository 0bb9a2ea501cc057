/**
 * `@clerk-effect/testing`: a faithful fake Clerk backend for tests and demos.
 * Start with {@link FakeClerk}; faults are built with {@link Fault}.
 *
 * @since 0.1.0
 */
export * from "./FakeClerk.js"
export * from "./FakeExchange.js"
/**
 * Fault constructors: `Fault.rateLimited({ retryAfter: 2 })`, `Fault.connectionReset()`...
 *
 * @since 0.1.0
 */
export * as Fault from "./Fault.js"
export * from "./Seed.js"
