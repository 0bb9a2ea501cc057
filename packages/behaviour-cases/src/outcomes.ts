/**
 * What an operation ended in, as plain data: each edition's adapter turns its
 * `Exit` into an {@link Outcome}, and the suites compare outcomes with the
 * expected ones field by field ({@link viewOf}).
 */

import type { Call } from "./calls.js"
import type { Reply } from "./replies.js"

export type SDKErrorReason = "InvalidInput" | "UnexpectedStatus" | "InvalidResponse" | "Transport" | "Timeout"

export interface ClerkAPIErrorView {
  readonly code: string
  readonly message: string
  readonly longMessage: string
  readonly meta?: Readonly<Record<string, unknown>>
}

export interface ClerkErrorsOutcome {
  readonly _tag: "ClerkErrors"
  readonly status: number
  readonly errors: ReadonlyArray<ClerkAPIErrorView>
  readonly codes: ReadonlyArray<string>
  readonly meta: Readonly<Record<string, unknown>> | undefined
  readonly clerkTraceId: string | undefined
  /** `retryAfter` in milliseconds. */
  readonly retryAfterMillis: number | undefined
  readonly message: string
}

export interface SDKErrorOutcome {
  readonly _tag: "SDKError"
  readonly reason: SDKErrorReason
  readonly status: number | undefined
  readonly body: string | undefined
  readonly field: string | undefined
  /** `retryAfter` in milliseconds. */
  readonly retryAfterMillis: number | undefined
  readonly message: string
  readonly cause: unknown
}

export type Outcome =
  | { readonly _tag: "Success"; readonly value: unknown }
  | ClerkErrorsOutcome
  | SDKErrorOutcome
  /** Not a typed failure: a defect, rendered. The SDK must never end here. */
  | { readonly _tag: "Defect"; readonly detail: string }
  | { readonly _tag: "Interrupted" }

/** Every field an outcome of this tag may be checked on. */
type Fields<T> = T extends { readonly _tag: infer Tag } ? { readonly _tag: Tag } & Partial<Omit<T, "_tag">> : never

/** The fields of an outcome a case checks (`_tag` always); a field given as `undefined` must be absent. */
export type ExpectedOutcome = Fields<Outcome>

/** What a case expects of an operation's end. */
export interface Expectation {
  readonly outcome: ExpectedOutcome
  /** Texts the error's message must contain. */
  readonly messageIncludes?: ReadonlyArray<string>
  /** Texts the error's message must not contain. */
  readonly messageExcludes?: ReadonlyArray<string>
  /** How many requests went out. */
  readonly requests?: number
}

/** The fields of `outcome` that `expected` names (its `_tag` included), to compare with `expected`. */
export const pickFields = (outcome: Outcome, expected: ExpectedOutcome): Record<string, unknown> => {
  const picked: Record<string, unknown> = {}
  for (const key of Object.keys(expected)) picked[key] = (outcome as unknown as Record<string, unknown>)[key]
  return picked
}

/** What the run showed, as far as an {@link Expectation} looks at it. */
export interface Observed {
  readonly outcome: Outcome
  readonly requests: number
}

const messageOf = (outcome: Outcome): string =>
  outcome._tag === "ClerkErrors" || outcome._tag === "SDKError" ? outcome.message : ""

/**
 * The observed and the expected side of an expectation as two plain values,
 * equal exactly when the expectation holds: a suite asserts them deeply
 * equal, and a failure shows the fields that differ.
 */
export const viewOf = (
  observed: Observed,
  expectation: Expectation
): { readonly actual: unknown; readonly expected: unknown } => {
  const message = messageOf(observed.outcome)
  const includes = expectation.messageIncludes ?? []
  const excludes = expectation.messageExcludes ?? []
  const picked = pickFields(observed.outcome, expectation.outcome)
  return {
    actual: {
      outcome: picked,
      messageIncludes: Object.fromEntries(includes.map((text) => [text, message.includes(text)])),
      messageExcludes: Object.fromEntries(excludes.map((text) => [text, !message.includes(text)])),
      nonEmptyMessage:
        observed.outcome._tag === "ClerkErrors" || observed.outcome._tag === "SDKError" ? message.length > 0 : true,
      ...(expectation.requests === undefined ? {} : { requests: observed.requests })
    },
    expected: {
      outcome: expectation.outcome,
      messageIncludes: Object.fromEntries(includes.map((text) => [text, true])),
      messageExcludes: Object.fromEntries(excludes.map((text) => [text, true])),
      nonEmptyMessage: true,
      ...(expectation.requests === undefined ? {} : { requests: expectation.requests })
    }
  }
}

/** One exchange: a call, the answers the double gives it, and what must come of it. */
export interface ExchangeCase {
  readonly name: string
  readonly call: Call
  /** The double's answers, in order (built fresh for each run). */
  readonly replies: () => ReadonlyArray<Reply>
  /** TestClock time (epoch ms) set before the call. */
  readonly clockAt?: number
  readonly expect: Expectation
}
