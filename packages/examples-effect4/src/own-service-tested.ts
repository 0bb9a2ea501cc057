/**
 * (effect-4 edition) A user's own service (`AccountSecurity`, built on `Sessions`) run against
 * the in-process fake: the same one-line layer its tests use
 * (see ../test/own-service.test.ts and docs/testing.md).
 */
import { Sessions } from "@clerk-effect/backend-effect4"
import { FakeClerk } from "@clerk-effect/testing-effect4"
import { NodeRuntime } from "@effect/platform-node"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { AccountSecurity } from "./lib/AccountSecurity.js"
import { say, step } from "./lib/transcript.js"

const fake = FakeClerk.layer({
  users: [{ id: "user_grace" }],
  sessions: [
    { id: "sess_laptop", userId: "user_grace", clientId: "client_laptop" },
    { id: "sess_phone", userId: "user_grace", clientId: "client_phone" },
    { id: "sess_tablet", userId: "user_grace", clientId: "client_tablet" }
  ]
})

const program = Effect.gen(function* () {
  const security = yield* AccountSecurity
  yield* step("Devices of user_grace")
  for (const device of yield* security.activeDevices("user_grace")) {
    yield* say(`${device.sessionId} on ${device.clientId}`)
  }
  yield* step("Sign out everywhere except the laptop")
  const revoked = yield* security.signOutEverywhere("user_grace", { keep: "sess_laptop" })
  yield* say(`revoked ${revoked} sessions`)
  for (const id of ["sess_laptop", "sess_phone", "sess_tablet"]) {
    yield* say(`${id}: ${(yield* Sessions.get(id)).status}`)
  }
})

NodeRuntime.runMain(program.pipe(Effect.provide(AccountSecurity.layer.pipe(Layer.provideMerge(fake)))))
