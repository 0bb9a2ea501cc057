/**
 * The metrics every Clerk operation records, as Effect `Metric`s. Export them
 * with `@effect/opentelemetry` (or read them with `Metric.value`); names and
 * tags are documented in docs/tracing.md.
 *
 * @since 0.1.0
 */
import * as Metric from "effect/Metric"
import * as MetricBoundaries from "effect/MetricBoundaries"

/**
 * Operations completed, tagged `operation` (e.g. `sessions.get`) and
 * `outcome` (`success`, `ClerkErrors`, or `SDKError.<reason>`).
 *
 * @since 0.1.0
 * @category metrics
 */
export const requests = Metric.counter("clerk_client_requests_total", {
  description: "Clerk operations completed, by operation and outcome",
  incremental: true
})

/**
 * Retries made (attempts after the first), tagged `operation`.
 *
 * @since 0.1.0
 * @category metrics
 */
export const retries = Metric.counter("clerk_client_retries_total", {
  description: "Attempts after the first, by operation",
  incremental: true
})

/**
 * Duration of whole operations in milliseconds, retries and waits included,
 * tagged `operation`.
 *
 * @since 0.1.0
 * @category metrics
 */
export const duration = Metric.histogram(
  "clerk_client_request_duration_ms",
  MetricBoundaries.exponential({ start: 5, factor: 2, count: 14 }),
  "Duration of Clerk operations in milliseconds, retries included"
)
