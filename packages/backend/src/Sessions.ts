/**
 * The Sessions resource of Clerk's Backend API: list, stream, create, get,
 * revoke, refresh, mint session and template tokens, and the deprecated verify.
 *
 * @since 0.1.0
 */

import { SessionRequests } from "@clerk-effect/core/sessionRequests"
import {
  DEFAULT_STREAM_PAGE_SIZE as DEFAULT_PAGE_SIZE,
  listFilters,
  MAX_TOKEN_LIFETIME,
  MIN_TOKEN_LIFETIME,
  pageStep,
  streamPaging,
  withoutUndefined
} from "@clerk-effect/core/sessionRules"
import type { RequestDescription } from "@clerk-effect/core/wire"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Chunk from "effect/Chunk"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { ClerkClient, encodeBody } from "./ClerkClient.js"
import type { ClerkConfig } from "./ClerkConfig.js"
import type { ClerkErrors, SDKError } from "./Errors.js"
import {
  invalidInput,
  optionalHeaders,
  optionalInteger,
  optionalNonEmpty,
  optionalObject,
  pathParam,
  pathParamError,
  requiredNonEmpty,
  requiredObject
} from "./internal/validation.js"
import {
  Cookies,
  CreateSessionBody,
  CreateTokenBody,
  RefreshSessionBody,
  Session,
  SessionList,
  Token,
  VerifySessionBody
} from "./Session.js"
import type {
  CreateSessionParams,
  CreateTokenParams,
  ListSessionsParams,
  RefreshSessionParams,
  SessionFilters,
  SessionOwner,
  StreamSessionsParams,
  VerifySessionParams
} from "./SessionsParams.js"

/**
 * The page size {@link SessionsService.stream} uses when none is given:
 * Clerk's maximum, so that walking many sessions costs the fewest requests
 * against the rate limit.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_STREAM_PAGE_SIZE: number = DEFAULT_PAGE_SIZE

/**
 * @since 0.1.0
 * @category models
 */
export interface SessionsService {
  /** `GET /sessions?paginated=true`: one page, newest first, with the total count. */
  readonly list: (params: ListSessionsParams) => Effect.Effect<SessionList, ClerkErrors | SDKError>
  /** Every session matching the filters, page after page, as a `Stream`. */
  readonly stream: (params: StreamSessionsParams) => Stream.Stream<Session, ClerkErrors | SDKError>
  /**
   * The same walk as {@link SessionsService.stream}, one element per page, each
   * with its `totalCount`: for a report that needs the total and the data.
   */
  readonly streamPages: (params: StreamSessionsParams) => Stream.Stream<SessionList, ClerkErrors | SDKError>
  /** `POST /sessions`: creates an active session (development instances only, per Clerk). */
  readonly create: (params: CreateSessionParams) => Effect.Effect<Session, ClerkErrors | SDKError>
  /** `GET /sessions/{id}`. */
  readonly get: (sessionId: string) => Effect.Effect<Session, ClerkErrors | SDKError>
  /** `POST /sessions/{id}/revoke`: the session, now `revoked`. */
  readonly revoke: (sessionId: string) => Effect.Effect<Session, ClerkErrors | SDKError>
  /** `POST /sessions/{id}/refresh`: a new session token (or cookies) from an expired one. */
  readonly refresh: {
    (
      sessionId: string,
      params: RefreshSessionParams & { readonly format: "cookie" }
    ): Effect.Effect<Cookies, ClerkErrors | SDKError>
    (
      sessionId: string,
      params: RefreshSessionParams & { readonly format?: "token" | undefined }
    ): Effect.Effect<Token, ClerkErrors | SDKError>
    (sessionId: string, params: RefreshSessionParams): Effect.Effect<Token | Cookies, ClerkErrors | SDKError>
  }
  /** `POST /sessions/{id}/tokens`: a session token. Sends no body when no option is given. */
  readonly createToken: (sessionId: string, params?: CreateTokenParams) => Effect.Effect<Token, ClerkErrors | SDKError>
  /** `POST /sessions/{id}/tokens/{template}`: a token from a JWT template (it has no `sid`). */
  readonly createTokenFromTemplate: (
    sessionId: string,
    templateName: string,
    params?: CreateTokenParams
  ) => Effect.Effect<Token, ClerkErrors | SDKError>
  /**
   * `POST /sessions/{id}/verify`.
   *
   * @deprecated Clerk answers 410 `operation_deprecated` on every API
   * version (and did before dated versions existed), so this never succeeds
   * against Clerk. Verify session tokens locally with `SessionTokens.verify`.
   */
  readonly verify: (sessionId: string, params: VerifySessionParams) => Effect.Effect<Session, ClerkErrors | SDKError>
}

// The filters' rules are shared by both editions (@clerk-effect/core/sessionRules).
const validateFilters = (params: SessionOwner & SessionFilters) => {
  const filters = listFilters(params)
  return filters.ok ? Effect.succeed(filters.query) : Effect.fail(invalidInput(filters.field, filters.problem))
}

const encodeCreateSession = encodeBody(CreateSessionBody)
const encodeCreateToken = encodeBody(CreateTokenBody)
const encodeRefresh = encodeBody(RefreshSessionBody)
const encodeVerify = encodeBody(VerifySessionBody)

// A page as Clerk sent it: the paginated envelope, or the spec's bare array.
// Unlike the public SessionListResponse it keeps the difference, because a
// bare array has no total and `stream` must not mistake its length for one.
const ListPage = Schema.Union(SessionList, Schema.Array(Session))

const make: Effect.Effect<SessionsService, never, ClerkClient> = Effect.gen(function* () {
  const client = yield* ClerkClient

  // The operations are plain functions, not `Effect.fn`: the core opens each
  // operation's span (`clerk.sessions.<method>`, with these attributes) only
  // when a tracer records it, and `Effect.fn` would pay for a span and a
  // call-site stack on every call (see docs/performance.md).
  const listPage = (params: ListSessionsParams) =>
    Effect.gen(function* () {
      const filters = yield* validateFilters(params)
      const limit = yield* optionalInteger("limit", params.limit, 1, 500)
      const offset = yield* optionalInteger("offset", params.offset, 0, Number.MAX_SAFE_INTEGER)
      return yield* client.request({ ...SessionRequests.list({ ...filters, limit, offset }), success: ListPage })
    })

  const list = (params: ListSessionsParams): Effect.Effect<SessionList, ClerkErrors | SDKError> =>
    Effect.map(listPage(params), (page) => ("totalCount" in page ? page : { data: page, totalCount: page.length }))

  const streamPages = (params: StreamSessionsParams): Stream.Stream<SessionList, ClerkErrors | SDKError> => {
    // A `params` that is not an object fails in listPage, before any request.
    const paging = streamPaging(params as ListSessionsParams)
    return Stream.paginateEffect(0, (offset) =>
      listPage(paging.pageAt(offset)).pipe(
        Effect.map((page) => {
          const data = "totalCount" in page ? page.data : page
          const step = pageStep(offset, paging.limit, data.length, "totalCount" in page ? page.totalCount : undefined)
          const list: SessionList = { data, totalCount: step.totalCount }
          return [list, Option.fromNullable(step.next)] as const
        })
      )
    )
  }

  const stream = (params: StreamSessionsParams): Stream.Stream<Session, ClerkErrors | SDKError> =>
    Stream.mapConcatChunk(streamPages(params), (page) => Chunk.unsafeFromArray(page.data))

  const create = (params: CreateSessionParams) =>
    Effect.gen(function* () {
      yield* requiredObject("params", params)
      yield* requiredNonEmpty("userId", params.userId)
      yield* optionalNonEmpty("activeOrganizationId", params.activeOrganizationId)
      const body = yield* encodeCreateSession({
        userId: params.userId,
        ...(params.activeOrganizationId === undefined ? {} : { activeOrganizationId: params.activeOrganizationId })
      })
      return yield* client.request({ ...SessionRequests.create(), body, success: Session })
    })

  // `get` and `revoke` have only the id to check, and the check is pure: it
  // is made as the call is built, so running a call is the request alone
  // (not a check, a `zipRight` and a `suspend` before it, on every call).
  const sessionById = (describe: (sessionId: string) => RequestDescription, sessionId: string) => {
    const invalid = pathParamError("sessionId", sessionId)
    return invalid === undefined ? client.request({ ...describe(sessionId), success: Session }) : Effect.fail(invalid)
  }

  const get = (sessionId: string) => sessionById(SessionRequests.get, sessionId)

  const revoke = (sessionId: string) => sessionById(SessionRequests.revoke, sessionId)

  const refresh = (sessionId: string, params: RefreshSessionParams) =>
    Effect.gen(function* () {
      yield* pathParam("sessionId", sessionId)
      yield* requiredObject("params", params)
      yield* requiredNonEmpty("expiredToken", params.expiredToken)
      yield* requiredNonEmpty("refreshToken", params.refreshToken)
      yield* requiredNonEmpty("requestOrigin", params.requestOrigin)
      yield* optionalNonEmpty("requestOriginatingIp", params.requestOriginatingIp)
      yield* optionalHeaders("requestHeaders", params.requestHeaders)
      if (params.format !== undefined && params.format !== "token" && params.format !== "cookie") {
        return yield* Effect.fail(invalidInput("format", 'must be "token" or "cookie"'))
      }
      const body = yield* encodeRefresh(withoutUndefined(params) as typeof RefreshSessionBody.Type)
      const request = { ...SessionRequests.refresh(sessionId), body }
      return params.format === "cookie"
        ? yield* client.request({ ...request, success: Cookies })
        : yield* client.request({ ...request, success: Token })
    })

  const tokenBody = (params: CreateTokenParams | undefined) =>
    Effect.flatMap(
      Effect.zipRight(
        optionalObject("params", params),
        optionalInteger("expiresInSeconds", params?.expiresInSeconds, MIN_TOKEN_LIFETIME, MAX_TOKEN_LIFETIME)
      ),
      // Like Clerk's own SDK: no option, no body at all (not even `{}`).
      (expiresInSeconds) =>
        expiresInSeconds === undefined ? Effect.succeed(undefined) : encodeCreateToken({ expiresInSeconds })
    )

  const createToken = (sessionId: string, params?: CreateTokenParams) =>
    Effect.gen(function* () {
      yield* pathParam("sessionId", sessionId)
      const body = yield* tokenBody(params)
      return yield* client.request({ ...SessionRequests.createToken(sessionId), body, success: Token })
    })

  const createTokenFromTemplate = (sessionId: string, templateName: string, params?: CreateTokenParams) =>
    Effect.gen(function* () {
      yield* pathParam("sessionId", sessionId)
      yield* pathParam("templateName", templateName)
      const body = yield* tokenBody(params)
      return yield* client.request({
        ...SessionRequests.createTokenFromTemplate(sessionId, templateName),
        body,
        success: Token
      })
    })

  const verify = (sessionId: string, params: VerifySessionParams) =>
    Effect.gen(function* () {
      yield* pathParam("sessionId", sessionId)
      yield* requiredObject("params", params)
      const token = yield* optionalNonEmpty("token", params.token)
      const body = yield* encodeVerify(token === undefined ? {} : { token })
      return yield* client.request({ ...SessionRequests.verify(sessionId), body, success: Session })
    })

  return {
    list,
    stream,
    streamPages,
    create,
    get,
    revoke,
    refresh: refresh as SessionsService["refresh"],
    createToken,
    createTokenFromTemplate,
    verify
  }
})

/**
 * The Sessions service. Use it as a service (`yield* Sessions`) or through its
 * accessors (`Sessions.get(id)`), which need `Sessions` in context.
 *
 * @example
 * ```ts
 * import { FetchHttpClient } from "@effect/platform"
 * import { Effect } from "effect"
 * import { ClerkConfig, Sessions } from "@clerk-effect/backend"
 *
 * const program = Effect.gen(function* () {
 *   const page = yield* Sessions.list({ userId: "user_123", status: "active", limit: 20 })
 *   return page.totalCount
 * }).pipe(
 *   Effect.provide(Sessions.layer),
 *   Effect.provide(ClerkConfig.layerConfig()),
 *   Effect.provide(FetchHttpClient.layer)
 * )
 * ```
 *
 * @since 0.1.0
 * @category tags
 */
export class Sessions extends Context.Tag("@clerk-effect/backend/Sessions")<Sessions, SessionsService>() {
  /**
   * Builds the service on the {@link ClerkClient} in context (for a layer of
   * your own, e.g. with a customised core).
   *
   * @since 0.1.0
   */
  static readonly make: Effect.Effect<SessionsService, never, ClerkClient> = make

  /**
   * The service on its own HTTP core; needs an `HttpClient` and a `ClerkConfig`.
   *
   * @since 0.1.0
   */
  static readonly layer: Layer.Layer<Sessions, never, HttpClient.HttpClient | ClerkConfig> = Layer.effect(
    Sessions,
    make
  ).pipe(Layer.provide(ClerkClient.layer))

  /** @since 0.1.0 */
  static readonly list = (params: ListSessionsParams): Effect.Effect<SessionList, ClerkErrors | SDKError, Sessions> =>
    Effect.flatMap(Sessions, (sessions) => sessions.list(params))

  /** @since 0.1.0 */
  static readonly stream = (params: StreamSessionsParams): Stream.Stream<Session, ClerkErrors | SDKError, Sessions> =>
    Stream.unwrap(Effect.map(Sessions, (sessions) => sessions.stream(params)))

  /** @since 0.1.0 */
  static readonly streamPages = (
    params: StreamSessionsParams
  ): Stream.Stream<SessionList, ClerkErrors | SDKError, Sessions> =>
    Stream.unwrap(Effect.map(Sessions, (sessions) => sessions.streamPages(params)))

  /** @since 0.1.0 */
  static readonly create = (params: CreateSessionParams): Effect.Effect<Session, ClerkErrors | SDKError, Sessions> =>
    Effect.flatMap(Sessions, (sessions) => sessions.create(params))

  /** @since 0.1.0 */
  static readonly get = (sessionId: string): Effect.Effect<Session, ClerkErrors | SDKError, Sessions> =>
    Effect.flatMap(Sessions, (sessions) => sessions.get(sessionId))

  /** @since 0.1.0 */
  static readonly revoke = (sessionId: string): Effect.Effect<Session, ClerkErrors | SDKError, Sessions> =>
    Effect.flatMap(Sessions, (sessions) => sessions.revoke(sessionId))

  /** @since 0.1.0 */
  static readonly refresh: {
    (
      sessionId: string,
      params: RefreshSessionParams & { readonly format: "cookie" }
    ): Effect.Effect<Cookies, ClerkErrors | SDKError, Sessions>
    (
      sessionId: string,
      params: RefreshSessionParams & { readonly format?: "token" | undefined }
    ): Effect.Effect<Token, ClerkErrors | SDKError, Sessions>
    (sessionId: string, params: RefreshSessionParams): Effect.Effect<Token | Cookies, ClerkErrors | SDKError, Sessions>
  } = (sessionId: string, params: RefreshSessionParams) =>
    Effect.flatMap(Sessions, (sessions) => sessions.refresh(sessionId, params)) as never

  /** @since 0.1.0 */
  static readonly createToken = (
    sessionId: string,
    params?: CreateTokenParams
  ): Effect.Effect<Token, ClerkErrors | SDKError, Sessions> =>
    Effect.flatMap(Sessions, (sessions) => sessions.createToken(sessionId, params))

  /** @since 0.1.0 */
  static readonly createTokenFromTemplate = (
    sessionId: string,
    templateName: string,
    params?: CreateTokenParams
  ): Effect.Effect<Token, ClerkErrors | SDKError, Sessions> =>
    Effect.flatMap(Sessions, (sessions) => sessions.createTokenFromTemplate(sessionId, templateName, params))

  /**
   * @deprecated Clerk answers 410 `operation_deprecated` on every API version; use `SessionTokens.verify`.
   * @since 0.1.0
   */
  static readonly verify = (
    sessionId: string,
    params: VerifySessionParams
  ): Effect.Effect<Session, ClerkErrors | SDKError, Sessions> =>
    Effect.flatMap(Sessions, (sessions) => sessions.verify(sessionId, params))
}
