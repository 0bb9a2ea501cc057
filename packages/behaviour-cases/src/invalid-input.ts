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

// Input that the types refuse but JavaScript callers (and casts) can pass:
// every parameter of every operation is checked at run time as its type
// states it. Each value below fails as `InvalidInput` naming the field, and
// nothing is sent; never a defect, never a request with `123` in its URL.

/** Values of the wrong type for a string, a number, an object or a list field. */
const notString: ReadonlyArray<unknown> = [123, 0, true, {}, [], ["sess_1"], Symbol("s"), () => "sess_1", 10n]
const notNumber: ReadonlyArray<unknown> = ["5", true, {}, [], [5], null, 5n]
const notObject: ReadonlyArray<unknown> = [null, "params", 5, true, [], () => ({})]
const requiredValues = [...notString, null, undefined]
const optionalValues = [...notString, null]

const show = (value: unknown) =>
  typeof value === "symbol" || typeof value === "bigint" || typeof value === "function"
    ? `${typeof value}`
    : JSON.stringify(value)

const each = (values: ReadonlyArray<unknown>, field: string, label: string, call: (value: unknown) => Call) =>
  values.map((value): InvalidCase => ({ name: `${label} ${show(value)}`, field, call: call(value) }))

/** A value through an untyped door, as a JavaScript caller would pass it where a string is due. */
const asString = (value: unknown) => value as string

/** A value of the wrong type on every field of every operation. */
export const typeCases: ReadonlyArray<InvalidCase> = [
  // path parameters
  ...each(requiredValues, "sessionId", "get: sessionId", (id) => calls.get(asString(id))),
  ...each(requiredValues, "sessionId", "revoke: sessionId", (id) => calls.revoke(asString(id))),
  ...each(requiredValues, "sessionId", "refresh: sessionId", (id) => calls.refresh(asString(id), refreshParams)),
  ...each(requiredValues, "sessionId", "createToken: sessionId", (id) => calls.createToken(asString(id))),
  ...each(requiredValues, "sessionId", "createTokenFromTemplate: sessionId", (id) =>
    calls.createTokenFromTemplate(asString(id), "tpl")
  ),
  ...each(requiredValues, "templateName", "createTokenFromTemplate: templateName", (name) =>
    calls.createTokenFromTemplate("sess_1", asString(name))
  ),
  ...each(requiredValues, "sessionId", "verify: sessionId", (id) => calls.verify(asString(id), { token: "t" })),
  // list
  ...each(notObject, "params", "list: params", (params) => calls.list(params)),
  ...each(optionalValues, "userId", "list: userId", (userId) => calls.list({ userId })),
  ...each(optionalValues, "clientId", "list: clientId", (clientId) => calls.list({ clientId })),
  ...each(optionalValues, "status", "list: status", (status) => calls.list({ userId: "u", status })),
  ...each(notNumber, "limit", "list: limit", (limit) => calls.list({ userId: "u", limit })),
  ...each(notNumber, "offset", "list: offset", (offset) => calls.list({ userId: "u", offset })),
  // create
  ...each([...notObject, undefined], "params", "create: params", (params) => calls.create(params)),
  ...each(requiredValues, "userId", "create: userId", (userId) => calls.create({ userId })),
  ...each(optionalValues, "activeOrganizationId", "create: activeOrganizationId", (id) =>
    calls.create({ userId: "u", activeOrganizationId: id })
  ),
  // refresh
  ...each([...notObject, undefined], "params", "refresh: params", (params) => calls.refresh("s", params)),
  ...(["expiredToken", "refreshToken", "requestOrigin"] as const).flatMap((field) =>
    each(requiredValues, field, `refresh: ${field}`, (value) =>
      calls.refresh("s", { ...refreshParams, [field]: value })
    )
  ),
  ...each(optionalValues, "format", "refresh: format", (format) => calls.refresh("s", { ...refreshParams, format })),
  ...each(optionalValues, "requestOriginatingIp", "refresh: requestOriginatingIp", (ip) =>
    calls.refresh("s", { ...refreshParams, requestOriginatingIp: ip })
  ),
  ...each([null, "h", 5, [], ["a"]], "requestHeaders", "refresh: requestHeaders", (headers) =>
    calls.refresh("s", { ...refreshParams, requestHeaders: headers })
  ),
  ...each([5, null, {}, [1], ["a", 2], true], "requestHeaders", "refresh: a requestHeaders value", (value) =>
    calls.refresh("s", { ...refreshParams, requestHeaders: { "user-agent": value } })
  ),
  // token minting
  ...each(notObject, "params", "createToken: params", (params) => calls.createToken("s", params)),
  ...each(notNumber, "expiresInSeconds", "createToken: expiresInSeconds", (seconds) =>
    calls.createToken("s", { expiresInSeconds: seconds })
  ),
  ...each(notObject, "params", "createTokenFromTemplate: params", (params) =>
    calls.createTokenFromTemplate("s", "tpl", params)
  ),
  // verify
  ...each([...notObject, undefined], "params", "verify: params", (params) => calls.verify("s", params)),
  ...each(optionalValues, "token", "verify: token", (token) => calls.verify("s", { token }))
]

/** `stream`: the same checks before its first page. */
export const typeStreamCases: ReadonlyArray<InvalidCase> = [
  ...each(notObject, "params", "stream: params", (params) => calls.stream(params)),
  ...each(optionalValues, "userId", "stream: userId", (userId) => calls.stream({ userId })),
  ...each(notNumber, "limit", "stream: limit", (limit) => calls.stream({ userId: "u", limit }))
]
