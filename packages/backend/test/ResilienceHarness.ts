/**
 * A scripted in-process transport for the resilience tests: every request is
 * logged with the TestClock time it was sent at and whether it was later
 * aborted, and each one is answered by the next scripted fault.
 */
import {
  answer,
  baseConfig,
  connectionError,
  type Fault,
  gaps as gapsBetween,
  ok,
  SECRET,
  status
} from "@clerk-effect/behaviour-cases/resilience"
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

/** What the transport does with one request: the shared cases' faults. */
export type { Fault }
export { ok, SECRET, status }

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

const scriptedClient = (script: Script) =>
  HttpClient.make((request, url, signal) =>
    Effect.flatMap(Clock.currentTimeMillis, (at) => {
      script.log.push({ at, method: request.method, path: url.pathname, headers: { ...request.headers }, signal })
      const fault = script.faults.shift() ?? script.otherwise
      switch (fault._tag) {
        case "Reset":
        case "Refused":
          return Effect.fail(
            new HttpClientError.RequestError({ request, reason: "Transport", cause: connectionError(fault) })
          )
        case "HangResponse":
          return Effect.never
        default:
          return Effect.succeed(HttpClientResponse.fromWeb(request, answer(fault, request.method, url.pathname)))
      }
    })
  )

/** `Sessions` on the scripted transport, jitter off so delays are exact. */
export const scriptedLayer = (options: Partial<ClerkConfigOptions> = {}) => {
  const script: Script = { log: [], faults: [], otherwise: ok }
  return Layer.mergeAll(
    Sessions.layer.pipe(
      Layer.provide(
        ClerkConfig.layer({
          secretKey: Redacted.make(SECRET),
          // The shared cases' durations are strings this edition's DurationInput reads.
          ...(baseConfig as Partial<ClerkConfigOptions>),
          ...options
        })
      ),
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
export const gaps = (log: ReadonlyArray<LoggedRequest>): Array<number> => gapsBetween(log.map((request) => request.at))
