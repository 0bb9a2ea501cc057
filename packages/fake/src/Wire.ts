/**
 * Clerk's wire format (snake_case JSON) of what the fake stores and serves.
 * The core speaks it directly: a stored session is the very object a
 * `GET /v1/sessions/{id}` answers. The Effect editions convert to and from
 * their camelCase models with the SDK's own schemas.
 *
 * @since 0.1.0
 */

/**
 * The latest activity of a session, as Clerk sends it.
 *
 * @since 0.1.0
 * @category models
 */
export interface WireSessionActivity {
  readonly object: string
  readonly id: string
  readonly device_type?: string | undefined
  readonly is_mobile?: boolean | undefined
  readonly browser_name?: string | undefined
  readonly browser_version?: string | undefined
  readonly ip_address?: string | undefined
  readonly city?: string | undefined
  readonly country?: string | undefined
}

/**
 * A session, as Clerk sends it. Timestamps are epoch milliseconds.
 *
 * @since 0.1.0
 * @category models
 */
export interface WireSession {
  readonly object: "session"
  readonly id: string
  readonly user_id: string
  readonly client_id: string
  readonly actor: Readonly<Record<string, unknown>> | null
  readonly status: string
  readonly last_active_organization_id: string | null
  readonly last_active_at: number
  readonly latest_activity: WireSessionActivity | null
  readonly expire_at: number
  readonly abandon_at: number
  readonly updated_at: number
  readonly created_at: number
  /** Left out when the session has none to report. */
  readonly tasks?: ReadonlyArray<{ readonly key: string }> | null
}

/**
 * A session to seed: `user_id` is required; every other field of a
 * {@link WireSession} may be given and gets a Clerk-like default otherwise (a
 * fresh `sess_` id and `client_` id, `active`, the fake's current time). A
 * live status (`active`, the default, or `pending`) whose `expire_at` has
 * already passed is seeded as `expired`, as Clerk reports it.
 *
 * @since 0.1.0
 * @category models
 */
export type WireSessionSeed = { readonly [K in keyof WireSession]?: WireSession[K] | undefined } & {
  readonly user_id: string
}
