import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { Cookies, Session, SessionListResponse, SessionRefresh, Token } from "../src/Session.js"
import { Sessions } from "../src/Sessions.js"
import { fullSession, fullSessionWire, session, sessionWire } from "./utils/fixtures.js"
import { json, RecordingHttp, withRecorder } from "./utils/RecordingHttpClient.js"

const decodeSession = Schema.decodeUnknownEither(Session)

describe("Session schema: nullable vs optional (SESSIONS.md §4)", () => {
  it("decodes every field to camelCase and drops unknown fields", () => {
    assert.deepStrictEqual(decodeSession(fullSessionWire), Either.right(fullSession))
  })

  it("the optional fields may be absent", () => {
    assert.deepStrictEqual(decodeSession(sessionWire("sess_1")), Either.right(session("sess_1")))
  })

  for (const [wire, camel] of [
    ["actor", "actor"],
    ["last_active_organization_id", "lastActiveOrganizationId"],
    ["latest_activity", "latestActivity"],
    ["tasks", "tasks"]
  ] as const) {
    it(`nullable ${wire}: null decodes to null`, () => {
      const decoded = decodeSession({ ...sessionWire("sess_1"), [wire]: null })
      assert.deepStrictEqual(decoded, Either.right({ ...session("sess_1"), [camel]: null }))
    })
  }

  for (const required of [
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
  ] as const) {
    it(`required ${required}: absent or null is rejected`, () => {
      const { [required]: _, ...without } = sessionWire("sess_1")
      assert.isTrue(Either.isLeft(decodeSession(without)))
      assert.isTrue(Either.isLeft(decodeSession({ ...without, [required]: null })))
    })
  }

  // Descriptive fields degrade (docs/errors.md): what does not decode is
  // absent (optional fields) or null (nullable ones); the session still decodes.
  const activity = { object: "session_activity", id: "act_1", is_mobile: true, city: "Paris" }
  const decodedActivity = { object: "session_activity", id: "act_1", isMobile: true, city: "Paris" }
  for (const [wire, camel] of [
    ["device_type", "deviceType"],
    ["browser_name", "browserName"],
    ["browser_version", "browserVersion"],
    ["ip_address", "ipAddress"],
    ["country", "country"],
    ["is_mobile", "isMobile"]
  ] as const) {
    it(`latest_activity.${wire}: null or a value of another type is read as absent`, () => {
      const odds = wire === "is_mobile" ? [null, 42, "yes", {}, []] : [null, 42, true, {}, []]
      for (const odd of odds) {
        const decoded = decodeSession({ ...sessionWire("s"), latest_activity: { ...activity, [wire]: odd } })
        const { [camel]: _dropped, ...expected }: Record<string, unknown> = decodedActivity
        assert.deepStrictEqual<unknown>(
          decoded,
          Either.right({ ...session("s"), latestActivity: expected }),
          String(odd)
        )
      }
    })
  }

  it("latest_activity: is_mobile missing, city null (seen from Clerk): the rest is kept", () => {
    const decoded = decodeSession({
      ...sessionWire("s"),
      latest_activity: { object: "session_activity", id: "act_1", city: null, country: "FR" }
    })
    assert.deepStrictEqual(
      decoded,
      Either.right({ ...session("s"), latestActivity: { object: "session_activity", id: "act_1", country: "FR" } })
    )
  })

  it("latest_activity without its own identity ({}, no id, a string) is read as null", () => {
    for (const odd of [{}, { object: "session_activity" }, { id: 5, object: "session_activity" }, "recent", 7, []]) {
      const decoded = decodeSession({ ...sessionWire("s"), latest_activity: odd })
      assert.deepStrictEqual(decoded, Either.right({ ...session("s"), latestActivity: null }), JSON.stringify(odd))
    }
  })

  it("actor, last_active_organization_id and tasks of another type are read as null", () => {
    for (const [wire, camel, odd] of [
      ["actor", "actor", "user_admin"],
      ["actor", "actor", [1]],
      ["last_active_organization_id", "lastActiveOrganizationId", 42],
      ["tasks", "tasks", "choose-organization"],
      ["tasks", "tasks", [{ key: 1 }]]
    ] as const) {
      const decoded = decodeSession({ ...sessionWire("s"), [wire]: odd })
      assert.deepStrictEqual(
        decoded,
        Either.right({ ...session("s"), [camel]: null }),
        `${wire} ${JSON.stringify(odd)}`
      )
    }
  })

  it("one odd session does not cost the others on its page", () => {
    const page = {
      data: [
        sessionWire("sess_1"),
        { ...sessionWire("sess_2"), latest_activity: {}, actor: "x", tasks: 5 },
        sessionWire("sess_3")
      ],
      total_count: 3
    }
    const decoded = Schema.decodeUnknownEither(SessionListResponse)(page)
    assert.deepStrictEqual(
      Either.map(decoded, (list) => list.data.map((item) => item.id)),
      Either.right(["sess_1", "sess_2", "sess_3"])
    )
  })

  it("an unknown status string is kept as is", () => {
    assert.deepStrictEqual(
      decodeSession(sessionWire("sess_1", { status: "quarantined" })),
      Either.right({ ...session("sess_1"), status: "quarantined" })
    )
  })

  it("every documented status decodes", () => {
    for (const status of ["active", "revoked", "ended", "expired", "removed", "abandoned", "replaced", "pending"]) {
      assert.isTrue(Either.isRight(decodeSession(sessionWire("s", { status }))), status)
    }
  })

  it("object must be 'session'", () => {
    assert.isTrue(Either.isLeft(decodeSession({ ...sessionWire("s"), object: "client" })))
  })

  it("a string timestamp is not silently converted", () => {
    assert.isTrue(Either.isLeft(decodeSession({ ...sessionWire("s"), created_at: "1764300000000" })))
  })

  it("encodes back to the snake_case wire form (the fake backend relies on it)", () => {
    const { a_field_clerk_adds_later: _, latest_activity, ...known } = fullSessionWire
    const { some_future_field: __, ...knownActivity } = latest_activity
    const expected: unknown = { ...known, latest_activity: knownActivity }
    assert.deepStrictEqual(Schema.encodeSync(Session)(fullSession), expected)
  })
})

describe("list, token and cookies schemas", () => {
  it("list accepts { data, total_count } and a bare array", () => {
    const decode = Schema.decodeUnknownEither(SessionListResponse)
    assert.deepStrictEqual(
      decode({ data: [sessionWire("a")], total_count: 7, extra: 1 }),
      Either.right({ data: [session("a")], totalCount: 7 })
    )
    assert.deepStrictEqual(decode([]), Either.right({ data: [], totalCount: 0 }))
    assert.isTrue(Either.isLeft(decode({ data: [sessionWire("a")] })))
    assert.isTrue(Either.isLeft(decode({ sessions: [] })))
  })

  it("token: jwt required, unknown fields ignored, wrong object rejected", () => {
    const decode = Schema.decodeUnknownEither(Token)
    assert.deepStrictEqual(decode({ object: "token", jwt: "x", extra: 1 }), Either.right({ object: "token", jwt: "x" }))
    assert.isTrue(Either.isLeft(decode({ object: "token" })))
    assert.isTrue(Either.isLeft(decode({ object: "cookies", jwt: "x" })))
  })

  it("cookies: object and cookies required", () => {
    const decode = Schema.decodeUnknownEither(Cookies)
    assert.deepStrictEqual(decode({ object: "cookies", cookies: [] }), Either.right({ object: "cookies", cookies: [] }))
    assert.isTrue(Either.isLeft(decode({ object: "cookies" })))
  })

  it("SessionRefresh tells Token and Cookies apart by object", () => {
    const decode = Schema.decodeUnknownEither(SessionRefresh)
    assert.deepStrictEqual(
      decode({ object: "cookies", cookies: ["a=b"] }),
      Either.right({ object: "cookies", cookies: ["a=b"] })
    )
    assert.deepStrictEqual(decode({ object: "token", jwt: "j" }), Either.right({ object: "token", jwt: "j" }))
  })

  it.effect("refresh with format cookie does not accept a Token answer", () =>
    withRecorder(
      Effect.gen(function* () {
        const recorder = yield* RecordingHttp
        recorder.replies.push(json(200, { object: "token", jwt: "j" }))
        const error = yield* Effect.flip(
          Sessions.refresh("sess_1", { expiredToken: "e", refreshToken: "r", requestOrigin: "o", format: "cookie" })
        )
        assert.strictEqual(error._tag, "SDKError")
        assert.strictEqual(error._tag === "SDKError" ? error.reason : undefined, "InvalidResponse")
      })
    )
  )
})
