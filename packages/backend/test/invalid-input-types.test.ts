/**
 * Input that the types refuse but JavaScript callers (and casts) can pass:
 * every parameter of every operation is checked at run time as its type
 * states it. Each value below fails as `InvalidInput` naming the field, and
 * nothing is sent; never a defect, never a request with `123` in its URL.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { ClerkErrors } from "../src/Errors.js"
import { SDKError } from "../src/Errors.js"
import { Sessions } from "../src/Sessions.js"
import { typedFailure } from "./utils/outcomes.js"
import { RecordingHttp, withRecorder } from "./utils/RecordingHttpClient.js"

type Run = () => Effect.Effect<unknown, ClerkErrors | SDKError, Sessions>

// Any value through an untyped door, as a JavaScript caller would pass it.
// biome-ignore lint/suspicious/noExplicitAny: the point of this file is values the types refuse
const untyped = Sessions as any

/** Values of the wrong type for a string, a number, an object or a list field. */
const notString: ReadonlyArray<unknown> = [123, 0, true, {}, [], ["sess_1"], Symbol("s"), () => "sess_1", 10n]
const notNumber: ReadonlyArray<unknown> = ["5", true, {}, [], [5], null, 5n]
const notObject: ReadonlyArray<unknown> = [null, "params", 5, true, [], () => ({})]

const refresh = { expiredToken: "expired.jwt", refreshToken: "refresh", requestOrigin: "https://app.example.com" }

interface Case {
  readonly name: string
  readonly field: string
  readonly run: Run
}

const show = (value: unknown) =>
  typeof value === "symbol" || typeof value === "bigint" || typeof value === "function"
    ? `${typeof value}`
    : JSON.stringify(value)

const each = (values: ReadonlyArray<unknown>, field: string, label: string, run: (value: unknown) => Run) =>
  values.map((value): Case => ({ name: `${label} ${show(value)}`, field, run: run(value) }))

const required = [...notString, null, undefined]
const optional = [...notString, null]

const cases: ReadonlyArray<Case> = [
  // path parameters
  ...each(required, "sessionId", "get: sessionId", (id) => () => untyped.get(id)),
  ...each(required, "sessionId", "revoke: sessionId", (id) => () => untyped.revoke(id)),
  ...each(required, "sessionId", "refresh: sessionId", (id) => () => untyped.refresh(id, refresh)),
  ...each(required, "sessionId", "createToken: sessionId", (id) => () => untyped.createToken(id)),
  ...each(
    required,
    "sessionId",
    "createTokenFromTemplate: sessionId",
    (id) => () => untyped.createTokenFromTemplate(id, "tpl")
  ),
  ...each(
    required,
    "templateName",
    "createTokenFromTemplate: templateName",
    (name) => () => untyped.createTokenFromTemplate("sess_1", name)
  ),
  ...each(required, "sessionId", "verify: sessionId", (id) => () => untyped.verify(id, { token: "t" })),
  // list
  ...each(notObject, "params", "list: params", (params) => () => untyped.list(params)),
  ...each(optional, "userId", "list: userId", (userId) => () => untyped.list({ userId })),
  ...each(optional, "clientId", "list: clientId", (clientId) => () => untyped.list({ clientId })),
  ...each(optional, "status", "list: status", (status) => () => untyped.list({ userId: "u", status })),
  ...each(notNumber, "limit", "list: limit", (limit) => () => untyped.list({ userId: "u", limit })),
  ...each(notNumber, "offset", "list: offset", (offset) => () => untyped.list({ userId: "u", offset })),
  // create
  ...each([...notObject, undefined], "params", "create: params", (params) => () => untyped.create(params)),
  ...each(required, "userId", "create: userId", (userId) => () => untyped.create({ userId })),
  ...each(
    optional,
    "activeOrganizationId",
    "create: activeOrganizationId",
    (id) => () => untyped.create({ userId: "u", activeOrganizationId: id })
  ),
  // refresh
  ...each([...notObject, undefined], "params", "refresh: params", (params) => () => untyped.refresh("s", params)),
  ...(["expiredToken", "refreshToken", "requestOrigin"] as const).flatMap((field) =>
    each(required, field, `refresh: ${field}`, (value) => () => untyped.refresh("s", { ...refresh, [field]: value }))
  ),
  ...each(optional, "format", "refresh: format", (format) => () => untyped.refresh("s", { ...refresh, format })),
  ...each(
    optional,
    "requestOriginatingIp",
    "refresh: requestOriginatingIp",
    (ip) => () => untyped.refresh("s", { ...refresh, requestOriginatingIp: ip })
  ),
  ...each(
    [null, "h", 5, [], ["a"]],
    "requestHeaders",
    "refresh: requestHeaders",
    (headers) => () => untyped.refresh("s", { ...refresh, requestHeaders: headers })
  ),
  ...each(
    [5, null, {}, [1], ["a", 2], true],
    "requestHeaders",
    "refresh: a requestHeaders value",
    (value) => () => untyped.refresh("s", { ...refresh, requestHeaders: { "user-agent": value } })
  ),
  // token minting
  ...each(notObject, "params", "createToken: params", (params) => () => untyped.createToken("s", params)),
  ...each(
    notNumber,
    "expiresInSeconds",
    "createToken: expiresInSeconds",
    (seconds) => () => untyped.createToken("s", { expiresInSeconds: seconds })
  ),
  ...each(
    notObject,
    "params",
    "createTokenFromTemplate: params",
    (params) => () => untyped.createTokenFromTemplate("s", "tpl", params)
  ),
  // verify
  ...each([...notObject, undefined], "params", "verify: params", (params) => () => untyped.verify("s", params)),
  ...each(optional, "token", "verify: token", (token) => () => untyped.verify("s", { token }))
]

describe("InvalidInput for values of the wrong type, on every field", () => {
  for (const c of cases) {
    it.effect(c.name, () =>
      withRecorder(
        Effect.gen(function* () {
          const { error } = yield* typedFailure([], c.run)
          assert.instanceOf(error, SDKError)
          const sdk = error as SDKError
          assert.strictEqual(sdk.reason, "InvalidInput", sdk.message)
          assert.strictEqual(sdk.field, c.field, sdk.message)
          assert.strictEqual((yield* RecordingHttp).requests.length, 0, "no request may be sent")
        })
      )
    )
  }
})

describe("stream: the same checks before its first page", () => {
  const streamCases: ReadonlyArray<Case> = [
    ...each(notObject, "params", "stream: params", (params) => () => Stream.runDrain(untyped.stream(params))),
    ...each(optional, "userId", "stream: userId", (userId) => () => Stream.runDrain(untyped.stream({ userId }))),
    ...each(
      notNumber,
      "limit",
      "stream: limit",
      (limit) => () => Stream.runDrain(untyped.stream({ userId: "u", limit }))
    )
  ]
  for (const c of streamCases) {
    it.effect(c.name, () =>
      withRecorder(
        Effect.gen(function* () {
          const { error } = yield* typedFailure([], c.run)
          assert.strictEqual((error as SDKError).reason, "InvalidInput")
          assert.strictEqual((error as SDKError).field, c.field)
          assert.strictEqual((yield* RecordingHttp).requests.length, 0)
        })
      )
    )
  }
})
