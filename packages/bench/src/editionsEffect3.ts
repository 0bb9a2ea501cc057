/**
 * The effect-3 edition's contestant of the editions benchmark (see
 * editionsBench.ts): `Sessions.get` of the BUILT `@clerk-effect/backend`
 * (its `dist/esm`, the folder is an argument) on `NodeTransport`, its
 * recommended transport on Node, run by loops.ts's `effectContestant`, as
 * benchmark 7 runs it. Built here, with this package's effect 3 (the very
 * copy the dist imports), and handed to the edition-free runner
 * (editionsChild.ts) as a promise-based `Contestant`; the effect-4 edition's
 * counterpart is packages/bench-effect4/src/contestant.ts.
 *
 * @since 0.1.0
 */
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import type * as Backend from "@clerk-effect/backend"
import type * as NodeTransportModule from "@clerk-effect/backend/NodeTransport"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import type { Contestant } from "./loops.js"
import { effectContestant, headers, sessionUrl } from "./loops.js"

/**
 * What the runner passes (the same in both editions' modules).
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
 * `Sessions.get` of the built effect-3 edition on its `NodeTransport`, then
 * a context contestant: the plain floor (`fetch` + `JSON.parse`) as one
 * `Effect.promise` a call in the same Effect loops, so that what effect 3's
 * runtime costs by itself is read off in the same rounds (the effect-4
 * module has the same pair).
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeContestants = async (input: ContestantInput): Promise<ReadonlyArray<Contestant>> => {
  const load = async <M>(file: string): Promise<M> => (await import(pathToFileURL(join(input.distDir, file)).href)) as M
  const backend = await load<typeof Backend>("index.js")
  const NodeTransport = await load<typeof NodeTransportModule>("NodeTransport.js")
  const runtime = ManagedRuntime.make(
    backend.Sessions.layer.pipe(
      Layer.provide(backend.ClerkConfig.layer({ secretKey: Redacted.make(input.secretKey), apiUrl: input.apiUrl })),
      Layer.provide(NodeTransport.layer)
    )
  )
  const url = sessionUrl(input.apiUrl)
  const fetchInEffect = Effect.promise(() =>
    fetch(url, { headers }).then(async (response) => JSON.parse(await response.text()) as unknown)
  )
  return [
    effectContestant("effect-3 edition: Sessions.get on NodeTransport", runtime, backend.Sessions.get(input.sessionId)),
    effectContestant(
      "(context) effect-3: fetch + JSON.parse, Effect.promise in an Effect loop",
      ManagedRuntime.make(Layer.empty),
      fetchInEffect
    )
  ]
}
