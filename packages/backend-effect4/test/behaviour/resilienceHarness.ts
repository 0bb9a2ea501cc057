/**
 * A scripted double for the resilience suite, on either exchange: every
 * request is logged with the TestClock time it was sent at and its abort
 * signal, and each one is answered by the next of the shared cases' faults.
 */
import { answer, baseConfig, connectionError, type Fault, ok, SECRET } from "@clerk-effect/behaviour-cases/resilience"
import { Clock, Effect, Fiber, Layer, Redacted } from "effect"
import { HttpClient, HttpClientError, HttpClientResponse } from "effect/http"
import { TestClock } from "effect/testing"
import { ClerkConfig, type ClerkConfigOptions } from "../../src/ClerkConfig.js"
import { Sessions } from "../../src/Sessions.js"
import { configOptions, type ExchangeKind, onExchange } from "./adapter.js"

export interface LoggedRequest {
  readonly at: number
  readonly method: string
  readonly path: string
  readonly signal: AbortSignal
}

export interface Script {
  readonly log: Array<LoggedRequest>
  /** Faults for the next requests, in order; when empty, `otherwise` answers. */
  readonly faults: Array<Fault>
  otherwise: Fault
}

const scriptedClient = (script: Script) =>
  HttpClient.make((request, url, signal) =>
    Effect.flatMap(Clock.currentTimeMillis, (at) => {
      script.log.push({ at, method: request.method, path: url.pathname, signal })
      const fault = script.faults.shift() ?? script.otherwise
      switch (fault._tag) {
        case "Reset":
        case "Refused":
          return Effect.fail(
            new HttpClientError.HttpClientError({
              reason: new HttpClientError.TransportError({ request, cause: connectionError(fault) })
            })
          )
        case "HangResponse":
          return Effect.never
        default:
          return Effect.succeed(HttpClientResponse.fromWeb(request, answer(fault, request.method, url.pathname)))
      }
    })
  )

/** `Sessions` on a scripted double (jitter off unless `options` say so), and its script. */
export const scripted = (kind: ExchangeKind, options: object = {}) => {
  const script: Script = { log: [], faults: [], otherwise: ok }
  const layer = Sessions.layer.pipe(
    Layer.provide(
      ClerkConfig.layer({
        secretKey: Redacted.make(SECRET),
        ...configOptions(baseConfig),
        ...(options as Partial<ClerkConfigOptions>)
      })
    ),
    Layer.provide(onExchange(kind, scriptedClient(script)))
  )
  return { script, layer }
}

// The direct exchange's double answers in a fiber of its own: let it run before the clock moves on.
const settle = Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve)))

/**
 * Runs `effect` in a fiber while the TestClock moves forward in small steps,
 * so every sleep (backoff, Retry-After, timeouts) fires at its exact time.
 */
export const runWithClock = <A, E>(effect: Effect.Effect<A, E>, budget = 300_000, step = 50) =>
  Effect.gen(function* () {
    const fiber = yield* Effect.forkChild(Effect.exit(effect))
    yield* settle
    for (let elapsed = 0; elapsed < budget; elapsed += step) {
      if (fiber.pollUnsafe() !== undefined) break
      yield* TestClock.adjust(step)
      yield* settle
    }
    return yield* Fiber.join(fiber)
  })

/** Moves the clock by `millis`, letting the direct exchange's double run. */
export const adjust = (millis: number) => Effect.andThen(TestClock.adjust(millis), settle)
