/**
 * The `clerk-fake` command: a fake Clerk Backend API over HTTP, for any
 * client. `bin.ts` runs {@link main}; `@clerk-effect/testing`'s own
 * `clerk-fake` bin runs it too.
 *
 * Parsed with `node:util`'s `parseArgs`, not `@effect/cli`: this package has
 * no Effect, so that the users of either Effect edition run the same command
 * without installing the other edition's Effect (or any).
 *
 * @since 0.1.0
 */
import { readFileSync } from "node:fs"
import { resolve } from "node:path"
import { parseArgs } from "node:util"
import { createFake, FAKE_SECRET_KEY } from "./Fake.js"
import { PACKAGE_VERSION } from "./internal/version.js"
import { defaultSeed, type FakeSeed, parseSeed } from "./Seed.js"
import { answerWithTimers, type FakeServer, listen } from "./server.js"

const USAGE =
  "usage: clerk-fake [--port 4010] [--host 127.0.0.1] [--secret-key sk_test_x] [--seed seed.json] (--help for more)"

const HELP = `clerk-fake ${PACKAGE_VERSION}

A fake Clerk Backend API (sessions, tokens, JWKS) over HTTP, for any client.
Prints one line, 'listening on http://HOST:PORT', once it accepts requests,
and runs until stopped.

${USAGE.replace(" (--help for more)", "")}

Options:
  --port <port>          The port to listen on (default 4010); 0 picks a free one.
  --host <host>          The address to listen on (default 127.0.0.1).
  --secret-key <key>     The bearer secret the fake accepts (Authorization: Bearer <secret key>;
                         default ${FAKE_SECRET_KEY}).
  --seed <file>          A seed file: JSON in Clerk's wire format ({ users, clients, sessions,
                         jwt_templates }). Without it, a small demo seed.
  --help                 This text.
  --version              The version of the command.
`

/** A problem the user can fix: printed on stderr, exit status 2. */
class UsageError extends Error {
  constructor(
    message: string,
    readonly withUsage: boolean
  ) {
    super(message)
  }
}

const parse = (args: ReadonlyArray<string>) => {
  try {
    return parseArgs({
      args: [...args],
      options: {
        port: { type: "string" },
        host: { type: "string" },
        "secret-key": { type: "string" },
        seed: { type: "string" },
        help: { type: "boolean" },
        version: { type: "boolean" }
      },
      strict: true,
      allowPositionals: false
    }).values
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), true)
  }
}

const portFrom = (text: string | undefined): number => {
  if (text === undefined) return 4010
  const port = /^\d+$/.test(text) ? Number(text) : Number.NaN
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be 0..65535, got ${text}`, true)
  }
  return port
}

const readSeed = (path: string): FakeSeed => {
  let json: unknown
  try {
    // `pnpm clerk-fake` runs in a package directory; INIT_CWD is where the user typed the command.
    json = JSON.parse(readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), path), "utf8"))
  } catch (cause) {
    throw new UsageError(`cannot read seed file ${path}: ${String(cause)}`, false)
  }
  const result = parseSeed(json)
  if (!result.ok) throw new UsageError(`invalid seed file ${path}: ${result.message}`, false)
  return result.seed
}

/**
 * Runs the command on its arguments (`process.argv.slice(2)`): serves a fake
 * until the process is stopped, and resolves with the server once it
 * listens. `--help` and `--version` print on stdout; a usage error (an unknown
 * option, a bad value, a bad seed file) is printed on stderr and sets exit
 * status 2; another failure (the port is taken) sets exit status 1; all of
 * these resolve with `undefined`.
 *
 * @since 0.1.0
 * @category running
 */
export const main = async (args: ReadonlyArray<string>): Promise<FakeServer | undefined> => {
  try {
    const options = parse(args)
    if (options.help === true) {
      process.stdout.write(HELP)
      return undefined
    }
    if (options.version === true) {
      process.stdout.write(`${PACKAGE_VERSION}\n`)
      return undefined
    }
    const port = portFrom(options.port)
    const now = Date.now()
    const seed = options.seed === undefined ? defaultSeed(now) : readSeed(options.seed)
    const fake = await createFake({ ...seed, secretKey: options["secret-key"] ?? FAKE_SECRET_KEY, now })
    const server = await listen(answerWithTimers(fake), { port, host: options.host ?? "127.0.0.1" })
    // The one line scripts wait for: the server is accepting requests now.
    process.stdout.write(`listening on ${server.url}\n`)
    return server
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${error.withUsage ? `${USAGE}\n` : ""}`)
      process.exitCode = 2
    } else {
      // Not the user's arguments (e.g. the port is taken): one line, no stack.
      process.stderr.write(`clerk-fake: ${error instanceof Error ? error.message : String(error)}\n`)
      process.exitCode = 1
    }
    return undefined
  }
}
