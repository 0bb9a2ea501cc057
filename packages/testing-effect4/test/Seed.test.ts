/**
 * Seeds: minimal records are enough (the defaults of docs/testing.md's one
 * table), a session already past its `expire_at` is `expired` as Clerk
 * reports it, and a bad JSON seed fails with a short message naming the field.
 */
import { Sessions } from "@clerk-effect/backend-effect4"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as TestClock from "effect/testing/TestClock"
import { decodeSeedFile, FakeClerk } from "../src/index.js"

const NOW = Date.UTC(2026, 4, 12, 9, 0)
const DAY = 86_400_000

describe("JSON seeds", () => {
  it.effect("a session of two fields is a complete session, stamped with the fake's clock", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(NOW)
      const seed = yield* decodeSeedFile({ sessions: [{ id: "s", user_id: "u" }] })
      const fake = yield* FakeClerk.make(seed)
      const session = yield* fake.getSession("s")
      assert.isDefined(session)
      assert.match(session!.clientId, /^client_[0-9A-Za-z]{27}$/)
      assert.deepStrictEqual(
        { ...session!, clientId: "client" },
        {
          object: "session",
          id: "s",
          userId: "u",
          clientId: "client",
          status: "active",
          actor: null,
          lastActiveOrganizationId: null,
          lastActiveAt: NOW,
          latestActivity: null,
          expireAt: NOW + 7 * DAY,
          abandonAt: NOW + 30 * DAY,
          updatedAt: NOW,
          createdAt: NOW
        }
      )
    })
  )

  it.effect("every key is optional but a session's user_id; a template needs only a name", () =>
    Effect.gen(function* () {
      const seed = yield* decodeSeedFile({
        users: [{ id: "user_1" }],
        sessions: [{ user_id: "user_1", status: "revoked", created_at: 5 }],
        jwt_templates: [{ name: "plain" }]
      })
      assert.strictEqual(seed.sessions?.[0]?.status, "revoked")
      assert.isUndefined(seed.sessions?.[0]?.id)
      assert.deepStrictEqual(seed.jwtTemplates, [{ name: "plain", claims: {} }])
      assert.deepStrictEqual(yield* decodeSeedFile({}), {})
    })
  )

  it.effect("the DESIGN.md example decodes as before, every field kept", () =>
    Effect.gen(function* () {
      const seed = yield* decodeSeedFile({
        sessions: [
          {
            object: "session",
            id: "sess_1",
            user_id: "user_1",
            client_id: "client_1",
            status: "active",
            last_active_at: 1764300000000,
            expire_at: 1764904800000,
            abandon_at: 1766892000000,
            updated_at: 1764300000000,
            created_at: 1764300000000,
            latest_activity: { object: "session_activity", id: "sess_activity_1", is_mobile: false }
          }
        ]
      })
      assert.deepStrictEqual(seed.sessions?.[0], {
        object: "session",
        id: "sess_1",
        userId: "user_1",
        clientId: "client_1",
        status: "active",
        lastActiveAt: 1764300000000,
        expireAt: 1764904800000,
        abandonAt: 1766892000000,
        updatedAt: 1764300000000,
        createdAt: 1764300000000,
        latestActivity: { object: "session_activity", id: "sess_activity_1", isMobile: false }
      })
    })
  )

  const bad = [
    { seed: { sessions: [{ id: "s" }] }, message: "sessions[0].user_id is missing" },
    { seed: { sessions: [{ id: "s", user_id: 5 }] }, message: "sessions[0].user_id: expected a string, got 5" },
    {
      seed: { sessions: [{ user_id: "u" }, { user_id: "u", status: "actve" }] },
      message:
        'sessions[1].status: expected one of "active", "revoked", "ended", "expired", "removed", "abandoned", "replaced", "pending", got "actve"'
    },
    {
      seed: { sessions: [{ user_id: "u", expire_at: "soon" }] },
      message: 'sessions[0].expire_at: expected a number, got "soon"'
    },
    { seed: { users: "user_1" }, message: 'users: expected an array, got "user_1"' },
    {
      seed: { jwt_templates: [{ name: "t", lifetime: 5 }] },
      message: "jwt_templates[0].lifetime: expected an integer from 30 to 315360000, got 5"
    },
    { seed: [], message: "the seed: expected a JSON object (users, clients, sessions, jwt_templates), got []" }
  ]

  for (const { message, seed } of bad) {
    it.effect(`refused with one short line: ${message}`, () =>
      Effect.gen(function* () {
        const result = yield* Effect.result(decodeSeedFile(seed))
        assert(Result.isFailure(result))
        assert.strictEqual(result.failure._tag, "SeedError")
        assert.strictEqual(result.failure.message, message)
      })
    )
  }

  it.effect("several problems: the first three, one per field", () =>
    Effect.gen(function* () {
      const result = yield* Effect.result(
        decodeSeedFile({ sessions: [{}, { user_id: 1 }, { user_id: "u", created_at: "x" }, {}] })
      )
      assert(Result.isFailure(result))
      assert.strictEqual(
        result.failure.message,
        'sessions[0].user_id is missing; sessions[1].user_id: expected a string, got 1; sessions[2].created_at: expected a number, got "x"; and 1 more'
      )
    })
  )
})

describe("a session seeded past its expire_at", () => {
  it.effect("is expired, lists as expired and mints no token (code seeds and JSON seeds)", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(NOW)
      const fromJson = yield* decodeSeedFile({
        sessions: [{ id: "sess_json", user_id: "user_1", created_at: NOW - 8 * DAY, expire_at: NOW - DAY }]
      })
      const program = Effect.gen(function* () {
        assert.strictEqual((yield* Sessions.get("sess_json")).status, "expired")
        assert.strictEqual((yield* Sessions.get("sess_code")).status, "expired")
        assert.strictEqual((yield* Sessions.get("sess_at_the_limit")).status, "expired")
        assert.strictEqual((yield* Sessions.get("sess_revoked")).status, "revoked")
        assert.strictEqual((yield* Sessions.get("sess_live")).status, "active")
        const active = yield* Sessions.list({ userId: "user_1", status: "active" })
        assert.deepStrictEqual(
          active.data.map((s) => s.id),
          ["sess_live"]
        )
        const minted = yield* Effect.flip(Sessions.createToken("sess_code"))
        assert.strictEqual(minted._tag === "ClerkErrors" ? minted.status : minted.reason, 404)
        // Added at run time, the same rule against the clock of that moment.
        const added = yield* FakeClerk.addSession({ userId: "user_1", expireAt: NOW - 1 })
        assert.strictEqual(added.status, "expired")
      })
      yield* program.pipe(
        Effect.provide(
          FakeClerk.layer({
            sessions: [
              ...(fromJson.sessions ?? []),
              { id: "sess_code", userId: "user_1", createdAt: NOW - 8 * DAY, expireAt: NOW - DAY },
              { id: "sess_at_the_limit", userId: "user_1", status: "active", createdAt: NOW - 7 * DAY },
              { id: "sess_revoked", userId: "user_1", status: "revoked", expireAt: NOW - DAY },
              { id: "sess_live", userId: "user_1", createdAt: NOW - 6 * DAY }
            ]
          })
        )
      )
    })
  )
})
