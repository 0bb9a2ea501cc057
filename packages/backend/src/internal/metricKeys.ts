import * as MetricBoundaries from "effect/MetricBoundaries"
import * as MetricKey from "effect/MetricKey"

/** @internal */
export const requestsKey = MetricKey.counter("clerk_client_requests_total", {
  description: "Clerk operations completed, by operation and outcome",
  incremental: true
})

/** @internal */
export const retriesKey = MetricKey.counter("clerk_client_retries_total", {
  description: "Attempts after the first, by operation",
  incremental: true
})

/** @internal */
export const durationKey = MetricKey.histogram(
  "clerk_client_request_duration_ms",
  MetricBoundaries.exponential({ start: 5, factor: 2, count: 14 }),
  "Duration of Clerk operations in milliseconds, retries included"
)
