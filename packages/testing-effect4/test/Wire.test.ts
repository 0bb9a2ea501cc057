/**
 * The wire names of internal/wire.ts agree with the SDK's `Session` schema:
 * a seed giving every field encodes as the schema encodes the whole session,
 * and a partial seed keeps only the fields it gives.
 */
import { Session } from "@clerk-effect/backend-effect4"
import { assert, describe, it } from "@effect/vitest"
import * as Schema from "effect/Schema"
import { encodeSessionSeed } from "../src/internal/wire.js"

const full: Session = {
  object: "session",
  id: "sess_1",
  userId: "user_1",
  clientId: "client_1",
  actor: { sub: "user_admin" },
  status: "pending",
  lastActiveOrganizationId: "org_1",
  lastActiveAt: 1,
  latestActivity: {
    object: "session_activity",
    id: "sess_activity_1",
    deviceType: "Macintosh",
    isMobile: false,
    browserName: "Chrome",
    browserVersion: "140",
    ipAddress: "203.0.113.7",
    city: "Lyon",
    country: "FR"
  },
  expireAt: 2,
  abandonAt: 3,
  updatedAt: 4,
  createdAt: 5,
  tasks: [{ key: "choose-organization" }]
}

describe("camelCase seeds to the wire", () => {
  it("a seed with every field encodes as the Session schema does", () => {
    assert.deepStrictEqual(encodeSessionSeed(full), Schema.encodeSync(Session)(full) as unknown)
  })

  it("a partial seed keeps only its fields, in wire names", () => {
    assert.deepStrictEqual(encodeSessionSeed({ userId: "user_1", lastActiveAt: 7, tasks: null }), {
      user_id: "user_1",
      last_active_at: 7,
      tasks: null
    } as unknown)
  })
})
