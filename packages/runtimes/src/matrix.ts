/**
 * The runtime matrix (`pnpm runtimes [node|bun|deno|workerd]...`):
 * each edition's BUILT packages (run `pnpm build` first) on Node 20, Bun,
 * Deno and workerd (through miniflare), each runtime from the exact version
 * pinned in this package, against the fake's loopback server started here on
 * Node. Every runtime runs the edition's program (src/<edition>/), whose one
 * JSON line is compared with `EXPECTED_CHECKS` (src/fixtures.ts). Prints a
 * table and exits non-zero on any mismatch of a required row.
 *
 * Runs, one after the other (so the timings are each runtime's own):
 * - `node`: the machine's Node (the driver's own, see run.mjs) for the effect-3
 *   edition, Node 22 (packages/node22) for the effect-4 edition: FetchTransport,
 *   FetchHttpClient and `Clerk.transport` in one process, NodeTransport in another;
 * - `bun`, `deno`: the same two processes; NodeTransport is tried, not required
 *   (Node compatibility). Deno gets `--allow-net=127.0.0.1:PORT` and nothing else;
 * - `workerd`: a Worker bundled by esbuild (platform browser, conditions
 *   workerd/worker; no Node built-in allowed), run by miniflare: without
 *   `nodejs_compat`, configured from its `env` through `Clerk.layerEnv(env)`;
 *   WITH `nodejs_compat`, reading `process.env` through `Clerk.layerConfig()`;
 *   and without the flag reading `process.env`, which must fail with
 *   `Missing data at CLERK_SECRET_KEY` (why `Clerk.layerEnv` exists, in both
 *   editions).
 *   NodeTransport is tried (not required) in a Worker with `nodejs_compat`.
 *
 * The timeout check: before each run the driver arms a 10-second latency
 * fault on the fake for every `/v1/sessions/sess_timeout_*` path
 * (`FakeClerk.injectFault`, in this process: the fake has no HTTP route to
 * arm faults), and the program calls such a path with a 500 ms timeout.
 *
 * "in-process fake": the fake itself running inside each runtime (the
 * edition's in-process face over @clerk-effect/fake, no socket), with the
 * same checks. It is what Worker tests (Cloudflare's vitest pool, say) use.
 */
import { spawn } from "node:child_process"
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { defaultSeed, FakeClerk, FakeClerkServer, Fault } from "@clerk-effect/testing"
import * as Effect from "effect/Effect"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { Log, LogLevel, Miniflare } from "miniflare"
import { bundleForWorkers, EDITIONS, type Edition, NODE22, PACKAGE_DIR, prepareConsumer } from "./consumer.js"
import { type CheckResults, EXPECTED_CHECKS, FIXTURES, type RunReport } from "./fixtures.js"

const SECRET_KEY = "sk_test_runtime_matrix"
/** A compatibility date workerd 1.20260730 supports, after 2025-04-01 (process.env from vars with nodejs_compat). */
const COMPATIBILITY_DATE = "2026-07-01"
/** How long the fake delays the timeout check's path (the program gives up after 500 ms). */
const TIMEOUT_FAULT_SECONDS = 10
const RUNTIMES = ["node", "bun", "deno", "workerd"] as const
type RuntimeName = (typeof RUNTIMES)[number]

/** The transports of the first process; `Clerk.transport` is the runtime's own choice (layerConfig's default). */
const FETCH_GROUP = ["FetchTransport", "FetchHttpClient", "Clerk.transport"] as const
const NODE_GROUP = ["NodeTransport"] as const

type Report = RunReport & { readonly [more: string]: unknown }

/** One row of the table. */
interface Row {
  readonly edition: string
  readonly runtime: string
  readonly version: string
  readonly transport: string
  readonly passed: number
  readonly total: number
  readonly seconds: number
  readonly required: boolean
  readonly problems: ReadonlyArray<string>
}

/** What one edition's runs share. */
interface Context {
  readonly edition: Edition
  readonly dir: string
  readonly apiUrl: string
  readonly armTimeout: () => Promise<void>
  readonly notes: Array<string>
}

const fromRuntimes = createRequire(join(PACKAGE_DIR, "package.json"))
const packageDir = (name: string) => dirname(fromRuntimes.resolve(`${name}/package.json`))
const BUN = join(packageDir("bun"), "bin/bun.exe")
const DENO = join(packageDir("deno"), "deno")

// The children get no CLERK_* variable from this shell: they are configured by arguments or `env` only.
const runEnv = (): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("CLERK_"))),
  NO_COLOR: "1"
})

const run = (
  command: string,
  args: ReadonlyArray<string>,
  cwd: string = PACKAGE_DIR,
  timeoutMs = 120_000
): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: runEnv() })
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

const firstLine = async (command: string, args: ReadonlyArray<string>) =>
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

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

const compare = (actual: CheckResults, expected: CheckResults): Array<string> => [
  ...Object.entries(expected)
    .filter(([name, value]) => !same(actual[name], value))
    .map(([name, value]) => `${name}: expected ${JSON.stringify(value)}, got ${JSON.stringify(actual[name])}`),
  ...Object.keys(actual)
    .filter((name) => !(name in expected))
    .map((name) => `${name}: ${JSON.stringify(actual[name])}`)
]

const timed = async <A>(f: () => Promise<A>): Promise<readonly [A, number]> => {
  const started = performance.now()
  const value = await f()
  return [value, (performance.now() - started) / 1000] as const
}

const errorText = (error: unknown) => String(error instanceof Error ? error.message : error)

const rowsOf = (
  ctx: Context,
  runtime: string,
  report: Report,
  seconds: number,
  expected: { readonly detected: string; readonly transports: ReadonlyArray<string>; readonly required: boolean }
): Array<Row> =>
  expected.transports.map((transport) => {
    const results = report.transports[transport] ?? { missing: "the run reported nothing for this transport" }
    const problems = compare(results, EXPECTED_CHECKS)
    if (report.detected !== expected.detected) {
      problems.push(`Clerk.detectRuntime(): expected ${expected.detected}, got ${report.detected}`)
    }
    return {
      edition: ctx.edition.name,
      runtime,
      version: report.version,
      transport,
      passed: Object.keys(EXPECTED_CHECKS).filter((name) => same(results[name], EXPECTED_CHECKS[name])).length,
      total: Object.keys(EXPECTED_CHECKS).length,
      seconds,
      required: expected.required,
      problems
    }
  })

const failedRows = (
  ctx: Context,
  runtime: string,
  version: string,
  transports: ReadonlyArray<string>,
  seconds: number,
  error: unknown,
  required = true
): Array<Row> =>
  transports.map((transport) => ({
    edition: ctx.edition.name,
    runtime,
    version,
    transport,
    passed: 0,
    total: Object.keys(EXPECTED_CHECKS).length,
    seconds,
    required,
    problems: [errorText(error)]
  }))

/**
 * A command-line runtime (node, bun, deno): one process for the fetch
 * transports, one for NodeTransport (timed apart: on Deno an interrupted
 * NodeTransport request keeps its socket until the fake answers).
 */
const runCli = async (
  ctx: Context,
  runtime: "node" | "bun" | "deno",
  command: string,
  prefix: ReadonlyArray<string>,
  version: string,
  nodeTransportRequired: boolean
): Promise<Array<Row>> => {
  const rows: Array<Row> = []
  for (const transports of [FETCH_GROUP, NODE_GROUP]) {
    await ctx.armTimeout()
    const args = [...prefix, `${ctx.edition.programDir}/cli.js`, ctx.apiUrl, SECRET_KEY, transports.join(",")]
    const [result, seconds] = await timed(() => run(command, args, ctx.dir))
    const required = transports === FETCH_GROUP || nodeTransportRequired
    try {
      const report = parseReport(result.stdout, result.stderr)
      rows.push(...rowsOf(ctx, runtime, report, seconds, { detected: runtime, transports, required }))
    } catch (error) {
      rows.push(...failedRows(ctx, runtime, version, transports, seconds, error, required))
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
    // refuses any `import(variable)`, and the built Clerk.js keeps one on purpose
    // (NodeTransport, loaded on Node only); workerd itself runs it fine.
    modules: [{ type: "ESModule", path: script, contents: readFileSync(script, "utf8") }],
    // No fetch of Request.cf from workers.cloudflare.com (unreachable here): the placeholder.
    cf: false,
    compatibilityDate: COMPATIBILITY_DATE,
    compatibilityFlags: [...compatibilityFlags],
    // Plain-text variables, as `[vars]` in wrangler.toml (secrets arrive the same way).
    // Outbound fetch to 127.0.0.1 needs no option: miniflare's default outbound allows it.
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

const workerdVersion = () => {
  const miniflare = JSON.parse(readFileSync(join(packageDir("miniflare"), "package.json"), "utf8")) as {
    readonly version: string
    readonly dependencies: Record<string, string>
  }
  return `workerd ${miniflare.dependencies.workerd} (miniflare ${miniflare.version})`
}

const runWorkerd = async (ctx: Context): Promise<Array<Row>> => {
  const rows: Array<Row> = []
  const version = workerdVersion()
  const [bundle, bundleSeconds] = await timed(() =>
    bundleForWorkers(
      join(ctx.dir, ctx.edition.programDir, "worker.js"),
      join(ctx.dir, ctx.edition.programDir, "worker.bundle.js")
    )
  )
  ctx.notes.push(
    `${ctx.edition.name} workerd: Worker bundled by esbuild in ${bundleSeconds.toFixed(1)} s, ` +
      `${(bundle.bytes / 1024).toFixed(0)} KiB, Node built-ins imported: ` +
      (bundle.nodeImports.length === 0 ? "none" : bundle.nodeImports.join(", "))
  )
  if (bundle.nodeImports.length > 0) {
    return failedRows(ctx, "workerd", version, FETCH_GROUP, bundleSeconds, `the Worker imports ${bundle.nodeImports}`)
  }
  const variants = [
    { runtime: `workerd (env, ${ctx.edition.envConfig})`, flags: [], query: "env", detected: "other" },
    // With nodejs_compat, workerd has process.versions.node: Clerk.detectRuntime() answers "node",
    // and Clerk.transport tries NodeTransport (not in the bundle) before falling back to FetchTransport.
    { runtime: "workerd (nodejs_compat, process.env)", flags: ["nodejs_compat"], query: "process", detected: "node" }
  ] as const
  for (const variant of variants) {
    await ctx.armTimeout()
    const [outcome, seconds] = await timed(() =>
      miniflareRun(bundle.outfile, variant.flags, variant.query, ctx.apiUrl).then(
        (report) => ({ report }) as const,
        (error: unknown) => ({ error }) as const
      )
    )
    if ("error" in outcome) {
      rows.push(...failedRows(ctx, variant.runtime, version, FETCH_GROUP, seconds, outcome.error))
      continue
    }
    const report = { ...outcome.report, version }
    rows.push(
      ...rowsOf(ctx, variant.runtime, report, seconds, {
        detected: variant.detected,
        transports: FETCH_GROUP,
        required: true
      })
    )
    if (outcome.report.processEnv !== (variant.query === "process")) {
      const text = `process.env has CLERK_SECRET_KEY: ${String(outcome.report.processEnv)}`
      rows.push(...failedRows(ctx, variant.runtime, version, ["process.env"], 0, text))
    }
  }
  // NodeTransport on workerd's own node:http (nodejs_compat): tried, not required.
  await ctx.armTimeout()
  const nodeRuntime = "workerd (nodejs_compat, env)"
  const [nodeOutcome, nodeSeconds] = await timed(async () => {
    try {
      const nodeBundle = await bundleForWorkers(
        join(ctx.dir, ctx.edition.programDir, "worker-node.js"),
        join(ctx.dir, ctx.edition.programDir, "worker-node.bundle.js"),
        { nodeBuiltins: "leave to the runtime" }
      )
      return { report: await miniflareRun(nodeBundle.outfile, ["nodejs_compat"], "env", ctx.apiUrl) } as const
    } catch (error) {
      return { error } as const
    }
  })
  rows.push(
    ...("error" in nodeOutcome
      ? failedRows(ctx, nodeRuntime, version, NODE_GROUP, nodeSeconds, nodeOutcome.error, false)
      : rowsOf(ctx, nodeRuntime, { ...nodeOutcome.report, version }, nodeSeconds, {
          detected: "node",
          transports: NODE_GROUP,
          required: false
        }))
  )
  // The reason Clerk.layerEnv exists: without the flag, layerConfig() cannot read process.env.
  const [negative, seconds] = await timed(() =>
    miniflareRun(bundle.outfile, [], "process", ctx.apiUrl).catch(
      (error: unknown): Pick<Report, "transports"> => ({ transports: { error: { unexpected: errorText(error) } } })
    )
  )
  const answers = FETCH_GROUP.map((transport) => JSON.stringify(negative.transports[transport] ?? negative.transports))
  // The answers are JSON: the message is looked for as JSON writes it (its quotes escaped).
  const ok = answers.every((text) => text.includes(JSON.stringify(ctx.edition.missingConfigMessage).slice(1, -1)))
  rows.push({
    edition: ctx.edition.name,
    runtime: "workerd (no flag, process.env)",
    version,
    transport: "layerConfig() fails",
    passed: ok ? 1 : 0,
    total: 1,
    seconds,
    required: true,
    problems: ok ? [] : [`expected "${ctx.edition.missingConfigMessage}", got ${answers.join(" / ")}`]
  })
  return rows
}

const runtimeRows = async (ctx: Context, name: RuntimeName): Promise<Array<Row>> => {
  switch (name) {
    case "node":
      return ctx.edition.node === "node22"
        ? runCli(ctx, "node", NODE22, [], (await firstLine(NODE22, ["--version"])).replace(/^v/, ""), true)
        : runCli(ctx, "node", process.execPath, [], process.versions.node, true)
    case "bun":
      return runCli(ctx, "bun", BUN, [], await firstLine(BUN, ["--version"]), false)
    case "deno": {
      const version = (await firstLine(DENO, ["--version"])).replace(/^deno /, "").split(" ")[0] ?? "?"
      const prefix = ["run", "--no-prompt", `--allow-net=${new URL(ctx.apiUrl).host}`]
      return runCli(ctx, "deno", DENO, prefix, version, false)
    }
    case "workerd":
      return runWorkerd(ctx)
  }
}

/** The in-process fake check, on one runtime. */
const inProcessRows = async (ctx: Context, name: RuntimeName): Promise<Array<Row>> => {
  const runtime = `${name} (in-process fake)`
  const transports = ["in-process fake"]
  const expected = { transports, required: true }
  if (name === "workerd") {
    const [outcome, seconds] = await timed(async () => {
      try {
        const bundle = await bundleForWorkers(
          join(ctx.dir, ctx.edition.programDir, "worker-inprocess.js"),
          join(ctx.dir, ctx.edition.programDir, "worker-inprocess.bundle.js")
        )
        if (bundle.nodeImports.length > 0) throw new Error(`the bundle imports ${bundle.nodeImports.join(", ")}`)
        return { report: await miniflareRun(bundle.outfile, [], "inprocess", "") } as const
      } catch (error) {
        return { error } as const
      }
    })
    return "error" in outcome
      ? failedRows(ctx, runtime, workerdVersion(), transports, seconds, outcome.error)
      : rowsOf(ctx, runtime, outcome.report, seconds, { ...expected, detected: "other" })
  }
  const node = ctx.edition.node === "node22" ? NODE22 : process.execPath
  const command = name === "node" ? node : name === "bun" ? BUN : DENO
  const entry = `${ctx.edition.programDir}/inprocess-cli.js`
  const args = name === "deno" ? ["run", "--no-prompt", entry] : [entry]
  const [result, seconds] = await timed(() => run(command, args, ctx.dir))
  try {
    return rowsOf(ctx, runtime, parseReport(result.stdout, result.stderr), seconds, { ...expected, detected: name })
  } catch (error) {
    return failedRows(ctx, runtime, "?", transports, seconds, error)
  }
}

const printTable = (rows: ReadonlyArray<Row>) => {
  const header = ["edition", "runtime", "version", "transport", "checks passed", "seconds"]
  const lines = rows.map((row) => [
    row.edition,
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

const main = async () => {
  const args = process.argv.slice(2)
  const names = args
  const unknown = names.filter((arg) => !(RUNTIMES as ReadonlyArray<string>).includes(arg))
  if (unknown.length > 0) {
    console.error(`unknown argument(s): ${unknown.join(" ")}`)
    console.error(`usage: pnpm runtimes [${RUNTIMES.join("|")}]...`)
    process.exit(2)
  }
  const selected = names.length === 0 ? RUNTIMES : RUNTIMES.filter((name) => names.includes(name))

  const fake = ManagedRuntime.make(FakeClerk.layerServer({ ...defaultSeed(Date.now()), secretKey: SECRET_KEY }))
  const rows: Array<Row> = []
  const notes: Array<string> = []
  try {
    const { url: apiUrl } = await fake.runPromise(FakeClerkServer)
    const armTimeout = () =>
      fake.runPromise(
        Effect.zipRight(
          FakeClerk.clearFaults,
          FakeClerk.injectFault(Fault.latency(`${TIMEOUT_FAULT_SECONDS} seconds`), {
            path: new RegExp(`^/v1/sessions/${FIXTURES.timeoutPrefix}`),
            times: 100
          })
        )
      )
    for (const edition of EDITIONS) {
      const [dir, prepareSeconds] = await timed(() => prepareConsumer(edition, { withFake: true }))
      notes.push(
        `${edition.name}: consumer folder (packed packages, program transpiled) in ${prepareSeconds.toFixed(1)} s`
      )
      const ctx: Context = { edition, dir, apiUrl, armTimeout, notes }
      for (const name of selected) rows.push(...(await runtimeRows(ctx, name)))
      for (const name of selected) {
        await armTimeout()
        rows.push(...(await inProcessRows(ctx, name)))
      }
    }
  } finally {
    await fake.dispose()
  }

  printTable(rows)
  for (const note of notes) console.log(`- ${note}`)
  const failures = rows.filter((row) => row.problems.length > 0)
  for (const row of failures) {
    console.log(`\n${row.required ? "FAIL" : "note (not required)"}: ${row.edition} ${row.runtime} / ${row.transport}`)
    for (const problem of row.problems) console.log(`  ${problem}`)
  }
  if (failures.some((row) => row.required)) {
    console.error("\nruntime matrix: mismatches (see above)")
    process.exit(1)
  }
  console.log("\nruntime matrix: every required check passed")
}

await main()
