/**
 * The parameters of the {@link Sessions} operations, camelCase; the SDK maps
 * them to Clerk's snake_case query and body fields.
 *
 * @since 0.1.0
 */
import type { ClerkErrors, SDKError } from "./Errors.js"
import type { RefreshFormat, SessionListStatus } from "./Session.js"

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
 * Parameters of {@link SessionsService.list}.
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
 * Parameters of {@link SessionsService.stream}: `limit` is the page size
 * (default {@link DEFAULT_STREAM_PAGE_SIZE}).
 *
 * @since 0.1.0
 * @category models
 */
export type StreamSessionsParams = SessionOwner &
  SessionFilters & {
    readonly limit?: number | undefined
  }

/**
 * Parameters of {@link SessionsService.create}.
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
 * Parameters of {@link SessionsService.refresh}.
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
  /** `token` (default) answers a {@link Token}, `cookie` answers {@link Cookies}. */
  readonly format?: RefreshFormat | undefined
  readonly requestOriginatingIp?: string | undefined
}

/**
 * Parameters of the deprecated {@link SessionsService.verify}.
 *
 * @since 0.1.0
 * @category models
 */
export interface VerifySessionParams {
  readonly token?: string | undefined
}

/**
 * The failure of every operation.
 *
 * @since 0.1.0
 * @category models
 */
export type SessionsError = ClerkErrors | SDKError
