/**
 * The exchange (src/internal/exchange.ts) on its own: what each way of
 * sending answers for every outcome of a transport, who owns the timer on
 * which clock, what an abort and an interruption do, and which exchange a
 * client gets.
 */

import type { Send, WireOutcome, WireRequest } from "@clerk-effect/core/wire"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { afterEach, describe, expect, it, vi } from "@effect/vitest"
import type * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Supervisor from "effect/Supervisor"
import * as TestClock from "effect/TestClock"
import * as Tracer from "effect/Tracer"
import type { Answer, Attempt, InFlight } from "../src/internal/exchange.js"
import {
  bodyReadFailed,
  directExchange,
  directSendOf,
  exchangeFor,
  notAnswered,
  platformExchange,
  toPlatformRequest,
  withDirectSend
} from "../src/internal/exchange.js"

// Most tests look at the answer itself: the continuation hands it back as it is.
const direct =
  (send: Send, tracePropagation: boolean) =>
  <E>(request: WireRequest, attempt: Attempt<E>) =>
    directExchange(send, tracePropagation)(request, attempt, (answer) => Effect.succeed(answer))
const platform =
  (client: HttpClient.HttpClient, tracePropagation: boolean) =>
  <E>(request: WireRequest, attempt: Attempt<E>) =>
    platformExchange(client, tracePropagation)(request, attempt, (answer) => Effect.succeed(answer))

const get: WireRequest = {
  method: "GET",
  url: "https://api.clerk.com/v1/sessions/sess_1?limit=1",
  headers: { authorization: "Bearer sk_test_x", accept: "application/json" },
  body: undefined
}
const post: WireRequest = {
  method: "POST",
  url: "https://api.clerk.com/v1/sessions",
  headers: { authorization: "Bearer sk_test_x", "content-type": "application/json" },
  body: '{"user_id":"user_1"}'
}

const answered = (status: number, text = "{}", headers: Record<string, string> = {}): WireOutcome => ({
  _tag: "Answered",
  status,
  header: (name) => headers[name],
  text
})

/** A Send that reports `outcome` after `afterMillis` of real time (never when undefined), and counts aborts. */
const scriptedSend = (outcome: WireOutcome | undefined, afterMillis = 0) => {
  const seen: Array<WireRequest> = []
  let aborts = 0
  const send: Send = (request, done) => {
    seen.push(request)
    const timer = outcome === undefined ? undefined : setTimeout(() => done(outcome), afterMillis)
    return () => {
      aborts++
      if (timer !== undefined) clearTimeout(timer)
    }
  }
  return { send, seen, aborts: () => aborts }
}

const attemptOn = (clock: Clock.Clock, millis: number, span?: Tracer.AnySpan): Attempt<string> => ({
  millis,
  onTimeout: () => "timed out",
  clock,
  span,
  recordsSpans: false
})

const liveAttempt = (millis: number, span?: Tracer.AnySpan) =>
  Effect.map(Effect.clock, (clock) => attemptOn(clock, millis, span))

/** A live attempt whose timer counts how often it fired. */
const countingAttempt = (millis: number) =>
  Effect.map(Effect.clock, (clock) => {
    const fired = { count: 0 }
    const attempt: Attempt<string> = {
      millis,
      onTimeout: () => {
        fired.count++
        return "timed out"
      },
      clock,
      span: undefined,
      recordsSpans: false
    }
    return { attempt, fired }
  })

/** An HttpClient answering with `answer`, keeping every request and its abort signal. */
const clientAnswering = (
  answer: (request: HttpClientRequest.HttpClientRequest, signal: AbortSignal) => Effect.Effect<Response, unknown>
) => {
  const requests: Array<HttpClientRequest.HttpClientRequest> = []
  const signals: Array<AbortSignal> = []
  const client = HttpClient.make((request, _url, signal) => {
    requests.push(request)
    signals.push(signal)
    return Effect.map(
      Effect.mapError(
        answer(request, signal),
        (cause) => new HttpClientError.RequestError({ request, reason: "Transport", cause })
      ),
      (response) => HttpClientResponse.fromWeb(request, response)
    )
  })
  return { client, requests, signals }
}

/** Counts the fibers started under it: how many an attempt forks. */
class ForkCounter extends Supervisor.AbstractSupervisor<number> {
  started = 0
  value = Effect.sync(() => this.started)
  override onStart() {
    this.started++
  }
}

const forksOf = <A, E>(effect: Effect.Effect<A, E>) =>
  Effect.gen(function* () {
    const counter = new ForkCounter()
    yield* Effect.exit(Effect.supervised(effect, counter))
    return counter.started
  })

afterEach(() => {
  vi.restoreAllMocks()
})

describe("failures before a whole answer", () => {
  it("a request that got no answer is Transport, naming method and path, never the query", () => {
    const error = notAnswered("GET", get.url, new Error("ECONNRESET"))
    expect(error).toMatchObject({
      _tag: "SDKError",
      reason: "Transport",
      message: "GET /v1/sessions/sess_1 failed: Transport"
    })
    expect(error.cause).toBeInstanceOf(Error)
    expect(error.status).toBeUndefined()
  })

  it("a request that could not be built is InvalidInput, with the platform's description", () => {
    expect(notAnswered("POST", post.url, undefined, "Encode", "bad body")).toMatchObject({
      reason: "InvalidInput",
      message: "POST /v1/sessions failed: Encode (bad body)"
    })
    expect(notAnswered("GET", "not a url", undefined, "InvalidUrl").message).toBe(
      "GET (invalid URL) failed: InvalidUrl"
    )
  })

  it("a body that broke off is Transport with the status", () => {
    const cause = new Error("socket hang up")
    expect(bodyReadFailed(502, cause)).toMatchObject({
      _tag: "SDKError",
      reason: "Transport",
      status: 502,
      message: "Reading the response body failed (status 502)",
      cause
    })
  })
})

describe("the direct exchange", () => {
  it.live("a whole answer is the transport's own, the request unchanged", () =>
    Effect.gen(function* () {
      const outcome = answered(200, '{"ok":true}')
      const transport = scriptedSend(outcome)
      const answer = yield* direct(transport.send, false)(post, yield* liveAttempt(1_000))
      expect(answer).toBe(outcome)
      expect(transport.seen).toEqual([post])
      expect(transport.aborts()).toBe(0)
    })
  )

  it.live("NotAnswered and BodyFailed become the SDK's Transport failures", () =>
    Effect.gen(function* () {
      const cause = Object.assign(new Error("refused"), { code: "ECONNREFUSED" })
      const refused = yield* Effect.flip(
        direct(scriptedSend({ _tag: "NotAnswered", cause }).send, false)(get, yield* liveAttempt(1_000))
      )
      expect(refused).toMatchObject({
        _tag: "SDKError",
        reason: "Transport",
        message: "GET /v1/sessions/sess_1 failed: Transport",
        cause
      })
      const cut = yield* Effect.flip(
        direct(scriptedSend({ _tag: "BodyFailed", status: 200, cause }).send, false)(get, yield* liveAttempt(1_000))
      )
      expect(cut).toMatchObject({ _tag: "SDKError", reason: "Transport", status: 200 })
    })
  )

  it.live("on the live clock the exchange owns the timer: it fails with onTimeout and aborts once", () =>
    Effect.gen(function* () {
      const transport = scriptedSend(undefined)
      const started = Date.now()
      const error = yield* Effect.flip(direct(transport.send, false)(get, yield* liveAttempt(60)))
      expect(error).toBe("timed out")
      expect(Date.now() - started).toBeGreaterThanOrEqual(55)
      expect(transport.aborts()).toBe(1)
    })
  )

  it.live("an answer in time clears the timer: no abort, no late failure", () =>
    Effect.gen(function* () {
      const transport = scriptedSend(answered(200), 5)
      const clearSpy = vi.spyOn(globalThis, "clearTimeout")
      yield* direct(transport.send, false)(get, yield* liveAttempt(50))
      expect(clearSpy).toHaveBeenCalled()
      yield* Effect.sleep("80 millis")
      expect(transport.aborts()).toBe(0)
    })
  )

  it.live("a report after the timer fired is ignored (an aborted request may still report)", () =>
    Effect.gen(function* () {
      let late: ((outcome: WireOutcome) => void) | undefined
      const send: Send = (_, done) => {
        late = done
        return () => done({ _tag: "NotAnswered", cause: new Error("aborted") })
      }
      const error = yield* Effect.flip(direct(send, false)(get, yield* liveAttempt(20)))
      expect(error).toBe("timed out")
      late!(answered(200))
    })
  )

  it.live("a timer too long for setTimeout is no timer at all (it would fire at once)", () =>
    Effect.gen(function* () {
      const setSpy = vi.spyOn(globalThis, "setTimeout")
      const transport = scriptedSend(answered(200), 0)
      const calls = setSpy.mock.calls.length
      yield* direct(transport.send, false)(get, yield* liveAttempt(2 ** 31))
      // The one setTimeout is the scripted transport's own.
      expect(setSpy.mock.calls.length - calls).toBe(1)
      const again = scriptedSend(answered(200), 0)
      const before = setSpy.mock.calls.length
      yield* direct(again.send, false)(get, yield* liveAttempt(2 ** 31 - 1))
      expect(setSpy.mock.calls.length - before).toBe(2)
    })
  )

  it.live("interrupting the attempt aborts the request", () =>
    Effect.gen(function* () {
      const transport = scriptedSend(undefined)
      const fiber = yield* Effect.fork(direct(transport.send, false)(get, yield* liveAttempt(10_000)))
      yield* Effect.sleep("10 millis")
      yield* Fiber.interrupt(fiber)
      expect(transport.aborts()).toBe(1)
    })
  )

  it.live("a report made at once, inside send, sets no timer: nothing fires or aborts later", () =>
    Effect.gen(function* () {
      let aborts = 0
      const send: Send = (_, done) => {
        done(answered(200))
        return () => {
          aborts++
        }
      }
      const { attempt, fired } = yield* countingAttempt(20)
      yield* direct(send, false)(get, attempt)
      yield* Effect.sleep("60 millis")
      expect(fired.count).toBe(0)
      expect(aborts).toBe(0)
    })
  )

  it.live("interrupting clears the timer: it never fires afterwards, the request is aborted once", () =>
    Effect.gen(function* () {
      const transport = scriptedSend(undefined)
      const { attempt, fired } = yield* countingAttempt(40)
      const fiber = yield* Effect.fork(direct(transport.send, false)(get, attempt))
      yield* Effect.sleep("5 millis")
      yield* Fiber.interrupt(fiber)
      yield* Effect.sleep("80 millis")
      expect(fired.count).toBe(0)
      expect(transport.aborts()).toBe(1)
    })
  )

  it.live("trace propagation on, but no span: the request goes as it is", () =>
    Effect.gen(function* () {
      const transport = scriptedSend(answered(200))
      yield* direct(transport.send, true)(get, yield* liveAttempt(1_000))
      expect(transport.seen[0]).toBe(get)
    })
  )

  it.live("on the live clock an attempt forks no fiber at all", () =>
    Effect.gen(function* () {
      const transport = scriptedSend(answered(200), 1)
      expect(yield* forksOf(direct(transport.send, false)(get, yield* liveAttempt(1_000)))).toBe(0)
    })
  )

  it.live("interrupting clears the attempt's own timer (no live handle left behind)", () =>
    Effect.gen(function* () {
      const setSpy = vi.spyOn(globalThis, "setTimeout")
      const clearSpy = vi.spyOn(globalThis, "clearTimeout")
      const transport = scriptedSend(undefined)
      const fiber = yield* Effect.fork(direct(transport.send, false)(get, yield* liveAttempt(61_234)))
      yield* Effect.sleep("5 millis")
      const index = setSpy.mock.calls.findIndex((call) => call[1] === 61_234)
      expect(index).toBeGreaterThanOrEqual(0)
      const handle = setSpy.mock.results[index]!.value
      yield* Fiber.interrupt(fiber)
      expect(clearSpy.mock.calls.some((call) => call[0] === handle)).toBe(true)
    })
  )

  it.effect("under TestClock the timer is TestClock's, never a real one", () =>
    Effect.gen(function* () {
      const transport = scriptedSend(undefined)
      const clock = yield* Effect.clock
      const started = Date.now()
      const fiber = yield* Effect.fork(Effect.flip(direct(transport.send, false)(get, attemptOn(clock, 5_000))))
      yield* TestClock.adjust("4999 millis")
      expect(Option.isNone(yield* Fiber.poll(fiber))).toBe(true)
      yield* TestClock.adjust("1 millis")
      expect(yield* Fiber.join(fiber)).toBe("timed out")
      expect(transport.aborts()).toBe(1)
      // No real timer of 5 s was waited for.
      expect(Date.now() - started).toBeLessThan(2_000)
    })
  )

  it.live("trace context is sent only when asked, and only from a span of ours", () =>
    Effect.gen(function* () {
      const span = yield* Effect.makeSpan("parent")
      const on = scriptedSend(answered(200))
      yield* direct(on.send, true)(get, yield* liveAttempt(1_000, span))
      expect(on.seen[0]!.headers.traceparent).toMatch(new RegExp(`^00-${span.traceId}-${span.spanId}-0[01]$`))
      expect(on.seen[0]!.headers.authorization).toBe("Bearer sk_test_x")
      const off = scriptedSend(answered(200))
      yield* direct(off.send, false)(get, yield* liveAttempt(1_000, span))
      expect(off.seen[0]).toBe(get)
      const external = scriptedSend(answered(200))
      yield* direct(external.send, true)(
        get,
        yield* liveAttempt(1_000, Tracer.externalSpan({ traceId: "t", spanId: "s" }))
      )
      expect(external.seen[0]).toBe(get)
    })
  )
})

describe("the platform exchange", () => {
  it("a WireRequest becomes the same platform request: method, URL with its query, headers, JSON body", () => {
    const request = toPlatformRequest(post)
    expect(request.method).toBe("POST")
    expect(request.url).toBe(post.url)
    expect(request.headers.authorization).toBe("Bearer sk_test_x")
    expect(request.body._tag).toBe("Uint8Array")
    expect(request.headers["content-type"]).toBe("application/json")
    expect(new TextDecoder().decode((request.body as { body: Uint8Array }).body)).toBe(post.body)
    expect(toPlatformRequest(get).body._tag).toBe("Empty")
    expect(toPlatformRequest(get).url).toBe(get.url)
  })

  it.live("a whole answer: status, headers by lower-case name, text", () =>
    Effect.gen(function* () {
      const { client, requests } = clientAnswering(() =>
        Effect.succeed(new Response("nope", { status: 429, headers: { "Retry-After": "3" } }))
      )
      const answer = yield* platform(client, false)(get, yield* liveAttempt(1_000))
      expect(answer).toMatchObject({ _tag: "Answered", status: 429, text: "nope" })
      expect(answer.header("retry-after")).toBe("3")
      expect(answer.header("x-missing")).toBeUndefined()
      expect(requests[0]!.headers.traceparent).toBeUndefined()
    })
  )

  it.live("a transport failure is Transport; a body that breaks off is Transport with the status", () =>
    Effect.gen(function* () {
      const cause = new Error("refused")
      const refused = yield* Effect.flip(
        platform(clientAnswering(() => Effect.fail(cause)).client, false)(get, yield* liveAttempt(1_000))
      )
      expect(refused).toMatchObject({ _tag: "SDKError", reason: "Transport" })
      expect((refused as { cause?: Error }).cause?.message).toBe("refused")
      const broken = new Response(
        new ReadableStream({
          pull(controller) {
            controller.error(new Error("socket hang up"))
          }
        }),
        { status: 503 }
      )
      const cut = yield* Effect.flip(
        platform(clientAnswering(() => Effect.succeed(broken)).client, false)(get, yield* liveAttempt(1_000))
      )
      expect(cut).toMatchObject({ _tag: "SDKError", reason: "Transport", status: 503 })
    })
  )

  it.live("a failed body read keeps the read error's cause, else its description", () =>
    Effect.gen(function* () {
      const failingRead = (error: Partial<{ cause: unknown; description: string }>) =>
        HttpClient.make((request) => {
          const response = HttpClientResponse.fromWeb(request, new Response("{}", { status: 404 }))
          return Effect.succeed(
            Object.create(response, {
              text: {
                get: () =>
                  Effect.fail(new HttpClientError.ResponseError({ request, response, reason: "Decode", ...error }))
              }
            }) as HttpClientResponse.HttpClientResponse
          )
        })
      const cause = new Error("reset")
      const withCause = yield* Effect.flip(
        platform(failingRead({ cause, description: "described" }), false)(get, yield* liveAttempt(1_000))
      )
      expect(withCause).toMatchObject({
        reason: "Transport",
        status: 404,
        message: "Reading the response body failed (status 404)"
      })
      expect((withCause as { cause?: Error }).cause?.message).toBe("reset")
      const described = yield* Effect.flip(
        platform(failingRead({ description: "stream ended early" }), false)(get, yield* liveAttempt(1_000))
      )
      expect((described as { cause?: unknown }).cause).toBe("stream ended early")
    })
  )

  it.live("a URL the platform cannot build is InvalidInput", () =>
    Effect.gen(function* () {
      const { client } = clientAnswering(() => Effect.succeed(new Response("{}")))
      const error = yield* Effect.flip(
        platform(client, false)({ ...get, url: "http://[not a host" }, yield* liveAttempt(1_000))
      )
      expect(error).toMatchObject({ _tag: "SDKError", reason: "InvalidInput" })
      expect((error as { message: string }).message).toContain("InvalidUrl")
    })
  )

  it.live("on the live clock a hung request times out with onTimeout, and its request is aborted", () =>
    Effect.gen(function* () {
      const { client, signals } = clientAnswering(() => Effect.never)
      const started = Date.now()
      const error = yield* Effect.flip(platform(client, false)(get, yield* liveAttempt(50)))
      expect(error).toBe("timed out")
      expect(Date.now() - started).toBeGreaterThanOrEqual(45)
      for (let i = 0; i < 100 && !signals[0]!.aborted; i++) yield* Effect.sleep("5 millis")
      expect(signals[0]!.aborted).toBe(true)
    })
  )

  it.live("interrupting clears the timer: onTimeout is never called afterwards", () =>
    Effect.gen(function* () {
      const { client } = clientAnswering(() => Effect.never)
      const { attempt, fired } = yield* countingAttempt(40)
      const fiber = yield* Effect.fork(platform(client, false)(get, attempt))
      yield* Effect.sleep("5 millis")
      yield* Fiber.interrupt(fiber)
      yield* Effect.sleep("80 millis")
      expect(fired.count).toBe(0)
    })
  )

  it.live("a timer too long for setTimeout is no timer at all, on the live clock too", () =>
    Effect.gen(function* () {
      const { client } = clientAnswering(() => Effect.as(Effect.sleep("20 millis"), new Response("late but fine")))
      const answer = yield* platform(client, false)(get, yield* liveAttempt(2 ** 31))
      expect(answer.text).toBe("late but fine")
    })
  )

  it.live(
    "on the live clock an attempt forks one fiber (Effect.timeoutFail would fork two), up to the setTimeout bound",
    () =>
      Effect.gen(function* () {
        const { client } = clientAnswering(() => Effect.succeed(new Response("{}")))
        expect(yield* forksOf(platform(client, false)(get, yield* liveAttempt(1_000)))).toBe(1)
        expect(yield* forksOf(platform(client, false)(get, yield* liveAttempt(2 ** 31 - 1)))).toBe(1)
        // Past the bound, and under any other clock: Effect's own timeout.
        expect(yield* forksOf(platform(client, false)(get, yield* liveAttempt(2 ** 31)))).toBeGreaterThan(1)
      })
  )

  it.live("a ResponseError from the client is Transport with the response's status", () =>
    Effect.gen(function* () {
      const client = HttpClient.make((request) => {
        const response = HttpClientResponse.fromWeb(request, new Response("", { status: 418 }))
        return Effect.fail(new HttpClientError.ResponseError({ request, response, reason: "StatusCode" }))
      })
      const error = yield* Effect.flip(platform(client, false)(get, yield* liveAttempt(1_000)))
      expect(error).toMatchObject({ _tag: "SDKError", reason: "Transport", status: 418 })
    })
  )

  it.live("interrupting the attempt interrupts the request", () =>
    Effect.gen(function* () {
      const { client, signals } = clientAnswering(() => Effect.never)
      const fiber = yield* Effect.fork(platform(client, false)(get, yield* liveAttempt(10_000)))
      yield* Effect.sleep("10 millis")
      yield* Fiber.interrupt(fiber)
      for (let i = 0; i < 100 && !signals[0]!.aborted; i++) yield* Effect.sleep("5 millis")
      expect(signals[0]!.aborted).toBe(true)
    })
  )

  it.live("a request that fails in time is not turned into a timeout", () =>
    Effect.gen(function* () {
      const { client } = clientAnswering(() => Effect.fail(new Error("boom")))
      const exit = yield* Effect.exit(platform(client, false)(get, yield* liveAttempt(1_000)))
      expect(Exit.isFailure(exit) && exit.cause._tag === "Fail" && exit.cause.error).toMatchObject({
        reason: "Transport"
      })
    })
  )

  it.effect("under TestClock the timeout is TestClock's", () =>
    Effect.gen(function* () {
      const { client } = clientAnswering(() => Effect.never)
      const clock = yield* Effect.clock
      const fiber = yield* Effect.fork(Effect.flip(platform(client, false)(get, attemptOn(clock, 3_000))))
      yield* TestClock.adjust("2999 millis")
      expect(Option.isNone(yield* Fiber.poll(fiber))).toBe(true)
      yield* TestClock.adjust("1 millis")
      expect(yield* Fiber.join(fiber)).toBe("timed out")
    })
  )

  it.live("trace propagation follows the setting", () =>
    Effect.gen(function* () {
      const on = clientAnswering(() => Effect.succeed(new Response("{}")))
      yield* Effect.withSpan(platform(on.client, true)(get, yield* liveAttempt(1_000)), "parent")
      expect(on.requests[0]!.headers.traceparent).toBeDefined()
      const off = clientAnswering(() => Effect.succeed(new Response("{}")))
      yield* Effect.withSpan(platform(off.client, false)(get, yield* liveAttempt(1_000)), "parent")
      expect(off.requests[0]!.headers.traceparent).toBeUndefined()
    })
  )
})

describe("the platform's own http.client span", () => {
  /** A client that answers `{}` and keeps the name of the span its request runs under. */
  const spanNoting = () => {
    const names: Array<string | undefined> = []
    const client = HttpClient.make((request) =>
      Effect.map(Effect.option(Effect.currentSpan), (span) => {
        names.push(Option.getOrUndefined(span)?.name)
        return HttpClientResponse.fromWeb(request, new Response("{}"))
      })
    )
    return { client, names }
  }
  // Under which span the client's request runs, for a trace propagation setting and a tracer that records or not.
  const spanUnder = (clock: Clock.Clock, tracePropagation: boolean, recordsSpans: boolean) =>
    Effect.gen(function* () {
      const { client, names } = spanNoting()
      const attempt = { ...attemptOn(clock, 1_000), recordsSpans }
      yield* Effect.withSpan(platform(client, tracePropagation)(get, attempt), "caller")
      return names[0]
    })

  for (const [name, test] of [
    ["live clock", it.live],
    ["TestClock", it.effect]
  ] as const) {
    test(`${name}: opened only for a tracer that records spans, or a trace context to propagate`, () =>
      Effect.gen(function* () {
        const clock = yield* Effect.clock
        // Nobody would read it: the request runs under the caller's span.
        expect(yield* spanUnder(clock, false, false)).toBe("caller")
        expect(yield* spanUnder(clock, false, true)).toBe("http.client GET")
        expect(yield* spanUnder(clock, true, false)).toBe("http.client GET")
      }))
  }
})

describe("which exchange a client gets", () => {
  it.live("a marked client is sent to directly; the same client wrapped goes through the platform", () =>
    Effect.gen(function* () {
      const direct = scriptedSend(answered(200, "direct"))
      const platform = HttpClient.make((request) =>
        Effect.succeed(HttpClientResponse.fromWeb(request, new Response("platform")))
      )
      const marked = withDirectSend(platform, direct.send)
      expect(directSendOf(marked)).toBe(direct.send)
      expect((yield* exchangeFor(marked, false)(get, yield* liveAttempt(1_000), Effect.succeed)).text).toBe("direct")
      const wrapped = HttpClient.mapRequest(marked, (request) => request)
      expect(directSendOf(wrapped)).toBeUndefined()
      expect((yield* exchangeFor(wrapped, false)(get, yield* liveAttempt(1_000), Effect.succeed)).text).toBe("platform")
      expect(direct.seen).toHaveLength(1)
    })
  )

  it("the mark is not enumerable and not inherited", () => {
    const client = withDirectSend(
      HttpClient.make(() => Effect.die("unused")),
      () => () => {}
    )
    const mark = Object.getOwnPropertySymbols(client).find((symbol) => String(symbol).includes("Send"))!
    expect(Object.getOwnPropertyDescriptor(client, mark)?.enumerable).toBe(false)
    // A copy of the client (a spread, as a wrapper might make) does not carry the mark.
    expect(directSendOf({ ...client } as HttpClient.HttpClient)).toBeUndefined()
    expect(directSendOf(Object.create(client))).toBeUndefined()
  })
})

describe("an attempt whose caller takes over the abort (InFlight)", () => {
  // The operation passes a slot and aborts what it holds when it is
  // interrupted (ClerkClient.ts): the exchange then registers no canceler
  // of its own, which in effect 3 would cost one more uninterruptible
  // region per call.
  const withSlot = (attempt: Attempt<string>) => {
    const inFlight: InFlight = { abort: undefined }
    return { attempt: { ...attempt, inFlight }, inFlight }
  }

  it.live("direct: the slot holds the abort while in flight; it aborts once and the timer never fires", () =>
    Effect.gen(function* () {
      const transport = scriptedSend(undefined)
      const counted = yield* countingAttempt(40)
      const { attempt, inFlight } = withSlot(counted.attempt)
      const fiber = yield* Effect.fork(direct(transport.send, false)(get, attempt))
      yield* Effect.sleep("5 millis")
      expect(inFlight.abort).toBeTypeOf("function")
      inFlight.abort!()
      inFlight.abort?.()
      expect(transport.aborts()).toBe(1)
      expect(inFlight.abort).toBeUndefined()
      yield* Effect.sleep("80 millis")
      expect(counted.fired.count).toBe(0)
      yield* Fiber.interrupt(fiber)
    })
  )

  it.live("direct: answered or timed out, the slot is empty again and nothing is aborted twice", () =>
    Effect.gen(function* () {
      const answering = scriptedSend(answered(200), 1)
      const one = withSlot(yield* liveAttempt(1_000))
      yield* direct(answering.send, false)(get, one.attempt)
      expect(one.inFlight.abort).toBeUndefined()
      expect(answering.aborts()).toBe(0)

      const hanging = scriptedSend(undefined)
      const two = withSlot(yield* liveAttempt(20))
      expect(yield* Effect.flip(direct(hanging.send, false)(get, two.attempt))).toBe("timed out")
      expect(two.inFlight.abort).toBeUndefined()
      expect(hanging.aborts()).toBe(1)
    })
  )

  it.live("direct: a report made at once, inside send, leaves nothing in the slot", () =>
    Effect.gen(function* () {
      const send: Send = (_, done) => {
        done(answered(200))
        return () => {}
      }
      const { attempt, inFlight } = withSlot(yield* liveAttempt(1_000))
      yield* direct(send, false)(get, attempt)
      expect(inFlight.abort).toBeUndefined()
    })
  )

  it.live("platform: the slot's abort interrupts the request and clears the timer; empty once answered", () =>
    Effect.gen(function* () {
      const { client, signals } = clientAnswering(() => Effect.never)
      const counted = yield* countingAttempt(40)
      const { attempt, inFlight } = withSlot(counted.attempt)
      const fiber = yield* Effect.fork(platform(client, false)(get, attempt))
      yield* Effect.sleep("10 millis")
      expect(inFlight.abort).toBeTypeOf("function")
      inFlight.abort!()
      for (let i = 0; i < 100 && !signals[0]!.aborted; i++) yield* Effect.sleep("5 millis")
      expect(signals[0]!.aborted).toBe(true)
      expect(inFlight.abort).toBeUndefined()
      yield* Effect.sleep("80 millis")
      expect(counted.fired.count).toBe(0)
      yield* Fiber.interrupt(fiber)

      const answering = clientAnswering(() => Effect.succeed(new Response("{}")))
      const again = withSlot(yield* liveAttempt(1_000))
      yield* platform(answering.client, false)(get, again.attempt)
      expect(again.inFlight.abort).toBeUndefined()
    })
  )
})

describe("the continuation (onAnswer)", () => {
  const decoded = (answer: Answer) =>
    answer.status === 200 ? Effect.succeed(`decoded ${answer.text}`) : Effect.fail(`refused ${answer.status}`)

  it.live("direct: the attempt answers what the continuation makes of the answer, success or failure", () =>
    Effect.gen(function* () {
      const ok = scriptedSend(answered(200, "body"), 1)
      expect(yield* directExchange(ok.send, false)(get, yield* liveAttempt(1_000), decoded)).toBe("decoded body")
      const refused = scriptedSend(answered(404), 1)
      expect(yield* Effect.flip(directExchange(refused.send, false)(get, yield* liveAttempt(1_000), decoded))).toBe(
        "refused 404"
      )
    })
  )

  it.live("direct: a continuation that throws is a defect of the attempt, never an unhandled rejection", () =>
    Effect.gen(function* () {
      const rejections: Array<unknown> = []
      const onRejection = (reason: unknown) => rejections.push(reason)
      process.on("unhandledRejection", onRejection)
      const boom = new Error("boom")
      const send = scriptedSend(answered(200), 1)
      const exit = yield* Effect.exit(
        directExchange(send.send, false)(get, yield* liveAttempt(1_000), () => {
          throw boom
        })
      )
      yield* Effect.sleep("20 millis")
      process.off("unhandledRejection", onRejection)
      expect(Exit.isFailure(exit) && exit.cause._tag === "Die" && exit.cause.defect).toBe(boom)
      expect(rejections).toEqual([])
    })
  )

  it.live("platform: the attempt answers what the continuation makes of the answer", () =>
    Effect.gen(function* () {
      const { client } = clientAnswering(() => Effect.succeed(new Response("body")))
      expect(yield* platformExchange(client, false)(get, yield* liveAttempt(1_000), decoded)).toBe("decoded body")
      const missing = clientAnswering(() => Effect.succeed(new Response("", { status: 404 })))
      expect(yield* Effect.flip(platformExchange(missing.client, false)(get, yield* liveAttempt(1_000), decoded))).toBe(
        "refused 404"
      )
    })
  )
})
