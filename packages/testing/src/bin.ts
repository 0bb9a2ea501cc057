#!/usr/bin/env node
/**
 * `clerk-fake`: the fake Clerk backend as a command, for any client (another
 * language's SDK, curl, a browser). In this repository: `pnpm clerk-fake`.
 * The command is `@clerk-effect/fake`'s (no Effect in it); this bin keeps it
 * one install away for this package's users.
 *
 * ```sh
 * clerk-fake --port 4010 --secret-key sk_test_x [--seed seed.json] [--host 127.0.0.1]
 * clerk-fake --help
 * ```
 *
 * Prints exactly one line, `listening on http://127.0.0.1:PORT`, once the
 * server accepts requests, and runs until stopped (Ctrl-C). `--port 0` picks a
 * free port. Without `--seed` it starts with `defaultSeed`. A usage
 * error exits with status 2.
 *
 * @since 0.1.0
 */
import { main } from "@clerk-effect/fake/cli"

void main(process.argv.slice(2))
