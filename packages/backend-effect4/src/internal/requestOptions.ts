/**
 * The resilience settings of one operation: the client's config, with the
 * per-call overrides (`ClerkConfig.withRequestOptions`) on top.
 *
 * @internal
 */
import { mergeRetry } from "@clerk-effect/core/configRules"
import { backoffSettings } from "@clerk-effect/core/settings"
import * as Duration from "effect/Duration"
import type * as Schedule from "effect/Schedule"
import type { ClerkConfigService, RequestOptions, RetryOptions } from "../ClerkConfig.js"
import type { ClerkError } from "../Errors.js"
import { SDKError } from "../Errors.js"
import { requestOptionsProblems } from "./configErrors.js"
import { backoffSchedule } from "./retryPolicy.js"

/**
 * What one operation runs with.
 * @internal
 */
export interface ResolvedOptions {
  /** `undefined` when retries are off. */
  readonly schedule: Schedule.Schedule<unknown, ClerkError> | undefined
  readonly timeout: Duration.Duration
  readonly deadline: Duration.Duration
}

// The defaults are filled in by @clerk-effect/core/settings, shared by both editions.
const scheduleFor = (retry: false | RetryOptions): Schedule.Schedule<unknown, ClerkError> | undefined => {
  const settings = backoffSettings(retry, Duration.fromInputUnsafe, Duration.millis)
  return settings.kind === "off"
    ? undefined
    : settings.kind === "schedule"
      ? settings.schedule
      : backoffSchedule(settings)
}

const resolve = (config: ClerkConfigService, overrides: RequestOptions): ResolvedOptions => ({
  schedule: scheduleFor(mergeRetry(config.retry, overrides.retry)),
  timeout: overrides.timeout === undefined ? config.timeout : Duration.fromInputUnsafe(overrides.timeout),
  deadline: overrides.deadline === undefined ? config.deadline : Duration.fromInputUnsafe(overrides.deadline)
})

/**
 * The options of an operation with `overrides`, or `SDKError` `InvalidInput`
 * for overrides that cannot work. The config's own are resolved once; most
 * calls have no overrides and get them as they are.
 * @internal
 */
export const makeOptionsResolver = (
  config: ClerkConfigService
): ((overrides: RequestOptions) => ResolvedOptions | SDKError) => {
  const configured = resolve(config, {})
  return (overrides) => {
    if (Object.keys(overrides).length === 0) return configured
    const problems = requestOptionsProblems(overrides)
    if (problems.length > 0) {
      return new SDKError({
        reason: "InvalidInput",
        field: "requestOptions",
        message: `Invalid input: withRequestOptions: ${problems.join("; ")}`
      })
    }
    return resolve(config, overrides)
  }
}
