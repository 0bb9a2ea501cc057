import { retryAfterMillis } from "@clerk-effect/core/retryAfter"
import * as Duration from "effect/Duration"

/**
 * Parses a `Retry-After` header into a `Duration` (see
 * @clerk-effect/core (retryAfter.ts) for the rules).
 * @internal
 */
export const parseRetryAfter = (value: string | undefined, nowMillis: number): Duration.Duration | undefined => {
  const millis = retryAfterMillis(value, nowMillis)
  return millis === undefined ? undefined : Duration.millis(millis)
}
