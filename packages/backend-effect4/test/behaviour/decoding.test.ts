/**
 * What each schema makes of what Clerk sends: the shared cases
 * (`@clerk-effect/behaviour-cases/decoding`) on this edition's schemas, and
 * the refresh exchange on both exchanges.
 */
import {
  type Check,
  checkView,
  type DecodingCase,
  encodesBack,
  otherSchemaCases,
  refreshCookieGetsToken,
  type SchemaName,
  sessionCases
} from "@clerk-effect/behaviour-cases/decoding"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Option, Schema } from "effect"
import { Cookies, Session, SessionListResponse, SessionRefresh, Token } from "../../src/Session.js"
import { EXCHANGES, viewOfCase } from "./adapter.js"

const decoders: Record<SchemaName, (input: unknown) => Option.Option<unknown>> = {
  Session: Schema.decodeUnknownOption(Session),
  SessionListResponse: Schema.decodeUnknownOption(SessionListResponse),
  Token: Schema.decodeUnknownOption(Token),
  Cookies: Schema.decodeUnknownOption(Cookies),
  SessionRefresh: Schema.decodeUnknownOption(SessionRefresh)
}

const decodeWith = (schema: SchemaName, check: Check) =>
  Option.match(decoders[schema](check.input), {
    onNone: () => ({ ok: false }) as const,
    onSome: (value) => ({ ok: true, value }) as const
  })

const run = (c: DecodingCase) =>
  it(c.name, () => {
    for (const check of c.checks) {
      const { actual, expected } = checkView(check, decodeWith(c.schema, check))
      assert.deepStrictEqual(actual, expected, check.label)
    }
  })

describe("Session schema: nullable vs optional (SESSIONS.md §4)", () => {
  for (const c of sessionCases) run(c)

  it("encodes back to the snake_case wire form (the fake backend relies on it)", () => {
    assert.deepStrictEqual<unknown>(Schema.encodeSync(Session)(encodesBack.value), encodesBack.wire)
  })
})

describe("list, token and cookies schemas", () => {
  for (const c of otherSchemaCases) run(c)
})

describe.each(EXCHANGES)("the answer's schema follows the request (%s exchange)", (kind) => {
  it.effect(refreshCookieGetsToken.name, () =>
    Effect.gen(function* () {
      const { actual, expected } = yield* viewOfCase(kind, refreshCookieGetsToken)
      assert.deepStrictEqual(actual, expected)
    })
  )
})
