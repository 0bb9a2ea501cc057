/**
 * The parameters of the {@link Sessions} operations, camelCase; the SDK maps
 * them to Clerk's snake_case query and body fields.
 *
 * The types themselves live in `@clerk-effect/core/sessionsParams` and are
 * the very same in both editions: they are plain data, with no Effect type
 * in them, so a parameter cannot drift between the editions.
 *
 * @since 0.1.0
 */
import type { ClerkErrors, SDKError } from "./Errors.js"

export type {
  /**
   * Parameters of `Sessions.create`.
   *
   * @since 0.1.0
   * @category models
   */
  CreateSessionParams,
  /**
   * Parameters of both token-minting operations.
   *
   * @since 0.1.0
   * @category models
   */
  CreateTokenParams,
  /**
   * Parameters of `Sessions.list`.
   *
   * @since 0.1.0
   * @category models
   */
  ListSessionsParams,
  /**
   * Parameters of `Sessions.refresh`.
   *
   * @since 0.1.0
   * @category models
   */
  RefreshSessionParams,
  /**
   * Filters shared by list and stream.
   *
   * @since 0.1.0
   * @category models
   */
  SessionFilters,
  /**
   * At least one of `clientId` and `userId`.
   *
   * @since 0.1.0
   * @category models
   */
  SessionOwner,
  /**
   * Parameters of `Sessions.stream`.
   *
   * @since 0.1.0
   * @category models
   */
  StreamSessionsParams,
  /**
   * Parameters of the deprecated `Sessions.verify`.
   *
   * @since 0.1.0
   * @category models
   */
  VerifySessionParams
} from "@clerk-effect/core/sessionsParams"

/**
 * The failure of every operation.
 *
 * @since 0.1.0
 * @category models
 */
export type SessionsError = ClerkErrors | SDKError
