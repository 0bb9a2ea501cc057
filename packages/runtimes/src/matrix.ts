/**
 * The runtime matrix (`pnpm runtimes [bun|deno|workerd|node] [--in-process-fake]`):
 * the BUILT `@clerk-effect/backend` (run `pnpm build` first) on Bun, Deno,
 * workerd (through miniflare) and Node 20, each from the exact versions
 * pinned in this package, against the fake's loopback server started here on
 * Node. Every runtime runs the same program (program.ts); its one JSON line is
 * compared with `EXPECTED_CHECKS`. Prints a table and exits non-zero on any
 * mismatch.
 *
 * Runs (sequential, so the timings are each runtime's own):
 * - `node`: plain `node` (this process's), FetchTransport, FetchHttpClient and NodeTransport;
 * - `bun`: the same three;
 * - `deno`: the same three, with `--allow-net=127.0.0.1:PORT` only (NodeTransport
 *   with the same flags: Node compatibility without any more permission);
 * - `workerd`: a Worker bundled by esbuild (no `node:` import allowed), run by
 *   miniflare without `nodejs_compat`, configured from its `env` through
 *   `Clerk.layerEnv(env)`; the same Worker without the flag reading
 *   `process.env` (must fail with `Missing data at CLERK_SECRET_KEY`, the
 *   reason `layerEnv` exists); and WITH `nodejs_compat`, reading `process.env`
 *   through `Clerk.layerConfig()`.
 *
 * The timeout check: before each run the driver arms a 10-second latency
 * fault on the fake for every `/v1/sessions/sess_timeout_*` path
 * (`FakeClerk.injectFault`, in this process: the fake has no HTTP route to
 * arm faults), and the program calls it with a 500 ms timeout.
 *
 * "in-process fake" is a separate check: the fake itself running inside each
 * runtime. It needs `@clerk-effect/testing`'s main entry to load outside
 * Node; without `--in-process-fake` the driver only bundles that entry for
 * workerd and reports whether it loads (it does not, today).
 */
import { spawn } from "node:child_process"
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { defaultSeed, FakeClerk, FakeClerkServer, Fault } from "@clerk-effect/testing"
import * as Effect from "effect/Effect"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { Log, LogLevel, Miniflare } from "miniflare"
import { bundleForWorkers, CONSUMER_DIR, PACKAGE_DIR, prepareConsumer, ROOT } from "./consumer.js"
import { FIXTURES } from "./program.js"

const SECRET_KEY = "sk_test_runtime_matrix"
/** A compatibility date workerd 1.20260730 supports, after 2025-04-01 (process.env from vars with nodejs_compat). */
const COMPATIBILITY_DATE = "2026-07-01"
/** How long the fake delays the timeout check's path (the program gives up after 500 ms). */
const TIMEOUT_FAULT_SECONDS = 10
const RUNTIMES = ["node", "bun", "deno", "workerd"] as const
type RuntimeName = (typeof RUNTIMES)[number]

/** What every transport's checks must answer, on every runtime. */
export const EXPECTED_CHECKS: Record<string, unknown> = {
  list: { totalCount: 2, ids: ["sess_demo_alice_laptop", "sess_demo_alice_phone"] },
  get: { id: FIXTURES.getSession, userId: FIXTURES.listUser, status: "active" },
  create: { userId: FIXTURES.createUser, status: "active", idIsSession: true },
  createToken: { parts: 3, sidMatches: true },
  createTokenFromTemplate: { parts: 3, role: "user", user: FIXTURES.createUser },
  verifyJwks: { sidMatches: true, sub: FIXTURES.createUser },
  verifyPem: { sidMatches: true, sub: FIXTURES.createUser },
  revoke: { sameId: true, status: "revoked" },
  notFound: { _tag: "ClerkErrors", status: 404, codes: ["resource_not_found"] },
  timeout: { _tag: "SDKError", reason: "Timeout", withinFiveSeconds: true }
}

interface Report {
  readonly runtime: string
  readonly version: string
  readonly detected: string
  readonly transports: Record<string, Record<string, unknown>>
  readonly [more: string]: unknown
}

/** One row of the table. */
interface Row {
  readonly runtime: string
  readonly version: string
  readonly transport: string
  readonly passed: number
  readonly total: number
  readonly seconds: number
  readonly required: boolean
  readonly problems: ReadonlyArray<string>
}

const fromRuntimes = createRequire(join(PACKAGE_DIR, "package.json"))
const packageDir = (name: string) => dirname(fromRuntimes.resolve(`${name}/package.json`))
const BUN = join(packageDir("bun"), "bin/bun.exe")
const DENO = join(packageDir("deno"), "deno")

const run = (
  command: string,
  args: ReadonlyArray<string>,
  timeoutMs = 120_000
): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: CONSUMER_DIR, stdio: ["ignore", "pipe", "pipe"], env: runEnv() })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk) => {
      stdout += chunk
    })
    child.stderr.on("data", (chunk) => {
      stderr += chunk
    })
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs)
    child.on("error", reject)
    child.on("close", (code) => {
      clearTimeout(timer)
      resolvePromise({ code, stdout, stderr })
    })
  })

// The children get no CLERK_* variable from this shell: they are configured by arguments or `env` only.
const runEnv = (): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("CLERK_"))),
  NO_COLOR: "1"
})

const version = async (command: string, args: ReadonlyArray<string>) =>
  (await run(command, args)).stdout.trim().split("\n")[0] ?? "?"

const parseReport = (stdout: string, stderr: string): Report => {
  const line = stdout.trim().split("\n").at(-1) ?? ""
  try {
    return JSON.parse(line) as Report
  } catch {
    const firstLines = (text: string) => text.trim().split("\n").slice(0, 4).join(" | ").slice(0, 900)
    throw new Error(`no JSON report; stderr: ${firstLines(stderr)}; stdout: ${firstLines(stdout)}`)
  }
}

const compare = (actual: Record<string, unknown>, expected: Record<string, unknown>): Array<string> => {
  const problems: Array<string> = []
  for (const [name, value] of Object.entries(expected)) {
    const got = JSON.stringify(actual[name])
    if (got !== JSON.stringify(value)) problems.push(`${name}: expected ${JSON.stringify(value)}, got ${got}`)
  }
  for (const name of Object.keys(actual))
    if (!(name in expected)) problems.push(`${name}: ${JSON.stringify(actual[name])}`)
  return problems
}

const rowsOf = (
  label: string,
  report: Report,
  seconds: number,
  expected: {
    readonly detected: string
    readonly checks: Record<string, unknown>
    readonly transports: ReadonlyArray<string>
  },
  optional: ReadonlyArray<string> = []
): Array<Row> =>
  expected.transports.map((transport) => {
    const results = report.transports[transport] ?? { missing: "the run reported nothing for this transport" }
    const problems = compare(results, expected.checks)
    if (report.detected !== expected.detected) {
      problems.push(`Clerk.detectRuntime(): expected ${expected.detected}, got ${report.detected}`)
    }
    const total = Object.keys(expected.checks).length
    const passed = Object.keys(expected.checks).filter(
      (name) => JSON.stringify(results[name]) === JSON.stringify(expected.checks[name])
    ).length
    return {
      runtime: label,
      version: report.version,
      transport,
      passed,
      total,
      seconds,
      required: !optional.includes(transport),
      problems
    }
  })

const failedRows = (
  label: string,
  versionText: string,
  transports: ReadonlyArray<string>,
  seconds: number,
  error: unknown
) =>
  transports.map(
    (transport): Row => ({
      runtime: label,
      version: versionText,
      transport,
      passed: 0,
      total: Object.keys(EXPECTED_CHECKS).length,
      seconds,
      required: true,
      problems: [String(error instanceof Error ? error.message : error)]
    })
  )

const timed = async <A>(f: () => Promise<A>): Promise<readonly [A, number]> => {
  const started = performance.now()
  const value = await f()
  return [value, (performance.now() - started) / 1000] as const
}

/** The runtime's own choice (`Clerk.layerConfig()`'s default): NodeTransport on Node, FetchTransport elsewhere. */
const FETCH_ONLY = ["FetchTransport", "FetchHttpClient", "Clerk.transport"] as const

/**
 * A command-line runtime (node, bun, deno): one process for the fetch
 * transports, one for NodeTransport (timed apart: on Deno an interrupted
 * NodeTransport request keeps its socket until the fake answers).
 */
const runCli = async (
  label: string,
  command: string,
  prefix: ReadonlyArray<string>,
  cliArgs: ReadonlyArray<string>,
  versionText: string,
  nodeTransportRequired: boolean
): Promise<Array<Row>> => {
  const rows: Array<Row> = []
  for (const transports of [FETCH_ONLY, ["NodeTransport"] as const]) {
    const [result, seconds] = await timed(() => run(command, [...prefix, ...cliArgs, transports.join(",")]))
    const optional = transports.includes("NodeTransport" as never) && !nodeTransportRequired ? ["NodeTransport"] : []
    try {
      const report = parseReport(result.stdout, result.stderr)
      rows.push(...rowsOf(label, report, seconds, { detected: label, checks: EXPECTED_CHECKS, transports }, optional))
    } catch (error) {
      rows.push(
        ...failedRows(label, versionText, transports, seconds, error).map((row) => ({
          ...row,
          required: optional.length === 0
        }))
      )
    }
  }
  return rows
}

const miniflareRun = async (
  script: string,
  compatibilityFlags: ReadonlyArray<string>,
  query: string,
  apiUrl: string
): Promise<Report> => {
  const mf = new Miniflare({
    // The module is listed, not located: miniflare's module locator (`modules: true`)
    // refuses any `import(variable)`, and the built Clerk.ts keeps one on purpose
    // (NodeTransport, loaded on Node only); workerd itself runs it fine.
    modules: [{ type: "ESModule", path: script, contents: readFileSync(script, "utf8") }],
    // No fetch of Request.cf from workers.cloudflare.com (unreachable here): the placeholder.
    cf: false,
    compatibilityDate: COMPATIBILITY_DATE,
    compatibilityFlags: [...compatibilityFlags],
    // Plain-text variables, as `[vars]` in wrangler.toml (secrets arrive the same way).
    bindings: { CLERK_SECRET_KEY: SECRET_KEY, CLERK_API_URL: apiUrl },
    log: new Log(LogLevel.WARN)
  })
  try {
    const response = await mf.dispatchFetch(`http://worker.test/?config=${query}`)
    const text = await response.text()
    if (response.status !== 200) throw new Error(`the Worker answered ${response.status}: ${text.slice(0, 1500)}`)
    return JSON.parse(text) as Report
  } finally {
    await mf.dispose()
  }
}

const main = async () => {
  const args = process.argv.slice(2)
  const inProcessFake = args.includes("--in-process-fake")
  const unknown = args.filter(
    (arg) => arg !== "--in-process-fake" && !(RUNTIMES as ReadonlyArray<string>).includes(arg)
  )
  if (unknown.length > 0) {
    console.error(
      `unknown argument(s): ${unknown.join(" ")}\nusage: pnpm runtimes [${RUNTIMES.join("|")}]... [--in-process-fake]`
    )
    process.exit(2)
  }
  const selected: ReadonlyArray<RuntimeName> =
    args.length === 0 || args.every((arg) => arg === "--in-process-fake")
      ? RUNTIMES
      : RUNTIMES.filter((name) => args.includes(name))

  const [, prepareSeconds] = await timed(async () => {
    await prepareConsumer()
    if (inProcessFake) installTesting()
  })

  const fakeRuntime = ManagedRuntime.make(FakeClerk.layerServer({ ...defaultSeed(Date.now()), secretKey: SECRET_KEY }))
  const rows: Array<Row> = []
  const notes: Array<string> = [`consumer folder (packed packages, program transpiled): ${prepareSeconds.toFixed(1)} s`]
  try {
    const server = await fakeRuntime.runPromise(FakeClerkServer)
    const apiUrl = server.url
    const armTimeout = () =>
      fakeRuntime.runPromise(
        Effect.zipRight(
          FakeClerk.clearFaults,
          FakeClerk.injectFault(Fault.latency(`${TIMEOUT_FAULT_SECONDS} seconds`), {
            path: new RegExp(`^/v1/sessions/${FIXTURES.timeoutPrefix}`),
            times: 100
          })
        )
      )
    const cliArgs = ["cli.js", apiUrl, SECRET_KEY]

    for (const name of selected) {
      await armTimeout()
      switch (name) {
        case "node":
          rows.push(...(await runCli("node", process.execPath, [], cliArgs, process.versions.node, true)))
          break
        case "bun": {
          const bunVersion = await version(BUN, ["--version"])
          rows.push(...(await runCli("bun", BUN, [], cliArgs, bunVersion, false)))
          break
        }
        case "deno": {
          const denoVersion = (await version(DENO, ["--version"])).replace(/^deno /, "").split(" ")[0] ?? "?"
          const host = new URL(apiUrl).host
          rows.push(
            ...(await runCli("deno", DENO, ["run", "--no-prompt", `--allow-net=${host}`], cliArgs, denoVersion, false))
          )
          break
        }
        case "workerd":
          rows.push(...(await runWorkerd(apiUrl, armTimeout, notes)))
          break
      }
    }

    notes.push(await inProcessCheck(inProcessFake, selected, rows, armTimeout))
  } finally {
    await fakeRuntime.dispose()
  }

  printTable(rows)
  for (const note of notes) console.log(`- ${note}`)
  const failures = rows.filter((row) => row.problems.length > 0)
  for (const row of failures) {
    console.log(`\n${row.required ? "FAIL" : "note (not required)"}: ${row.runtime} / ${row.transport}`)
    for (const problem of row.problems) console.log(`  ${problem}`)
  }
  if (failures.some((row) => row.required)) {
    console.error("\nruntime matrix: mismatches (see above)")
    process.exit(1)
  }
  console.log("\nruntime matrix: every required check passed")
}

const runWorkerd = async (
  apiUrl: string,
  armTimeout: () => Promise<void>,
  notes: Array<string>
): Promise<Array<Row>> => {
  const rows: Array<Row> = []
  const miniflare = JSON.parse(readFileSync(join(packageDir("miniflare"), "package.json"), "utf8")) as {
    readonly version: string
    readonly dependencies: Record<string, string>
  }
  const workerdVersion = `workerd ${miniflare.dependencies.workerd} (miniflare ${miniflare.version})`
  const [bundle, bundleSeconds] = await timed(() =>
    bundleForWorkers(join(CONSUMER_DIR, "worker.js"), join(CONSUMER_DIR, "worker.bundle.js"))
  )
  notes.push(
    `workerd: Worker bundled by esbuild in ${bundleSeconds.toFixed(1)} s, ${(bundle.bytes / 1024).toFixed(0)} KiB, ` +
      `Node built-ins imported: ${bundle.nodeImports.length === 0 ? "none" : bundle.nodeImports.join(", ")}`
  )
  if (bundle.nodeImports.length > 0) {
    return failedRows(
      "workerd",
      workerdVersion,
      FETCH_ONLY,
      bundleSeconds,
      `the Worker bundle imports ${bundle.nodeImports.join(", ")}`
    )
  }
  const variants = [
    { label: "workerd (env, Clerk.layerEnv)", flags: [], query: "env", detected: "other" },
    // With nodejs_compat, workerd has process.versions.node: Clerk.detectRuntime() answers "node",
    // and Clerk.transport tries NodeTransport (not in the bundle) before falling back to FetchTransport.
    { label: "workerd (nodejs_compat, process.env)", flags: ["nodejs_compat"], query: "process", detected: "node" }
  ] as const
  for (const variant of variants) {
    await armTimeout()
    const [outcome, seconds] = await timed(() =>
      miniflareRun(bundle.outfile, variant.flags, variant.query, apiUrl).then(
        (report) => ({ report }) as const,
        (error: unknown) => ({ error }) as const
      )
    )
    if ("error" in outcome) {
      rows.push(...failedRows(variant.label, workerdVersion, FETCH_ONLY, seconds, outcome.error))
      continue
    }
    const report = { ...outcome.report, version: workerdVersion }
    rows.push(
      ...rowsOf(variant.label, report, seconds, {
        detected: variant.detected,
        checks: EXPECTED_CHECKS,
        transports: FETCH_ONLY
      })
    )
    if (outcome.report.processEnv !== (variant.query === "process")) {
      rows.push(
        ...failedRows(
          variant.label,
          workerdVersion,
          ["process.env"],
          0,
          `process.env has CLERK_SECRET_KEY: ${String(outcome.report.processEnv)}`
        )
      )
    }
  }
  // The reason Clerk.layerEnv exists: without the flag, layerConfig() cannot read process.env.
  const [negative, seconds] = await timed(() =>
    miniflareRun(bundle.outfile, [], "process", apiUrl).catch(
      (error: unknown): Pick<Report, "transports"> => ({ transports: { error: { unexpected: String(error) } } })
    )
  )
  const missing = FETCH_ONLY.map((transport) => JSON.stringify(negative.transports[transport] ?? negative.transports))
  const ok = missing.every((text) => text.includes("Missing data at CLERK_SECRET_KEY"))
  rows.push({
    runtime: "workerd (no flag, process.env)",
    version: workerdVersion,
    transport: "layerConfig() must fail",
    passed: ok ? 1 : 0,
    total: 1,
    seconds,
    required: true,
    problems: ok ? [] : [`expected "Missing data at CLERK_SECRET_KEY", got ${missing.join(" / ")}`]
  })
  return rows
}

/** Adds the built `@clerk-effect/testing` and its dependencies to the consumer folder. */
const installTesting = () => {
  const source = join(ROOT, "packages/testing")
  const target = join(CONSUMER_DIR, "node_modules/@clerk-effect/testing")
  mkdirSync(target, { recursive: true })
  cpSync(join(source, "dist"), join(target, "dist"), { recursive: true })
  const manifest = JSON.parse(readFileSync(join(source, "package.json"), "utf8")) as {
    publishConfig: Record<string, unknown>
    dependencies: Record<string, string>
    peerDependencies: Record<string, string>
  }
  writeFileSync(
    join(target, "package.json"),
    JSON.stringify({ ...manifest, ...manifest.publishConfig, publishConfig: undefined, devDependencies: undefined })
  )
  const fromTesting = createRequire(join(source, "package.json"))
  for (const name of [...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies)]) {
    const linked = join(CONSUMER_DIR, "node_modules", name)
    if (existsSync(linked) || name.startsWith("@clerk-effect/")) continue
    mkdirSync(dirname(linked), { recursive: true })
    symlinkSync(dirname(realpathSync(fromTesting.resolve(`${name}/package.json`))), linked, "dir")
  }
}

/**
 * The separate "in-process fake" check. Off: bundles the testing package's
 * main entry for workerd and reports whether it loads. On: runs inprocess.ts
 * on every selected runtime.
 */
const inProcessCheck = async (
  enabled: boolean,
  selected: ReadonlyArray<RuntimeName>,
  rows: Array<Row>,
  armTimeout: () => Promise<void>
): Promise<string> => {
  if (!enabled) {
    const probeDir = join(PACKAGE_DIR, ".consumer-probe")
    // The built main entry when there is one (what a user imports), else the source.
    const built = join(ROOT, "packages/testing/dist/esm/index.js")
    const entry = existsSync(built) ? built : join(ROOT, "packages/testing/src/index.ts")
    try {
      const bundle = await bundleForWorkers(entry, join(probeDir, "testing.bundle.js"))
      return bundle.nodeImports.length === 0
        ? "in-process fake: NOT RUN; @clerk-effect/testing's main entry now bundles for workerd without Node built-ins: enable it with --in-process-fake"
        : `in-process fake: NOT RUN (enable with --in-process-fake once it loads); @clerk-effect/testing's main entry still imports ${bundle.nodeImports.join(", ")}`
    } catch (error) {
      const errors = (error as { readonly errors?: ReadonlyArray<{ readonly text: string }> }).errors ?? []
      const texts = [...new Set(errors.map((e) => e.text))]
      const first =
        errors.length > 0
          ? `${errors.length} errors, e.g. ${texts.slice(0, 3).join("; ")}`
          : String(error instanceof Error ? error.message : error).split("\n")[0]
      return `in-process fake: NOT RUN (enable with --in-process-fake once it loads); bundling @clerk-effect/testing for workerd fails: ${first}`
    }
  }
  for (const name of selected) {
    await armTimeout()
    const transports = ["in-process fake"]
    const expected = { checks: EXPECTED_CHECKS, transports }
    switch (name) {
      case "node":
      case "bun":
      case "deno": {
        const command = name === "node" ? process.execPath : name === "bun" ? BUN : DENO
        const args = name === "deno" ? ["run", "--no-prompt", "inprocess-cli.js"] : ["inprocess-cli.js"]
        const [result, seconds] = await timed(() => run(command, args))
        try {
          rows.push(
            ...rowsOf(`${name} (in-process fake)`, parseReport(result.stdout, result.stderr), seconds, {
              ...expected,
              detected: name
            })
          )
        } catch (error) {
          rows.push(...failedRows(`${name} (in-process fake)`, "?", transports, seconds, error))
        }
        break
      }
      case "workerd": {
        const [outcome, seconds] = await timed(async () => {
          try {
            const bundle = await bundleForWorkers(
              join(CONSUMER_DIR, "worker-inprocess.js"),
              join(CONSUMER_DIR, "worker-inprocess.bundle.js")
            )
            if (bundle.nodeImports.length > 0) throw new Error(`the bundle imports ${bundle.nodeImports.join(", ")}`)
            return { report: await miniflareRun(bundle.outfile, [], "inprocess", "") } as const
          } catch (error) {
            return { error } as const
          }
        })
        if ("error" in outcome)
          rows.push(...failedRows("workerd (in-process fake)", "?", transports, seconds, outcome.error))
        else
          rows.push(...rowsOf("workerd (in-process fake)", outcome.report, seconds, { ...expected, detected: "other" }))
        break
      }
    }
  }
  return "in-process fake: run on every selected runtime (--in-process-fake)"
}

const printTable = (rows: ReadonlyArray<Row>) => {
  const header = ["runtime", "version", "transport", "checks passed", "seconds"]
  const lines = rows.map((row) => [
    row.runtime,
    row.version,
    row.transport + (row.required ? "" : " (tried, not required)"),
    `${row.passed}/${row.total}${row.problems.length > 0 ? " FAIL" : ""}`,
    row.seconds.toFixed(1)
  ])
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i]!.length)))
  const format = (cells: ReadonlyArray<string>) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(" | ")} |`
  console.log(format(header))
  console.log(`|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`)
  for (const line of lines) console.log(format(line))
}

await main()
