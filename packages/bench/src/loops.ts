/**
 * The loop shapes every HTTP contestant runs: the plain ones (plainLoops.ts,
 * edition-free, re-exported here) and the Effect-based ones (effect 3), with
 * no import of the SDK: the bundled HTTP child (contestants.ts) and the
 * transports child (transportsChild.ts, which loads the SDK from its built
 * `dist`) share them.
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import type { Contestant } from "./plainLoops.js"
import { headers, sessionUrl } from "./plainLoops.js"

export {
  type Contestant,
  cancellableFetchContestant,
  headers,
  plainFetchContestant,
  promiseContestant,
  sessionUrl
} from "./plainLoops.js"

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

/**
 * `FetchHttpClient` used raw inside Effect, the way a service that already
 * has it would call Clerk without the SDK: the client taken from context
 * once, then `get` with the same headers, `text`, `JSON.parse`. Nothing is
 * checked, timed or recorded. The floor of benchmark 7's platform row.
 *
 * With `spans: false`, the same with the client's own `http.client` span
 * turned off for the whole runtime (`HttpClient.currentTracerDisabledWhen`),
 * as the SDK turns it off for its requests when no tracer records spans: a
 * context row, the floor under which what the SDK adds on top of the
 * platform can be read without the span the SDK leaves out.
 *
 * @since 0.1.0
 * @category constructors
 */
export const rawFetchHttpClientContestant = async (
  apiUrl: string,
  options: { readonly spans: boolean } = { spans: true }
): Promise<Contestant> => {
  const layer = options.spans
    ? FetchHttpClient.layer
    : Layer.merge(
        FetchHttpClient.layer,
        Layer.locallyScoped(HttpClient.currentTracerDisabledWhen, () => true)
      )
  const runtime = ManagedRuntime.make(layer)
  const client = await runtime.runPromise(HttpClient.HttpClient)
  const url = sessionUrl(apiUrl)
  const call = Effect.flatMap(client.get(url, { headers }), (response) =>
    Effect.map(response.text, (text) => JSON.parse(text) as unknown)
  )
  return effectContestant(
    options.spans
      ? "FetchHttpClient raw: get + text + JSON.parse"
      : "FetchHttpClient raw, its span off: get + text + JSON.parse",
    runtime,
    call
  )
}
