/**
 * The secret key never leaves its `Redacted` in what SessionTokens shows:
 * not in a rejection (message, string, JSON, inspect output, cause), not in
 * the spans of the JWKS fetch (attributes, events, exits). The token and key
 * material are covered by every `expectRejected`.
 */
import { inspect } from "node:util"
import { assert, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Headers from "effect/http/Headers"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientError from "effect/http/HttpClientError"
import * as Layer from "effect/Layer"
import * as Result from "effect/Result"
import * as Tracer from "effect/Tracer"
import { SessionTokens } from "../src/SessionTokens.js"
import {
  atNow,
  clerkConfigLayer,
  jwksClient,
  jwksLayer,
  makeJwksServer,
  mintEffect,
  SECRET
} from "./SessionTokensFixtures.js"

/** A tracer that keeps every span, so that attributes are recorded (the native tracer skips them). */
const recordingTracer = () => {
  const spans: Array<Tracer.NativeSpan> = []
  const tracer = Tracer.make({
    span: (options) => {
      const span = new Tracer.NativeSpan(options)
      spans.push(span)
      return span
    }
  })
  return { spans, layer: Layer.succeed(Tracer.Tracer, tracer) }
}

const everythingIn = (span: Tracer.NativeSpan) =>
  inspect(
    { name: span.name, attributes: [...span.attributes], events: span.events, status: span.status },
    { depth: 12, showHidden: true }
  )

const texts = (error: unknown) => [
  String(error),
  (error as Error).message,
  JSON.stringify(error),
  inspect(error, { depth: 12, showHidden: true })
]

describe("SessionTokens never shows the secret key", () => {
  it.effect("spans of the JWKS fetch: success, an error status, a transport failure", () => {
    const server = makeJwksServer()
    const { layer: tracing, spans } = recordingTracer()
    return Effect.gen(function* () {
      yield* atNow
      yield* SessionTokens.verify(yield* mintEffect())
      const fetchSpan = spans.find((span) => span.name === "clerk.sessionTokens.fetchJwks")
      assert(fetchSpan !== undefined, "the JWKS fetch has its own span")
      const clientSpan = spans.find((span) => span.attributes.has("http.request.method"))
      assert(clientSpan !== undefined, "effect's HttpClient span is recorded")
      for (const span of spans) expect(everythingIn(span)).not.toContain(SECRET)
    }).pipe(Effect.provide(jwksLayer(server)), Effect.provide(tracing))
  })

  it.effect(
    "with every header recorded on client spans and a redaction list without it, Authorization is redacted",
    () => {
      const server = makeJwksServer()
      const { layer: tracing, spans } = recordingTracer()
      return Effect.gen(function* () {
        yield* atNow
        yield* SessionTokens.verify(yield* mintEffect())
        const clientSpan = spans.find((span) => span.attributes.has("http.request.method"))
        assert(clientSpan !== undefined)
        const headers = [...clientSpan.attributes].filter(([name]) => name.startsWith("http.request.header."))
        expect(headers.map(([name]) => name)).toContain("http.request.header.authorization")
        // What an exporter sends: attributes and events. (The span's exit holds the response, whose
        // request prints its headers through the application's own redaction list.)
        for (const span of spans) {
          const exported = inspect({ attributes: [...span.attributes], events: span.events }, { depth: 12 })
          expect(exported).not.toContain(SECRET)
        }
      }).pipe(
        Effect.provide(jwksLayer(server)),
        Effect.provide(tracing),
        Effect.provideService(HttpClient.TracerHeaderFilter, () => true),
        // Even when the application's own list of redacted names leaves Authorization out.
        Effect.provideService(Headers.CurrentRedactedNames, ["x-api-key"])
      )
    }
  )

  it.effect("a 401 from Clerk: the rejection and its spans", () => {
    const server = makeJwksServer()
    server.status = 401
    server.body = JSON.stringify({ errors: [{ code: "authentication_invalid", message: SECRET, long_message: "" }] })
    const { layer: tracing, spans } = recordingTracer()
    return Effect.gen(function* () {
      yield* atNow
      const result = yield* Effect.result(SessionTokens.verify(yield* mintEffect()))
      assert(Result.isFailure(result))
      expect(result.failure.reason).toBe("JwksUnavailable")
      for (const text of texts(result.failure)) expect(text).not.toContain(SECRET)
      for (const span of spans) expect(everythingIn(span)).not.toContain(SECRET)
    }).pipe(Effect.provide(jwksLayer(server)), Effect.provide(tracing))
  })

  it.effect("a transport failure: the cause is the transport's, never the request", () => {
    const { layer: tracing, spans } = recordingTracer()
    const failing = HttpClient.make((request) =>
      Effect.fail(
        new HttpClientError.HttpClientError({
          reason: new HttpClientError.TransportError({ request, cause: new TypeError("fetch failed") })
        })
      )
    )
    const layer = SessionTokens.layer().pipe(
      Layer.provide(clerkConfigLayer),
      Layer.provide(Layer.succeed(HttpClient.HttpClient, failing))
    )
    return Effect.gen(function* () {
      yield* atNow
      const result = yield* Effect.result(SessionTokens.verify(yield* mintEffect()))
      assert(Result.isFailure(result))
      expect(result.failure.reason).toBe("JwksUnavailable")
      expect(result.failure.message).toBe("Could not load the instance's JWKS (Transport)")
      expect(result.failure.cause).toBeInstanceOf(TypeError)
      for (const text of texts(result.failure)) expect(text).not.toContain(SECRET)
      for (const span of spans) expect(everythingIn(span)).not.toContain(SECRET)
    }).pipe(Effect.provide(layer), Effect.provide(tracing))
  })

  it.effect("the fetch sends the secret key only in Authorization, and no trace headers by default", () => {
    const server = makeJwksServer()
    return Effect.gen(function* () {
      yield* atNow
      yield* SessionTokens.verify(yield* mintEffect())
      const [request] = server.requests
      expect(request!.headers.authorization).toBe(`Bearer ${SECRET}`)
      expect(Object.keys(request!.headers)).not.toContain("traceparent")
      expect(Object.keys(request!.headers)).not.toContain("b3")
      const others = Object.entries(request!.headers).filter(([name]) => name !== "authorization")
      expect(JSON.stringify(others)).not.toContain(SECRET)
    }).pipe(
      Effect.provide(
        SessionTokens.layer().pipe(
          Layer.provide(clerkConfigLayer),
          Layer.provide(Layer.succeed(HttpClient.HttpClient, jwksClient(server)))
        )
      ),
      Effect.provide(recordingTracer().layer)
    )
  })
})
