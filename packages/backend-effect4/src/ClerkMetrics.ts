/**
 * The metrics every Clerk operation records, as effect 4 `Metric`s. Export
 * them with `effect/observability` (OTLP) or read them with
 * `Metric.value`; names and attributes are documented in docs/tracing.md.
 *
 * @since 0.1.0
 */
import * as Metric from "effect/Metric"

/**
 * Operations completed, with the attributes `operation` (e.g.
 * `sessions.get`) and `outcome` (`success`, `ClerkErrors`, or
 * `SDKError.<reason>`).
 *
 * @since 0.1.0
 * @category metrics
 */
export const requests: Metric.Counter<number> = Metric.counter("clerk_client_requests_total", {
  description: "Clerk operations completed, by operation and outcome",
  incremental: true
})

/**
 * Retries made (attempts after the first), with the attribute `operation`.
 *
 * @since 0.1.0
 * @category metrics
 */
export const retries: Metric.Counter<number> = Metric.counter("clerk_client_retries_total", {
  description: "Attempts after the first, by operation",
  incremental: true
})

/**
 * Duration of whole operations in milliseconds, retries and waits included,
 * with the attribute `operation`.
 *
 * @since 0.1.0
 * @category metrics
 */
export const duration: Metric.Histogram<number> = Metric.histogram("clerk_client_request_duration_ms", {
  description: "Duration of Clerk operations in milliseconds, retries included",
  boundaries: Metric.exponentialBoundaries({ start: 5, factor: 2, count: 14 })
})
