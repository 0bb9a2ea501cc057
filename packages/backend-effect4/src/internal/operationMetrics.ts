/**
 * What is recorded of each operation: its span's attributes (when a span is
 * open) and the three metrics of `ClerkMetrics`, in one step at its end.
 *
 * @internal
 */
import * as Cause from "effect/Cause"
import type * as Context from "effect/Context"
import * as Exit from "effect/Exit"
import * as Metric from "effect/Metric"
import * as Option from "effect/Option"
import type * as Tracer from "effect/Tracer"
import * as ClerkMetrics from "../ClerkMetrics.js"
import type { ClerkError } from "../Errors.js"

type Recorder = Metric.Metric<number, unknown>

// Each (operation, outcome) is given its attributes once: `withAttributes`
// builds a new metric on every call otherwise.
const byKey = new Map<string, Recorder>()
const attributed = (metric: Recorder, name: string, attributes: Record<string, string>): Recorder => {
  const key = `${name}\u0000${Object.values(attributes).join("\u0000")}`
  let recorder = byKey.get(key)
  if (recorder === undefined) {
    recorder = Metric.withAttributes(metric, attributes)
    byKey.set(key, recorder)
  }
  return recorder
}

/**
 * The `outcome` attribute of an operation's end: `success`, `ClerkErrors`,
 * `SDKError.<reason>`, or `interrupted_or_defect`.
 * @internal
 */
export const outcomeOf = (exit: Exit.Exit<unknown, ClerkError>): string => {
  if (Exit.isSuccess(exit)) return "success"
  const failure = Cause.findErrorOption(exit.cause)
  if (Option.isNone(failure)) return "interrupted_or_defect"
  return failure.value._tag === "ClerkErrors" ? "ClerkErrors" : `SDKError.${failure.value.reason}`
}

/**
 * One ended operation.
 * @internal
 */
export interface Ended {
  readonly operation: string
  readonly exit: Exit.Exit<unknown, ClerkError>
  readonly attempts: number
  readonly millis: number
  readonly context: Context.Context<never>
  readonly span: Tracer.Span | undefined
}

/**
 * Records an ended operation, synchronously: the fiber's context carries
 * the metric registry and any `Metric.CurrentMetricAttributes`.
 * @internal
 */
export const recordOperation = ({ attempts, context, exit, millis, operation, span }: Ended): void => {
  const outcome = outcomeOf(exit)
  if (span !== undefined) {
    span.attribute("clerk.operation", operation)
    span.attribute("clerk.attempts", attempts)
    const failure = Exit.isFailure(exit) ? Cause.findErrorOption(exit.cause) : Option.none()
    if (Option.isSome(failure)) {
      span.attribute("clerk.error", outcome)
      if (failure.value._tag === "ClerkErrors" && failure.value.clerkTraceId !== undefined) {
        span.attribute("clerk.trace_id", failure.value.clerkTraceId)
      }
    }
  }
  attributed(ClerkMetrics.requests, "requests", { operation, outcome }).updateUnsafe(1, context)
  attributed(ClerkMetrics.duration, "duration", { operation }).updateUnsafe(millis, context)
  if (attempts > 1) attributed(ClerkMetrics.retries, "retries", { operation }).updateUnsafe(attempts - 1, context)
}
