/**
 * Which failures are retried, and after how long (internal/retryPolicy.ts),
 * driven directly: statuses by operation kind, failures before sending
 * (including the AggregateError Node raises when IPv4 and IPv6 are both
 * refused), Retry-After, and the backoff schedule with jitter on and off.
 */
import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Random, ScheduleDecision, ScheduleIntervals } from "effect"
import { type ClerkError, ClerkErrors, SDKError } from "../src/Errors.js"
import {
  type BackoffSettings,
  backoffSchedule,
  failedBeforeSending,
  isRetryable,
  retryAfterOf
} from "../src/internal/retryPolicy.js"

const clerk = (status: number, retryAfter?: Duration.Duration) =>
  new ClerkErrors({ status, errors: [], ...(retryAfter === undefined ? {} : { retryAfter }) })
const unexpected = (status: number, retryAfter?: Duration.Duration) =>
  new SDKError({
    reason: "UnexpectedStatus",
    status,
    message: "m",
    ...(retryAfter === undefined ? {} : { retryAfter })
  })
const transport = (cause?: unknown, status?: number) =>
  new SDKError({
    reason: "Transport",
    message: "m",
    ...(cause === undefined ? {} : { cause }),
    ...(status === undefined ? {} : { status })
  })
const coded = (code: unknown, message = "failed") => Object.assign(new Error(message), { code })
/** What `fetch` rejects with on Node: a TypeError whose cause holds the system error. */
const fetchFailed = (cause: unknown) => new TypeError("fetch failed", { cause })

describe("failedBeforeSending", () => {
  it("each code meaning no connection was made, directly or as fetch's cause", () => {
    for (const code of [
      "ECONNREFUSED",
      "ENOTFOUND",
      "EAI_AGAIN",
      "EHOSTUNREACH",
      "ENETUNREACH",
      "UND_ERR_CONNECT_TIMEOUT"
    ]) {
      expect(failedBeforeSending(transport(coded(code))), code).toBe(true)
      expect(failedBeforeSending(transport(fetchFailed(coded(code)))), code).toBe(true)
    }
  })

  it("ENOTFOUND from a DNS lookup of an unknown host", () => {
    const dns = Object.assign(new Error("getaddrinfo ENOTFOUND api.clerk.invalid"), {
      code: "ENOTFOUND",
      syscall: "getaddrinfo",
      hostname: "api.clerk.invalid"
    })
    expect(failedBeforeSending(transport(fetchFailed(dns)))).toBe(true)
  })

  it("the AggregateError Node raises when both IPv4 and IPv6 are refused", () => {
    // Happy eyeballs: no code on the aggregate itself, one ECONNREFUSED per address.
    const aggregate = new AggregateError(
      [coded("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:1"), coded("ECONNREFUSED", "connect ECONNREFUSED ::1:1")],
      ""
    )
    expect(failedBeforeSending(transport(aggregate))).toBe(true)
    expect(failedBeforeSending(transport(fetchFailed(aggregate)))).toBe(true)
    // One refused address among others is enough; an aggregate of resets is not.
    expect(failedBeforeSending(transport(new AggregateError([coded("ECONNRESET"), coded("ENETUNREACH")])))).toBe(true)
    expect(failedBeforeSending(transport(new AggregateError([coded("ECONNRESET"), coded("EPIPE")])))).toBe(false)
  })

  it("errors that are not a list, codes that are not strings, and no cause: not before sending", () => {
    expect(failedBeforeSending(transport({ errors: coded("ECONNREFUSED") }))).toBe(false)
    expect(failedBeforeSending(transport(coded(111)))).toBe(false)
    expect(failedBeforeSending(transport())).toBe(false)
    expect(failedBeforeSending(transport("ECONNREFUSED"))).toBe(false)
    expect(failedBeforeSending(transport(null))).toBe(false)
  })

  it("a connection that was made and then failed may have reached Clerk", () => {
    for (const code of ["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "ETIMEDOUT"]) {
      expect(failedBeforeSending(transport(fetchFailed(coded(code)))), code).toBe(false)
    }
  })

  it("only a Transport error without a status", () => {
    const refused = fetchFailed(coded("ECONNREFUSED"))
    // A body that broke off has a status: the request was sent.
    expect(failedBeforeSending(transport(refused, 200))).toBe(false)
    expect(failedBeforeSending(new SDKError({ reason: "Timeout", message: "m", cause: refused }) as ClerkError)).toBe(
      false
    )
    expect(failedBeforeSending(new SDKError({ reason: "InvalidInput", message: "m", cause: refused }))).toBe(false)
    expect(failedBeforeSending(clerk(503))).toBe(false)
  })

  it("looks at most five causes deep, and survives a cycle", () => {
    const nested = (depth: number): unknown => (depth === 0 ? coded("ECONNREFUSED") : { cause: nested(depth - 1) })
    expect(failedBeforeSending(transport(nested(5)))).toBe(true)
    expect(failedBeforeSending(transport(nested(6)))).toBe(false)
    const inAggregate = (depth: number): unknown =>
      depth === 0 ? coded("ECONNREFUSED") : { errors: [inAggregate(depth - 1)] }
    expect(failedBeforeSending(transport(inAggregate(5)))).toBe(true)
    expect(failedBeforeSending(transport(inAggregate(6)))).toBe(false)
    const cycle: { cause?: unknown; code: string } = { code: "ECONNRESET" }
    cycle.cause = cycle
    expect(failedBeforeSending(transport(cycle))).toBe(false)
  })
})

describe("isRetryable", () => {
  const idempotent = isRetryable(true)
  const notIdempotent = isRetryable(false)

  it("idempotent: exactly 408, 429, 500, 502, 503, 504 among statuses, from Clerk or not", () => {
    const retried = [408, 429, 500, 502, 503, 504]
    for (const status of [200, 300, 301, 400, 401, 403, 404, 409, 422, 499, 501, 505, 520, ...retried]) {
      expect(idempotent(clerk(status)), `ClerkErrors ${status}`).toBe(retried.includes(status))
      expect(idempotent(unexpected(status)), `UnexpectedStatus ${status}`).toBe(retried.includes(status))
    }
  })

  it("idempotent: transport failures and timeouts, not bad input or a bad 2xx body", () => {
    expect(idempotent(transport(coded("ECONNRESET")))).toBe(true)
    // A body that broke off carries a status but is a transport failure.
    expect(idempotent(transport(coded("ECONNRESET"), 200))).toBe(true)
    expect(idempotent(new SDKError({ reason: "Timeout", message: "m" }))).toBe(true)
    expect(idempotent(new SDKError({ reason: "InvalidInput", message: "m" }))).toBe(false)
    expect(idempotent(new SDKError({ reason: "InvalidResponse", status: 200, message: "m" }))).toBe(false)
  })

  it("not idempotent: 429 (not processed) and failures before sending, nothing else", () => {
    expect(notIdempotent(clerk(429))).toBe(true)
    expect(notIdempotent(unexpected(429))).toBe(true)
    for (const status of [408, 500, 502, 503, 504, 400]) {
      expect(notIdempotent(clerk(status)), `${status}`).toBe(false)
      expect(notIdempotent(unexpected(status)), `${status}`).toBe(false)
    }
    expect(notIdempotent(transport(fetchFailed(coded("ECONNREFUSED"))))).toBe(true)
    expect(notIdempotent(transport(fetchFailed(coded("ENOTFOUND"))))).toBe(true)
    expect(notIdempotent(transport(fetchFailed(coded("ECONNRESET"))))).toBe(false)
    expect(notIdempotent(new SDKError({ reason: "Timeout", message: "m" }))).toBe(false)
  })
})

describe("retryAfterOf", () => {
  const wait = Duration.seconds(7)

  it("honoured on 429 and 503, from Clerk or a proxy", () => {
    expect(retryAfterOf(clerk(429, wait))).toBe(wait)
    expect(retryAfterOf(clerk(503, wait))).toBe(wait)
    expect(retryAfterOf(unexpected(429, wait))).toBe(wait)
    expect(retryAfterOf(unexpected(503, wait))).toBe(wait)
  })

  it("ignored on any other status, and absent when not sent", () => {
    for (const status of [408, 500, 502, 504, 400]) {
      expect(retryAfterOf(clerk(status, wait)), `${status}`).toBeUndefined()
      expect(retryAfterOf(unexpected(status, wait)), `${status}`).toBeUndefined()
    }
    expect(retryAfterOf(clerk(429))).toBeUndefined()
    expect(retryAfterOf(transport())).toBeUndefined()
  })
})

describe("backoffSchedule", () => {
  const settings: BackoffSettings = {
    maxAttempts: 4,
    baseDelay: Duration.millis(250),
    maxDelay: Duration.seconds(8),
    maxRetryAfter: Duration.seconds(60),
    jitter: false
  }
  /** The waits the schedule asks for, one per failure fed to it, until it stops. */
  const waits = (options: Partial<BackoffSettings>, errors: ReadonlyArray<ClerkError>) =>
    Effect.gen(function* () {
      const schedule = backoffSchedule({ ...settings, ...options })
      let state = schedule.initial
      let now = 0
      const delays: Array<number> = []
      for (const error of errors) {
        const [next, , decision] = yield* schedule.step(now, error, state)
        if (ScheduleDecision.isDone(decision)) break
        const at = ScheduleIntervals.start(decision.intervals)
        delays.push(at - now)
        state = next
        now = at
      }
      return delays
    })
  const failures = (count: number, error: ClerkError = clerk(500)) => Array<ClerkError>(count).fill(error)

  it.effect("without jitter: doubling from the base delay, maxAttempts - 1 waits", () =>
    Effect.gen(function* () {
      expect(yield* waits({}, failures(10))).toEqual([250, 500, 1000])
      expect(yield* waits({ maxAttempts: 6 }, failures(10))).toEqual([250, 500, 1000, 2000, 4000])
      expect(yield* waits({ baseDelay: Duration.millis(100) }, failures(10))).toEqual([100, 200, 400])
    })
  )

  it.effect("one attempt or fewer: no retry at all", () =>
    Effect.gen(function* () {
      expect(yield* waits({ maxAttempts: 1 }, failures(5))).toEqual([])
      expect(yield* waits({ maxAttempts: 0 }, failures(5))).toEqual([])
      expect(yield* waits({ maxAttempts: 2 }, failures(5))).toEqual([250])
    })
  )

  it.effect("each wait capped at maxDelay", () =>
    Effect.gen(function* () {
      expect(yield* waits({ maxAttempts: 6, maxDelay: Duration.millis(600) }, failures(10))).toEqual([
        250, 500, 600, 600, 600
      ])
    })
  )

  it.effect("with jitter: each wait within 0.8x..1.2x of the backoff, and not the backoff itself", () =>
    Effect.gen(function* () {
      for (let seed = 0; seed < 5; seed++) {
        const jittered = yield* waits({ jitter: true, maxAttempts: 6 }, failures(10)).pipe(
          Effect.withRandom(Random.make(`seed ${seed}`))
        )
        const exact = [250, 500, 1000, 2000, 4000]
        expect(jittered).toHaveLength(exact.length)
        jittered.forEach((wait, i) => {
          expect(wait).toBeGreaterThanOrEqual(exact[i]! * 0.8)
          expect(wait).toBeLessThanOrEqual(exact[i]! * 1.2)
        })
        expect(jittered).not.toEqual(exact)
      }
    })
  )

  it.effect("with jitter, still capped at maxDelay", () =>
    Effect.gen(function* () {
      const jittered = yield* waits(
        { jitter: true, maxAttempts: 6, maxDelay: Duration.millis(300) },
        failures(10)
      ).pipe(Effect.withRandom(Random.make("cap")))
      expect(jittered).toHaveLength(5)
      expect(jittered[0]).toBeLessThanOrEqual(300)
      for (const wait of jittered.slice(1)) expect(wait).toBeCloseTo(300, 6)
    })
  )

  it.effect("a Retry-After on 429 or 503 replaces the wait, capped at maxRetryAfter; elsewhere it is ignored", () =>
    Effect.gen(function* () {
      const twoSeconds = Duration.seconds(2)
      expect(yield* waits({}, [clerk(429, twoSeconds), clerk(500), unexpected(503, twoSeconds)])).toEqual([
        2000, 500, 2000
      ])
      expect(yield* waits({}, [clerk(500, twoSeconds), clerk(429)])).toEqual([250, 500])
      expect(yield* waits({ maxRetryAfter: Duration.seconds(5) }, [clerk(429, Duration.hours(1))])).toEqual([5000])
      // Retry-After is not capped by maxDelay: Clerk asked for it.
      expect(yield* waits({ maxDelay: Duration.millis(100) }, [clerk(503, twoSeconds)])).toEqual([2000])
    })
  )
})
