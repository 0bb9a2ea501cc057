/**
 * The server the `stream` benchmark walks: the fake Clerk backend of
 * `@clerk-effect/testing` on loopback, seeded with one user per size (so one
 * server answers every size), in a process of its own so that the client's
 * peak memory is not the server's.
 *
 * @since 0.1.0
 */
import { fork } from "node:child_process"
import { fileURLToPath } from "node:url"
import { FakeClerk, FakeClerkServer } from "@clerk-effect/testing"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

/**
 * The user whose sessions a stream of `size` walks.
 *
 * @since 0.1.0
 * @category utils
 */
export const userForSize = (size: number) => `user_bench_${size}`

/**
 * The canned server checks no key; any well-formed one will do.
 *
 * @since 0.1.0
 * @category fixtures
 */
export const FAKE_SECRET_KEY_FOR_CANNED = "sk_test_bench_canned"

/**
 * @since 0.1.0
 * @category models
 */
export interface FakeServer {
  readonly url: string
  readonly secretKey: string
  readonly close: () => void
}

const seed = (sizes: ReadonlyArray<number>) => {
  const sessions: Array<{ userId: string; clientId: string; id: string; createdAt: number }> = []
  for (const size of sizes) {
    for (let i = 0; i < size; i++) {
      sessions.push({
        userId: userForSize(size),
        clientId: `client_bench_${size}`,
        id: `sess_bench_${size}_${i}`,
        createdAt: 1764300000000 + i
      })
    }
  }
  return sessions
}

/**
 * Forks the fake backend seeded for `sizes` and resolves once it listens.
 *
 * @since 0.1.0
 * @category constructors
 */
export const startFakeServer = (sizes: ReadonlyArray<number>): Promise<FakeServer> =>
  new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ["--serve", sizes.join(",")], {
      stdio: ["ignore", "inherit", "inherit", "ipc"]
    })
    child.once("error", reject)
    child.once("exit", (code) => reject(new Error(`fake server exited early (code ${code})`)))
    child.once("message", (message) => {
      const { url, secretKey } = message as { url: string; secretKey: string }
      resolve({ url, secretKey, close: () => child.kill() })
    })
  })

if (process.argv.includes("--serve")) {
  const sizes = (process.argv[process.argv.indexOf("--serve") + 1] ?? "").split(",").map(Number)
  const fakeLayer = FakeClerk.layerState({ sessions: seed(sizes) })
  const layer = Layer.provideMerge(FakeClerk.layerServerOnly(), fakeLayer)
  Effect.gen(function* () {
    const server = yield* FakeClerkServer
    const fake = yield* FakeClerk
    process.send?.({ url: server.url, secretKey: fake.secretKey })
    return yield* Effect.never
  }).pipe(Effect.provide(layer), NodeRuntime.runMain)
}
