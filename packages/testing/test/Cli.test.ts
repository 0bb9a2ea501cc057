/**
 * This package's `clerk-fake` bin runs `@clerk-effect/fake`'s command (its
 * behaviour is tested there, packages/fake/test/Cli.test.ts): it serves, and
 * its usage errors exit 2. And the seed schema of this package.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { defaultSeed, FakeClerk, SeedFile } from "../src/index.js"

const packageDir = fileURLToPath(new URL("..", import.meta.url))

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

describe("clerk-fake command of @clerk-effect/testing", () => {
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
