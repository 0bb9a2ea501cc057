import * as Duration from "effect/Duration"

/**
 * Parses a `Retry-After` header: delay-seconds or an HTTP-date (RFC 9110
 * §10.2.3). A date in the past means "now" (zero); anything unparseable is
 * `undefined` rather than a guess.
 * @internal
 */
export const parseRetryAfter = (value: string | undefined, nowMillis: number): Duration.Duration | undefined => {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (trimmed.length === 0) return undefined
  if (/^\d+$/.test(trimmed)) return Duration.seconds(Number(trimmed))
  // Only date-looking strings: Date.parse accepts odd inputs such as "1".
  if (!/[a-z]/i.test(trimmed)) return undefined
  const at = Date.parse(trimmed)
  if (Number.isNaN(at)) return undefined
  return Duration.millis(Math.max(0, at - nowMillis))
}
