/**
 * `Retry-After` parsing (internal/retryAfter.ts), driven directly: delay-seconds,
 * HTTP-dates, and everything that is neither.
 */
import { describe, expect, it } from "@effect/vitest"
import { Duration } from "effect"
import { parseRetryAfter } from "../src/internal/retryAfter.js"

const NOW = Date.parse("2025-01-01T00:00:00Z")
const millis = (value: string | undefined) => {
  const parsed = parseRetryAfter(value, NOW)
  return parsed === undefined ? undefined : Duration.toMillis(parsed)
}

describe("parseRetryAfter", () => {
  it("delay-seconds: whole seconds, surrounding whitespace ignored", () => {
    expect(millis("0")).toBe(0)
    expect(millis("2")).toBe(2000)
    expect(millis("120")).toBe(120_000)
    expect(millis(" 2 ")).toBe(2000)
    expect(millis("\t7\n")).toBe(7000)
  })

  it("absent, empty or blank: undefined", () => {
    expect(millis(undefined)).toBeUndefined()
    expect(millis("")).toBeUndefined()
    expect(millis("   ")).toBeUndefined()
  })

  it("numbers that are not delay-seconds: undefined, not a guess", () => {
    // Date.parse reads each of these as some date; none is a Retry-After.
    for (const value of ["-1", "1.5", "2 3", "+2", "2015-10-21", "10/21/2015"]) {
      expect(millis(value), value).toBeUndefined()
    }
  })

  it("digits mixed with letters are neither seconds nor a date", () => {
    for (const value of ["2s", "a2", "2a", "soon"]) {
      expect(millis(value), value).toBeUndefined()
    }
  })

  it("an HTTP-date: the time until it", () => {
    expect(millis("Wed, 01 Jan 2025 00:00:30 GMT")).toBe(30_000)
    expect(millis("  Wed, 01 Jan 2025 00:01:00 GMT  ")).toBe(60_000)
    // Upper-case names are still a date.
    expect(millis("WED, 01 JAN 2025 00:00:05 GMT")).toBe(5000)
  })

  it("an HTTP-date now or in the past: zero", () => {
    expect(millis("Wed, 01 Jan 2025 00:00:00 GMT")).toBe(0)
    expect(millis("Tue, 31 Dec 2024 23:59:00 GMT")).toBe(0)
    expect(millis("Thu, 01 Jan 1970 00:00:00 GMT")).toBe(0)
  })
})
