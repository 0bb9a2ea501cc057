/**
 * Small statistics over benchmark rounds: median and spread, and a timer.
 *
 * @since 0.1.0
 */

/**
 * Median and spread of a set of samples. `spread` is (max - min) / median, so
 * a figure of 0.05 says every round landed within 5% of the median's scale.
 *
 * @since 0.1.0
 * @category models
 */
export interface Summary {
  readonly median: number
  readonly min: number
  readonly max: number
  readonly spread: number
  readonly samples: ReadonlyArray<number>
}

/**
 * @since 0.1.0
 * @category utils
 */
export const summarize = (samples: ReadonlyArray<number>): Summary => {
  const sorted = [...samples].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  const min = sorted[0]!
  const max = sorted[sorted.length - 1]!
  return { median, min, max, spread: median === 0 ? 0 : (max - min) / median, samples }
}

/**
 * Wall time of an async function, in milliseconds.
 *
 * @since 0.1.0
 * @category utils
 */
export const timeAsync = async (f: () => Promise<unknown>): Promise<number> => {
  const start = process.hrtime.bigint()
  await f()
  return Number(process.hrtime.bigint() - start) / 1e6
}

/**
 * Wall time of a synchronous function, in milliseconds.
 *
 * @since 0.1.0
 * @category utils
 */
export const timeSync = (f: () => unknown): number => {
  const start = process.hrtime.bigint()
  f()
  return Number(process.hrtime.bigint() - start) / 1e6
}
