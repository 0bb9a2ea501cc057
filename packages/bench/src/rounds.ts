/**
 * The rounds every HTTP benchmark runs: warm-up, then each round every
 * contestant in turn (the order rotating per round), the first contestant the
 * baseline of each round's ratio. No import of Effect nor of the SDK: the
 * editions runner (editionsChild.ts) uses it with both editions' contestants
 * in one process. httpBench.ts re-exports it.
 *
 * @since 0.1.0
 */
import type { Contestant } from "./plainLoops.js"
import type { Summary } from "./stats.js"
import { summarize, timeAsync } from "./stats.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface HttpBenchOptions {
  readonly rounds: number
  readonly callsPerRound: number
  readonly warmupCalls: number
  readonly concurrency: number
}

/**
 * One contestant's figures: time per call in microseconds (sequential) or
 * calls per second (throughput), and the ratio to the baseline per round.
 *
 * @since 0.1.0
 * @category models
 */
export interface ContestantResult {
  readonly name: string
  readonly value: Summary
  readonly ratio: Summary
  /** Each round's figure, in round order (so that two contestants can be compared round by round). */
  readonly rounds: ReadonlyArray<number>
  /**
   * This process's CPU time (user + system) per call, in microseconds, and
   * its ratio to the baseline's per round. Context, not a target: unlike
   * wall time it does not count waiting for a core another process holds,
   * so on a shared machine it moves far less from run to run. It leaves
   * out the server (another process), and counts this process's other
   * threads (the garbage collector's helpers).
   */
  readonly cpuPerCall: Summary
  readonly cpuRatio: Summary
}

/**
 * @since 0.1.0
 * @category models
 */
export interface HttpBenchResult {
  readonly unit: string
  readonly baseline: string
  readonly results: ReadonlyArray<ContestantResult>
}

const cpuMicros = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since)
  return used.user + used.system
}

const runRounds = async (
  contestants: ReadonlyArray<Contestant>,
  options: HttpBenchOptions,
  measure: (c: Contestant) => Promise<number>,
  callsPerMeasure: number,
  higherIsBetter: boolean,
  unit: string
): Promise<HttpBenchResult> => {
  const values = contestants.map(() => [] as Array<number>)
  const ratios = contestants.map(() => [] as Array<number>)
  const cpu = contestants.map(() => [] as Array<number>)
  const cpuRatios = contestants.map(() => [] as Array<number>)
  for (let round = 0; round < options.rounds; round++) {
    const perRound = new Array<number>(contestants.length)
    const cpuPerRound = new Array<number>(contestants.length)
    for (let k = 0; k < contestants.length; k++) {
      const index = (k + round) % contestants.length
      const started = process.cpuUsage()
      perRound[index] = await measure(contestants[index]!)
      cpuPerRound[index] = cpuMicros(started) / callsPerMeasure
    }
    for (let i = 0; i < contestants.length; i++) {
      values[i]!.push(perRound[i]!)
      // The ratio reads "how much slower than the baseline": > 1 is worse either way.
      ratios[i]!.push(higherIsBetter ? perRound[0]! / perRound[i]! : perRound[i]! / perRound[0]!)
      cpu[i]!.push(cpuPerRound[i]!)
      cpuRatios[i]!.push(cpuPerRound[i]! / cpuPerRound[0]!)
    }
  }
  return {
    unit,
    baseline: contestants[0]!.name,
    results: contestants.map((c, i) => ({
      name: c.name,
      value: summarize(values[i]!),
      ratio: summarize(ratios[i]!),
      rounds: values[i]!,
      cpuPerCall: summarize(cpu[i]!),
      cpuRatio: summarize(cpuRatios[i]!)
    }))
  }
}

const warmUp = async (contestants: ReadonlyArray<Contestant>, options: HttpBenchOptions) => {
  for (const c of contestants) {
    await c.sequential(options.warmupCalls)
    await c.concurrent(options.warmupCalls, options.concurrency)
  }
}

/**
 * Sequential `get` latency, microseconds per call; the first contestant is the baseline.
 *
 * @since 0.1.0
 * @category benchmarks
 */
export const sequentialLatency = async (
  contestants: ReadonlyArray<Contestant>,
  options: HttpBenchOptions
): Promise<HttpBenchResult> => {
  await warmUp(contestants, options)
  return runRounds(
    contestants,
    options,
    async (c) => ((await timeAsync(() => c.sequential(options.callsPerRound))) * 1000) / options.callsPerRound,
    options.callsPerRound,
    false,
    "µs/call"
  )
}

/**
 * Throughput with `concurrency` calls in flight, calls per second; the first
 * contestant is the baseline. The ratio is baseline throughput / contestant
 * throughput, so <= 1 means at least as fast as the baseline.
 *
 * @since 0.1.0
 * @category benchmarks
 */
export const concurrentThroughput = async (
  contestants: ReadonlyArray<Contestant>,
  options: HttpBenchOptions
): Promise<HttpBenchResult> => {
  const calls = options.callsPerRound * 2
  return runRounds(
    contestants,
    options,
    async (c) => calls / ((await timeAsync(() => c.concurrent(calls, options.concurrency))) / 1000),
    calls,
    true,
    "calls/s"
  )
}
