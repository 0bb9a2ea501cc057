import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import type { SDKError } from "../src/Errors.js"
import { Sessions } from "../src/Sessions.js"
import { makeFake, sessionsLayer, wireSession } from "./utils/fakeClerk.js"

// Each call is rejected before any request: SDKError InvalidInput naming the field.
const cases: ReadonlyArray<readonly [string, string, Effect.Effect<unknown, unknown, Sessions>]> = [
  ["get with an empty id", "sessionId", Sessions.get("")],
  ["get with a slash", "sessionId", Sessions.get("a/b")],
  ["get with a dot segment", "sessionId", Sessions.get("..")],
  ["get with a lone dot", "sessionId", Sessions.get(".")],
  ["get with a query", "sessionId", Sessions.get("a?b")],
  ["get with a control character", "sessionId", Sessions.get("a\u0085b")],
  ["get with a lone surrogate", "sessionId", Sessions.get("a\ud800")],
  ["get with a non-string", "sessionId", Sessions.get(42 as never)],
  ["revoke with whitespace", "sessionId", Sessions.revoke("a b")],
  ["list with neither owner", "clientId", Sessions.list({} as never)],
  ["list with an empty userId", "userId", Sessions.list({ userId: "" })],
  ["list with null params", "params", Sessions.list(null as never)],
  ["list with a status it cannot filter on", "status", Sessions.list({ userId: "u", status: "pending" as never })],
  ["list with limit 0", "limit", Sessions.list({ userId: "u", limit: 0 })],
  ["list with limit 501", "limit", Sessions.list({ userId: "u", limit: 501 })],
  ["list with a fractional offset", "offset", Sessions.list({ userId: "u", offset: 1.5 })],
  ["create without params", "params", Sessions.create(undefined as never)],
  ["create without userId", "userId", Sessions.create({} as never)],
  [
    "create with an empty organization",
    "activeOrganizationId",
    Sessions.create({ userId: "u", activeOrganizationId: "" })
  ],
  ["createToken with a short lifetime", "expiresInSeconds", Sessions.createToken("s", { expiresInSeconds: 29 })],
  [
    "createToken with a long lifetime",
    "expiresInSeconds",
    Sessions.createToken("s", { expiresInSeconds: 315_360_001 })
  ],
  ["createToken with params of another type", "params", Sessions.createToken("s", "x" as never)],
  ["createTokenFromTemplate with a bad template", "templateName", Sessions.createTokenFromTemplate("s", "a/b")],
  [
    "refresh without a refresh token",
    "refreshToken",
    Sessions.refresh("s", { expiredToken: "e", requestOrigin: "o" } as never)
  ],
  [
    "refresh with an unknown format",
    "format",
    Sessions.refresh("s", { expiredToken: "e", refreshToken: "r", requestOrigin: "o", format: "xml" as never })
  ],
  [
    "refresh with headers that are not strings",
    "requestHeaders",
    Sessions.refresh("s", {
      expiredToken: "e",
      refreshToken: "r",
      requestOrigin: "o",
      requestHeaders: { a: 1 } as never
    })
  ],
  ["verify with an empty token", "token", Sessions.verify("s", { token: "" })]
]

describe("invalid input", () => {
  for (const [name, field, call] of cases) {
    it.effect(`${name}: InvalidInput on ${field}, no request`, () =>
      Effect.gen(function* () {
        const fake = makeFake("platform", { status: 200, body: wireSession() })
        const error = (yield* Effect.flip(Effect.provide(call, sessionsLayer(fake)))) as SDKError
        expect(error._tag).toBe("SDKError")
        expect(error.reason).toBe("InvalidInput")
        expect(error.field).toBe(field)
        expect(error.message).toMatch(new RegExp(`^Invalid input: ${field} `))
        expect(fake.requests).toHaveLength(0)
      })
    )
  }

  it.effect("stream with an invalid page size fails typed, before any request", () =>
    Effect.gen(function* () {
      const { Stream } = yield* Effect.promise(() => import("effect"))
      const fake = makeFake("platform", { status: 200, body: { data: [], total_count: 0 } })
      const error = (yield* Effect.flip(
        Stream.runDrain(Sessions.stream({ userId: "u", limit: "ten" as never })).pipe(
          Effect.provide(sessionsLayer(fake))
        )
      )) as SDKError
      expect(error).toMatchObject({ reason: "InvalidInput", field: "limit" })
      expect(fake.requests).toHaveLength(0)
    })
  )
})
