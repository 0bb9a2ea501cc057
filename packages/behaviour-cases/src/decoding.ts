/**
 * Decoding: what each schema makes of what Clerk sends (SESSIONS.md §4):
 * nullable vs optional, descriptive fields that degrade instead of failing,
 * strict identity and state, and the way back to the wire. Schemas are named
 * as both editions export them from `Session.ts`.
 */
import * as calls from "./calls.js"
import type { ExchangeCase } from "./outcomes.js"
import { json } from "./replies.js"
import { fullSession, fullSessionWire, session, sessionWire } from "./wire.js"

export type SchemaName = "Session" | "SessionListResponse" | "Token" | "Cookies" | "SessionRefresh"

/** One input to one schema: decoded to exactly `decoded`, or rejected; `ids`: only the ids of a list's sessions. */
export type Check =
  | { readonly input: unknown; readonly decoded: unknown; readonly label?: string }
  | { readonly input: unknown; readonly rejected: true; readonly label?: string }
  | { readonly input: unknown; readonly ids: ReadonlyArray<string>; readonly label?: string }

export interface DecodingCase {
  readonly name: string
  readonly schema: SchemaName
  readonly checks: ReadonlyArray<Check>
}

const without = (key: string) => {
  const { [key]: _, ...rest } = sessionWire("sess_1")
  return rest
}

const activity = { object: "session_activity", id: "act_1", is_mobile: true, city: "Paris" }
const decodedActivity: Record<string, unknown> = {
  object: "session_activity",
  id: "act_1",
  isMobile: true,
  city: "Paris"
}

export const sessionCases: ReadonlyArray<DecodingCase> = [
  {
    name: "decodes every field to camelCase and drops unknown fields",
    schema: "Session",
    checks: [{ input: fullSessionWire, decoded: fullSession }]
  },
  {
    name: "the optional fields may be absent",
    schema: "Session",
    checks: [{ input: sessionWire("sess_1"), decoded: session("sess_1") }]
  },
  ...(
    [
      ["actor", "actor"],
      ["last_active_organization_id", "lastActiveOrganizationId"],
      ["latest_activity", "latestActivity"],
      ["tasks", "tasks"]
    ] as const
  ).map(
    ([wire, camel]): DecodingCase => ({
      name: `nullable ${wire}: null decodes to null`,
      schema: "Session",
      checks: [{ input: { ...sessionWire("sess_1"), [wire]: null }, decoded: { ...session("sess_1"), [camel]: null } }]
    })
  ),
  ...(
    [
      "object",
      "id",
      "user_id",
      "client_id",
      "status",
      "last_active_at",
      "expire_at",
      "abandon_at",
      "updated_at",
      "created_at"
    ] as const
  ).map(
    (required): DecodingCase => ({
      name: `required ${required}: absent or null is rejected`,
      schema: "Session",
      checks: [
        { input: without(required), rejected: true, label: "absent" },
        { input: { ...without(required), [required]: null }, rejected: true, label: "null" }
      ]
    })
  ),
  // Descriptive fields degrade (docs/errors.md): what does not decode is
  // absent (optional fields) or null (nullable ones); the session still decodes.
  ...(
    [
      ["device_type", "deviceType"],
      ["browser_name", "browserName"],
      ["browser_version", "browserVersion"],
      ["ip_address", "ipAddress"],
      ["country", "country"],
      ["is_mobile", "isMobile"]
    ] as const
  ).map(([wire, camel]): DecodingCase => {
    const { [camel]: _dropped, ...expected } = decodedActivity
    return {
      name: `latest_activity.${wire}: null or a value of another type is read as absent`,
      schema: "Session",
      checks: (wire === "is_mobile" ? [null, 42, "yes", {}, []] : [null, 42, true, {}, []]).map((odd) => ({
        input: { ...sessionWire("s"), latest_activity: { ...activity, [wire]: odd } },
        decoded: { ...session("s"), latestActivity: expected },
        label: JSON.stringify(odd)
      }))
    }
  }),
  {
    name: "latest_activity: is_mobile missing, city null (seen from Clerk): the rest is kept",
    schema: "Session",
    checks: [
      {
        input: {
          ...sessionWire("s"),
          latest_activity: { object: "session_activity", id: "act_1", city: null, country: "FR" }
        },
        decoded: { ...session("s"), latestActivity: { object: "session_activity", id: "act_1", country: "FR" } }
      }
    ]
  },
  {
    name: "latest_activity without its own identity ({}, no id, a string) is read as null",
    schema: "Session",
    checks: [{}, { object: "session_activity" }, { id: 5, object: "session_activity" }, "recent", 7, []].map((odd) => ({
      input: { ...sessionWire("s"), latest_activity: odd },
      decoded: { ...session("s"), latestActivity: null },
      label: JSON.stringify(odd)
    }))
  },
  {
    name: "actor, last_active_organization_id and tasks of another type are read as null",
    schema: "Session",
    checks: (
      [
        ["actor", "actor", "user_admin"],
        ["actor", "actor", [1]],
        ["last_active_organization_id", "lastActiveOrganizationId", 42],
        ["tasks", "tasks", "choose-organization"],
        ["tasks", "tasks", [{ key: 1 }]]
      ] as const
    ).map(([wire, camel, odd]) => ({
      input: { ...sessionWire("s"), [wire]: odd },
      decoded: { ...session("s"), [camel]: null },
      label: `${wire} ${JSON.stringify(odd)}`
    }))
  },
  {
    name: "one odd session does not cost the others on its page",
    schema: "SessionListResponse",
    checks: [
      {
        input: {
          data: [
            sessionWire("sess_1"),
            { ...sessionWire("sess_2"), latest_activity: {}, actor: "x", tasks: 5 },
            sessionWire("sess_3")
          ],
          total_count: 3
        },
        ids: ["sess_1", "sess_2", "sess_3"]
      }
    ]
  },
  {
    name: "an unknown status string is kept as is",
    schema: "Session",
    checks: [
      {
        input: sessionWire("sess_1", { status: "quarantined" }),
        decoded: { ...session("sess_1"), status: "quarantined" }
      }
    ]
  },
  {
    name: "every documented status decodes",
    schema: "Session",
    checks: ["active", "revoked", "ended", "expired", "removed", "abandoned", "replaced", "pending"].map((status) => ({
      input: sessionWire("s", { status }),
      decoded: { ...session("s"), status },
      label: status
    }))
  },
  {
    name: "object must be 'session'",
    schema: "Session",
    checks: [{ input: { ...sessionWire("s"), object: "client" }, rejected: true }]
  },
  {
    name: "a string timestamp is not silently converted",
    schema: "Session",
    checks: [{ input: { ...sessionWire("s"), created_at: "1764300000000" }, rejected: true }]
  }
]

export const otherSchemaCases: ReadonlyArray<DecodingCase> = [
  {
    name: "list accepts { data, total_count } and a bare array",
    schema: "SessionListResponse",
    checks: [
      {
        input: { data: [sessionWire("a")], total_count: 7, extra: 1 },
        decoded: { data: [session("a")], totalCount: 7 }
      },
      { input: [], decoded: { data: [], totalCount: 0 } },
      { input: { data: [sessionWire("a")] }, rejected: true },
      { input: { sessions: [] }, rejected: true }
    ]
  },
  {
    name: "token: jwt required, unknown fields ignored, wrong object rejected",
    schema: "Token",
    checks: [
      { input: { object: "token", jwt: "x", extra: 1 }, decoded: { object: "token", jwt: "x" } },
      { input: { object: "token" }, rejected: true },
      { input: { object: "cookies", jwt: "x" }, rejected: true }
    ]
  },
  {
    name: "cookies: object and cookies required",
    schema: "Cookies",
    checks: [
      { input: { object: "cookies", cookies: [] }, decoded: { object: "cookies", cookies: [] } },
      { input: { object: "cookies" }, rejected: true }
    ]
  },
  {
    name: "SessionRefresh tells Token and Cookies apart by object",
    schema: "SessionRefresh",
    checks: [
      { input: { object: "cookies", cookies: ["a=b"] }, decoded: { object: "cookies", cookies: ["a=b"] } },
      { input: { object: "token", jwt: "j" }, decoded: { object: "token", jwt: "j" } }
    ]
  }
]

/** `fullSession` encodes back to the wire form, without the fields the SDK does not know (the fake relies on it). */
export const encodesBack = (() => {
  const { a_field_clerk_adds_later: _, latest_activity, ...known } = fullSessionWire
  const { some_future_field: __, ...knownActivity } = latest_activity
  return { value: fullSession, wire: { ...known, latest_activity: knownActivity } }
})()

/** Refresh with `format: "cookie"` does not take a Token for an answer. */
export const refreshCookieGetsToken: ExchangeCase = {
  name: "refresh with format cookie does not accept a Token answer",
  call: calls.refresh("sess_1", { expiredToken: "e", refreshToken: "r", requestOrigin: "o", format: "cookie" }),
  replies: () => [json(200, { object: "token", jwt: "j" })],
  expect: { outcome: { _tag: "SDKError", reason: "InvalidResponse", status: 200 }, requests: 1 }
}

/** A decode's result as plain data, and what the check expects, for one `deepStrictEqual`. */
export const checkView = (
  check: Check,
  result: { readonly ok: true; readonly value: unknown } | { readonly ok: false }
): { readonly actual: unknown; readonly expected: unknown } => {
  if ("rejected" in check) return { actual: result.ok ? { decoded: result.value } : "rejected", expected: "rejected" }
  if ("ids" in check) {
    return {
      actual: result.ok
        ? (result.value as { readonly data: ReadonlyArray<{ readonly id: string }> }).data.map((s) => s.id)
        : "rejected",
      expected: check.ids
    }
  }
  return { actual: result.ok ? result.value : "rejected", expected: check.decoded }
}
