/**
 * A fresh fake per test is cheap: the RSA key pair is generated once per
 * process and every fake gets it under a `kid` of its own, so tokens of one
 * fake are refused by another's JWKS; `rotateKey` still makes a genuinely new
 * key. The measured costs are printed (docs/testing.md quotes them); the
 * bound checked is loose enough for a loaded 2-core machine.
 */
import { Sessions, SessionTokens } from "@clerk-effect/backend"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import { FakeClerk, type FakeClerkOptions } from "../src/index.js"

const seed: FakeClerkOptions = { users: [{ id: "user_1" }], sessions: [{ id: "sess_1", userId: "user_1" }] }

const FAKES = 50

const median = (values: ReadonlyArray<number>) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

/** Builds the whole one-line layer (fake, Sessions, SessionTokens, ClerkConfig) and closes it. */
const buildOnce = Effect.scoped(Layer.build(FakeClerk.layer(seed)))

const timed = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const started = performance.now()
    const result = yield* effect
    return [performance.now() - started, result] as const
  })

const tokenFrom = (layer: Layer.Layer<FakeClerk | Sessions | SessionTokens>) =>
  Effect.map(Sessions.createToken("sess_1"), (token) => token.jwt).pipe(Effect.provide(layer))

describe("a fresh fake", () => {
  it.live(`${FAKES} fresh fakes: a few milliseconds each once the process has its key`, () =>
    Effect.gen(function* () {
      const [first] = yield* timed(buildOnce)
      const costs: Array<number> = []
      const kids = new Set<string>()
      for (let i = 0; i < FAKES; i++) {
        const [cost, kid] = yield* timed(
          Effect.map(FakeClerk.make(seed), (fake) => fake.publicKey).pipe(Effect.flatten)
        )
        costs.push(cost)
        kids.add(kid.kid)
      }
      const layerCosts: Array<number> = []
      for (let i = 0; i < FAKES; i++) layerCosts.push((yield* timed(buildOnce))[0])
      console.log(
        `first fake of the process: ${first.toFixed(1)} ms; then per fake: FakeClerk.make median ${median(costs).toFixed(2)} ms (max ${Math.max(...costs).toFixed(1)}), FakeClerk.layer median ${median(layerCosts).toFixed(2)} ms (max ${Math.max(...layerCosts).toFixed(1)})`
      )
      assert.strictEqual(kids.size, FAKES, "every fake has its own kid")
      // Generous: the cost measured is well under 5 ms; key generation took 80 to 480 ms.
      assert.isBelow(median(layerCosts), 50)
    })
  )

  it.live("a token of one fake is refused by another fake's JWKS (a kid of its own)", () =>
    Effect.gen(function* () {
      const jwt = yield* tokenFrom(FakeClerk.layer(seed))
      const other = FakeClerk.layer(seed)
      const result = yield* Effect.either(SessionTokens.verify(jwt)).pipe(Effect.provide(other))
      assert(Either.isLeft(result))
      assert.strictEqual(result.left.reason, "KeyNotFound")
    })
  )

  it.live("rotateKey makes a new key pair, not the shared one under a new kid", () =>
    Effect.gen(function* () {
      const fake = yield* FakeClerk
      const before = yield* fake.publicKey
      const oldToken = (yield* Sessions.createToken("sess_1")).jwt
      const after = yield* fake.rotateKey
      assert.notStrictEqual(after.kid, before.kid)
      assert.notStrictEqual(after.jwk.n, before.jwk.n)
      assert.notStrictEqual(after.pem, before.pem)
      // A verifier given the new key refuses the old token even under the new kid.
      const [header, payload, signature] = oldToken.split(".")
      const relabelled = JSON.parse(Buffer.from(header!, "base64url").toString())
      const forged = `${Buffer.from(JSON.stringify({ ...relabelled, kid: after.kid })).toString("base64url")}.${payload}.${signature}`
      const result = yield* Effect.either(SessionTokens.verify(forged))
      assert(Either.isLeft(result))
      assert.strictEqual(result.left.reason, "InvalidSignature")
      // And a fresh fake still gets the process's key, not the rotated one.
      const next = yield* Effect.flatMap(FakeClerk.make(), (other) => other.publicKey)
      assert.notStrictEqual(next.jwk.n, after.jwk.n)
    }).pipe(Effect.provide(FakeClerk.layer(seed)))
  )
})
