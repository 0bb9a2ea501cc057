/**
 * The metrics every Clerk operation records, as Effect `Metric`s. Export them
 * with `@effect/opentelemetry` (or read them with `Metric.value`); names and
 * tags are documented in docs/tracing.md.
 *
 * @since 0.1.0
 */
import * as Metric from "effect/Metric"
import { durationKey, requestsKey, retriesKey } from "./internal/metricKeys.js"

/**
 * Operations completed, tagged `operation` (e.g. `sessions.get`) and
 * `outcome` (`success`, `ClerkErrors`, or `SDKError.<reason>`).
 *
 * @since 0.1.0
 * @category metrics
 */
export const requests = Metric.fromMetricKey(requestsKey)

/**
 * Retries made (attempts after the first), tagged `operation`.
 *
 * @since 0.1.0
 * @category metrics
 */
export const retries = Metric.fromMetricKey(retriesKey)

/**
 * Duration of whole operations in milliseconds, retries and waits included,
 * tagged `operation`.
 *
 * @since 0.1.0
 * @category metrics
 */
export const duration = Metric.fromMetricKey(durationKey)
