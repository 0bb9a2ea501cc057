/**
 * Retries, Retry-After, timeouts, the deadline and interruption, under the
 * TestClock: which faults each kind of operation retries, after which waits,
 * and how the operation ends. Each edition's harness answers every request
 * with the next {@link Fault} and logs the clock time it was sent at.
 */

import type { Call } from "./calls.js"
import * as calls from "./calls.js"
import type { ExpectedOutcome } from "./outcomes.js"
import { sessionWire } from "./wire.js"

/** The key the resilience layer is configured with. */
export const SECRET = "sk_test_resilience_secret_0123456789"

/** What the transport does with one request. */
export type Fault =
  | {
      readonly _tag: "Status"
      readonly status: number
      readonly headers?: Readonly<Record<string, string>>
      readonly html?: boolean
    }
  | { readonly _tag: "Reset" }
  | { readonly _tag: "Refused" }
  /** Headers arrive, the body never finishes. */
  | { readonly _tag: "HangBody" }
  /** No answer at all. */
  | { readonly _tag: "HangResponse" }
  | { readonly _tag: "Ok" }

export const status = (code: number, headers?: Readonly<Record<string, string>>): Fault => ({
  _tag: "Status",
  status: code,
  ...(headers === undefined ? {} : { headers })
})
export const ok: Fault = { _tag: "Ok" }

/** The web `Response` a status, `Ok` or `HangBody` fault answers with (for the request's method and path). */
export const answer = (fault: Fault, method: string, path: string): Response => {
  if (fault._tag === "Ok") {
    const body =
      path.endsWith("/tokens") || path.includes("/tokens/")
        ? { object: "token", jwt: "eyJ.x.y" }
        : method === "GET" && path.endsWith("/sessions")
          ? { data: [sessionWire("sess_1")], total_count: 1 }
          : sessionWire("sess_1")
    return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } })
  }
  if (fault._tag === "HangBody") return new Response(new ReadableStream({ start() {} }), { status: 200 })
  if (fault._tag !== "Status") throw new Error(`${fault._tag} is not answered with a response`)
  if (fault.html === true) {
    return new Response("<html><body>502 Bad Gateway</body></html>", {
      status: fault.status,
      headers: { "content-type": "text/html", ...fault.headers }
    })
  }
  const body = {
    errors: [{ code: `status_${fault.status}`, message: "scripted", long_message: "scripted failure" }],
    clerk_trace_id: `trace_${fault.status}`
  }
  return new Response(JSON.stringify(body), {
    status: fault.status,
    headers: { "content-type": "application/json", ...fault.headers }
  })
}

/** What `fetch` rejects with for a `Reset` or `Refused` fault. */
export const connectionError = (fault: { readonly _tag: "Reset" | "Refused" }): TypeError =>
  Object.assign(new TypeError("fetch failed"), {
    cause: { code: fault._tag === "Reset" ? "ECONNRESET" : "ECONNREFUSED" }
  })

/** The config options the cases set, as plain values (durations as Effect duration strings or ms). */
export interface ConfigOptions {
  readonly retry?:
    | false
    | {
        readonly jitter?: boolean
        readonly baseDelay?: string
        readonly maxDelay?: string
        readonly maxAttempts?: number
      }
  readonly timeout?: string | number
  readonly deadline?: string
  readonly rateLimit?: "development" | "production"
}

/** Every configuration of the harness starts here: retries with jitter off, so every wait is exact. */
export const baseConfig: ConfigOptions = { retry: { jitter: false } }

const refreshParams = { expiredToken: "jwt", refreshToken: "rt", requestOrigin: "https://app.example" }

export const operations: ReadonlyArray<{ readonly name: string; readonly idempotent: boolean; readonly call: Call }> = [
  { name: "get", idempotent: true, call: calls.get("sess_1") },
  { name: "list", idempotent: true, call: calls.list({ userId: "user_1" }) },
  { name: "revoke", idempotent: true, call: calls.revoke("sess_1") },
  { name: "createToken", idempotent: true, call: calls.createToken("sess_1") },
  { name: "createTokenFromTemplate", idempotent: true, call: calls.createTokenFromTemplate("sess_1", "hasura") },
  { name: "create", idempotent: false, call: calls.create({ userId: "user_1" }) },
  { name: "refresh", idempotent: false, call: calls.refresh("sess_1", refreshParams) }
]

/** The default backoff (ms) between the default 4 attempts. */
export const BACKOFF: ReadonlyArray<number> = [250, 500, 1000]
/** The per-attempt timeout (ms) the retry table configures. */
export const TIMEOUT = 1000

/**
 * One row per fault: does an idempotent / a non-idempotent operation retry
 * it, and what are the waits between attempts (jitter off, defaults
 * otherwise, timeout {@link TIMEOUT}).
 */
export const faults: ReadonlyArray<{
  readonly name: string
  readonly fault: Fault
  readonly idempotent: boolean
  readonly nonIdempotent: boolean
  readonly gaps: ReadonlyArray<number>
}> = [
  { name: "408", fault: status(408), idempotent: true, nonIdempotent: false, gaps: BACKOFF },
  { name: "429", fault: status(429), idempotent: true, nonIdempotent: true, gaps: BACKOFF },
  { name: "500", fault: status(500), idempotent: true, nonIdempotent: false, gaps: BACKOFF },
  { name: "502", fault: status(502), idempotent: true, nonIdempotent: false, gaps: BACKOFF },
  {
    name: "502 HTML",
    fault: { _tag: "Status", status: 502, html: true },
    idempotent: true,
    nonIdempotent: false,
    gaps: BACKOFF
  },
  { name: "503", fault: status(503), idempotent: true, nonIdempotent: false, gaps: BACKOFF },
  { name: "504", fault: status(504), idempotent: true, nonIdempotent: false, gaps: BACKOFF },
  { name: "connection reset", fault: { _tag: "Reset" }, idempotent: true, nonIdempotent: false, gaps: BACKOFF },
  {
    name: "attempt timeout (body never ends)",
    fault: { _tag: "HangBody" },
    idempotent: true,
    nonIdempotent: false,
    gaps: BACKOFF.map((wait) => TIMEOUT + wait)
  },
  { name: "connection refused", fault: { _tag: "Refused" }, idempotent: true, nonIdempotent: true, gaps: BACKOFF },
  { name: "400", fault: status(400), idempotent: false, nonIdempotent: false, gaps: [] },
  { name: "401", fault: status(401), idempotent: false, nonIdempotent: false, gaps: [] },
  { name: "404", fault: status(404), idempotent: false, nonIdempotent: false, gaps: [] },
  { name: "422", fault: status(422), idempotent: false, nonIdempotent: false, gaps: [] }
]

/** One call in a {@link Scenario}, run to its end while the TestClock moves in steps. */
export interface Run {
  readonly call: Call
  /** Faults for the next requests, in order (added to what is left). */
  readonly faults?: ReadonlyArray<Fault>
  /** What answers once the faults are used up (from this run on). */
  readonly otherwise?: Fault
  /** Request options for this call only (`ClerkConfig.withRequestOptions`). */
  readonly requestOptions?: ConfigOptions
  /** How long (ms) and in which steps the clock may move; defaults 300,000 and 50. */
  readonly budget?: number
  readonly step?: number
  /** How the run ends. */
  readonly outcome?: ExpectedOutcome
  /** Requests logged so far (every run's), once this run has ended. */
  readonly attemptsSoFar?: number
  /** The TestClock's time (ms) once this run has ended. */
  readonly clockAfter?: number
}

/** A sequence of runs on one harness, and what its request log must show at the end. */
export interface Scenario {
  readonly name: string
  /** Options over {@link baseConfig}. */
  readonly config?: ConfigOptions
  /** TestClock time (epoch ms) set first. */
  readonly clockAt?: number
  readonly runs: ReadonlyArray<Run>
  readonly attempts?: number
  /** Waits between consecutive requests, in ms; `"any"` for a wait the case does not fix. */
  readonly gaps?: ReadonlyArray<number | "any">
  /** Each wait within [min, max] ms (the jitter case). */
  readonly gapsWithin?: ReadonlyArray<readonly [number, number]>
  /** Whether the first request's signal was aborted. */
  readonly firstAborted?: boolean
}

const get = calls.get("sess_1")
const timeout: ExpectedOutcome = { _tag: "SDKError", reason: "Timeout" }

/** The retry table: every operation on every fault. */
export const retryTable: ReadonlyArray<Scenario> = operations.flatMap((operation) =>
  faults.map((row): Scenario => {
    const retried = operation.idempotent ? row.idempotent : row.nonIdempotent
    return {
      name: `${operation.name} on ${row.name}: ${retried ? "4 attempts" : "1 attempt"}`,
      config: { timeout: TIMEOUT },
      runs: [{ call: operation.call, otherwise: row.fault, outcome: expectedFailure(row.fault) }],
      attempts: retried ? 4 : 1,
      gaps: retried ? row.gaps : []
    }
  })
)

function expectedFailure(fault: Fault): ExpectedOutcome {
  switch (fault._tag) {
    case "Status":
      return fault.html === true
        ? { _tag: "SDKError", reason: "UnexpectedStatus", status: fault.status }
        : { _tag: "ClerkErrors", status: fault.status, codes: [`status_${fault.status}`] }
    case "HangBody":
    case "HangResponse":
      return timeout
    case "Reset":
    case "Refused":
      return { _tag: "SDKError", reason: "Transport" }
    case "Ok":
      return { _tag: "Success" }
  }
}

export const policy: ReadonlyArray<Scenario> = [
  {
    name: "a transient failure followed by success succeeds",
    runs: [{ call: get, faults: [status(503), { _tag: "Reset" }, status(429)], outcome: { _tag: "Success" } }],
    attempts: 4
  },
  {
    name: "waits are capped by maxDelay and attempts by maxAttempts",
    config: { retry: { jitter: false, baseDelay: "1 second", maxDelay: "3 seconds", maxAttempts: 6 } },
    runs: [{ call: get, otherwise: status(500), outcome: { _tag: "ClerkErrors", status: 500 } }],
    gaps: [1000, 2000, 3000, 3000, 3000]
  },
  {
    name: "jitter keeps each wait within 0.8x..1.2x of the backoff",
    config: { retry: { jitter: true } },
    runs: [{ call: get, otherwise: status(500), step: 10 }],
    attempts: 4,
    gapsWithin: BACKOFF.map((wait) => [wait * 0.8 - 10, wait * 1.2 + 10] as const)
  },
  {
    name: "retry: false sends once",
    config: { retry: false },
    runs: [{ call: get, otherwise: status(503), outcome: { _tag: "ClerkErrors", status: 503 } }],
    attempts: 1
  }
]

export const retryAfter: ReadonlyArray<Scenario> = [
  {
    name: "Retry-After: 2 waits two seconds, not the backoff",
    runs: [{ call: get, faults: [status(429, { "retry-after": "2" })], outcome: { _tag: "Success" } }],
    gaps: [2000]
  },
  {
    name: "is honoured on 503 too, and on create (429 means not processed)",
    runs: [
      { call: get, faults: [status(503, { "retry-after": "3" })], outcome: { _tag: "Success" } },
      {
        call: calls.create({ userId: "user_1" }),
        faults: [status(429, { "retry-after": "4" })],
        outcome: { _tag: "Success" }
      }
    ],
    gaps: [3000, "any", 4000]
  },
  {
    name: "is ignored on a 500 (backoff instead)",
    runs: [{ call: get, faults: [status(500, { "retry-after": "20" })], outcome: { _tag: "Success" } }],
    gaps: [250]
  },
  {
    name: "an HTTP-date is honoured",
    clockAt: Date.UTC(2026, 10, 28, 12, 0, 0),
    runs: [
      {
        call: get,
        faults: [status(429, { "retry-after": new Date(Date.UTC(2026, 10, 28, 12, 0, 5)).toUTCString() })],
        outcome: { _tag: "Success" }
      }
    ],
    gaps: [5000]
  },
  {
    name: "an absurd value is capped by maxRetryAfter",
    runs: [{ call: get, faults: [status(429, { "retry-after": "86400" })], outcome: { _tag: "Success" } }],
    gaps: [30_000]
  },
  {
    name: "when retries run out, the final ClerkErrors still carries retryAfter",
    runs: [
      {
        call: get,
        otherwise: status(429, { "retry-after": "1" }),
        outcome: { _tag: "ClerkErrors", status: 429, retryAfterMillis: 1000 }
      }
    ],
    attempts: 4
  }
]

export const timeouts: ReadonlyArray<Scenario> = [
  {
    name: "a body that never finishes ends in SDKError Timeout at the configured time, and the request is aborted",
    config: { retry: false, timeout: "2 seconds" },
    runs: [
      { call: get, otherwise: { _tag: "HangBody" }, budget: 60_000, step: 100, outcome: timeout, clockAfter: 2000 }
    ],
    attempts: 1,
    firstAborted: true
  },
  {
    name: "a request that never answers is aborted on timeout too",
    config: { retry: false, timeout: "2 seconds" },
    runs: [{ call: get, otherwise: { _tag: "HangResponse" }, budget: 60_000, step: 100, outcome: timeout }],
    attempts: 1,
    firstAborted: true
  },
  {
    name: "the overall deadline cuts retries short",
    config: { deadline: "15 seconds" },
    runs: [
      {
        call: get,
        otherwise: status(429, { "retry-after": "10" }),
        budget: 120_000,
        step: 100,
        outcome: timeout,
        clockAfter: 15_000
      }
    ],
    attempts: 2
  }
]

export const perCallOverrides: ReadonlyArray<Scenario> = [
  {
    name: "withRequestOptions({ retry: false, timeout }) applies to that call only",
    runs: [
      {
        call: get,
        otherwise: { _tag: "HangBody" },
        requestOptions: { retry: false, timeout: "2 seconds" },
        budget: 60_000,
        step: 100,
        outcome: timeout,
        attemptsSoFar: 1,
        clockAfter: 2000
      },
      { call: get, otherwise: status(500), outcome: { _tag: "ClerkErrors", status: 500 }, attemptsSoFar: 1 + 4 }
    ]
  },
  {
    name: "retry options merge with the configured ones",
    runs: [{ call: get, otherwise: status(500), requestOptions: { retry: { maxAttempts: 2 } } }],
    gaps: [250]
  }
]

/** Interrupting the caller: after `interruptAfter` ms on the clock, then `thenAdvance` ms more. */
export const interruptions: ReadonlyArray<{
  readonly name: string
  readonly otherwise: Fault
  readonly interruptAfter: number
  /** Requests sent before the interruption. */
  readonly attemptsBefore: number
  readonly thenAdvance: number
  readonly attempts: number
  /** Whether the first request's signal ends aborted. */
  readonly firstAborted: boolean | undefined
}> = [
  {
    name: "interrupting cancels the in-flight request",
    otherwise: { _tag: "HangResponse" },
    interruptAfter: 100,
    attemptsBefore: 1,
    thenAdvance: 0,
    attempts: 1,
    firstAborted: true
  },
  {
    name: "interrupting during a retry wait sends nothing more",
    otherwise: status(503, { "retry-after": "5" }),
    interruptAfter: 1000,
    attemptsBefore: 1,
    thenAdvance: 60_000,
    attempts: 1,
    firstAborted: undefined
  }
]

/** A burst under the `development` preset: no 10-second window holds more than 100 requests. */
export const rateLimitBurst = {
  config: { rateLimit: "development", deadline: "2 minutes" },
  calls: 300,
  call: get,
  budget: 120_000,
  step: 100,
  window: 10_000,
  maxInWindow: 100,
  minSpan: 20_000
} as const

/** Clerk's documented limits, per preset. */
export const presets = { production: { limit: 1000, interval: "10 seconds" } } as const

/** Gaps between consecutive send times, in ms. */
export const gaps = (times: ReadonlyArray<number>): Array<number> => times.slice(1).map((at, i) => at - times[i]!)

/** The most send times that fall into one window of `window` ms, wherever it starts. */
export const mostInWindow = (times: ReadonlyArray<number>, window: number): number => {
  const sorted = [...times].sort((a, b) => a - b)
  return Math.max(0, ...sorted.map((start, i) => sorted.slice(i).filter((t) => t < start + window).length))
}
