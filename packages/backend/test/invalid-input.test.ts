import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { ClerkErrors } from "../src/Errors.js"
import { SDKError } from "../src/Errors.js"
import { Sessions } from "../src/Sessions.js"
import type { ListSessionsParams, StreamSessionsParams } from "../src/SessionsParams.js"
import { typedFailure } from "./utils/outcomes.js"
import { RecordingHttp, withRecorder } from "./utils/RecordingHttpClient.js"

interface Case {
  readonly name: string
  readonly field: string
  readonly run: () => Effect.Effect<unknown, ClerkErrors | SDKError, Sessions>
}

const refresh = { expiredToken: "expired.jwt", refreshToken: "refresh", requestOrigin: "https://app.example.com" }

/** Every operation that takes a session id, with that id. */
const bySessionId: ReadonlyArray<
  readonly [string, (id: string) => Effect.Effect<unknown, ClerkErrors | SDKError, Sessions>]
> = [
  ["get", (id) => Sessions.get(id)],
  ["revoke", (id) => Sessions.revoke(id)],
  ["refresh", (id) => Sessions.refresh(id, refresh)],
  ["createToken", (id) => Sessions.createToken(id)],
  ["createTokenFromTemplate", (id) => Sessions.createTokenFromTemplate(id, "custom_hasura")],
  ["verify", (id) => Sessions.verify(id, { token: "t" })]
]

const badPathValues: ReadonlyArray<readonly [string, string]> = [
  ["empty", ""],
  ["a slash", "sess_1/revoke"],
  ["a leading slash", "/sess_1"],
  ["..", ".."],
  ["a single dot (the URL parser would drop the segment)", "."],
  ["../ traversal", "sess_1/../users"],
  ["embedded ..", "sess..1"],
  ["?", "sess_1?x=1"],
  ["#", "sess_1#frag"],
  ["%", "sess_%2F1"],
  ["a space", "sess 1"],
  ["a tab", "sess\t1"],
  ["a newline", "sess_1\n"],
  ["a carriage return", "sess_1\r\nX-Injected: 1"],
  ["a NUL", "sess\u00001"],
  ["DEL", "sess\u007f1"],
  ["a C1 control (NEL)", "sess\u00851"],
  ["a no-break space", "sess\u00a01"],
  ["a line separator", "sess\u20281"],
  ["a lone surrogate", "sess\ud8001"]
]

const cast = <A>(value: unknown): A => value as A

const cases: Array<Case> = [
  ...bySessionId.flatMap(([op, run]) =>
    badPathValues.map(
      ([what, id]): Case => ({ name: `${op}: sessionId with ${what}`, field: "sessionId", run: () => run(id) })
    )
  ),
  ...badPathValues.map(
    ([what, name]): Case => ({
      name: `createTokenFromTemplate: templateName with ${what}`,
      field: "templateName",
      run: () => Sessions.createTokenFromTemplate("sess_1", name)
    })
  ),
  // limit 1..500, integer
  ...[0, -1, 501, 1.5, Number.NaN, Number.POSITIVE_INFINITY].map(
    (limit): Case => ({
      name: `list: limit ${limit}`,
      field: "limit",
      run: () => Sessions.list({ userId: "u", limit })
    })
  ),
  // offset >= 0, integer
  ...[-1, 0.5, Number.NaN].map(
    (offset): Case => ({
      name: `list: offset ${offset}`,
      field: "offset",
      run: () => Sessions.list({ userId: "u", offset })
    })
  ),
  // expiresInSeconds 30..315360000, integer
  ...[29, 0, -30, 315_360_001, 30.5, Number.NaN].flatMap(
    (expiresInSeconds): Array<Case> => [
      {
        name: `createToken: expiresInSeconds ${expiresInSeconds}`,
        field: "expiresInSeconds",
        run: () => Sessions.createToken("sess_1", { expiresInSeconds })
      },
      {
        name: `createTokenFromTemplate: expiresInSeconds ${expiresInSeconds}`,
        field: "expiresInSeconds",
        run: () => Sessions.createTokenFromTemplate("sess_1", "tpl", { expiresInSeconds })
      }
    ]
  ),
  // At least one of clientId / userId (the type forbids it; JavaScript callers and casts do not)
  {
    name: "list: neither clientId nor userId",
    field: "clientId",
    run: () => Sessions.list(cast<ListSessionsParams>({}))
  },
  {
    name: "list: only a status",
    field: "clientId",
    run: () => Sessions.list(cast<ListSessionsParams>({ status: "active" }))
  },
  { name: "list: empty userId", field: "userId", run: () => Sessions.list({ userId: "" }) },
  { name: "list: empty clientId", field: "clientId", run: () => Sessions.list({ clientId: "" }) },
  { name: "list: no params at all", field: "params", run: () => Sessions.list(cast<ListSessionsParams>(undefined)) },
  {
    name: "list: pending is not a filter",
    field: "status",
    run: () => Sessions.list(cast<ListSessionsParams>({ userId: "u", status: "pending" }))
  },
  { name: "create: empty userId", field: "userId", run: () => Sessions.create({ userId: "" }) },
  {
    name: "create: empty activeOrganizationId",
    field: "activeOrganizationId",
    run: () => Sessions.create({ userId: "u", activeOrganizationId: "" })
  },
  { name: "create: no params", field: "params", run: () => Sessions.create(cast(undefined)) },
  {
    name: "refresh: empty expiredToken",
    field: "expiredToken",
    run: () => Sessions.refresh("s", { ...refresh, expiredToken: "" })
  },
  {
    name: "refresh: empty refreshToken",
    field: "refreshToken",
    run: () => Sessions.refresh("s", { ...refresh, refreshToken: "" })
  },
  {
    name: "refresh: empty requestOrigin",
    field: "requestOrigin",
    run: () => Sessions.refresh("s", { ...refresh, requestOrigin: "" })
  },
  { name: "refresh: no params", field: "params", run: () => Sessions.refresh("s", cast(undefined)) },
  {
    name: "refresh: unknown format",
    field: "format",
    run: () => Sessions.refresh("s", cast({ ...refresh, format: "json" }))
  },
  { name: "verify: empty token", field: "token", run: () => Sessions.verify("s", { token: "" }) }
]

describe("InvalidInput: rejected before any request, naming the field", () => {
  for (const c of cases) {
    it.effect(c.name, () =>
      withRecorder(
        Effect.gen(function* () {
          const { error } = yield* typedFailure([], c.run)
          assert.instanceOf(error, SDKError)
          const sdk = error as SDKError
          assert.strictEqual(sdk.reason, "InvalidInput")
          assert.strictEqual(sdk.field, c.field)
          assert.include(sdk.message, c.field)
          assert.isUndefined(sdk.status)
          assert.strictEqual((yield* RecordingHttp).requests.length, 0, "no request may be sent")
        })
      )
    )
  }
})

describe("stream validates before its first page", () => {
  const streamCases: ReadonlyArray<readonly [string, string, StreamSessionsParams]> = [
    ["neither clientId nor userId", "clientId", cast<StreamSessionsParams>({})],
    ["limit 0", "limit", { userId: "u", limit: 0 }],
    ["limit 501", "limit", { userId: "u", limit: 501 }],
    ["limit 2.5", "limit", { userId: "u", limit: 2.5 }]
  ]
  for (const [name, field, params] of streamCases) {
    it.effect(name, () =>
      withRecorder(
        Effect.gen(function* () {
          const { error } = yield* typedFailure([], () => Stream.runCollect(Sessions.stream(params)))
          assert.strictEqual((error as SDKError).reason, "InvalidInput")
          assert.strictEqual((error as SDKError).field, field)
          assert.strictEqual((yield* RecordingHttp).requests.length, 0)
        })
      )
    )
  }
})

describe("the bounds themselves are accepted", () => {
  const accepted: ReadonlyArray<readonly [string, () => Effect.Effect<unknown, ClerkErrors | SDKError, Sessions>]> = [
    ["limit 1", () => Sessions.list({ userId: "u", limit: 1 })],
    ["limit 500", () => Sessions.list({ userId: "u", limit: 500 })],
    ["offset 0", () => Sessions.list({ userId: "u", offset: 0 })],
    ["expiresInSeconds 30", () => Sessions.createToken("s", { expiresInSeconds: 30 })],
    ["expiresInSeconds 315360000", () => Sessions.createToken("s", { expiresInSeconds: 315_360_000 })],
    ["an id with . - _ ~ and unicode letters", () => Sessions.get("sess.1-a_b~ü")]
  ]
  for (const [name, run] of accepted) {
    it.effect(name, () =>
      withRecorder(
        Effect.gen(function* () {
          // The fallback reply is a Clerk 500: the point is that a request was sent.
          const { error } = yield* typedFailure([], run)
          assert.strictEqual((error as ClerkErrors)._tag, "ClerkErrors")
          assert.strictEqual((yield* RecordingHttp).requests.length, 1)
        })
      )
    )
  }
})
