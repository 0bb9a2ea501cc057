/**
 * The effect-4 face of the one core, `@clerk-effect/fake`: a
 * `FakeClerkService` whose state and behaviour are the plain fake's, with this
 * edition's clock (the fake's steps wait with `Effect.sleep` and answer at
 * `Clock.currentTimeMillis`, so `TestClock` drives them), `Duration`s and
 * camelCase `Session`s.
 */
import { createFake, type FakeStep, type Fault as PlainFault } from "@clerk-effect/fake"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type { FakeClerkOptions, FakeClerkService } from "../FakeClerkService.js"
import type { FakeReply } from "../FakeExchange.js"
import type { Fault } from "../Fault.js"
import { decodeSession, encodeSeed, encodeSessionSeed } from "./wire.js"

const toPlain = (fault: Fault): PlainFault.Fault =>
  fault._tag === "Latency" ? { _tag: "Latency", millis: Duration.toMillis(fault.duration) } : fault

/** Waits out the fake's steps on this fiber's clock, then answers at its time. */
const run = (step: FakeStep): Effect.Effect<FakeReply> =>
  step._tag === "Wait"
    ? Effect.andThen(
        Effect.sleep(Duration.millis(step.millis)),
        Effect.suspend(() => run(step.next()))
      )
    : Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.promise(() => step.answer(now)))

/** @internal */
export const make = Effect.fnUntraced(function* (options: FakeClerkOptions = {}) {
  const now = yield* Clock.currentTimeMillis
  const fake = yield* Effect.promise(() =>
    createFake({ ...encodeSeed(options), secretKey: options.secretKey, issuer: options.issuer, now })
  )
  const service: FakeClerkService = {
    secretKey: fake.secretKey,
    issuer: fake.issuer,
    publishableKey: fake.publishableKey,
    handle: (request) => Effect.suspend(() => run(fake.receive(request))),
    addUser: (user) => Effect.sync(() => fake.addUser(user)),
    addSession: (seed) =>
      Effect.map(Clock.currentTimeMillis, (time) => decodeSession(fake.addSession(encodeSessionSeed(seed), time))),
    addJwtTemplate: (template) => Effect.sync(() => fake.addJwtTemplate(template)),
    sessions: Effect.sync(() => fake.sessions().map(decodeSession)),
    getSession: (id) =>
      Effect.sync(() => {
        const session = fake.getSession(id)
        return session === undefined ? undefined : decodeSession(session)
      }),
    publicKey: Effect.sync(() => fake.publicKey()),
    rotateKey: Effect.promise(() => fake.rotateKey()),
    signClaims: (claims) => Effect.promise(() => fake.signClaims(claims)),
    injectFault: (fault, scope) => Effect.sync(() => fake.injectFault(toPlain(fault), scope)),
    setLatency: (duration) => Effect.sync(() => fake.setLatency(Duration.toMillis(Duration.fromInputUnsafe(duration)))),
    clearFaults: Effect.sync(() => fake.clearFaults()),
    requests: Effect.sync(() => fake.requests()),
    clearRequests: Effect.sync(() => fake.clearRequests())
  }
  return service
})
