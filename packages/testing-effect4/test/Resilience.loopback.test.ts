/**
 * Resilience through the real loopback server: real sockets, real resets,
 * real time (kept short). The in-process tests with TestClock cover the exact
 * delays; these prove the same policy holds on the network path.
 */
import { ClerkConfig, type ClerkConfigOptions, Sessions } from "@clerk-effect/backend-effect4"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Redacted } from "effect"
import { FetchHttpClient, HttpClient } from "effect/http"
import { FakeClerk, FakeClerkServer, Fault } from "../src/index.js"

/** Loopback fake + Sessions over fetch, recording when each request really left. */
const loopback = (config: Partial<Omit<ClerkConfigOptions, "secretKey">>, sent: Array<number>) => {
  const fake = Layer.provideMerge(FakeClerk.layerServerOnly(), FakeClerk.layerState({ users: [{ id: "user_1" }] }))
  const clerkConfig = Layer.effect(
    ClerkConfig,
    Effect.gen(function* () {
      const clerk = yield* FakeClerk
      const server = yield* FakeClerkServer
      return yield* ClerkConfig.make({ ...config, secretKey: Redacted.make(clerk.secretKey), apiUrl: server.url })
    })
  )
  const http = Layer.effect(
    HttpClient.HttpClient,
    HttpClient.HttpClient.useSync((client) =>
      HttpClient.tapRequest(client, () => Effect.sync(() => sent.push(performance.now())))
    )
  ).pipe(Layer.provide(FetchHttpClient.layer))
  return Layer.provideMerge(Sessions.layer.pipe(Layer.provide(Layer.merge(clerkConfig, http))), fake)
}

const maxInAnyWindow = (times: ReadonlyArray<number>, windowMs: number) => {
  const sorted = [...times].sort((a, b) => a - b)
  return Math.max(...sorted.map((start, i) => sorted.slice(i).filter((t) => t < start + windowMs).length))
}

describe("through the loopback server", () => {
  it.live(
    "a 429 storm followed by success: every call succeeds, none faster than the limit allows",
    () => {
      const sent: Array<number> = []
      return Effect.gen(function* () {
        const session = yield* Sessions.create({ userId: "user_1" })
        sent.length = 0
        // The next 6 GETs are refused with Retry-After: 1.
        yield* FakeClerk.injectFault(Fault.rateLimited({ retryAfter: 1 }), { times: 6, method: "GET" })
        const started = performance.now()
        const results = yield* Effect.all(
          Array.from({ length: 12 }, () => Sessions.get(session.id)),
          { concurrency: "unbounded" }
        )
        const elapsed = performance.now() - started
        expect(results.every((result) => result.id === session.id)).toBe(true)
        // 12 successes + 6 refused attempts, at most 6 per second.
        expect(sent.length).toBe(18)
        expect(maxInAnyWindow(sent, 1000 - 50)).toBeLessThanOrEqual(6)
        expect(elapsed).toBeGreaterThanOrEqual(2000)
      }).pipe(
        Effect.provide(loopback({ rateLimit: { limit: 6, interval: "1 second" }, retry: { jitter: false } }, sent))
      )
    },
    30_000
  )

  it.live("a connection reset on a GET is retried", () => {
    const sent: Array<number> = []
    return Effect.gen(function* () {
      const session = yield* Sessions.create({ userId: "user_1" })
      sent.length = 0
      yield* FakeClerk.injectFault(Fault.connectionReset(), { method: "GET" })
      const again = yield* Sessions.get(session.id)
      expect(again.id).toBe(session.id)
      expect(sent.length).toBe(2)
    }).pipe(Effect.provide(loopback({ retry: { baseDelay: "10 millis" } }, sent)))
  })

  it.live("a connection reset on a create is not retried (the session may exist)", () => {
    const sent: Array<number> = []
    return Effect.gen(function* () {
      yield* FakeClerk.injectFault(Fault.connectionReset({ afterProcessing: true }), { method: "POST" })
      const error = yield* Effect.flip(Sessions.create({ userId: "user_1" }))
      expect(error).toMatchObject({ _tag: "SDKError", reason: "Transport" })
      expect(sent.length).toBe(1)
      const fake = yield* FakeClerk
      const sessions = yield* fake.sessions
      expect(sessions.filter((session) => session.userId === "user_1").length).toBe(1)
    }).pipe(Effect.provide(loopback({ retry: { baseDelay: "10 millis" } }, sent)))
  })

  it.live("a body that never finishes times out, and the stuck connection is given up", () => {
    const sent: Array<number> = []
    return Effect.gen(function* () {
      const session = yield* Sessions.create({ userId: "user_1" })
      yield* FakeClerk.injectFault(Fault.neverEndingBody(), { method: "GET" })
      const started = performance.now()
      const error = yield* Effect.flip(Sessions.get(session.id))
      expect(error).toMatchObject({ _tag: "SDKError", reason: "Timeout" })
      expect(performance.now() - started).toBeLessThan(2000)
      // The connection was given up: the next call works on a fresh one.
      expect((yield* Sessions.get(session.id)).id).toBe(session.id)
    }).pipe(Effect.provide(loopback({ retry: false, timeout: "300 millis" }, sent)))
  })
})
