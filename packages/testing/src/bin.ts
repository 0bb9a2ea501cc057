#!/usr/bin/env node
/**
 * `clerk-fake`: the fake Clerk backend as a command, for any client (another
 * language's SDK, curl, a browser).
 *
 * ```sh
 * pnpm fake-clerk --port 4010 --secret-key sk_test_x [--seed seed.json] [--host 127.0.0.1]
 * ```
 *
 * Prints exactly one line, `listening on http://127.0.0.1:PORT`, once the
 * server accepts requests, and runs until stopped (Ctrl-C). `--port 0` picks a
 * free port. Without `--seed` it starts with {@link defaultSeed}.
 *
 * @since 0.1.0
 */
import { readFileSync } from "node:fs"
import { resolve } from "node:path"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Clock from "effect/Clock"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import { FAKE_SECRET_KEY, FakeClerk } from "./FakeClerk.js"
import { serve } from "./internal/serverFace.js"
import { decodeSeedFile, defaultSeed, type FakeClerkSeed } from "./Seed.js"

const USAGE = "usage: clerk-fake [--port 4010] [--host 127.0.0.1] [--secret-key sk_test_x] [--seed seed.json]"

/**
 * A command-line or seed-file problem.
 *
 * @since 0.1.0
 * @category errors
 */
export class CliError extends Data.TaggedError("CliError")<{ readonly message: string }> {}

interface Args {
  readonly port: number
  readonly host: string
  readonly secretKey: string
  readonly seed: string | undefined
}

const parseArgs = (argv: ReadonlyArray<string>): Effect.Effect<Args, CliError> =>
  Effect.suspend(() => {
    const values = new Map<string, string>()
    for (let i = 0; i < argv.length; i++) {
      const name = argv[i]!
      const value = argv[i + 1]
      if (!["--port", "--host", "--secret-key", "--seed"].includes(name) || value === undefined) {
        return Effect.fail(new CliError({ message: `unexpected argument ${name}\n${USAGE}` }))
      }
      values.set(name, value)
      i++
    }
    const port = Number(values.get("--port") ?? "4010")
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      return Effect.fail(new CliError({ message: `--port must be 0..65535\n${USAGE}` }))
    }
    return Effect.succeed({
      port,
      host: values.get("--host") ?? "127.0.0.1",
      secretKey: values.get("--secret-key") ?? FAKE_SECRET_KEY,
      seed: values.get("--seed")
    })
  })

const readSeed = (path: string): Effect.Effect<FakeClerkSeed, CliError> =>
  Effect.try({
    // `pnpm fake-clerk` runs in packages/testing; INIT_CWD is where the user typed the command.
    try: () => JSON.parse(readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), path), "utf8")) as unknown,
    catch: (cause) => new CliError({ message: `cannot read seed file ${path}: ${String(cause)}` })
  }).pipe(
    Effect.flatMap((json) =>
      Effect.mapError(
        decodeSeedFile(json),
        (error) => new CliError({ message: `invalid seed file ${path}: ${error.message}` })
      )
    )
  )

const main = Effect.gen(function* () {
  const args = yield* parseArgs(process.argv.slice(2))
  const seed = args.seed === undefined ? defaultSeed(yield* Clock.currentTimeMillis) : yield* readSeed(args.seed)
  const fake = yield* FakeClerk.make({ ...seed, secretKey: args.secretKey })
  const { url } = yield* serve(fake, { port: args.port, host: args.host })
  // The one line scripts wait for: the server is accepting requests now.
  yield* Effect.sync(() => process.stdout.write(`listening on ${url}\n`))
  return yield* Effect.never
}).pipe(
  Effect.scoped,
  Effect.catchTag("CliError", (error) =>
    Effect.sync(() => {
      process.stderr.write(`${error.message}\n`)
      process.exitCode = 2
    })
  )
)

NodeRuntime.runMain(main, { disablePrettyLogger: true })
