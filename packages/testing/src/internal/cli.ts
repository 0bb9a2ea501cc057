/**
 * The `clerk-fake` command, parsed by `@effect/cli`: its options, `--help`,
 * `--version`, and what it runs. `bin.ts` only runs it on Node.
 */
import { readFileSync } from "node:fs"
import { resolve } from "node:path"
import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Options from "@effect/cli/Options"
import * as ValidationError from "@effect/cli/ValidationError"
import * as Clock from "effect/Clock"
import * as Console from "effect/Console"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { FAKE_SECRET_KEY, FakeClerk } from "../FakeClerk.js"
import { decodeSeedFile, defaultSeed, type FakeClerkSeed } from "../Seed.js"
import { serve } from "./serverFace.js"
import { PACKAGE_VERSION } from "./version.js"

const USAGE =
  "usage: clerk-fake [--port 4010] [--host 127.0.0.1] [--secret-key sk_test_x] [--seed seed.json] (--help for more)"

/** A seed file that cannot be read or decoded. @internal */
export class SeedFileError extends Data.TaggedError("SeedFileError")<{ readonly message: string }> {}

const port = Options.integer("port").pipe(
  Options.withDescription("The port to listen on (default 4010); 0 picks a free one."),
  Options.withDefault(4010),
  Options.mapEffect((value) =>
    Number.isInteger(value) && value >= 0 && value <= 65535
      ? Effect.succeed(value)
      : Effect.fail(ValidationError.invalidValue(HelpDoc.p(`--port must be 0..65535, got ${value}`)))
  )
)

const host = Options.text("host").pipe(
  Options.withDescription("The address to listen on (default 127.0.0.1)."),
  Options.withDefault("127.0.0.1")
)

const secretKey = Options.text("secret-key").pipe(
  Options.withDescription(
    `The bearer secret the fake accepts (Authorization: Bearer <secret key>; default ${FAKE_SECRET_KEY}).`
  ),
  Options.withDefault(FAKE_SECRET_KEY)
)

const seed = Options.file("seed").pipe(
  Options.withDescription(
    "A seed file: JSON in Clerk's wire format ({ users, clients, sessions, jwt_templates }). Without it, a small demo seed."
  ),
  Options.optional
)

const readSeed = (path: string): Effect.Effect<FakeClerkSeed, SeedFileError> =>
  Effect.try({
    // `pnpm clerk-fake` runs in packages/testing; INIT_CWD is where the user typed the command.
    try: () => JSON.parse(readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), path), "utf8")) as unknown,
    catch: (cause) => new SeedFileError({ message: `cannot read seed file ${path}: ${String(cause)}` })
  }).pipe(
    Effect.flatMap((json) =>
      Effect.mapError(
        decodeSeedFile(json),
        (error) => new SeedFileError({ message: `invalid seed file ${path}: ${error.message}` })
      )
    )
  )

/** The command: serves a fake until stopped. @internal */
export const command = Command.make("clerk-fake", { port, host, secretKey, seed }, (options) =>
  Effect.gen(function* () {
    const seedValue = Option.isSome(options.seed)
      ? yield* readSeed(options.seed.value)
      : defaultSeed(yield* Clock.currentTimeMillis)
    const fake = yield* FakeClerk.make({ ...seedValue, secretKey: options.secretKey })
    const { url } = yield* serve(fake, { port: options.port, host: options.host })
    // The one line scripts wait for: the server is accepting requests now.
    yield* Effect.sync(() => process.stdout.write(`listening on ${url}\n`))
    return yield* Effect.never
  }).pipe(Effect.scoped)
).pipe(
  Command.withDescription(
    "A fake Clerk Backend API (sessions, tokens, JWKS) over HTTP, for any client. Prints one line, " +
      "'listening on http://HOST:PORT', once it accepts requests, and runs until stopped."
  )
)

/**
 * Runs the command on `argv` (`process.argv`: the node executable and the
 * script first). A usage error (an unknown option, a bad value, a bad seed
 * file) is printed on stderr and sets exit status 2; `--help` and
 * `--version` print on stdout.
 * @internal
 */
export const run = (argv: ReadonlyArray<string>) =>
  Command.run(command, { name: "clerk-fake", version: PACKAGE_VERSION })(argv).pipe(
    // @effect/cli has printed what is wrong on stderr; the usage line follows it.
    Effect.catchIf(ValidationError.isValidationError, () =>
      Effect.zipRight(
        Console.error(USAGE),
        Effect.sync(() => {
          process.exitCode = 2
        })
      )
    ),
    Effect.catchTag("SeedFileError", (error) =>
      Effect.zipRight(
        Console.error(error.message),
        Effect.sync(() => {
          process.exitCode = 2
        })
      )
    )
  )
