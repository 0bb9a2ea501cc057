/**
 * A scripted in-process transport for the resilience tests: every request is
 * logged with the TestClock time it was sent at and whether it was later
 * aborted, and each one is answered by the next scripted fault.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import { ClerkConfig, type ClerkConfigOptions } from "../src/ClerkConfig.js"
import { Sessions } from "../src/Sessions.js"
import { onTestedPath } from "./utils/exchangePath.js"
import { sessionWire } from "./utils/fixtures.js"

export const SECRET = "sk_test_resilience_secret_0123456789"

/** What the transport does with one request. */
export type Fault =
  | {
      readonly _tag: "Status"
      readonly status: number
      readonly headers?: Record<string, string>
      readonly html?: boolean
    }
  | { readonly _tag: "Reset" }
  | { readonly _tag: "Refused" }
  /** Headers arrive, the body never finishes. */
  | { readonly _tag: "HangBody" }
  /** No answer at all. */
  | { readonly _tag: "HangResponse" }
  | { readonly _tag: "Ok" }

export const status = (code: number, headers?: Record<string, string>): Fault => ({
  _tag: "Status",
  status: code,
  ...(headers === undefined ? {} : { headers })
})
export const ok: Fault = { _tag: "Ok" }

export interface LoggedRequest {
  readonly at: number
  readonly method: string
  readonly path: string
  readonly headers: Readonly<Record<string, string>>
  readonly signal: AbortSignal
}

export interface Script {
  readonly log: Array<LoggedRequest>
  /** Faults for the next requests, in order; when empty, `otherwise` answers. */
  readonly faults: Array<Fault>
  otherwise: Fault
}

export class ScriptedHttp extends Context.Tag("test/ScriptedHttp")<ScriptedHttp, Script>() {}

const answer = (fault: Fault, path: string): Response => {
  if (fault._tag === "Ok") {
    const body =
      path.endsWith("/tokens") || path.includes("/tokens/")
        ? { object: "token", jwt: "eyJ.x.y" }
        : path.endsWith("/sessions")
          ? { data: [sessionWire("sess_1")], total_count: 1 }
          : sessionWire("sess_1")
    return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } })
  }
  if (fault._tag === "HangBody") {
    return new Response(new ReadableStream({ start() {} }), { status: 200 })
  }
  if (fault._tag !== "Status") throw new Error("not a response fault")
  if (fault.html === true) {
    return new Response("<html><body>502 Bad Gateway</body></html>", {
      status: fault.status,
      headers: { "content-type": "text/html", ...fault.headers }
    })
  }
  const body = {
    errors: [{ code: `status_${fault.status}`, message: "scripted", long_message: "scripted failure" }],
    clerk_trace_id: `trace_${fault.status}`
  }
  return new Response(JSON.stringify(body), {
    status: fault.status,
    headers: { "content-type": "application/json", ...fault.headers }
  })
}

const scriptedClient = (script: Script) =>
  HttpClient.make((request, url, signal) =>
    Effect.flatMap(Clock.currentTimeMillis, (at) => {
      script.log.push({ at, method: request.method, path: url.pathname, headers: { ...request.headers }, signal })
      const fault = script.faults.shift() ?? script.otherwise
      switch (fault._tag) {
        case "Reset":
          return Effect.fail(
            new HttpClientError.RequestError({
              request,
              reason: "Transport",
              cause: Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } })
            })
          )
        case "Refused":
          return Effect.fail(
            new HttpClientError.RequestError({
              request,
              reason: "Transport",
              cause: Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } })
            })
          )
        case "HangResponse":
          return Effect.never
        default:
          return Effect.succeed(HttpClientResponse.fromWeb(request, answer(fault, url.pathname)))
      }
    })
  )

/** `Sessions` on the scripted transport, jitter off so delays are exact. */
export const scriptedLayer = (options: Partial<ClerkConfigOptions> = {}) => {
  const script: Script = { log: [], faults: [], otherwise: ok }
  return Layer.mergeAll(
    Sessions.layer.pipe(
      Layer.provide(ClerkConfig.layer({ secretKey: Redacted.make(SECRET), retry: { jitter: false }, ...options })),
      Layer.provide(onTestedPath(scriptedClient(script)))
    ),
    Layer.succeed(ScriptedHttp, script)
  )
}

/**
 * Runs `effect` in a fiber while the TestClock moves forward in small steps,
 * so every sleep (backoff, Retry-After, timeouts) fires at its exact time.
 */
export const runWithClock = <A, E, R>(effect: Effect.Effect<A, E, R>, budget = 300_000, step = 50) =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(Effect.exit(effect))
    for (let elapsed = 0; elapsed < budget; elapsed += step) {
      const done = yield* Fiber.poll(fiber)
      if (done._tag === "Some") break
      yield* TestClock.adjust(step)
    }
    return yield* Fiber.join(fiber)
  })

/** Gaps between consecutive requests, in ms. */
export const gaps = (log: ReadonlyArray<LoggedRequest>): Array<number> =>
  log.slice(1).map((request, i) => request.at - log[i]!.at)
