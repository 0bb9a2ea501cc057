/**
 * `@clerk-effect/testing`: a faithful fake Clerk backend for tests and demos.
 * Start with {@link FakeClerk}; faults are built with {@link Fault}.
 *
 * @since 0.1.0
 */
export * from "./FakeClerk.js"
export * from "./FakeClerkService.js"
export * from "./FakeExchange.js"
export { Fault, type FaultScope, type StatusFaultOptions } from "./Fault.js"
export * from "./Seed.js"
