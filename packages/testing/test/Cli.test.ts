/**
 * The `clerk-fake` command (parsed by @effect/cli): one line once listening,
 * seed file in the wire format, the configured secret, `--help` and
 * `--version`, exit status 2 on a usage error, and the seed schema itself.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { defaultSeed, FakeClerk, SeedFile } from "../src/index.js"
import { PACKAGE_VERSION } from "../src/internal/version.js"

const packageDir = fileURLToPath(new URL("..", import.meta.url))
const packageVersion: string = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")).version

/** The seed example of DESIGN.md, verbatim. */
const designSeed = {
  users: [{ id: "user_1" }],
  sessions: [
    {
      object: "session",
      id: "sess_1",
      user_id: "user_1",
      client_id: "client_1",
      status: "active",
      last_active_at: 1764300000000,
      expire_at: 1764904800000,
      abandon_at: 1766892000000,
      updated_at: 1764300000000,
      created_at: 1764300000000
    }
  ],
  jwt_templates: [{ name: "custom_hasura", claims: { role: "user" }, lifetime: 60 }]
}

/** Runs the command to its end; answers its exit code and output. */
const runCli = (args: ReadonlyArray<string>) =>
  Effect.async<{ readonly code: number | null; readonly stdout: string; readonly stderr: string }>((resume) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/bin.ts", ...args], {
      cwd: packageDir,
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk) => {
      stdout += String(chunk)
    })
    child.stderr.on("data", (chunk) => {
      stderr += String(chunk)
    })
    child.on("close", (code) => resume(Effect.succeed({ code, stdout, stderr })))
    return Effect.sync(() => child.kill("SIGKILL"))
  })

/** Writes a seed file in a new temporary directory; answers its path. */
const writeSeed = (seed: unknown) => {
  const seedPath = join(mkdtempSync(join(tmpdir(), "clerk-fake-")), "seed.json")
  writeFileSync(seedPath, JSON.stringify(seed))
  return seedPath
}

/** Starts the command and answers its first stdout line; the process is killed with the scope. */
const startCli = (args: ReadonlyArray<string>) =>
  Effect.acquireRelease(
    Effect.sync(() =>
      spawn(process.execPath, ["--import", "tsx", "src/bin.ts", ...args], {
        cwd: packageDir,
        stdio: ["ignore", "pipe", "pipe"]
      })
    ),
    (child: ChildProcess) => Effect.sync(() => child.kill("SIGTERM"))
  ).pipe(
    Effect.flatMap((child) =>
      Effect.async<{ readonly lines: ReadonlyArray<string> }, Error>((resume) => {
        let out = ""
        let err = ""
        child.stderr!.on("data", (chunk) => {
          err += String(chunk)
        })
        child.stdout!.on("data", (chunk) => {
          out += String(chunk)
          if (out.includes("\n")) resume(Effect.succeed({ lines: out.split("\n").filter((l) => l !== "") }))
        })
        child.on("exit", (code) => resume(Effect.fail(new Error(`exited with ${code}: ${err}`))))
      })
    )
  )

describe("clerk-fake command", () => {
  it.live("prints exactly one line once listening and serves the seed file with the given secret", () =>
    Effect.gen(function* () {
      const dir = mkdtempSync(join(tmpdir(), "clerk-fake-"))
      const seedPath = join(dir, "seed.json")
      writeFileSync(seedPath, JSON.stringify(designSeed))
      const { lines } = yield* startCli(["--port", "0", "--secret-key", "sk_test_cli", "--seed", seedPath])
      assert.strictEqual(lines.length, 1)
      const match = /^listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(lines[0]!)
      assert.isNotNull(match)
      const url = match![1]!
      const ok = yield* Effect.promise(() =>
        fetch(`${url}/v1/sessions/sess_1`, { headers: { authorization: "Bearer sk_test_cli" } }).then((r) => r.json())
      )
      // Fields the seed leaves out come back as Clerk sends them: null. Its
      // expire_at (December 2025) has passed: Clerk reports such a session as expired.
      assert.deepStrictEqual(ok, {
        ...designSeed.sessions[0],
        status: Date.now() >= designSeed.sessions[0]!.expire_at ? "expired" : "active",
        actor: null,
        last_active_organization_id: null,
        latest_activity: null
      })
      const denied = yield* Effect.promise(() => fetch(`${url}/v1/sessions/sess_1`).then((r) => r.status))
      assert.strictEqual(denied, 401)
    }).pipe(Effect.scoped)
  )

  it.live("serves a seed file of minimal records", () =>
    Effect.gen(function* () {
      const seedPath = writeSeed({ sessions: [{ id: "s", user_id: "u" }] })
      const { lines } = yield* startCli(["--port", "0", "--secret-key", "sk_test_cli", "--seed", seedPath])
      const url = /^listening on (http:\/\/\S+)$/.exec(lines[0]!)![1]!
      const session = yield* Effect.promise(() =>
        fetch(`${url}/v1/sessions/s`, { headers: { authorization: "Bearer sk_test_cli" } }).then((r) => r.json())
      )
      assert.strictEqual(session.user_id, "u")
      assert.strictEqual(session.status, "active")
    }).pipe(Effect.scoped)
  )

  it.live("a bad seed file: exit 2 and one line naming the field", () =>
    Effect.gen(function* () {
      const seedPath = writeSeed({ sessions: [{ id: "s" }] })
      const error = yield* Effect.flip(Effect.scoped(startCli(["--port", "0", "--seed", seedPath])))
      assert.strictEqual(
        error.message,
        `exited with 2: invalid seed file ${seedPath}: sessions[0].user_id is missing\n`
      )
    })
  )

  it.live("--help: the options on stdout, exit 0", () =>
    Effect.gen(function* () {
      const { code, stderr, stdout } = yield* runCli(["--help"])
      assert.strictEqual(code, 0)
      assert.strictEqual(stderr, "")
      for (const option of ["--port", "--host", "--secret-key", "--seed", "--version"]) assert.include(stdout, option)
      assert.include(stdout, "listening on http://HOST:PORT")
    })
  )

  it.live("--version: the package's version, exit 0", () =>
    Effect.gen(function* () {
      const { code, stdout } = yield* runCli(["--version"])
      assert.strictEqual(code, 0)
      assert.strictEqual(stdout.trim(), packageVersion)
    })
  )

  it.live("a port out of range: exit 2, the reason and the usage line on stderr", () =>
    Effect.gen(function* () {
      const { code, stderr, stdout } = yield* runCli(["--port", "70000"])
      assert.strictEqual(code, 2)
      assert.strictEqual(stdout, "")
      assert.include(stderr, "--port must be 0..65535, got 70000")
      assert.include(stderr, "usage: clerk-fake")
    })
  )

  it("the version the command reports is package.json's (the build rewrites it; this keeps the source in step)", () => {
    assert.strictEqual(PACKAGE_VERSION, packageVersion)
  })

  it.live("rejects an unknown argument with a usage message", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(Effect.scoped(startCli(["--nope", "1"])))
      assert.include(error.message, "exited with 2")
      assert.include(error.message, "usage: clerk-fake")
    })
  )

  it.effect("the seed schema decodes DESIGN.md's example; the default seed is usable", () =>
    Effect.gen(function* () {
      const seed = yield* Schema.decodeUnknown(SeedFile)(designSeed)
      assert.strictEqual(seed.sessions?.[0]?.userId, "user_1")
      assert.strictEqual(seed.jwtTemplates?.[0]?.name, "custom_hasura")
      const fake = yield* FakeClerk.make(defaultSeed(Date.UTC(2026, 0, 1)))
      const sessions = yield* fake.sessions
      assert.deepStrictEqual(
        sessions.map((s) => s.id),
        ["sess_demo_bob", "sess_demo_alice_phone", "sess_demo_alice_laptop", "sess_demo_alice_old"]
      )
    })
  )
})
