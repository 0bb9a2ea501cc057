/**
 * What is recorded of each operation: its span's attributes (when a span is
 * open) and the three metrics of docs/tracing.md, in one synchronous
 * step at the end, so that the path every call takes pays no `Effect` per
 * attribute or metric.
 *
 * @internal
 */
import * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"
import * as FiberRef from "effect/FiberRef"
import * as Metric from "effect/Metric"
import * as MetricKey from "effect/MetricKey"
import type * as MetricKeyType from "effect/MetricKeyType"
import type * as Tracer from "effect/Tracer"
import type { ClerkError } from "../Errors.js"
import { durationKey, requestsKey, retriesKey } from "./metricKeys.js"

type Recorder = Pick<Metric.Metric<unknown, number, unknown>, "unsafeUpdate">

interface Metrics {
  readonly requests: (outcome: string) => Recorder
  readonly retries: Recorder
  readonly duration: Recorder
}

// Each metric of each (operation, outcome) is keyed once, tags included: a
// `Metric.tagged` metric builds a new key (tag array, hash, registry lookup)
// on every update, which was a few percent of a call.
const keyed = <Type extends MetricKeyType.MetricKeyType<number, unknown>>(
  key: MetricKey.MetricKey<Type>,
  operation: string,
  outcome?: string
): Recorder => {
  const byOperation = MetricKey.tagged(key, "operation", operation)
  return Metric.fromMetricKey(
    outcome === undefined ? byOperation : MetricKey.tagged(byOperation, "outcome", outcome)
  ) as Recorder
}

// Metrics live in Effect's global registry: every client of the process
// shares them, as one operation name is one series.
const byOperation = new Map<string, Metrics>()
const metricsFor = (operation: string): Metrics => {
  let metrics = byOperation.get(operation)
  if (metrics === undefined) {
    const byOutcome = new Map<string, Recorder>()
    metrics = {
      requests: (outcome) => {
        let counter = byOutcome.get(outcome)
        if (counter === undefined) {
          counter = keyed(requestsKey, operation, outcome)
          byOutcome.set(outcome, counter)
        }
        return counter
      },
      retries: keyed(retriesKey, operation),
      duration: keyed(durationKey, operation)
    }
    byOperation.set(operation, metrics)
  }
  return metrics
}

/**
 * The `outcome` tag of an operation's end: `success`, `ClerkErrors`,
 * `SDKError.<reason>`, or `interrupted_or_defect`.
 * @internal
 */
export const outcomeOf = (exit: Exit.Exit<unknown, ClerkError>): string => {
  if (Exit.isSuccess(exit)) return "success"
  const failure = exit.cause._tag === "Fail" ? exit.cause.error : undefined
  if (failure === undefined) return "interrupted_or_defect"
  return failure._tag === "ClerkErrors" ? "ClerkErrors" : `SDKError.${failure.reason}`
}

/**
 * One ended operation, as metrics and span attributes.
 * @internal
 */
export interface Ended {
  readonly operation: string
  readonly exit: Exit.Exit<unknown, ClerkError>
  readonly attempts: number
  readonly millis: number
  readonly fiber: Fiber.RuntimeFiber<unknown, unknown>
  readonly span: Tracer.Span | undefined
}

/**
 * Records an ended operation.
 * @internal
 */
export const recordOperation = ({ attempts, exit, fiber, millis, operation, span }: Ended): void => {
  const outcome = outcomeOf(exit)
  if (span !== undefined) {
    span.attribute("clerk.operation", operation)
    span.attribute("clerk.attempts", attempts)
    const failure = Exit.isFailure(exit) && exit.cause._tag === "Fail" ? exit.cause.error : undefined
    if (failure !== undefined) {
      span.attribute("clerk.error", outcome)
      if (failure._tag === "ClerkErrors" && failure.clerkTraceId !== undefined) {
        span.attribute("clerk.trace_id", failure.clerkTraceId)
      }
    }
  }
  const metrics = metricsFor(operation)
  const labels = fiber.getFiberRef(FiberRef.currentMetricLabels)
  metrics.requests(outcome).unsafeUpdate(1, labels)
  metrics.duration.unsafeUpdate(millis, labels)
  if (attempts > 1) metrics.retries.unsafeUpdate(attempts - 1, labels)
}
