/**
 * Seed files checked by hand-written rules: what passes, and one short line
 * naming the field at fault for what does not.
 */
import { assert, describe, it } from "vitest"
import { defaultSeed, parseSeed } from "../src/Seed.js"
import { fakeOf, NOW } from "./support.js"

const refused = (input: unknown): string => {
  const result = parseSeed(input)
  assert.isFalse(result.ok)
  return result.ok ? "" : result.message
}

describe("parseSeed", () => {
  it("accepts DESIGN.md's example and minimal records; a template's claims default to {}", () => {
    const result = parseSeed({
      users: [{ id: "user_1" }],
      sessions: [
        { object: "session", id: "sess_1", user_id: "user_1", client_id: "client_1", status: "active", created_at: 1 },
        { user_id: "u", actor: null, latest_activity: { object: "session_activity", id: "a", is_mobile: "?" } },
        { user_id: "u", tasks: [{ key: "choose-organization" }], unknown_field: 1 }
      ],
      jwt_templates: [{ name: "t" }, { name: "custom_hasura", claims: { role: "user" }, lifetime: 60 }],
      extra: true
    })
    assert.isTrue(result.ok)
    if (result.ok) assert.deepStrictEqual(result.seed.jwt_templates?.[0], { name: "t", claims: {} })
    assert.isTrue(parseSeed({}).ok)
  })

  const bad: ReadonlyArray<readonly [unknown, string]> = [
    [{ sessions: [{ id: "s" }] }, "sessions[0].user_id is missing"],
    [{ sessions: [{ id: "s", user_id: 5 }] }, "sessions[0].user_id: expected a string, got 5"],
    [
      { sessions: [{ user_id: "u" }, { user_id: "u", status: "actve" }] },
      'sessions[1].status: expected one of "active", "revoked", "ended", "expired", "removed", "abandoned", "replaced", "pending", got "actve"'
    ],
    [{ sessions: [{ user_id: "u", expire_at: "soon" }] }, 'sessions[0].expire_at: expected a number, got "soon"'],
    [{ sessions: [{ user_id: "u", object: "user" }] }, 'sessions[0].object: expected "session", got "user"'],
    [{ sessions: [{ user_id: "u", latest_activity: { object: "a" } }] }, "sessions[0].latest_activity.id is missing"],
    [{ sessions: [{ user_id: "u", tasks: [{}] }] }, "sessions[0].tasks[0].key is missing"],
    [{ users: "user_1" }, 'users: expected an array, got "user_1"'],
    [{ clients: [7] }, "clients[0]: expected an object, got 7"],
    [
      { jwt_templates: [{ name: "t", lifetime: 5 }] },
      "jwt_templates[0].lifetime: expected an integer from 30 to 315360000, got 5"
    ],
    [{ jwt_templates: [{ name: "t", claims: [] }] }, "jwt_templates[0].claims: expected an object, got []"],
    [[], "the seed: expected a JSON object (users, clients, sessions, jwt_templates), got []"],
    [{ sessions: [{ user_id: "x".repeat(60), client_id: 1 }] }, "sessions[0].client_id: expected a string, got 1"],
    [
      { users: [{ id: "y".repeat(60) }], clients: [{ id: { long: "z".repeat(60) } }] },
      `clients[0].id: expected a string, got {"long":"${"z".repeat(30)}…`
    ]
  ]
  for (const [input, message] of bad) {
    it(`refuses with one short line: ${message}`, () => assert.strictEqual(refused(input), message))
  }

  it("several problems: the first three, one per field, and how many more; every problem listed", () => {
    const result = parseSeed({ sessions: [{}, { user_id: 1 }, { user_id: "u", created_at: "x" }, {}] })
    assert.isFalse(result.ok)
    if (result.ok) return
    assert.strictEqual(
      result.message,
      'sessions[0].user_id is missing; sessions[1].user_id: expected a string, got 1; sessions[2].created_at: expected a number, got "x"; and 1 more'
    )
    assert.deepStrictEqual(result.problems[3], { path: "sessions[3].user_id", message: "is missing" })
  })
})

describe("defaultSeed", () => {
  it("passes its own check and seeds a fake: Bob's session newest, Alice's revoked one oldest", async () => {
    const seed = defaultSeed(NOW)
    assert.isTrue(parseSeed(seed).ok)
    const fake = await fakeOf(seed)
    assert.deepStrictEqual(
      fake.sessions().map((s) => [s.id, s.status]),
      [
        ["sess_demo_bob", "active"],
        ["sess_demo_alice_phone", "active"],
        ["sess_demo_alice_laptop", "active"],
        ["sess_demo_alice_old", "revoked"]
      ]
    )
  })
})
