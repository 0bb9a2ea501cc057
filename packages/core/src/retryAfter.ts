/**
 * `Retry-After` (RFC 9110 §10.2.3), without Effect.
 *
 * @internal
 */

/**
 * The wait a `Retry-After` value asks for, in milliseconds: delay-seconds or
 * an HTTP-date. A date in the past means "now" (zero); anything unparseable
 * is `undefined` rather than a guess.
 * @internal
 */
export const retryAfterMillis = (value: string | undefined, nowMillis: number): number | undefined => {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (trimmed.length === 0) return undefined
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  // Only date-looking strings: Date.parse accepts odd inputs such as "1".
  if (!/[a-z]/i.test(trimmed)) return undefined
  const at = Date.parse(trimmed)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, at - nowMillis)
}
