/**
 * The editions benchmark's runner (see editionsBench.ts), in one process
 * under Node 22: the floor (plain `fetch` + `JSON.parse`, as in benchmark 7),
 * the effect-3 edition's `Sessions.get` and the effect-4 edition's, each on
 * `NodeTransport` (each with a context contestant: the floor in that
 * edition's Effect loop), interleaved in the same rounds. Prints one JSON line.
 *
 * Edition-free on purpose: it imports no `effect` at all (plainLoops.ts and
 * rounds.ts import neither Effect nor the SDK; editionsBench.ts checks the
 * bundle). An Effect value of one edition cannot run in the other's runtime,
 * so each edition builds its contestant in its own package with its own
 * `effect` (editionsEffect3.ts here, with effect 3; bench-effect4's
 * contestant.ts, with effect 4), bundled next to that package so that `effect`
 * resolves to that edition's copy, and hands over a promise-based `Contestant`.
 *
 * Usage: `node22 <bundled editionsChild.mjs> <options JSON>` where the
 * options carry the canned server's URL, each edition's contestant module and
 * `dist/esm` folder, and the rounds.
 *
 * @since 0.1.0
 */
import { pathToFileURL } from "node:url"
import { SECRET_KEY, SESSION_ID } from "./fixtures.js"
import type { Contestant } from "./plainLoops.js"
import { plainFetchContestant } from "./plainLoops.js"
import { usePublishedCore } from "./publishedCore.js"
import type { HttpBenchOptions } from "./rounds.js"
import { concurrentThroughput, sequentialLatency } from "./rounds.js"

/**
 * One edition's contestant: its module (bundled next to its package) and its built `dist/esm`.
 *
 * @since 0.1.0
 * @category models
 */
export interface EditionModule {
  readonly edition: string
  readonly module: string
  readonly distDir: string
}

/**
 * What the runner is given.
 *
 * @since 0.1.0
 * @category models
 */
export interface EditionsChildInput {
  readonly apiUrl: string
  /** packages/core/dist/esm: both editions' dists import @clerk-effect/core, resolved there (publishedCore.ts). */
  readonly coreDistDir: string
  readonly editions: ReadonlyArray<EditionModule>
  readonly options: HttpBenchOptions
}

interface ContestantModule {
  readonly makeContestants: (input: {
    readonly distDir: string
    readonly apiUrl: string
    readonly secretKey: string
    readonly sessionId: string
  }) => Promise<ReadonlyArray<Contestant>>
}

const run = async () => {
  const input = JSON.parse(process.argv[2] ?? "{}") as EditionsChildInput
  usePublishedCore(input.coreDistDir)
  // The floor first: it is the baseline of every round's ratio.
  const contestants: Array<Contestant> = [plainFetchContestant(input.apiUrl)]
  for (const edition of input.editions) {
    const module = (await import(pathToFileURL(edition.module).href)) as ContestantModule
    contestants.push(
      ...(await module.makeContestants({
        distDir: edition.distDir,
        apiUrl: input.apiUrl,
        secretKey: SECRET_KEY,
        sessionId: SESSION_ID
      }))
    )
  }
  const sequential = await sequentialLatency(contestants, input.options)
  const throughput = await concurrentThroughput(contestants, input.options)
  for (const c of contestants) await c.dispose()
  process.stdout.write(`${JSON.stringify({ node: process.version, sequential, throughput })}\n`)
}

run().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
