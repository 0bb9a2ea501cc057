/**
 * Recipe (effect-4 edition): revoke every active session of a user, a few at a time.
 *
 * Collect the ids first, then revoke: revoking while paging through
 * `status: "active"` would shift the offsets under the walk and skip sessions.
 * `concurrency` bounds how many revocations are in flight, so that a user with
 * hundreds of sessions does not spend the instance's rate limit in one burst;
 * each revoke is retried on 429/5xx by the SDK itself (it is safe to repeat).
 *
 * Runs against the in-process fake backend. Against Clerk, provide
 * `Sessions.layer`, `ClerkConfig.layerConfig()` and an `HttpClient` instead of
 * `FakeClerk.layer(...)` (docs/getting-started.md).
 *
 * Run: pnpm --filter @clerk-effect/examples-effect4 exec node ../../scripts/node22.mjs --import tsx src/recipe-revoke-all-sessions.ts
 */
import { type ClerkErrors, type SDKError, Sessions } from "@clerk-effect/backend-effect4"
import { FakeClerk } from "@clerk-effect/testing-effect4"
import { NodeRuntime } from "@effect/platform-node"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

// #region revokeAllSessions
/** How many revocations may be in flight at once. */
const CONCURRENCY = 5

/**
 * Revokes every active session of `userId`; answers how many were revoked.
 * One failed revoke fails the whole operation (the others still in flight are
 * interrupted); use `Effect.result` per item to collect failures instead.
 */
export const revokeAllSessions = (userId: string): Effect.Effect<number, ClerkErrors | SDKError, Sessions> =>
  Effect.gen(function* () {
    const ids = yield* Sessions.stream({ userId, status: "active" }).pipe(
      Stream.map((session) => session.id),
      Stream.runCollect
    )
    const revoked = yield* Effect.forEach(ids, (id) => Sessions.revoke(id), {
      concurrency: CONCURRENCY
    })
    return revoked.length
  })
// #endregion revokeAllSessions

// 23 active sessions on as many devices, plus two that are already over.
const userId = "user_ada"
const seed = {
  users: [{ id: userId }, { id: "user_bob" }],
  sessions: [
    ...Array.from({ length: 23 }, (_, i) => ({ userId, clientId: `client_${i}` })),
    { userId, status: "revoked" },
    { userId, status: "expired" },
    { userId: "user_bob" }
  ]
}

const program = Effect.gen(function* () {
  const before = yield* Sessions.list({ userId, status: "active", limit: 1 })
  console.log(`${userId} has ${before.totalCount} active sessions`)

  const revoked = yield* revokeAllSessions(userId)
  console.log(`revoked ${revoked} sessions, at most ${CONCURRENCY} at a time`)

  const after = yield* Sessions.list({ userId, status: "active", limit: 1 })
  const bob = yield* Sessions.list({ userId: "user_bob", status: "active", limit: 1 })
  console.log(`${userId} now has ${after.totalCount} active sessions; user_bob still has ${bob.totalCount}`)
  if (revoked !== before.totalCount || after.totalCount !== 0 || bob.totalCount !== 1) {
    return yield* Effect.die(new Error("the recipe did not revoke exactly the active sessions of the user"))
  }
})

NodeRuntime.runMain(program.pipe(Effect.provide(FakeClerk.layer(seed))))
