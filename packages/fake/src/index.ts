/**
 * `@clerk-effect/fake`: the fake Clerk backend (Sessions resource) in plain
 * TypeScript, with no Effect: the state and behaviour both Effect editions'
 * test faces share. Start with {@link createFake}; the loopback server is
 * `@clerk-effect/fake/server` (Node only), the command `clerk-fake`.
 *
 * @since 0.1.0
 */
export * from "./Exchange.js"
export * from "./Fake.js"
export type { BodyFault, FaultScope, LatencyFault, ResetFault, StatusFault, StatusFaultOptions } from "./Fault.js"
export * as Fault from "./Fault.js"
export * from "./Seed.js"
export * from "./Wire.js"
