/**
 * Type-level tests of the `FakeClerk` accessors, checked by `pnpm check`
 * (tsc): every member of `FakeClerkService` has a static accessor on
 * `FakeClerk` with the member's own type, lifted to need `FakeClerk`. A new
 * member without an accessor (or an accessor whose type drifts) fails to
 * compile here: a missing accessor would otherwise widen a test's
 * requirements to `unknown` and surface as an unrelated error in `it.effect`.
 */
import type * as Effect from "effect/Effect"
import { FakeClerk, type FakeClerkService } from "../src/index.js"

/** Exact type equality (not mere assignability in one direction). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false

declare const expectType: <T extends true>() => void

/** What the accessor of a member must be: functions and effects lifted, plain values read. */
type Accessor<Member> = Member extends (...args: infer Args) => Effect.Effect<infer A, infer E, infer R>
  ? (...args: Args) => Effect.Effect<A, E, R | FakeClerk>
  : Member extends Effect.Effect<infer A, infer E, infer R>
    ? Effect.Effect<A, E, R | FakeClerk>
    : Effect.Effect<Member, never, FakeClerk>

type Accessors = { readonly [K in keyof FakeClerkService]: Accessor<FakeClerkService[K]> }

// `Pick` itself fails to compile when a member has no static of the same name.
expectType<Equals<Pick<typeof FakeClerk, keyof FakeClerkService>, Accessors>>()

// Spot checks that the mapped type says what it should.
expectType<
  Equals<
    typeof FakeClerk.sessions,
    Effect.Effect<ReadonlyArray<import("@clerk-effect/backend").Session>, never, FakeClerk>
  >
>()
expectType<Equals<typeof FakeClerk.secretKey, Effect.Effect<string, never, FakeClerk>>>()
const getSession = FakeClerk.getSession("sess_1")
expectType<
  Equals<typeof getSession, Effect.Effect<import("@clerk-effect/backend").Session | undefined, never, FakeClerk>>
>()
