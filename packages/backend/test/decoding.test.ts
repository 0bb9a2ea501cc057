/**
 * What each schema makes of what Clerk sends: the shared cases
 * (`@clerk-effect/behaviour-cases/decoding`) on this edition's schemas.
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
import { viewOf } from "@clerk-effect/behaviour-cases/outcomes"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { Cookies, Session, SessionListResponse, SessionRefresh, Token } from "../src/Session.js"
import { exchange } from "./utils/behaviour.js"

const schemas: Record<SchemaName, Schema.Schema<unknown, unknown>> = {
  Session: Session as Schema.Schema<unknown, unknown>,
  SessionListResponse: SessionListResponse as Schema.Schema<unknown, unknown>,
  Token: Token as Schema.Schema<unknown, unknown>,
  Cookies: Cookies as Schema.Schema<unknown, unknown>,
  SessionRefresh: SessionRefresh as Schema.Schema<unknown, unknown>
}

const decodeWith = (schema: SchemaName, check: Check) =>
  Either.match(Schema.decodeUnknownEither(schemas[schema])(check.input), {
    onLeft: () => ({ ok: false }) as const,
    onRight: (value) => ({ ok: true, value }) as const
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

  it.effect(refreshCookieGetsToken.name, () =>
    Effect.gen(function* () {
      const { actual, expected } = viewOf(yield* exchange(refreshCookieGetsToken), refreshCookieGetsToken.expect)
      assert.deepStrictEqual(actual, expected)
    })
  )
})
