/**
 * The core as the next resources will use it: PATCH and DELETE, repeated
 * query keys, and one client (one rate limiter, one set of metrics) shared
 * by every resource of an application, however its layers are composed.
 * Runs on both exchanges (see vitest.config.ts).
 */
import { assert, describe, expect, it } from "@effect/vitest"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Metric from "effect/Metric"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import { ClerkConfig } from "../src/ClerkConfig.js"
import * as ClerkMetrics from "../src/ClerkMetrics.js"
import { Sessions } from "../src/Sessions.js"
import { onTestedPath } from "./utils/exchangePath.js"
import { sessionWire } from "./utils/fixtures.js"
import { json, type Recorder, RecordingHttp, recordingClient, SECRET } from "./utils/RecordingHttpClient.js"
import { Widgets } from "./utils/Widgets.js"

type RateLimit = { readonly limit: number; readonly interval: Duration.DurationInput }

const newRecorder = (): Recorder => ({
  requests: [],
  replies: [],
  fallback: (request) =>
    request.url.pathname.startsWith("/v1/sessions/") ? json(200, sessionWire("sess_1")) : json(200, { ok: true })
})

const configLayer = (rateLimit?: RateLimit) =>
  ClerkConfig.layer({
    secretKey: Redacted.make(SECRET),
    retry: false,
    ...(rateLimit === undefined ? {} : { rateLimit })
  })

/** Sessions and Widgets over one recorder, their layers composed as `how` says. */
const application = (how: "mergeAll" | "provideMerge" | "config provided to each", rateLimit?: RateLimit) => {
  const recorder = newRecorder()
  const transport = onTestedPath(recordingClient(recorder))
  const config = configLayer(rateLimit)
  const resources =
    how === "mergeAll"
      ? Layer.mergeAll(Sessions.layer, Widgets.layer).pipe(Layer.provide(config), Layer.provide(transport))
      : how === "provideMerge"
        ? Widgets.layer.pipe(Layer.provideMerge(Sessions.layer), Layer.provide(config), Layer.provide(transport))
        : Layer.mergeAll(Sessions.layer.pipe(Layer.provide(config)), Widgets.layer.pipe(Layer.provide(config))).pipe(
            Layer.provide(transport)
          )
  return Layer.merge(resources, Layer.succeed(RecordingHttp, recorder))
}

const widgets = Effect.map(Widgets, (service) => service)

describe("the core's requests beyond Sessions", () => {
  it.effect("a repeated query key: user_id=a&user_id=b, undefined left out", () =>
    Effect.gen(function* () {
      const recorder = yield* RecordingHttp
      yield* (yield* widgets).list(["user_a", "user b/é"])
      yield* (yield* widgets).list([])
      const [first, second] = recorder.requests
      assert.strictEqual(first!.method, "GET")
      assert.strictEqual(first!.url.pathname, "/v1/widgets")
      assert.strictEqual(first!.url.search, "?user_id=user_a&user_id=user+b%2F%C3%A9&limit=10")
      assert.deepStrictEqual(first!.url.searchParams.getAll("user_id"), ["user_a", "user b/é"])
      assert.strictEqual(first!.body, undefined)
      // An empty list sends the key not at all.
      assert.strictEqual(second!.url.search, "?limit=10")
    }).pipe(Effect.provide(application("mergeAll")))
  )

  it.effect("PATCH sends its JSON body; DELETE sends none", () =>
    Effect.gen(function* () {
      const recorder = yield* RecordingHttp
      yield* (yield* widgets).update("w_1", { displayName: "Ünïcode" })
      yield* (yield* widgets).remove("w_1")
      const [patch, del] = recorder.requests
      assert.strictEqual(patch!.method, "PATCH")
      assert.strictEqual(patch!.url.pathname, "/v1/widgets/w_1")
      assert.strictEqual(patch!.body, '{"display_name":"Ünïcode"}')
      assert.strictEqual(patch!.headers["content-type"], "application/json")
      assert.strictEqual(patch!.headers.authorization, `Bearer ${SECRET}`)
      assert.strictEqual(del!.method, "DELETE")
      assert.strictEqual(del!.url.pathname, "/v1/widgets/w_1")
      assert.strictEqual(del!.body, undefined)
      assert.strictEqual(del!.headers["content-type"], undefined)
    }).pipe(Effect.provide(application("mergeAll")))
  )

  it.effect("a Clerk error on DELETE is ClerkErrors, as on any operation", () =>
    Effect.gen(function* () {
      const recorder = yield* RecordingHttp
      recorder.replies.push(json(404, { errors: [{ code: "resource_not_found", message: "not found" }] }))
      const error = yield* Effect.flip((yield* widgets).remove("w_404"))
      expect(error).toMatchObject({ _tag: "ClerkErrors", status: 404 })
    }).pipe(Effect.provide(application("mergeAll")))
  )
})

describe("one client per application", () => {
  // Two permits per 10 s for the whole application. With one client per
  // resource, each would have its own two and the third call would go at once.
  for (const how of ["mergeAll", "provideMerge", "config provided to each"] as const) {
    it.effect(`one rate limiter across resources (${how})`, () =>
      Effect.gen(function* () {
        const recorder = yield* RecordingHttp
        yield* Sessions.get("sess_1")
        yield* (yield* widgets).remove("w_1")
        const third = yield* Effect.fork((yield* widgets).list(["u"]))
        yield* TestClock.adjust("9 seconds")
        assert.isTrue(Option.isNone(yield* Fiber.poll(third)), "the third call waits for the shared window")
        assert.strictEqual(recorder.requests.length, 2)
        yield* TestClock.adjust("1 second")
        yield* Fiber.join(third)
        assert.strictEqual(recorder.requests.length, 3)
      }).pipe(Effect.provide(application(how, { limit: 2, interval: "10 seconds" })))
    )
  }

  it.effect("one set of metrics: every resource's operations in the same series", () =>
    Effect.gen(function* () {
      const count = (operation: string) =>
        Effect.map(
          Metric.value(
            Metric.tagged(Metric.tagged(ClerkMetrics.requests, "operation", operation), "outcome", "success")
          ),
          (state) => state.count
        )
      const before = { get: yield* count("sessions.get"), remove: yield* count("widgets.remove") }
      yield* Sessions.get("sess_1")
      yield* (yield* widgets).remove("w_1")
      assert.strictEqual((yield* count("sessions.get")) - before.get, 1)
      assert.strictEqual((yield* count("widgets.remove")) - before.remove, 1)
    }).pipe(Effect.provide(application("provideMerge")))
  )
})
