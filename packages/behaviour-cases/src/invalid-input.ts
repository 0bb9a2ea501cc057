/**
 * Invalid input: rejected as `SDKError` `InvalidInput` before any request,
 * naming the field at fault; the bounds themselves are accepted.
 */
import * as calls from "./calls.js"
import { type Call, refreshParams } from "./calls.js"

export interface InvalidCase {
  readonly name: string
  /** The `field` the error names (its message includes it too). */
  readonly field: string
  readonly call: Call
}

/** Every operation that takes a session id, with that id. */
const bySessionId: ReadonlyArray<readonly [string, (id: string) => Call]> = [
  ["get", (id) => calls.get(id)],
  ["revoke", (id) => calls.revoke(id)],
  ["refresh", (id) => calls.refresh(id, refreshParams)],
  ["createToken", (id) => calls.createToken(id)],
  ["createTokenFromTemplate", (id) => calls.createTokenFromTemplate(id, "custom_hasura")],
  ["verify", (id) => calls.verify(id, { token: "t" })]
]

/** Path parameters that must never become a request. */
export const badPathValues: ReadonlyArray<readonly [string, string]> = [
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

export const cases: ReadonlyArray<InvalidCase> = [
  ...bySessionId.flatMap(([op, call]) =>
    badPathValues.map(
      ([what, id]): InvalidCase => ({ name: `${op}: sessionId with ${what}`, field: "sessionId", call: call(id) })
    )
  ),
  ...badPathValues.map(
    ([what, name]): InvalidCase => ({
      name: `createTokenFromTemplate: templateName with ${what}`,
      field: "templateName",
      call: calls.createTokenFromTemplate("sess_1", name)
    })
  ),
  // limit 1..500, integer
  ...[0, -1, 501, 1.5, Number.NaN, Number.POSITIVE_INFINITY].map(
    (limit): InvalidCase => ({ name: `list: limit ${limit}`, field: "limit", call: calls.list({ userId: "u", limit }) })
  ),
  // offset >= 0, integer
  ...[-1, 0.5, Number.NaN].map(
    (offset): InvalidCase => ({
      name: `list: offset ${offset}`,
      field: "offset",
      call: calls.list({ userId: "u", offset })
    })
  ),
  // expiresInSeconds 30..315360000, integer
  ...[29, 0, -30, 315_360_001, 30.5, Number.NaN].flatMap(
    (expiresInSeconds): Array<InvalidCase> => [
      {
        name: `createToken: expiresInSeconds ${expiresInSeconds}`,
        field: "expiresInSeconds",
        call: calls.createToken("sess_1", { expiresInSeconds })
      },
      {
        name: `createTokenFromTemplate: expiresInSeconds ${expiresInSeconds}`,
        field: "expiresInSeconds",
        call: calls.createTokenFromTemplate("sess_1", "tpl", { expiresInSeconds })
      }
    ]
  ),
  // At least one of clientId / userId (the type forbids it; JavaScript callers and casts do not)
  { name: "list: neither clientId nor userId", field: "clientId", call: calls.list({}) },
  { name: "list: only a status", field: "clientId", call: calls.list({ status: "active" }) },
  { name: "list: empty userId", field: "userId", call: calls.list({ userId: "" }) },
  { name: "list: empty clientId", field: "clientId", call: calls.list({ clientId: "" }) },
  { name: "list: no params at all", field: "params", call: calls.list(undefined) },
  { name: "list: pending is not a filter", field: "status", call: calls.list({ userId: "u", status: "pending" }) },
  { name: "create: empty userId", field: "userId", call: calls.create({ userId: "" }) },
  {
    name: "create: empty activeOrganizationId",
    field: "activeOrganizationId",
    call: calls.create({ userId: "u", activeOrganizationId: "" })
  },
  { name: "create: no params", field: "params", call: calls.create(undefined) },
  {
    name: "refresh: empty expiredToken",
    field: "expiredToken",
    call: calls.refresh("s", { ...refreshParams, expiredToken: "" })
  },
  {
    name: "refresh: empty refreshToken",
    field: "refreshToken",
    call: calls.refresh("s", { ...refreshParams, refreshToken: "" })
  },
  {
    name: "refresh: empty requestOrigin",
    field: "requestOrigin",
    call: calls.refresh("s", { ...refreshParams, requestOrigin: "" })
  },
  { name: "refresh: no params", field: "params", call: calls.refresh("s", undefined) },
  { name: "refresh: unknown format", field: "format", call: calls.refresh("s", { ...refreshParams, format: "json" }) },
  { name: "verify: empty token", field: "token", call: calls.verify("s", { token: "" }) }
]

/** `stream` validates before its first page. */
export const streamCases: ReadonlyArray<InvalidCase> = [
  { name: "neither clientId nor userId", field: "clientId", call: calls.stream({}) },
  { name: "limit 0", field: "limit", call: calls.stream({ userId: "u", limit: 0 }) },
  { name: "limit 501", field: "limit", call: calls.stream({ userId: "u", limit: 501 }) },
  { name: "limit 2.5", field: "limit", call: calls.stream({ userId: "u", limit: 2.5 }) }
]

/** The bounds themselves are accepted: a request goes out. */
export const accepted: ReadonlyArray<{ readonly name: string; readonly call: Call }> = [
  { name: "limit 1", call: calls.list({ userId: "u", limit: 1 }) },
  { name: "limit 500", call: calls.list({ userId: "u", limit: 500 }) },
  { name: "offset 0", call: calls.list({ userId: "u", offset: 0 }) },
  { name: "expiresInSeconds 30", call: calls.createToken("s", { expiresInSeconds: 30 }) },
  { name: "expiresInSeconds 315360000", call: calls.createToken("s", { expiresInSeconds: 315_360_000 }) },
  { name: "an id with . - _ ~ and unicode letters", call: calls.get("sess.1-a_b~ü") }
]

/** What an invalid case must end in: `InvalidInput` naming the field, no status, no request. */
export const expectation = (c: InvalidCase) =>
  ({
    outcome: { _tag: "SDKError", reason: "InvalidInput", field: c.field, status: undefined },
    messageIncludes: [c.field],
    requests: 0
  }) as const

/** What an accepted case ends in: the double's unscripted Clerk 500, after exactly one request. */
export const acceptedExpectation = { outcome: { _tag: "ClerkErrors", status: 500 }, requests: 1 } as const
