import * as net from "node:net"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { describe, expect, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import * as Tracer from "effect/Tracer"
import { ClerkConfig, type ClerkConfigOptions } from "../src/ClerkConfig.js"
import type { ClerkErrors, SDKError } from "../src/Errors.js"
import * as FetchTransport from "../src/FetchTransport.js"
import { failedBeforeSending } from "../src/internal/retryPolicy.js"
import * as NodeTransport from "../src/NodeTransport.js"
import { SessionList } from "../src/Session.js"
import { Sessions } from "../src/Sessions.js"
import { expectInvalidData } from "./utils/configErrors.js"
import { chunkedPage, type Loopback, loopbackServer } from "./utils/loopbackServer.js"
import { packageVersion } from "./utils/packageVersion.js"
import { Widgets } from "./utils/Widgets.js"

const SECRET = "sk_test_lean_transport"

const transports = [
  { name: "FetchTransport", layer: FetchTransport.layer },
  { name: "NodeTransport", layer: NodeTransport.layer }
] as const

// The same SDK-level behaviour on the platform exchange, on the live clock:
// the platform's own client, and one of ours wrapped by the user (a new
// HttpClient without the transport's mark).
const sdkPaths = [
  { name: "FetchTransport (direct exchange)", layer: FetchTransport.layer },
  { name: "NodeTransport (direct exchange)", layer: NodeTransport.layer },
  { name: "FetchHttpClient (platform exchange)", layer: FetchHttpClient.layer },
  {
    name: "NodeTransport wrapped by the user (platform exchange)",
    layer: Layer.effect(
      HttpClient.HttpClient,
      Effect.map(HttpClient.HttpClient, (client) => HttpClient.mapRequest(client, (request) => request))
    ).pipe(Layer.provide(NodeTransport.layer))
  }
] as const

const sessionsOn = (
  transport: Layer.Layer<HttpClient.HttpClient>,
  apiUrl: string,
  options: Partial<ClerkConfigOptions> = {}
) =>
  Sessions.layer.pipe(
    Layer.provide(ClerkConfig.layer({ secretKey: Redacted.make(SECRET), apiUrl, ...options })),
    Layer.provide(transport)
  )

/** Waits (real time, at most 2 s) until the server saw `path`'s connection go away. */
const abandonedBy = (server: Loopback, path: string) =>
  Effect.gen(function* () {
    for (let i = 0; i < 200 && !server.abandoned.includes(path); i++) yield* Effect.sleep("10 millis")
    return server.abandoned.includes(path)
  })

const noRetry = (timeout: Duration.DurationInput) => ClerkConfig.withRequestOptions({ retry: false, timeout })

for (const transport of sdkPaths) {
  describe(`${transport.name}: the SDK's calls`, () => {
    it.scopedLive("carries the SDK's requests: method, path, query, every header, the JSON body", () =>
      Effect.gen(function* () {
        const server = yield* loopbackServer
        const layer = sessionsOn(transport.layer, server.url)
        const got = yield* Effect.provide(Sessions.get("sess_1"), layer)
        expect(got.userId).toBe("user_1")
        yield* Effect.provide(Sessions.list({ userId: "user_1", limit: 5 }), layer).pipe(Effect.ignore)
        yield* Effect.provide(Sessions.create({ userId: "user_1" }), layer)
        expect(server.seen[0]).toMatchObject({ method: "GET", url: "/v1/sessions/sess_1", body: "" })
        expect(server.seen[0]!.headers).toMatchObject({
          authorization: `Bearer ${SECRET}`,
          accept: "application/json",
          "clerk-api-version": "2026-05-12",
          "user-agent": `@clerk-effect/backend/${packageVersion}`
        })
        expect(server.seen[1]!.url).toBe("/v1/sessions?user_id=user_1&limit=5&paginated=true")
        expect(server.seen[2]).toMatchObject({ method: "POST", url: "/v1/sessions", body: '{"user_id":"user_1"}' })
        expect(server.seen[2]!.headers["content-type"]).toBe("application/json")
      })
    )

    it.scopedLive("PATCH with its body, DELETE without one, a repeated query key, on the wire", () =>
      Effect.gen(function* () {
        const server = yield* loopbackServer
        const layer = Widgets.layer.pipe(
          Layer.provide(ClerkConfig.layer({ secretKey: Redacted.make(SECRET), apiUrl: server.url })),
          Layer.provide(transport.layer)
        )
        yield* Effect.provide(
          Effect.flatMap(Widgets, (widgets) =>
            Effect.all([
              widgets.update("w_1", { displayName: "Zürich" }),
              widgets.remove("w_1"),
              widgets.list(["a", "b"])
            ])
          ),
          layer
        )
        expect(server.seen[0]).toMatchObject({
          method: "PATCH",
          url: "/v1/widgets/w_1",
          body: '{"display_name":"Zürich"}'
        })
        expect(server.seen[0]!.headers["content-type"]).toBe("application/json")
        expect(server.seen[0]!.headers["content-length"]).toBe(String(Buffer.byteLength('{"display_name":"Zürich"}')))
        expect(server.seen[1]).toMatchObject({ method: "DELETE", url: "/v1/widgets/w_1", body: "" })
        expect(server.seen[1]!.headers["content-type"]).toBeUndefined()
        expect(server.seen[2]).toMatchObject({ method: "GET", url: "/v1/widgets?user_id=a&user_id=b&limit=10" })
      })
    )

    it.scopedLive("a page of many chunks decodes whole, call after call and calls at once", () =>
      Effect.gen(function* () {
        const server = yield* loopbackServer
        const layer = sessionsOn(transport.layer, server.url)
        const list = (limit: number) => Effect.provide(Sessions.list({ userId: "user_chunked", limit }), layer)
        const expected = (limit: number) => Schema.decodeUnknownSync(SessionList)(chunkedPage(limit)) as SessionList
        // A large page, a smaller one (on NodeTransport it reuses the first
        // one's buffer: only its own bytes may show), then two at once.
        expect(yield* list(400)).toStrictEqual(expected(400))
        expect(yield* list(150)).toStrictEqual(expected(150))
        const [a, b] = yield* Effect.all([list(300), list(200)], { concurrency: 2 })
        expect(a).toStrictEqual(expected(300))
        expect(b).toStrictEqual(expected(200))
      })
    )

    it.scopedLive("an attempt past its timeout fails with Timeout, and the request is abandoned", () =>
      Effect.gen(function* () {
        const server = yield* loopbackServer
        const error = yield* Sessions.get("hang").pipe(
          noRetry("150 millis"),
          Effect.flip,
          Effect.provide(sessionsOn(transport.layer, server.url))
        )
        expect(error).toMatchObject({ _tag: "SDKError", reason: "Timeout" })
        expect(error.message).toContain("The attempt did not complete within 150ms")
        expect(yield* abandonedBy(server, "/v1/sessions/hang")).toBe(true)
      })
    )

    it.scopedLive("the deadline bounds the attempts and their waits", () =>
      Effect.gen(function* () {
        const server = yield* loopbackServer
        const started = Date.now()
        const error = yield* Sessions.get("hang").pipe(
          ClerkConfig.withRequestOptions({
            timeout: "100 millis",
            deadline: "400 millis",
            retry: { baseDelay: "10 millis" }
          }),
          Effect.flip,
          Effect.provide(sessionsOn(transport.layer, server.url))
        )
        const elapsed = Date.now() - started
        expect(error).toMatchObject({ _tag: "SDKError", reason: "Timeout" })
        expect(server.seen.length).toBeGreaterThan(1)
        expect(elapsed).toBeGreaterThanOrEqual(100)
        expect(elapsed).toBeLessThan(2000)
      })
    )

    it.scopedLive("interrupting a call aborts the request (no dangling socket)", () =>
      Effect.gen(function* () {
        const server = yield* loopbackServer
        const call = yield* Effect.fork(
          Sessions.get("hang").pipe(Effect.provide(sessionsOn(transport.layer, server.url)))
        )
        for (let i = 0; i < 200 && server.seen.length === 0; i++) yield* Effect.sleep("5 millis")
        yield* Fiber.interrupt(call)
        expect(yield* abandonedBy(server, "/v1/sessions/hang")).toBe(true)
      })
    )

    it.scopedLive("a body that breaks off is a Transport failure carrying the status", () =>
      Effect.gen(function* () {
        const server = yield* loopbackServer
        const error = (yield* Sessions.get("cut").pipe(
          noRetry("5 seconds"),
          Effect.flip,
          Effect.provide(sessionsOn(transport.layer, server.url))
        )) as SDKError
        expect(error).toMatchObject({ _tag: "SDKError", reason: "Transport", status: 200 })
      })
    )

    it.scopedLive("Clerk's 429: ClerkErrors with Retry-After and the trace id from the header", () =>
      Effect.gen(function* () {
        const server = yield* loopbackServer
        const error = (yield* Sessions.get("429").pipe(
          noRetry("5 seconds"),
          Effect.flip,
          Effect.provide(sessionsOn(transport.layer, server.url))
        )) as ClerkErrors
        expect(error).toMatchObject({ _tag: "ClerkErrors", status: 429, clerkTraceId: "trace_429" })
        expect(error.errors[0]!.code).toBe("too_many_requests")
        expect(Duration.toMillis(error.retryAfter!)).toBe(2000)
      })
    )

    it.scopedLive("a refused connection is a Transport failure known not to have been sent", () =>
      Effect.gen(function* () {
        // A port that was free a moment ago (fetch refuses port 1 itself, before any connection).
        const closed = yield* Effect.promise(
          () =>
            new Promise<number>((resolve) => {
              const probe = net.createServer().listen(0, "127.0.0.1", () => {
                const { port } = probe.address() as net.AddressInfo
                probe.close(() => resolve(port))
              })
            })
        )
        const error = yield* Sessions.create({ userId: "user_1" }).pipe(
          ClerkConfig.withRequestOptions({ retry: { maxAttempts: 2, baseDelay: "1 millis" } }),
          Effect.flip,
          Effect.provide(sessionsOn(transport.layer, `http://127.0.0.1:${closed}`))
        )
        expect(error).toMatchObject({ _tag: "SDKError", reason: "Transport" })
        expect(failedBeforeSending(error)).toBe(true)
        expect(JSON.stringify(error)).not.toContain(SECRET)
      })
    )

    it.scoped("under TestClock, the timeout is TestClock's (Effect's own timer, not the transport's)", () =>
      Effect.gen(function* () {
        const server = yield* loopbackServer
        const call = yield* Effect.fork(
          Sessions.get("hang").pipe(
            noRetry("2 seconds"),
            Effect.flip,
            Effect.provide(sessionsOn(transport.layer, server.url))
          )
        )
        // Real time passes while the request is on the wire; TestClock's has not moved.
        yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 100)))
        expect(Option.isNone(yield* Fiber.poll(call))).toBe(true)
        yield* TestClock.adjust("2 seconds")
        const error = yield* Fiber.join(call)
        expect(error).toMatchObject({ _tag: "SDKError", reason: "Timeout" })
      })
    )
  })
}

// Our transports as ordinary HttpClients, for the rest of a user's program.
for (const transport of transports) {
  describe(`${transport.name}: as a plain HttpClient`, () => {
    it.scopedLive("as a plain HttpClient: interrupting a body read aborts the request", () =>
      Effect.gen(function* () {
        const server = yield* loopbackServer
        const client = yield* HttpClient.HttpClient
        const response = yield* client.execute(HttpClientRequest.get(`${server.url}/hang`))
        expect(response.status).toBe(200)
        const reading = yield* Effect.fork(response.text)
        yield* Effect.sleep("20 millis")
        yield* Fiber.interrupt(reading)
        expect(yield* abandonedBy(server, "/hang")).toBe(true)
      }).pipe(Effect.provide(transport.layer))
    )

    it.scopedLive("as a plain HttpClient: a body the transport cannot send is refused before any I/O", () =>
      Effect.gen(function* () {
        const server = yield* loopbackServer
        const streamed = HttpClientRequest.post(`${server.url}/x`).pipe(
          HttpClientRequest.bodyStream(Stream.make(new Uint8Array([1])))
        )
        const client = yield* HttpClient.HttpClient
        const plain = yield* Effect.flip(client.execute(streamed))
        expect(plain).toMatchObject({ _tag: "RequestError", reason: "Encode" })
        expect(server.seen).toEqual([])
      }).pipe(Effect.provide(transport.layer))
    )

    it.scopedLive("as a plain HttpClient: a 204 has an empty body", () =>
      Effect.gen(function* () {
        const server = yield* loopbackServer
        const client = yield* HttpClient.HttpClient
        const response = yield* client.execute(HttpClientRequest.del(`${server.url}/x/204`))
        expect(response.status).toBe(204)
        expect(yield* response.text).toBe("")
        expect(server.seen[0]!.method).toBe("DELETE")
      }).pipe(Effect.provide(transport.layer))
    )

    it.scopedLive("as a plain HttpClient: status, headers and body of an ordinary answer", () =>
      Effect.gen(function* () {
        const server = yield* loopbackServer
        const client = yield* HttpClient.HttpClient
        const response = yield* client.execute(HttpClientRequest.get(`${server.url}/x/429`))
        expect(response.status).toBe(429)
        expect(response.headers["retry-after"]).toBe("2")
        expect(JSON.parse(yield* response.text).errors[0].code).toBe("too_many_requests")
      }).pipe(Effect.provide(transport.layer))
    )
  })
}

describe("NodeTransport settings", () => {
  it.effect("a setting that cannot work fails the layer with a ConfigError naming it, not a defect", () =>
    Effect.gen(function* () {
      for (const [options, setting, problem] of [
        [{ maxSockets: 0 }, "maxSockets", "maxSockets must be an integer >= 1"],
        [{ maxSockets: 1.5 }, "maxSockets", "maxSockets must be an integer >= 1"],
        [{ freeSocketTimeout: -1 }, "freeSocketTimeout", "freeSocketTimeout must be a number of milliseconds >= 0"],
        [
          { freeSocketTimeout: Number.NaN },
          "freeSocketTimeout",
          "freeSocketTimeout must be a number of milliseconds >= 0"
        ]
      ] as const) {
        const error = yield* Effect.flip(Layer.build(NodeTransport.layerWith(options)).pipe(Effect.scoped))
        expectInvalidData(error, [setting], problem)
        const direct = yield* Effect.flip(NodeTransport.make(options).pipe(Effect.scoped))
        expectInvalidData(direct, [setting], problem)
      }
      const ok = yield* Effect.exit(
        Layer.build(NodeTransport.layerWith({ maxSockets: 8, freeSocketTimeout: 0 })).pipe(Effect.scoped)
      )
      expect(Exit.isSuccess(ok)).toBe(true)
    })
  )
})

describe("which path a call takes", () => {
  it.scopedLive("a transport the user wrapped goes through the wrapper, never around it", () =>
    Effect.gen(function* () {
      const server = yield* loopbackServer
      const wrapped = HttpClient.mapRequest(FetchTransport.make, HttpClientRequest.setHeader("x-wrapped", "yes"))
      yield* Sessions.get("sess_1").pipe(
        Effect.provide(sessionsOn(Layer.succeed(HttpClient.HttpClient, wrapped), server.url))
      )
      expect(server.seen[0]!.headers["x-wrapped"]).toBe("yes")
    })
  )

  it.scopedLive("trace context goes to Clerk from the lean path only when asked", () =>
    Effect.gen(function* () {
      const server = yield* loopbackServer
      const callerTrace = yield* Sessions.get("sess_1").pipe(
        Effect.zipRight(Effect.currentSpan),
        Effect.withSpan("caller"),
        Effect.provide(sessionsOn(NodeTransport.layer, server.url, { tracePropagation: true }))
      )
      expect(server.seen[0]!.headers.traceparent).toContain(callerTrace.traceId)
      yield* Sessions.get("sess_1").pipe(
        Effect.withSpan("caller"),
        Effect.provide(sessionsOn(NodeTransport.layer, server.url))
      )
      expect(server.seen[1]!.headers).not.toHaveProperty("traceparent")
    })
  )

  it.scopedLive("with Effect's default tracer no span is opened, and the caller's span gets no clerk.* attribute", () =>
    Effect.gen(function* () {
      const server = yield* loopbackServer
      const caller = yield* Sessions.get("sess_1").pipe(
        Effect.zipRight(Effect.currentSpan),
        Effect.withSpan("caller"),
        Effect.provide(sessionsOn(NodeTransport.layer, server.url))
      )
      expect(
        [...caller.attributes.keys()].filter((key) => key.startsWith("clerk.") || key.startsWith("http."))
      ).toEqual([])
    })
  )

  it.scopedLive("with a recording tracer the lean path records the operation's span", () =>
    Effect.gen(function* () {
      const server = yield* loopbackServer
      const spans: Array<Tracer.Span> = []
      const base = yield* Effect.tracer
      const tracer = Tracer.make({
        span: (...args) => {
          const span = base.span(...args)
          spans.push(span)
          return span
        },
        context: (f, fiber) => base.context(f, fiber)
      })
      yield* Sessions.get("sess_1").pipe(
        Effect.withTracer(tracer),
        Effect.provide(sessionsOn(NodeTransport.layer, server.url))
      )
      const span = spans.find((s) => s.name === "clerk.sessions.get")!
      expect(Object.fromEntries(span.attributes)).toMatchObject({
        "clerk.operation": "sessions.get",
        "clerk.session_id": "sess_1",
        "clerk.attempts": 1,
        "http.response.status_code": 200
      })
      expect(span.status._tag).toBe("Ended")
    })
  )
})
