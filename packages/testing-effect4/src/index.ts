/**
 * `@clerk-effect/testing-effect4`: a faithful fake Clerk backend for tests
 * and demos, for effect 4 (the effect-4 edition of `@clerk-effect/testing`).
 * Start with {@link FakeClerk}; faults are built with {@link Fault}.
 *
 * @since 0.1.0
 */
export * from "./FakeClerk.js"
export * from "./FakeClerkService.js"
export * from "./FakeExchange.js"
export { Fault, type FaultScope, type StatusFaultOptions } from "./Fault.js"
export * from "./Seed.js"
