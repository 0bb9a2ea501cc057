/**
 * `pnpm demo:effect4` (and the second half of `pnpm demo`): the effect-4
 * edition's run of the demo of packages/examples, step for step and line for
 * line: a session's whole life through `@clerk-effect/backend-effect4`,
 * against the fake Clerk backend on loopback (or real Clerk with
 * `CLERK_SECRET_KEY` set: development instances only; then
 * `CLERK_DEMO_USER_ID` names the user). Only the edition line differs.
 */
import { Sessions } from "@clerk-effect/backend-effect4"
import { NodeRuntime } from "@effect/platform-node"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { DemoBackend, layer } from "./lib/demoBackend.js"
import { peekClaims, say, step } from "./lib/transcript.js"

const program = Effect.gen(function* () {
  const backend = yield* DemoBackend
  yield* say("Edition: effect 4 (@clerk-effect/backend-effect4, @clerk-effect/testing-effect4)")
  yield* say(
    backend.kind === "fake"
      ? `Fake Clerk backend listening on ${backend.apiUrl} (set CLERK_SECRET_KEY to use a real development instance)`
      : `Real Clerk at ${backend.apiUrl}: DEVELOPMENT INSTANCES ONLY (this demo creates and revokes sessions)`
  )

  yield* step(backend.kind === "fake" ? `Seeded user ${backend.userId} into the fake` : `Using user ${backend.userId}`)

  yield* step("Create two sessions (each on a new client)")
  const laptop = yield* Sessions.create({ userId: backend.userId })
  const phone = yield* Sessions.create({ userId: backend.userId })
  for (const session of [laptop, phone]) {
    yield* say(`${session.id}  client ${session.clientId}  ${session.status}`)
  }

  yield* step("List the user's active sessions, one per page, with totalCount")
  const first = yield* Sessions.list({ userId: backend.userId, status: "active", limit: 1 })
  const second = yield* Sessions.list({ userId: backend.userId, status: "active", limit: 1, offset: 1 })
  yield* say(`page 1: ${first.data.map((s) => s.id).join(", ")}  (totalCount ${first.totalCount})`)
  yield* say(`page 2: ${second.data.map((s) => s.id).join(", ")}  (newest first)`)

  yield* step("Stream every session of the user, page after page")
  const all = yield* Sessions.stream({ userId: backend.userId, limit: 1 }).pipe(Stream.runCollect)
  yield* say(`${all.length} sessions: ${all.map((s) => `${s.id} (${s.status})`).join(", ")}`)

  yield* step("Get one session")
  const got = yield* Sessions.get(laptop.id)
  yield* say(`${got.id}: user ${got.userId}, expires ${new Date(got.expireAt).toISOString()}`)

  yield* step("Mint a session token and a template token")
  const token = yield* Sessions.createToken(laptop.id, { expiresInSeconds: 120 })
  const claims = peekClaims(token.jwt)
  yield* say(
    `session token: sid ${claims.sid}, sub ${claims.sub}, lifetime ${Number(claims.exp) - Number(claims.iat)} s`
  )
  yield* Sessions.createTokenFromTemplate(laptop.id, backend.templateName).pipe(
    Effect.flatMap((templated) => {
      const custom = peekClaims(templated.jwt)
      return say(
        `template "${backend.templateName}": role ${custom.role}, sid ${custom.sid ?? "(none: not a session token)"}`
      )
    }),
    Effect.catchTag("ClerkErrors", (error) =>
      say(`template "${backend.templateName}" not available: ${error.codes.join(", ")} (create it in the dashboard)`)
    )
  )

  yield* step("Revoke the phone session")
  yield* Sessions.revoke(phone.id)
  const after = yield* Sessions.get(phone.id)
  yield* say(`${after.id} is now ${after.status}`)

  yield* step("Typed errors with Effect.catchTags")
  const missing = yield* Sessions.get("sess_does_not_exist").pipe(
    Effect.as("found?!"),
    Effect.catchTags({
      ClerkErrors: (error) =>
        Effect.succeed(`ClerkErrors ${error.status} ${error.codes.join(", ")} (trace ${error.clerkTraceId ?? "-"})`),
      SDKError: (error) => Effect.succeed(`SDKError ${error.reason}`)
    })
  )
  yield* say(`get("sess_does_not_exist") -> ${missing}`)
  const invalid = yield* Sessions.get("../users").pipe(
    Effect.as("sent?!"),
    Effect.catchTags({
      ClerkErrors: (error) => Effect.succeed(`ClerkErrors ${error.status}`),
      SDKError: (error) => Effect.succeed(`SDKError ${error.reason} on ${error.field}: never sent`)
    })
  )
  yield* say(`get("../users") -> ${invalid}`)

  if (backend.kind === "clerk") {
    yield* step("Clean up: revoke the laptop session too")
    yield* Sessions.revoke(laptop.id)
  }
  yield* Console.log("\nDone.")
})

NodeRuntime.runMain(program.pipe(Effect.provide(layer)))
