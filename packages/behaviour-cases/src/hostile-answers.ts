/**
 * Answers built to hurt: nested without end, huge, or Clerk error bodies
 * that are loose or enormous. Every one ends as a typed failure (never a
 * defect), and what the error carries stays within the documented bounds
 * (docs/errors.md). The bounds themselves come from `@clerk-effect/core`
 * (`MAX_MESSAGE_CHARS`, `MAX_ERROR_BODY_CHARS`), which the suites import.
 */
import type * as FastCheck from "fast-check"
import { operation } from "./calls.js"
import type { ExchangeCase } from "./outcomes.js"
import { json } from "./replies.js"
import { sessionWire } from "./wire.js"

/** `[[[...]]]`, `depth` deep. */
export const deep = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`
/** `{"a":{"a":...1}}`, `depth` deep. */
export const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`

/** 2xx bodies nested without end: each is an `InvalidResponse` 200 on every operation. */
export const nestedBodies: ReadonlyArray<string> = [deep(3000), deep(100_000), deepObject(10_000)]

/** The loopback server's ids (utils/loopbackServer.ts) whose answers are a 100,000-deep body and a 1 MB string. */
export const loopbackIds = ["deep", "huge"] as const

/** The editions, for what only the Schema library of each names its own way. */
export type Edition = "effect-3" | "effect-4"

/**
 * An `InvalidResponse` message says where, in about a line. Where the
 * message names a schema's type, the name is the Schema library's own
 * (`editionMessages`): effect 3 prints a struct's AST, effect 4 says
 * `object`; everything around it is the same.
 */
export const boundedMessages: ReadonlyArray<
  ExchangeCase & { readonly editionMessages?: Readonly<Record<Edition, string>> }
> = [
  {
    name: "a 1 MB JSON string: about a line, not a megabyte",
    call: operation("get"),
    replies: () => [json(200, "x".repeat(1_000_000))],
    expect: {
      outcome: { _tag: "SDKError", reason: "InvalidResponse" },
      messageIncludes: [
        "Clerk answered 200 with a body of an unexpected shape (at the top: expected ",
        ", got a string)"
      ]
    },
    editionMessages: {
      "effect-3":
        "Clerk answered 200 with a body of an unexpected shape (at the top: expected Struct (Encoded side), got a string)",
      "effect-4": "Clerk answered 200 with a body of an unexpected shape (at the top: expected object, got a string)"
    }
  },
  {
    name: "a 200 KB page with one bad session names its index and field",
    call: operation("list"),
    replies: () => {
      const data = Array.from({ length: 500 }, (_, i) => sessionWire(`sess_${i}`))
      data[417] = { ...data[417]!, user_id: 42 as never }
      return [json(200, { data, total_count: 500 })]
    },
    expect: {
      outcome: { _tag: "SDKError", reason: "InvalidResponse" },
      messageIncludes: ["at .data[417].user_id: expected string, got a number"]
    }
  }
]

/** Clerk error bodies where Clerk is loose: read liberally. */
export const looseBodies: ReadonlyArray<ExchangeCase & { readonly noRetry?: true }> = [
  {
    name: "only a code (Clerk's own 429 fixture): ClerkErrors, message and longMessage empty",
    call: operation("get"),
    noRetry: true,
    replies: () => [json(429, { errors: [{ code: "too_many_requests" }] }, { "retry-after": "1" })],
    expect: {
      outcome: {
        _tag: "ClerkErrors",
        errors: [{ code: "too_many_requests", message: "", longMessage: "" }],
        codes: ["too_many_requests"],
        message: "Clerk answered 429: too_many_requests:  (retry after 1s)"
      }
    }
  },
  {
    name: "meta null, long_message missing, message of another type: read as absent or empty",
    call: operation("get"),
    replies: () => [
      json(404, {
        errors: [
          { code: "resource_not_found", message: "not found", meta: null },
          { code: "other", message: 42, long_message: ["x"] }
        ],
        meta: null,
        clerk_trace_id: 7
      })
    ],
    expect: {
      outcome: {
        _tag: "ClerkErrors",
        errors: [
          { code: "resource_not_found", message: "not found", longMessage: "" },
          { code: "other", message: "", longMessage: "" }
        ],
        meta: undefined,
        clerkTraceId: undefined
      }
    }
  },
  {
    name: "an entry without a code is not a Clerk error body",
    call: operation("get"),
    replies: () => [json(404, { errors: [{ code: "a" }, { message: "b" }] })],
    expect: { outcome: { _tag: "SDKError", reason: "UnexpectedStatus" } }
  },
  {
    name: "a small body is kept whole",
    call: operation("get"),
    replies: () => [
      json(422, {
        errors: [{ code: "form_param_missing", message: "m", long_message: "l", meta: { param_name: "user_id" } }],
        meta: { request: "r" },
        clerk_trace_id: "trace_1"
      })
    ],
    expect: {
      outcome: {
        _tag: "ClerkErrors",
        errors: [{ code: "form_param_missing", message: "m", longMessage: "l", meta: { param_name: "user_id" } }],
        meta: { request: "r" },
        clerkTraceId: "trace_1"
      }
    }
  }
]

/** Clerk error bodies built to be enormous: each a 400 whose first code is kept, the rest bounded. */
export const hugeErrorBodies = (): ReadonlyArray<{
  readonly errors: ReadonlyArray<{ readonly code: string; readonly [field: string]: unknown }>
}> => [
  { errors: Array.from({ length: 100_000 }, (_, i) => ({ code: `code_${i}`, message: "m", long_message: "l" })) },
  { errors: [{ code: "big", message: "m".repeat(1_000_000), long_message: "l".repeat(1_000_000) }] },
  { errors: [{ code: "deep", message: "m", long_message: "l", meta: JSON.parse(deepObject(3000)) }] }
]

/** The bounds an error keeps, whatever it was answered: message, body, and any printed form. */
export const bounds = (limits: { readonly maxMessageChars: number; readonly maxErrorBodyChars: number }) => ({
  message: limits.maxMessageChars + 100,
  body: 1100,
  printed: 4 * limits.maxErrorBodyChars
})

/** Where a failure breaks the bounds (nothing when it keeps them). */
export const boundsViolations = (
  error: { readonly message: string; readonly body?: string | undefined },
  printed: ReadonlyArray<string>,
  limits: { readonly maxMessageChars: number; readonly maxErrorBodyChars: number }
): ReadonlyArray<string> => {
  const max = bounds(limits)
  return [
    ...(error.message.length <= max.message ? [] : [`message of ${error.message.length} chars`]),
    ...(error.body === undefined || error.body.length <= max.body ? [] : [`body of ${error.body.length} chars`]),
    ...printed.flatMap((text, i) => (text.length < max.printed ? [] : [`printed form ${i} of ${text.length} chars`]))
  ]
}

/** Random answer bodies for the property: deep and wide JSON, long strings, deep nesting. */
export const hostileBody = (fc: Omit<typeof FastCheck, "default">) => {
  const deepJson = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "large", withCrossShrink: true },
      fc.string({ maxLength: 3000 }),
      fc.integer(),
      fc.constant(null),
      fc.array(tie("value"), { maxLength: 4 }),
      fc.dictionary(fc.constantFrom("errors", "code", "message", "long_message", "meta", "data", "id"), tie("value"))
    )
  })).value
  return fc.oneof(
    deepJson.map((value) => JSON.stringify(value)),
    fc.nat({ max: 20_000 }).map(deep),
    fc.nat({ max: 5_000 }).map(deepObject)
  )
}

/** Statuses whose responses cannot carry a body (the web `Response` refuses one). */
export const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([204, 205, 304])

/** What a loopback server answers for each of {@link loopbackIds}: a 200 with a hostile JSON body. */
export const loopbackBodies: Readonly<Record<(typeof loopbackIds)[number], string>> = {
  deep: deep(100_000),
  huge: JSON.stringify("x".repeat(1_000_000))
}
