import { inspect } from "node:util"
import { describe, expect, it } from "@effect/vitest"
import { Cause, Effect, Fiber, Layer, Logger, Metric, Option, Tracer } from "effect"
import { HttpClient, HttpClientResponse } from "effect/http"
import { TestClock } from "effect/testing"
import * as ClerkMetrics from "../src/ClerkMetrics.js"
import { Sessions } from "../src/Sessions.js"
import type { Reply } from "./utils/fakeClerk.js"
import { clerkError, configLayer, EXCHANGES, makeFake, SECRET, sessionsLayer, wireSession } from "./utils/fakeClerk.js"

// A tracer that keeps every span it opens.
const recordingTracer = () => {
  const spans: Array<Tracer.NativeSpan> = []
  const tracer = Tracer.make({
    span: (options) => {
      const span = new Tracer.NativeSpan(options)
      spans.push(span)
      return span
    }
  })
  return { spans, tracer }
}

describe.each(EXCHANGES)("spans, metrics and logs (%s exchange)", (kind) => {
  const traced = <A, E>(program: Effect.Effect<A, E, Sessions>, replies: ReadonlyArray<Reply>, options = {}) => {
    const fake = makeFake(kind, ...replies)
    const { spans, tracer } = recordingTracer()
    return Effect.map(
      Effect.exit(program.pipe(Effect.provide(sessionsLayer(fake, options)), Effect.withTracer(tracer))),
      (exit) => ({ exit, spans, fake })
    )
  }

  it.effect("each operation runs in clerk.sessions.<method> with its attributes", () =>
    Effect.gen(function* () {
      const { spans } = yield* traced(Sessions.get("sess_1"), [{ status: 200, body: wireSession() }])
      const span = spans.find((candidate) => candidate.name === "clerk.sessions.get")!
      expect(span).toBeDefined()
      expect(span.kind).toBe("client")
      expect(Object.fromEntries(span.attributes)).toMatchObject({
        "clerk.session_id": "sess_1",
        "http.response.status_code": 200,
        "clerk.operation": "sessions.get",
        "clerk.attempts": 1
      })
      expect(span.status._tag).toBe("Ended")
    })
  )

  it.effect("a failure is on the span: the outcome and Clerk's trace id", () =>
    Effect.gen(function* () {
      const { spans } = yield* traced(
        Sessions.revoke("sess_1"),
        [{ status: 404, body: clerkError("resource_not_found", { clerk_trace_id: "trace_9" }) }],
        { retry: false }
      )
      const span = spans.find((candidate) => candidate.name === "clerk.sessions.revoke")!
      expect(span.attributes.get("clerk.error")).toBe("ClerkErrors")
      expect(span.attributes.get("clerk.trace_id")).toBe("trace_9")
      expect(span.attributes.get("http.response.status_code")).toBe(404)
    })
  )

  it.effect("no trace headers go to Clerk unless asked; with tracePropagation they do", () =>
    Effect.gen(function* () {
      const quiet = yield* traced(Sessions.get("sess_1"), [{ status: 200, body: wireSession() }])
      expect(quiet.fake.requests[0]!.headers.traceparent).toBeUndefined()
      expect(quiet.fake.requests[0]!.headers.b3).toBeUndefined()
      const told = yield* traced(Sessions.get("sess_1"), [{ status: 200, body: wireSession() }], {
        tracePropagation: true
      })
      expect(told.fake.requests[0]!.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/)
    })
  )

  it.effect("the secret key is in no span: names, attributes, events", () =>
    Effect.gen(function* () {
      const { spans } = yield* traced(
        Effect.all([Sessions.get("sess_1"), Sessions.create({ userId: "user_1" })]),
        [{ status: 401, body: clerkError("authentication_invalid") }],
        { retry: false }
      )
      expect(spans.length).toBeGreaterThan(0)
      for (const span of spans) {
        expect(
          inspect({ name: span.name, attributes: [...span.attributes], events: span.events }, { depth: 10 })
        ).not.toContain(SECRET)
      }
    })
  )

  it.effect("a logged failure shows no secret", () =>
    Effect.gen(function* () {
      const lines: Array<string> = []
      const logger = Logger.make((options) => {
        lines.push(inspect(options.message, { depth: 10 }), Cause.pretty(options.cause))
      })
      const fake = makeFake(kind, { fail: "reset" })
      yield* Sessions.get("sess_1").pipe(
        Effect.tapCause((cause) => Effect.logError("clerk call failed", cause)),
        Effect.ignore,
        Effect.provide(sessionsLayer(fake, { retry: false })),
        Effect.provide(Logger.layer([logger]))
      )
      expect(lines.join("\n")).toContain("SDKError")
      expect(lines.join("\n")).not.toContain(SECRET)
    })
  )

  it.effect("metrics: requests by operation and outcome, retries, duration", () =>
    Effect.gen(function* () {
      const fake = makeFake(
        kind,
        { status: 503, body: clerkError("unavailable") },
        { status: 200, body: wireSession() }
      )
      const registry = new Map()
      yield* Effect.gen(function* () {
        const first = yield* Effect.forkChild(Sessions.get("sess_1"))
        yield* Effect.promise(() => new Promise((resolve) => setImmediate(resolve)))
        yield* TestClock.adjust("250 millis")
        yield* Fiber.join(first)
        yield* Sessions.get("sess_2").pipe(Effect.ignore)
        const success = yield* Metric.value(
          Metric.withAttributes(ClerkMetrics.requests, { operation: "sessions.get", outcome: "success" })
        )
        expect(success.count).toBe(2)
        const retries = yield* Metric.value(Metric.withAttributes(ClerkMetrics.retries, { operation: "sessions.get" }))
        expect(retries.count).toBe(1)
        const duration = yield* Metric.value(
          Metric.withAttributes(ClerkMetrics.duration, { operation: "sessions.get" })
        )
        expect(duration.count).toBe(2)
        expect(duration.max).toBe(250)
      }).pipe(Effect.provide(sessionsLayer(fake)), Effect.provideService(Metric.MetricRegistry, registry))
    })
  )
})

describe("the platform client's own span (effect 4 names it after the method)", () => {
  // A platform HttpClient (not one of our transports) that keeps the name of the span each request runs under.
  const layerNoting = (names: Array<string | undefined>, options: { readonly tracePropagation?: boolean } = {}) =>
    Sessions.layer.pipe(
      Layer.provide(configLayer(options)),
      Layer.provide(
        Layer.succeed(
          HttpClient.HttpClient,
          HttpClient.make((request) =>
            Effect.map(Effect.option(Effect.currentSpan), (span) => {
              names.push(Option.getOrUndefined(span)?.name)
              return HttpClientResponse.fromWeb(request, Response.json(wireSession()))
            })
          )
        )
      )
    )

  it.live("is not opened when no tracer records spans (Effect's default tracer), as the operation's is not", () =>
    Effect.gen(function* () {
      const names: Array<string | undefined> = []
      yield* Sessions.get("sess_1").pipe(Effect.withSpan("caller"), Effect.provide(layerNoting(names)))
      expect(names).toEqual(["caller"])
    })
  )

  it.live("is opened for a tracer that records spans, and with trace propagation on", () =>
    Effect.gen(function* () {
      const recorded: Array<string | undefined> = []
      const { tracer } = recordingTracer()
      yield* Sessions.get("sess_1").pipe(Effect.provide(layerNoting(recorded)), Effect.withTracer(tracer))
      expect(recorded).toEqual(["GET"])
      const propagated: Array<string | undefined> = []
      yield* Sessions.get("sess_1").pipe(
        Effect.withSpan("caller"),
        Effect.provide(layerNoting(propagated, { tracePropagation: true }))
      )
      expect(propagated).toEqual(["GET"])
    })
  )
})
