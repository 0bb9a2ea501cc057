/**
 * The loop shapes every HTTP contestant runs, and the plain `fetch`
 * contestants, with no import of the SDK: the bundled HTTP child
 * (contestants.ts) and the transports child (transportsChild.ts, which
 * loads the SDK from its built `dist`) share them.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { SECRET_KEY, SESSION_ID } from "./fixtures.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Contestant {
  readonly name: string
  readonly sequential: (n: number) => Promise<void>
  readonly concurrent: (n: number, concurrency: number) => Promise<void>
  readonly dispose: () => Promise<void>
}

/**
 * The headers our SDK sends, for the plain contestants.
 *
 * @since 0.1.0
 * @category fixtures
 */
export const headers = {
  authorization: `Bearer ${SECRET_KEY}`,
  accept: "application/json",
  "clerk-api-version": "2026-05-12"
}

/**
 * The URL of the `get` every contestant calls.
 *
 * @since 0.1.0
 * @category fixtures
 */
export const sessionUrl = (apiUrl: string): string => `${apiUrl}/v1/sessions/${SESSION_ID}`

const promiseWorkers = async (n: number, concurrency: number, call: () => Promise<unknown>) => {
  let next = 0
  const worker = async () => {
    while (next < n) {
      next++
      await call()
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
}

/**
 * A contestant whose call is a plain promise: a loop, or `concurrency` workers.
 *
 * @since 0.1.0
 * @category constructors
 */
export const promiseContestant = (
  name: string,
  call: () => Promise<unknown>,
  dispose: () => Promise<void> = async () => {}
): Contestant => ({
  name,
  sequential: async (n) => {
    for (let i = 0; i < n; i++) await call()
  },
  concurrent: (n, concurrency) => promiseWorkers(n, concurrency, call),
  dispose
})

/**
 * A contestant whose call is an Effect, run the way an Effect service runs
 * it: an Effect loop for the sequential calls; for the concurrent ones,
 * `concurrency` long-lived fibers taking calls from one counter, the same
 * shape as the promise workers (`Effect.forEach` with `concurrency` would
 * fork a fiber per call, a cost of the harness, about 10% of the calls per
 * second here, that the promise-based contestants do not pay).
 *
 * @since 0.1.0
 * @category constructors
 */
export const effectContestant = <R>(
  name: string,
  runtime: ManagedRuntime.ManagedRuntime<R, unknown>,
  call: Effect.Effect<unknown, unknown, R>
): Contestant => ({
  name,
  sequential: (n) => runtime.runPromise(Effect.repeatN(call, n - 1)).then(() => undefined),
  concurrent: (n, concurrency) =>
    runtime.runPromise(
      Effect.suspend(() => {
        let next = 0
        const worker = Effect.whileLoop({
          while: () => next < n,
          body: () => {
            next++
            return call
          },
          step: () => {}
        })
        return Effect.all(
          Array.from({ length: concurrency }, () => worker),
          {
            concurrency: "unbounded",
            discard: true
          }
        )
      })
    ),
  dispose: () => runtime.dispose()
})

/**
 * Plain `fetch` and `JSON.parse`, with the same headers our SDK sends: the
 * floor no client on this transport can beat.
 *
 * @since 0.1.0
 * @category constructors
 */
export const plainFetchContestant = (apiUrl: string): Contestant => {
  const url = sessionUrl(apiUrl)
  const call = async () => {
    const response = await fetch(url, { headers })
    return JSON.parse(await response.text())
  }
  return promiseContestant("fetch + JSON.parse", call)
}

/**
 * Plain `fetch` made cancellable the way any client that can time out or be
 * interrupted must make it: an `AbortController` whose signal goes with the
 * request, and a timer that would abort it (cleared once the body is read).
 * `@clerk/backend` passes no signal (a call of its can neither time out nor be
 * cancelled); `FetchTransport` does, so this row is its floor, and the
 * difference to the plain row is what the platform's fetch charges for the
 * signal alone.
 *
 * @since 0.1.0
 * @category constructors
 */
export const cancellableFetchContestant = (apiUrl: string): Contestant => {
  const url = sessionUrl(apiUrl)
  const call = async () => {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), 10_000)
    try {
      const response = await fetch(url, { headers, signal: controller.signal })
      return JSON.parse(await response.text())
    } finally {
      clearTimeout(timer)
    }
  }
  return promiseContestant("fetch + AbortSignal + timer + JSON.parse", call)
}

/**
 * The cancellable-`fetch` floor run the way an Effect service runs any call:
 * one `Effect.async` per call (interruption aborts it) in the same Effect
 * loops as the SDK's contestants. Not a target's baseline: shown next to
 * the `FetchTransport` row, so that what running inside Effect costs by
 * itself can be read off in the same rounds.
 *
 * @since 0.1.0
 * @category constructors
 */
export const cancellableFetchInEffectContestant = (apiUrl: string): Contestant => {
  const url = sessionUrl(apiUrl)
  const call = Effect.async<unknown>((resume) => {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), 10_000)
    fetch(url, { headers, signal: controller.signal })
      .then((response) => response.text())
      .then(
        (text) => {
          clearTimeout(timer)
          resume(Effect.succeed(JSON.parse(text)))
        },
        (error) => {
          clearTimeout(timer)
          resume(Effect.die(error))
        }
      )
    return Effect.sync(() => {
      clearTimeout(timer)
      controller.abort()
    })
  })
  return effectContestant(
    "fetch + AbortSignal + timer + JSON.parse, in an Effect loop",
    ManagedRuntime.make(Layer.empty),
    call
  )
}
