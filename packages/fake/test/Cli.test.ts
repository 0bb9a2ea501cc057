/**
 * The `clerk-fake` command (parsed by node's parseArgs): one line once
 * listening, seed file in the wire format, the configured secret, `--help`
 * and `--version`, exit status 2 on a usage error.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterEach, assert, describe, it } from "vitest"
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

const command = (args: ReadonlyArray<string>) =>
  spawn(process.execPath, ["--import", "tsx", "src/bin.ts", ...args], {
    cwd: packageDir,
    stdio: ["ignore", "pipe", "pipe"]
  })

/** Runs the command to its end; answers its exit code and output. */
const runCli = (args: ReadonlyArray<string>) =>
  new Promise<{ readonly code: number | null; readonly stdout: string; readonly stderr: string }>((resolve) => {
    const child = command(args)
    let stdout = ""
    let stderr = ""
    child.stdout!.on("data", (chunk) => {
      stdout += String(chunk)
    })
    child.stderr!.on("data", (chunk) => {
      stderr += String(chunk)
    })
    child.on("close", (code) => resolve({ code, stdout, stderr }))
  })

/** Writes a seed file in a new temporary directory; answers its path. */
const writeSeed = (seed: unknown) => {
  const seedPath = join(mkdtempSync(join(tmpdir(), "clerk-fake-")), "seed.json")
  writeFileSync(seedPath, JSON.stringify(seed))
  return seedPath
}

const running: Array<ChildProcess> = []
afterEach(() => {
  for (const child of running.splice(0)) child.kill("SIGTERM")
})

/** Starts the command and answers its stdout lines once it printed one; the process is killed after the test. */
const startCli = (args: ReadonlyArray<string>) =>
  new Promise<ReadonlyArray<string>>((resolve, reject) => {
    const child = command(args)
    running.push(child)
    let out = ""
    let err = ""
    child.stderr!.on("data", (chunk) => {
      err += String(chunk)
    })
    child.stdout!.on("data", (chunk) => {
      out += String(chunk)
      if (out.includes("\n")) resolve(out.split("\n").filter((l) => l !== ""))
    })
    child.on("exit", (code) => reject(new Error(`exited with ${code}: ${err}`)))
  })

describe("clerk-fake command", () => {
  it("prints exactly one line once listening and serves the seed file with the given secret", async () => {
    const seedPath = writeSeed(designSeed)
    const lines = await startCli(["--port", "0", "--secret-key", "sk_test_cli", "--seed", seedPath])
    assert.strictEqual(lines.length, 1)
    const match = /^listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(lines[0]!)
    assert.isNotNull(match)
    const url = match![1]!
    const ok = await fetch(`${url}/v1/sessions/sess_1`, { headers: { authorization: "Bearer sk_test_cli" } }).then(
      (r) => r.json()
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
    const denied = await fetch(`${url}/v1/sessions/sess_1`).then((r) => r.status)
    assert.strictEqual(denied, 401)
  })

  it("serves a seed file of minimal records", async () => {
    const seedPath = writeSeed({ sessions: [{ id: "s", user_id: "u" }] })
    const lines = await startCli(["--port", "0", "--secret-key", "sk_test_cli", "--seed", seedPath])
    const url = /^listening on (http:\/\/\S+)$/.exec(lines[0]!)![1]!
    const session = await fetch(`${url}/v1/sessions/s`, { headers: { authorization: "Bearer sk_test_cli" } }).then(
      (r) => r.json()
    )
    assert.strictEqual(session.user_id, "u")
    assert.strictEqual(session.status, "active")
  })

  it("without a seed file: the default seed, the default secret", async () => {
    const lines = await startCli(["--port", "0"])
    const url = /^listening on (http:\/\/\S+)$/.exec(lines[0]!)![1]!
    const page = await fetch(`${url}/v1/sessions?user_id=user_demo_alice&paginated=true`, {
      headers: { authorization: "Bearer sk_test_fake_clerk_secret_key" }
    }).then((r) => r.json())
    assert.deepStrictEqual(
      page.data.map((s: { id: string }) => s.id),
      ["sess_demo_alice_phone", "sess_demo_alice_laptop", "sess_demo_alice_old"]
    )
    assert.strictEqual(page.total_count, 3)
  })

  it("a bad seed file: exit 2 and one line naming the field", async () => {
    const seedPath = writeSeed({ sessions: [{ id: "s" }] })
    const { code, stderr, stdout } = await runCli(["--port", "0", "--seed", seedPath])
    assert.strictEqual(code, 2)
    assert.strictEqual(stdout, "")
    assert.strictEqual(stderr, `invalid seed file ${seedPath}: sessions[0].user_id is missing\n`)
  })

  it("a seed file that is not JSON: exit 2, the reason", async () => {
    const seedPath = join(mkdtempSync(join(tmpdir(), "clerk-fake-")), "seed.json")
    writeFileSync(seedPath, "{ users: ")
    const { code, stderr } = await runCli(["--port", "0", "--seed", seedPath])
    assert.strictEqual(code, 2)
    assert.match(
      stderr,
      new RegExp(`^cannot read seed file ${seedPath.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: SyntaxError`)
    )
  })

  it("--help: the options on stdout, exit 0", async () => {
    const { code, stderr, stdout } = await runCli(["--help"])
    assert.strictEqual(code, 0)
    assert.strictEqual(stderr, "")
    for (const option of ["--port", "--host", "--secret-key", "--seed", "--version"]) assert.include(stdout, option)
    assert.include(stdout, "listening on http://HOST:PORT")
  })

  it("--version: the package's version, exit 0", async () => {
    const { code, stdout } = await runCli(["--version"])
    assert.strictEqual(code, 0)
    assert.strictEqual(stdout.trim(), packageVersion)
  })

  it("a port out of range: exit 2, the reason and the usage line on stderr", async () => {
    const { code, stderr, stdout } = await runCli(["--port", "70000"])
    assert.strictEqual(code, 2)
    assert.strictEqual(stdout, "")
    assert.include(stderr, "--port must be 0..65535, got 70000")
    assert.include(stderr, "usage: clerk-fake")
  })

  it("the version the command reports is package.json's (the build rewrites it; this keeps the source in step)", () => {
    assert.strictEqual(PACKAGE_VERSION, packageVersion)
  })

  it("rejects an unknown argument with a usage message", async () => {
    const { code, stderr } = await runCli(["--nope", "1"])
    assert.strictEqual(code, 2)
    assert.include(stderr, "usage: clerk-fake")
  })
})
