/**
 * The effect-4 edition's contestant of the editions benchmark (`pnpm bench
 * --editions`, see packages/bench/src/editionsBench.ts): `Sessions.get` of
 * the BUILT `@clerk-effect/backend-effect4` (its `dist/esm`, the folder is an
 * argument) on `NodeTransport`, its recommended transport on Node, run the way
 * an effect-4 service runs it.
 *
 * Why a module of its own, in a package of its own: a process can hold both
 * editions, but an Effect value of one edition cannot run in the other's
 * runtime. So each edition builds its contestant in its own package, with its
 * own `effect` (here effect 4.1, resolved from this package, the very copy
 * the dist imports), and hands it over as a `Contestant`: plain promises, no
 * Effect type crosses. The runner that interleaves them
 * (packages/bench/src/editionsChild.ts) imports neither edition's `effect`.
 *
 * @since 0.1.0
 */
import type * as Backend from "@clerk-effect/backend-effect4"
import type * as NodeTransportModule from "@clerk-effect/backend-effect4/NodeTransport"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"

/**
 * A contestant as the runner sees it: the same shape as `Contestant` in
 * packages/bench/src/plainLoops.ts (declared again here: this effect-4
 * package does not depend on the effect-3 bench package).
 *
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
 * The effect-4 equivalent of packages/bench/src/loops.ts's `effectContestant`:
 * the sequential calls in one Effect loop; the concurrent ones as
 * `concurrency` long-lived fibers taking calls from one counter (the shape of
 * the promise workers). effect 4's `Effect.repeat` takes a schedule where
 * effect 3's `repeatN` took a count: a `whileLoop` is the plain loop.
 *
 * @since 0.1.0
 * @category constructors
 */
export const effectContestant = <R>(
  name: string,
  runtime: ManagedRuntime.ManagedRuntime<R, unknown>,
  call: Effect.Effect<unknown, unknown, R>
): Contestant => {
  const loop = (n: number) =>
    Effect.suspend(() => {
      let next = 0
      return Effect.whileLoop({
        while: () => next < n,
        body: () => {
          next++
          return call
        },
        step: () => {}
      })
    })
  return {
    name,
    sequential: (n) => runtime.runPromise(loop(n)),
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
            { concurrency: "unbounded", discard: true }
          )
        })
      ),
    dispose: () => runtime.dispose()
  }
}

/**
 * What the runner passes: the built package's `dist/esm` folder, the canned
 * server's URL, the key and the session id every contestant uses.
 *
 * @since 0.1.0
 * @category models
 */
export interface ContestantInput {
  readonly distDir: string
  readonly apiUrl: string
  readonly secretKey: string
  readonly sessionId: string
}

/**
 * `Sessions.get` of the built effect-4 edition on its `NodeTransport`, then
 * a context contestant: the plain floor (`fetch` + `JSON.parse`, with the
 * headers the SDK sends) as one `Effect.promise` a call in the same Effect
 * loops, so that what effect 4's runtime costs by itself is read off in the
 * same rounds (the effect-3 module has the same pair).
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeContestants = async (input: ContestantInput): Promise<ReadonlyArray<Contestant>> => {
  const load = async <M>(file: string): Promise<M> =>
    (await import(new URL(file, `file://${input.distDir.replace(/\/?$/, "/")}`).href)) as M
  const backend = await load<typeof Backend>("index.js")
  const NodeTransport = await load<typeof NodeTransportModule>("NodeTransport.js")
  const runtime = ManagedRuntime.make(
    backend.Sessions.layer.pipe(
      Layer.provide(backend.ClerkConfig.layer({ secretKey: Redacted.make(input.secretKey), apiUrl: input.apiUrl })),
      Layer.provide(NodeTransport.layer)
    )
  )
  const url = `${input.apiUrl}/v1/sessions/${input.sessionId}`
  const headers = {
    authorization: `Bearer ${input.secretKey}`,
    accept: "application/json",
    "clerk-api-version": "2026-05-12"
  }
  const fetchInEffect = Effect.promise(() =>
    fetch(url, { headers }).then(async (response) => JSON.parse(await response.text()) as unknown)
  )
  return [
    effectContestant("effect-4 edition: Sessions.get on NodeTransport", runtime, backend.Sessions.get(input.sessionId)),
    effectContestant(
      "(context) effect-4: fetch + JSON.parse, Effect.promise in an Effect loop",
      ManagedRuntime.make(Layer.empty),
      fetchInEffect
    )
  ]
}
