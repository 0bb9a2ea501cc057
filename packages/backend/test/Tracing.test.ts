import { answer, ok } from "@clerk-effect/behaviour-cases/resilience"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Logger, LogLevel, Metric, Option, Redacted, Tracer } from "effect"
import type { Span } from "effect/Tracer"
import { ClerkConfig } from "../src/ClerkConfig.js"
import * as ClerkMetrics from "../src/ClerkMetrics.js"
import { Sessions } from "../src/Sessions.js"
import { runWithClock, ScriptedHttp, SECRET, scriptedLayer, status } from "./ResilienceHarness.js"

/** A tracer that records every span while delegating to Effect's own. */
const recordingTracer = Effect.map(Effect.tracer, (base) => {
  const spans: Array<Span> = []
  const tracer = Tracer.make({
    span: (name, parent, context, links, startTime, kind, options) => {
      const span = base.span(name, parent, context, links, startTime, kind, options)
      spans.push(span)
      return span
    },
    context: (f, fiber) => base.context(f, fiber)
  })
  return { spans, tracer }
})

const attributesOf = (span: Span): Record<string, unknown> => Object.fromEntries(span.attributes)
const parentId = (span: Span) => Option.map(span.parent, (parent) => parent.spanId).pipe(Option.getOrUndefined)

describe("spans", () => {
  it.effect("clerk.sessions.<method> with its attributes, the HTTP client span under it", () =>
    Effect.gen(function* () {
      const { spans, tracer } = yield* recordingTracer
      yield* Sessions.get("sess_42").pipe(Effect.withTracer(tracer))
      const operation = spans.find((span) => span.name === "clerk.sessions.get")
      const http = spans.find((span) => span.name.startsWith("http.client"))
      expect(operation).toBeDefined()
      expect(http).toBeDefined()
      expect(parentId(http!)).toBe(operation!.spanId)
      expect(attributesOf(operation!)).toMatchObject({
        "clerk.operation": "sessions.get",
        "clerk.session_id": "sess_42",
        "clerk.attempts": 1,
        "http.response.status_code": 200
      })
    }).pipe(Effect.provide(scriptedLayer()))
  )

  it.effect("template name, attempt count and Clerk trace id on failure", () =>
    Effect.gen(function* () {
      const { spans, tracer } = yield* recordingTracer
      const script = yield* ScriptedHttp
      script.otherwise = status(503)
      yield* runWithClock(Sessions.createTokenFromTemplate("sess_1", "hasura").pipe(Effect.withTracer(tracer)))
      const operation = spans.find((span) => span.name === "clerk.sessions.createTokenFromTemplate")!
      expect(attributesOf(operation)).toMatchObject({
        "clerk.template_name": "hasura",
        "clerk.attempts": 4,
        "clerk.trace_id": "trace_503",
        "clerk.error": "ClerkErrors",
        "http.response.status_code": 503
      })
      expect(spans.filter((span) => span.name.startsWith("http.client")).length).toBe(4)
    }).pipe(Effect.provide(scriptedLayer()))
  )

  it.effect("no span attribute holds the secret key; Authorization is redacted", () =>
    Effect.gen(function* () {
      const { spans, tracer } = yield* recordingTracer
      const script = yield* ScriptedHttp
      script.faults.push(status(401), ok)
      yield* Effect.either(Sessions.get("sess_1").pipe(Effect.withTracer(tracer)))
      yield* Sessions.list({ userId: "user_1" }).pipe(Effect.withTracer(tracer))
      expect(spans.length).toBeGreaterThan(0)
      for (const span of spans) {
        for (const [key, value] of span.attributes) {
          expect(`${key}=${String(value)}`).not.toContain(SECRET)
          expect(`${key}=${String(value)}`).not.toContain(SECRET.slice(8))
        }
      }
      const http = spans.find((span) => span.name.startsWith("http.client"))!
      expect(attributesOf(http)["http.request.header.authorization"]).not.toContain("sk_")
    }).pipe(Effect.provide(scriptedLayer()))
  )
})

describe("the platform client's own span", () => {
  // On a platform HttpClient (not one of our transports), as users of FetchHttpClient run it.
  const layerNoting = (names: Array<string | undefined>) =>
    Sessions.layer.pipe(
      Layer.provide(ClerkConfig.layer({ secretKey: Redacted.make(SECRET) })),
      Layer.provide(
        Layer.succeed(
          HttpClient.HttpClient,
          HttpClient.make((request, url) =>
            Effect.map(Effect.option(Effect.currentSpan), (span) => {
              names.push(Option.getOrUndefined(span)?.name)
              return HttpClientResponse.fromWeb(request, answer(ok, request.method, url.pathname))
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

  it.live("is opened, under the operation's, for a tracer that records spans", () =>
    Effect.gen(function* () {
      const names: Array<string | undefined> = []
      const { spans, tracer } = yield* recordingTracer
      yield* Sessions.get("sess_1").pipe(Effect.withTracer(tracer), Effect.provide(layerNoting(names)))
      expect(names).toEqual(["http.client GET"])
      const http = spans.find((span) => span.name === "http.client GET")!
      expect(parentId(http)).toBe(spans.find((span) => span.name === "clerk.sessions.get")!.spanId)
    })
  )
})

describe("trace context propagation", () => {
  it.effect("is not sent to Clerk by default", () =>
    Effect.gen(function* () {
      const script = yield* ScriptedHttp
      yield* Sessions.get("sess_1").pipe(Effect.withSpan("caller"))
      expect(script.log[0]!.headers).not.toHaveProperty("traceparent")
      expect(script.log[0]!.headers).not.toHaveProperty("b3")
    }).pipe(Effect.provide(scriptedLayer()))
  )

  it.effect("is sent when enabled in config", () =>
    Effect.gen(function* () {
      const script = yield* ScriptedHttp
      yield* Sessions.get("sess_1").pipe(Effect.withSpan("caller"))
      expect(script.log[0]!.headers).toHaveProperty("traceparent")
    }).pipe(Effect.provide(scriptedLayer({ tracePropagation: true })))
  )
})

describe("logs", () => {
  it.effect("no log line holds the secret key, even with every level on", () =>
    Effect.gen(function* () {
      const lines: Array<string> = []
      const logger = Logger.make(({ message, annotations, cause }) => {
        lines.push(`${JSON.stringify(message)} ${JSON.stringify([...annotations])} ${String(cause)}`)
      })
      const script = yield* ScriptedHttp
      script.faults.push(status(500), { _tag: "Reset" })
      yield* runWithClock(
        Sessions.get("sess_1").pipe(
          Effect.tapErrorCause(Effect.logError),
          Effect.tap(Effect.logInfo),
          Logger.withMinimumLogLevel(LogLevel.All),
          Effect.provide(Logger.add(logger))
        )
      )
      script.otherwise = { _tag: "Reset" }
      yield* runWithClock(
        Sessions.get("sess_1").pipe(
          Effect.tapErrorCause(Effect.logError),
          Logger.withMinimumLogLevel(LogLevel.All),
          Effect.provide(Logger.add(logger))
        )
      )
      expect(lines.length).toBe(2)
      expect(lines[1]).toContain("Transport")
      for (const line of lines) expect(line).not.toContain(SECRET)
    }).pipe(Effect.provide(scriptedLayer()))
  )
})

describe("metrics", () => {
  const count = (metric: Metric.Metric.Counter<number>) => Effect.map(Metric.value(metric), (state) => state.count)

  it.effect("requests by operation and outcome, retries, and latency", () =>
    Effect.gen(function* () {
      const succeeded = ClerkMetrics.requests.pipe(
        Metric.tagged("operation", "sessions.revoke"),
        Metric.tagged("outcome", "success")
      )
      const failed = ClerkMetrics.requests.pipe(
        Metric.tagged("operation", "sessions.revoke"),
        Metric.tagged("outcome", "ClerkErrors")
      )
      const retried = ClerkMetrics.retries.pipe(Metric.tagged("operation", "sessions.revoke"))
      const latency = ClerkMetrics.duration.pipe(Metric.tagged("operation", "sessions.revoke"))
      const before = [yield* count(succeeded), yield* count(failed), yield* count(retried)]
      const latencyBefore = (yield* Metric.value(latency)).count

      const script = yield* ScriptedHttp
      script.faults.push(status(502), ok, status(404))
      yield* runWithClock(Sessions.revoke("sess_1"))
      yield* runWithClock(Sessions.revoke("sess_1"))

      expect((yield* count(succeeded)) - before[0]!).toBe(1)
      expect((yield* count(failed)) - before[1]!).toBe(1)
      expect((yield* count(retried)) - before[2]!).toBe(1)
      expect((yield* Metric.value(latency)).count - latencyBefore).toBe(2)
    }).pipe(Effect.provide(scriptedLayer()))
  )
})
