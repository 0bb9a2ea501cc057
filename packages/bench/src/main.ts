/**
 * `pnpm bench`: every benchmark of issue 7 and the editions benchmark (8) of issue 16, a table on stdout (targets with
 * PASS/MISS next to each figure) and the full results as JSON.
 *
 * Flags: `--quick` (few rounds, small stream sizes: a CI smoke run),
 * `--out <file>` (JSON path; default `bench-results/bench-<timestamp>.json`),
 * `--only <list>` (comma-separated among `get,throughput,decode,stream,bundle,tokens,transports,editions,alloc`),
 * `--transports` (benchmark 7 alone, the same as `--only transports`: the
 * built package under plain `node`, one transport per process, against its
 * floor; runs `pnpm build` first when `packages/backend/dist` is missing or
 * older than `src`),
 * `--editions` (benchmark 8 alone, the same as `--only editions`: both
 * editions' built packages, `Sessions.get` on `NodeTransport` each, in one
 * process under Node 22, interleaved with the plain `fetch` floor of
 * benchmark 7; builds a missing or stale dist first, as `--transports` does),
 * `alloc` (benchmark 9: bytes allocated and CPU per `Sessions.get` of the
 * built package next to benchmark 7's floors, with no socket, under Node 22;
 * see allocBench.ts),
 * `--markdown` (also print the table as Markdown),
 * `--contestants <list>` (indexes of the HTTP contestants to run, in
 * contestants.ts order; the baseline 0 always runs),
 * `--stream-server fake|canned` (who serves the `stream` benchmark; default
 * `fake`, the fake backend of `@clerk-effect/testing`),
 * `--stream-child bundled|tsx` (how the stream child runs; default `bundled`:
 * plain JavaScript bundled by esbuild; `tsx` adds tsx's loader to its memory),
 * `--stream-sizes <list>` (session counts to stream; default
 * `10000,100000`), `--stream-node-flags "<flags>"` (node flags for the stream
 * children, for diagnosis only, e.g. `--max-semi-space-size=2`).
 *
 * @since 0.1.0
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { cpus, loadavg } from "node:os"
import { dirname, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { allocBench } from "./allocBench.js"
import { bundleBench } from "./bundleBench.js"
import { startCannedServer } from "./cannedServer.js"
import { decodeBench } from "./decodeBench.js"
import { editionsBench } from "./editionsBench.js"
import { runHttpChild } from "./httpBench.js"
import { markdown, rows, table } from "./report.js"
import { streamBench } from "./streamBench.js"
import { tokensBench } from "./tokensBench.js"
import { transportsBench } from "./transportsBench.js"

const args = process.argv.slice(2)
const flag = (name: string) => args.includes(name)
const value = (name: string) => {
  const i = args.indexOf(name)
  return i === -1 ? undefined : args[i + 1]
}
const quick = flag("--quick")
const alone = [...(flag("--transports") ? ["transports"] : []), ...(flag("--editions") ? ["editions"] : [])]
const only = alone.length > 0 ? [...alone, ...(value("--only")?.split(",") ?? [])] : value("--only")?.split(",")
const wants = (part: string) => only === undefined || only.includes(part)
const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..")
const repoRoot = resolve(packageDir, "..", "..")

const settings = quick
  ? {
      http: { rounds: 3, callsPerRound: 100, warmupCalls: 100, concurrency: 32 },
      decode: { rounds: 3, iterations: 5, pagesPerRound: 2 },
      streamSizes: [1_000, 5_000],
      transports: { rounds: 3, callsPerRound: 100, warmupCalls: 200, concurrency: 32 },
      editions: { rounds: 3, callsPerRound: 100, warmupCalls: 200, concurrency: 32 },
      alloc: { calls: 300, warmupCalls: 300, repeats: 1, cpuRounds: 1 }
    }
  : {
      http: { rounds: 9, callsPerRound: 400, warmupCalls: 500, concurrency: 32 },
      decode: { rounds: 9, iterations: 30, pagesPerRound: 8 },
      streamSizes: [10_000, 100_000],
      transports: { rounds: 31, callsPerRound: 150, warmupCalls: 1500, concurrency: 32 },
      editions: { rounds: 41, callsPerRound: 200, warmupCalls: 1500, concurrency: 32 },
      alloc: { calls: 2000, warmupCalls: 5000, repeats: 3, cpuRounds: 9 }
    }

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`)

const main = async () => {
  const started = Date.now()
  const machine = { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, loadavgAtStart: loadavg() }
  const results: Record<string, unknown> = {}
  const server = await startCannedServer()
  try {
    if (wants("get") || wants("throughput")) {
      log(
        `${wants("get") ? "1. get latency, sequential" : ""}${wants("get") && wants("throughput") ? "; " : ""}${
          wants("throughput") ? "2. throughput, 32 concurrent" : ""
        } (bundled child process)`
      )
      const http = await runHttpChild(server.url, {
        options: settings.http,
        sequential: wants("get"),
        throughput: wants("throughput"),
        picked: value("--contestants")?.split(",").map(Number)
      })
      if (http.sequential !== undefined) results.sequential = http.sequential
      if (http.throughput !== undefined) results.throughput = http.throughput
    }
    if (wants("transports")) {
      log("7. transports: the built package under plain node, one transport per process, against its floor")
      results.transports = await transportsBench(repoRoot, server.url, settings.transports, log)
    }
    if (wants("editions")) {
      log("8. editions: both built editions on NodeTransport, one process under Node 22, against the plain fetch floor")
      results.editions = await editionsBench(repoRoot, server.url, settings.editions, log)
    }
    if (wants("decode")) {
      log("3. decode of a 500-session page")
      results.decode = await decodeBench(server.url, settings.decode)
    }
  } finally {
    server.close()
  }
  if (wants("stream")) {
    const streamServer = value("--stream-server") === "canned" ? "canned" : "fake"
    const streamChild = value("--stream-child") === "tsx" ? "tsx" : "bundled"
    // Smallest first: the report measures growth against the first size.
    const streamSizes = [...(value("--stream-sizes")?.split(",").map(Number) ?? settings.streamSizes)].sort(
      (a, b) => a - b
    )
    if (streamSizes.some((n) => !Number.isInteger(n) || n < 1))
      throw new Error("--stream-sizes takes positive integers")
    const streamNodeFlags =
      value("--stream-node-flags")
        ?.split(" ")
        .filter((f) => f.length > 0) ?? []
    log(
      `4. stream over ${streamSizes.join(", ")} sessions (${streamServer} server, ${streamChild} child per size${
        streamNodeFlags.length > 0 ? `, node ${streamNodeFlags.join(" ")}` : ""
      })`
    )
    results.streamServer = streamServer
    results.streamChild = streamChild
    results.streamNodeFlags = streamNodeFlags
    results.stream = await streamBench(streamSizes, streamServer, streamChild, streamNodeFlags)
  }
  if (wants("bundle")) {
    log("5. bundle weight")
    results.bundle = await bundleBench(packageDir)
  }
  if (wants("alloc")) {
    log("9. alloc: bytes and CPU per call of the built package, no socket, under Node 22")
    results.alloc = await allocBench(repoRoot, settings.alloc, log)
  }
  if (wants("tokens")) {
    log("6. token verification")
    results.tokens = await tokensBench(quick)
  }

  const tableRows = rows(results)
  // `pnpm bench` runs in packages/bench; a relative --out is relative to where the user typed it.
  const outFlag = value("--out")
  const out =
    outFlag === undefined
      ? resolve(packageDir, "bench-results", `bench-${new Date(started).toISOString().replace(/[:.]/g, "-")}.json`)
      : resolve(process.env.INIT_CWD ?? process.cwd(), outFlag)
  mkdirSync(dirname(out), { recursive: true })
  const machineAtEnd = { ...machine, loadavgAtEnd: loadavg() }
  writeFileSync(
    out,
    `${JSON.stringify({ quick, machine: machineAtEnd, settings, results, table: tableRows }, null, 2)}\n`
  )

  process.stdout.write(`\n${table(tableRows)}\n`)
  const tokens = results.tokens as Awaited<ReturnType<typeof tokensBench>> | undefined
  if (tokens !== undefined) {
    process.stdout.write(
      tokens.status === "ran"
        ? `\n6. token verification:\n${JSON.stringify(tokens.result, null, 2)}\n`
        : `\n6. token verification: SKIPPED: ${tokens.message}\n`
    )
  }
  if (flag("--markdown")) process.stdout.write(`\n${markdown(tableRows)}\n`)
  process.stdout.write(
    `\nRatios are against baselines measured in the same run (${machine.cpus} CPUs, load ${machine.loadavgAtStart.map((l) => l.toFixed(1)).join("/")} at start).` +
      `\nJSON: ${out}  (${((Date.now() - started) / 1000).toFixed(1)} s${quick ? ", --quick" : ""})\n`
  )
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
