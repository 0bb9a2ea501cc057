/**
 * Input validation (internal/validation.ts), driven directly: each rule's
 * exact boundaries and exact messages.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit } from "effect"
import { SDKError } from "../src/Errors.js"
import {
  invalidInput,
  optionalHeaders,
  optionalInteger,
  optionalNonEmpty,
  optionalObject,
  pathParam,
  requiredNonEmpty,
  requiredObject
} from "../src/internal/validation.js"

const run = <A>(effect: Effect.Effect<A, SDKError>) => Effect.runSyncExit(effect)
const ok = <A>(effect: Effect.Effect<A, SDKError>): A => Effect.runSync(effect)
const failure = <A>(effect: Effect.Effect<A, SDKError>): SDKError => {
  const exit = run(effect)
  if (Exit.isSuccess(exit) || exit.cause._tag !== "Fail") throw new Error("expected a typed failure")
  return exit.cause.error
}

describe("invalidInput", () => {
  it("names the field in the error and in the message", () => {
    const error = invalidInput("sessionId", "must be a string")
    expect(error).toBeInstanceOf(SDKError)
    expect(error.reason).toBe("InvalidInput")
    expect(error.field).toBe("sessionId")
    expect(error.message).toBe("Invalid input: sessionId must be a string")
  })
})

describe("pathParam", () => {
  const forbidden = "must not be '.' nor contain '/', '..', '?', '#', '%', whitespace or control characters"

  // The request percent-encodes it (the path-params behaviour cases check the URL).
  it("returns a valid value as given", () => {
    for (const value of ["sess_123", "a+b@c", "ä", "a.b", ".a", "a."]) {
      expect(ok(pathParam("id", value))).toBe(value)
    }
  })

  it("not a string, or empty", () => {
    for (const value of [undefined, null, 1, {}, ["a"]]) {
      expect(failure(pathParam("id", value)).message).toBe("Invalid input: id must be a string")
    }
    const empty = failure(pathParam("templateName", ""))
    expect(empty.message).toBe("Invalid input: templateName must not be empty")
    expect(empty.field).toBe("templateName")
  })

  it("each forbidden character or sequence, anywhere in the value", () => {
    const values = [
      ".",
      "..",
      "a..b",
      "../x",
      "a/b",
      "/",
      "a?b",
      "a#b",
      "a%2Fb",
      "a b",
      "a\tb",
      "a\nb",
      "a\u0000b",
      "a\u007fb",
      "a\u0085b",
      "a\u00a0b",
      "a\ud800b",
      " lead",
      "trail "
    ]
    for (const value of values) {
      const error = failure(pathParam("id", value))
      expect(error.message, JSON.stringify(value)).toBe(`Invalid input: id ${forbidden}`)
      expect(error.field).toBe("id")
    }
  })
})

describe("optionalInteger", () => {
  it("absent is undefined", () => {
    expect(ok(optionalInteger("limit", undefined, 1, 500))).toBeUndefined()
  })

  it("inclusive bounds: min and max pass, one beyond fails with both bounds and the value", () => {
    expect(ok(optionalInteger("limit", 1, 1, 500))).toBe(1)
    expect(ok(optionalInteger("limit", 500, 1, 500))).toBe(500)
    expect(ok(optionalInteger("limit", 10, 1, 500))).toBe(10)
    expect(failure(optionalInteger("limit", 0, 1, 500)).message).toBe(
      "Invalid input: limit must be between 1 and 500, got 0"
    )
    expect(failure(optionalInteger("limit", 501, 1, 500)).message).toBe(
      "Invalid input: limit must be between 1 and 500, got 501"
    )
    expect(failure(optionalInteger("offset", -1, 0, 10)).field).toBe("offset")
  })

  it("not an integer", () => {
    for (const value of [1.5, "1", null, Number.NaN, Number.POSITIVE_INFINITY, true]) {
      expect(failure(optionalInteger("limit", value, 1, 500)).message).toBe("Invalid input: limit must be an integer")
    }
  })
})

describe("optionalNonEmpty and requiredNonEmpty", () => {
  it("optional: absent or a non-empty string", () => {
    expect(ok(optionalNonEmpty("status", undefined))).toBeUndefined()
    expect(ok(optionalNonEmpty("status", "active"))).toBe("active")
    for (const value of ["", 1, null]) {
      expect(failure(optionalNonEmpty("status", value)).message).toBe(
        "Invalid input: status must be a non-empty string"
      )
    }
  })

  it("required: a non-empty string", () => {
    expect(ok(requiredNonEmpty("userId", "user_1"))).toBe("user_1")
    expect(ok(requiredNonEmpty("userId", " "))).toBe(" ")
    for (const value of [undefined, "", 1, null]) {
      expect(failure(requiredNonEmpty("userId", value)).message).toBe(
        "Invalid input: userId is required and must be a non-empty string"
      )
    }
  })
})

describe("requiredObject and optionalObject", () => {
  it("required: a plain object, not null, an array or a function", () => {
    const params = { a: 1 }
    expect(ok(requiredObject("params", params))).toBe(params)
    for (const value of [undefined, null, [], () => ({}), "x", 1]) {
      expect(failure(requiredObject("params", value)).message).toBe(
        "Invalid input: params is required and must be an object"
      )
    }
  })

  it("optional: absent or a plain object", () => {
    const params = {}
    expect(ok(optionalObject("params", params))).toBe(params)
    expect(ok(optionalObject("params", undefined))).toBeUndefined()
    for (const value of [null, [], () => ({}), "x", 0]) {
      expect(failure(optionalObject("params", value)).message).toBe(
        "Invalid input: params must be an object when given"
      )
    }
  })
})

describe("optionalHeaders", () => {
  const message = "Invalid input: headers must be an object of strings or lists of strings"

  it("absent, or an object of strings and lists of strings", () => {
    expect(Exit.isSuccess(run(optionalHeaders("headers", undefined)))).toBe(true)
    expect(Exit.isSuccess(run(optionalHeaders("headers", {})))).toBe(true)
    expect(Exit.isSuccess(run(optionalHeaders("headers", { a: "1", b: ["2", "3"], c: [] })))).toBe(true)
  })

  it("anything else fails", () => {
    for (const value of [null, [], "a", { a: 1 }, { a: ["1", 2] }, { a: "1", b: undefined }, { a: [["1"]] }]) {
      expect(failure(optionalHeaders("headers", value)).message, JSON.stringify(value)).toBe(message)
    }
  })
})
