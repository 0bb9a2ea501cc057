/**
 * An example of a user's own Effect service built on `Sessions`: the kind of
 * code `@clerk-effect/testing-effect4` is for. It depends on the `Sessions` service
 * only, so a test swaps in `FakeClerk.layer(...)` and nothing else.
 *
 * @since 0.1.0
 */
// #region service
import { Sessions, type SessionsError } from "@clerk-effect/backend-effect4"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"

/**
 * A device the user is signed in on.
 *
 * @since 0.1.0
 * @category models
 */
export interface Device {
  readonly sessionId: string
  readonly clientId: string
  readonly lastActiveAt: number
}

/**
 * @since 0.1.0
 * @category models
 */
export interface AccountSecurityService {
  /** The user's active sessions, most recently created first. */
  readonly activeDevices: (userId: string) => Effect.Effect<ReadonlyArray<Device>, SessionsError>
  /** Revokes every active session of the user except `keep`; answers how many were revoked. */
  readonly signOutEverywhere: (
    userId: string,
    options?: { readonly keep?: string | undefined }
  ) => Effect.Effect<number, SessionsError>
}

/**
 * The "account security" page of an application: devices and sign-out-everywhere.
 *
 * @since 0.1.0
 * @category services
 */
export class AccountSecurity extends Context.Service<AccountSecurity, AccountSecurityService>()(
  "examples-effect4/AccountSecurity"
) {
  /**
   * Needs `Sessions`.
   *
   * @since 0.1.0
   */
  static readonly layer: Layer.Layer<AccountSecurity, never, Sessions> = Layer.effect(
    AccountSecurity,
    Effect.gen(function* () {
      const sessions = yield* Sessions
      const active = (userId: string) => sessions.stream({ userId, status: "active" })

      const activeDevices = Effect.fn("AccountSecurity.activeDevices")(function* (userId: string) {
        return yield* active(userId).pipe(
          Stream.map((s): Device => ({ sessionId: s.id, clientId: s.clientId, lastActiveAt: s.lastActiveAt })),
          Stream.runCollect
        )
      })

      const signOutEverywhere = Effect.fn("AccountSecurity.signOutEverywhere")(function* (
        userId: string,
        options?: { readonly keep?: string | undefined }
      ) {
        // Collect first, then revoke: revoking while paging through `status=active`
        // would shift the offsets under the stream and skip sessions.
        const targets = yield* active(userId).pipe(
          Stream.filter((s) => s.id !== options?.keep),
          Stream.runCollect
        )
        // A few at a time: Clerk rate-limits per instance.
        yield* Effect.forEach(targets, (s) => sessions.revoke(s.id), { concurrency: 4, discard: true })
        return targets.length
      })

      return { activeDevices, signOutEverywhere }
    })
  )
}
// #endregion service
