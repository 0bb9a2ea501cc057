import { assert, describe, expect, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Result from "effect/Result"
import { TestClock } from "effect/testing"
import { SessionTokens } from "../src/SessionTokens.js"
import {
  atNow,
  jwksLayer,
  keyA,
  keyB,
  makeJwksServer,
  mintEffect,
  SECRET,
  sessionClaims
} from "./SessionTokensFixtures.js"

// Tokens that stay valid across the TTL tests' clock moves.
const longLived = sessionClaims({ exp: sessionClaims().iat! + 3600 })

const waitUntil = (condition: () => boolean) =>
  Effect.gen(function* () {
    while (!condition()) yield* Effect.yieldNow
  })

describe("SessionTokens JWKS cache", () => {
  it.effect("fetches GET {apiUrl}/v1/jwks with the secret key and the Clerk-API-Version header", () => {
    const server = makeJwksServer()
    return Effect.gen(function* () {
      yield* atNow
      yield* SessionTokens.verify(yield* mintEffect())
      expect(server.requests).toHaveLength(1)
      const [request] = server.requests
      expect(request!.url).toBe("https://api.clerk.test/v1/jwks")
      expect(request!.headers.authorization).toBe(`Bearer ${SECRET}`)
      expect(request!.headers["clerk-api-version"]).toBe("2026-05-12")
      // Warm cache: no more requests.
      for (let i = 0; i < 5; i++) yield* SessionTokens.verify(yield* mintEffect())
      expect(server.requests).toHaveLength(1)
    }).pipe(Effect.provide(jwksLayer(server)))
  })

  it.effect("1,000 concurrent verifications on a cold cache make exactly one JWKS request", () => {
    const server = makeJwksServer()
    return Effect.gen(function* () {
      yield* atNow
      const token = yield* mintEffect()
      const gate = yield* Deferred.make<void>()
      server.gate = gate
      const all = yield* Effect.forkChild(
        Effect.all(
          Array.from({ length: 1000 }, () => SessionTokens.verify(token)),
          { concurrency: "unbounded" }
        )
      )
      // Hold the one fetch open until every verification has had the chance to ask for keys.
      yield* waitUntil(() => server.requests.length > 0)
      for (let i = 0; i < 50; i++) yield* Effect.yieldNow
      yield* Deferred.succeed(gate, undefined)
      const results = yield* Fiber.join(all)
      expect(results).toHaveLength(1000)
      expect(results.every((claims) => claims.sid === "sess_123")).toBe(true)
      expect(server.requests).toHaveLength(1)
    }).pipe(Effect.provide(jwksLayer(server)))
  })

  it.effect("1,000 concurrent verifications share one failing fetch too", () => {
    const server = makeJwksServer()
    server.status = 503
    server.body = "upstream down"
    return Effect.gen(function* () {
      yield* atNow
      const token = yield* mintEffect()
      const results = yield* Effect.all(
        Array.from({ length: 1000 }, () => Effect.result(SessionTokens.verify(token))),
        { concurrency: "unbounded" }
      )
      expect(results.every((result) => Result.isFailure(result) && result.failure.reason === "JwksUnavailable")).toBe(
        true
      )
      expect(server.requests).toHaveLength(1)
      // Within the minimum interval a failure is not retried; after it, it is.
      server.status = 200
      server.body = undefined
      expect((yield* Effect.result(SessionTokens.verify(token)))._tag).toBe("Failure")
      yield* TestClock.adjust("5 seconds")
      yield* SessionTokens.verify(token)
      expect(server.requests).toHaveLength(2)
    }).pipe(Effect.provide(jwksLayer(server)))
  })

  it.effect("refetches after the 5 minute TTL (TestClock)", () => {
    const server = makeJwksServer()
    return Effect.gen(function* () {
      yield* atNow
      const token = yield* mintEffect(longLived)
      yield* SessionTokens.verify(token)
      yield* TestClock.adjust("4 minutes")
      yield* TestClock.adjust("59 seconds")
      yield* SessionTokens.verify(token)
      expect(server.requests).toHaveLength(1)
      yield* TestClock.adjust("1 second")
      yield* SessionTokens.verify(token)
      expect(server.requests).toHaveLength(2)
      yield* SessionTokens.verify(token)
      expect(server.requests).toHaveLength(2)
    }).pipe(Effect.provide(jwksLayer(server)))
  })

  it.effect("honours a configured TTL", () => {
    const server = makeJwksServer()
    return Effect.gen(function* () {
      yield* atNow
      const token = yield* mintEffect(longLived)
      yield* SessionTokens.verify(token)
      yield* TestClock.adjust("30 seconds")
      yield* SessionTokens.verify(token)
      expect(server.requests).toHaveLength(2)
    }).pipe(Effect.provide(jwksLayer(server, { jwksCacheTtl: "30 seconds" })))
  })

  it.effect("an unknown kid that appears after a key rotation: one refetch, then verified", () => {
    const server = makeJwksServer([keyA.publicJwk])
    return Effect.gen(function* () {
      yield* atNow
      yield* SessionTokens.verify(yield* mintEffect())
      expect(server.requests).toHaveLength(1)
      // Clerk rotates: the new key joins the JWKS; our cache is still fresh.
      server.keys = [keyA.publicJwk, keyB.publicJwk]
      const rotated = yield* mintEffect(sessionClaims(), { key: keyB })
      const claims = yield* SessionTokens.verify(rotated)
      expect(claims.sid).toBe("sess_123")
      expect(server.requests).toHaveLength(2)
      yield* SessionTokens.verify(rotated)
      yield* SessionTokens.verify(yield* mintEffect())
      expect(server.requests).toHaveLength(2)
    }).pipe(Effect.provide(jwksLayer(server)))
  })

  it.effect("unknown kids refetch at most once per minimum interval", () => {
    const server = makeJwksServer([keyA.publicJwk])
    return Effect.gen(function* () {
      yield* atNow
      yield* SessionTokens.verify(yield* mintEffect())
      const bogus = yield* mintEffect(sessionClaims(), { kid: "ins_bogus" })
      const storm = yield* Effect.all(
        Array.from({ length: 200 }, () => Effect.result(SessionTokens.verify(bogus))),
        { concurrency: "unbounded" }
      )
      expect(storm.every((result) => Result.isFailure(result) && result.failure.reason === "KeyNotFound")).toBe(true)
      expect(server.requests).toHaveLength(2)
      const again = yield* Effect.result(SessionTokens.verify(bogus))
      assert(Result.isFailure(again))
      expect(again.failure.reason).toBe("KeyNotFound")
      expect(server.requests).toHaveLength(2)
      yield* TestClock.adjust("5 seconds")
      yield* Effect.result(SessionTokens.verify(bogus))
      expect(server.requests).toHaveLength(3)
    }).pipe(Effect.provide(jwksLayer(server)))
  })

  it.effect("a failed refresh keeps the previous keys for known kids until they expire", () => {
    const server = makeJwksServer([keyA.publicJwk])
    return Effect.gen(function* () {
      yield* atNow
      const token = yield* mintEffect(longLived)
      yield* SessionTokens.verify(token)
      server.status = 500
      // A kid miss fails to refetch; the known key still verifies.
      const other = yield* Effect.result(SessionTokens.verify(yield* mintEffect(longLived, { key: keyB })))
      assert(Result.isFailure(other))
      expect(other.failure.reason).toBe("JwksUnavailable")
      yield* SessionTokens.verify(token)
      // Past the TTL the stale keys are no longer trusted.
      yield* TestClock.adjust("5 minutes")
      const expired = yield* Effect.result(SessionTokens.verify(token))
      assert(Result.isFailure(expired))
      expect(expired.failure.reason).toBe("JwksUnavailable")
    }).pipe(Effect.provide(jwksLayer(server)))
  })

  it.effect("a hung JWKS request times out (10 s) instead of holding every verification", () => {
    const server = makeJwksServer()
    return Effect.gen(function* () {
      yield* atNow
      server.gate = yield* Deferred.make<void>() // never opened
      const token = yield* mintEffect()
      const first = yield* Effect.forkChild(Effect.result(SessionTokens.verify(token)))
      const second = yield* Effect.forkChild(Effect.result(SessionTokens.verify(token)))
      yield* waitUntil(() => server.requests.length > 0)
      yield* TestClock.adjust("10 seconds")
      for (const fiber of [first, second]) {
        const result = yield* Fiber.join(fiber)
        assert(Result.isFailure(result))
        expect(result.failure.reason).toBe("JwksUnavailable")
        expect(result.failure.message).toContain("Timeout")
      }
      expect(server.requests).toHaveLength(1)
    }).pipe(Effect.provide(jwksLayer(server)))
  })

  it.effect("each layer has its own cache", () => {
    const first = makeJwksServer()
    const second = makeJwksServer()
    return Effect.gen(function* () {
      yield* atNow
      const token = yield* mintEffect()
      yield* SessionTokens.verify(token).pipe(Effect.provide(jwksLayer(first)))
      yield* SessionTokens.verify(token).pipe(Effect.provide(jwksLayer(second)))
      expect([first.requests.length, second.requests.length]).toEqual([1, 1])
    })
  })
})
