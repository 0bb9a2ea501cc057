/**
 * The parameters of the Sessions operations, and the literal values Clerk
 * defines for them, as plain types: both editions re-export these (their
 * schemas are built from the same literal lists), so a parameter cannot
 * drift between them. No Effect here.
 *
 * @internal
 */

/**
 * The statuses the 2026-05-12 spec lists for a session.
 * @internal
 */
export const KNOWN_SESSION_STATUSES = [
  "active",
  "revoked",
  "ended",
  "expired",
  "removed",
  "abandoned",
  "replaced",
  "pending"
] as const

/**
 * The statuses `GET /sessions` accepts as a filter (`pending` is not one).
 * @internal
 */
export const SESSION_LIST_STATUSES = [
  "abandoned",
  "active",
  "ended",
  "expired",
  "removed",
  "replaced",
  "revoked"
] as const

/**
 * The `format`s of a refresh: a token (default) or cookies.
 * @internal
 */
export const REFRESH_FORMATS = ["token", "cookie"] as const

/**
 * A status `GET /sessions` can filter on.
 * @internal
 */
export type SessionListStatus = (typeof SESSION_LIST_STATUSES)[number]

/**
 * The `format` of a refresh.
 * @internal
 */
export type RefreshFormat = (typeof REFRESH_FORMATS)[number]

/**
 * Filters shared by {@link ListSessionsParams} and {@link StreamSessionsParams}.
 *
 * @since 0.1.0
 * @category models
 */
export interface SessionFilters {
  /** Only sessions with this status (`pending` cannot be filtered on). */
  readonly status?: SessionListStatus | undefined
}

/**
 * At least one of `clientId` and `userId` is required by Clerk; the type says so.
 *
 * @since 0.1.0
 * @category models
 */
export type SessionOwner =
  | { readonly clientId: string; readonly userId?: string | undefined }
  | { readonly userId: string; readonly clientId?: string | undefined }

/**
 * Parameters of `Sessions.list`.
 *
 * @since 0.1.0
 * @category models
 */
export type ListSessionsParams = SessionOwner &
  SessionFilters & {
    /** Page size, 1..500 (Clerk's default is 10). */
    readonly limit?: number | undefined
    /** Sessions to skip, >= 0. */
    readonly offset?: number | undefined
  }

/**
 * Parameters of `Sessions.stream`: `limit` is the page size (default
 * `DEFAULT_STREAM_PAGE_SIZE`, 500).
 *
 * @since 0.1.0
 * @category models
 */
export type StreamSessionsParams = SessionOwner &
  SessionFilters & {
    readonly limit?: number | undefined
  }

/**
 * Parameters of `Sessions.create`.
 *
 * @since 0.1.0
 * @category models
 */
export interface CreateSessionParams {
  readonly userId: string
  readonly activeOrganizationId?: string | undefined
}

/**
 * Parameters of both token-minting operations.
 *
 * @since 0.1.0
 * @category models
 */
export interface CreateTokenParams {
  /** Lifetime of the token, an integer in 30..315360000 (ten years). */
  readonly expiresInSeconds?: number | undefined
}

/**
 * Parameters of `Sessions.refresh`.
 *
 * @since 0.1.0
 * @category models
 */
export interface RefreshSessionParams {
  /** The expired `__session` JWT; it must belong to the session. */
  readonly expiredToken: string
  /** The `__refresh` cookie value. */
  readonly refreshToken: string
  /** The origin of the end user's request. */
  readonly requestOrigin: string
  readonly requestHeaders?: Readonly<Record<string, string | ReadonlyArray<string>>> | undefined
  /** `token` (default) answers a `Token`, `cookie` answers `Cookies`. */
  readonly format?: RefreshFormat | undefined
  readonly requestOriginatingIp?: string | undefined
}

/**
 * Parameters of the deprecated `Sessions.verify`.
 *
 * @since 0.1.0
 * @category models
 */
export interface VerifySessionParams {
  readonly token?: string | undefined
}
