/**
 * The Sessions resource of Clerk's Backend API: list, stream, create, get,
 * revoke, refresh, mint session and template tokens, and the deprecated verify.
 *
 * @since 0.1.0
 */
import * as Rules from "@clerk-effect/core/inputRules"
import { SessionRequests } from "@clerk-effect/core/sessionRequests"
import {
  DEFAULT_STREAM_PAGE_SIZE as DEFAULT_PAGE_SIZE,
  listFilters,
  MAX_LIST_LIMIT,
  MAX_TOKEN_LIFETIME,
  MIN_TOKEN_LIFETIME,
  pageStep,
  refreshFormatProblem,
  streamPaging,
  withoutUndefined
} from "@clerk-effect/core/sessionRules"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { ClerkClient, encodeBody } from "./ClerkClient.js"
import type { ClerkConfig } from "./ClerkConfig.js"
import type { ClerkErrors, SDKError } from "./Errors.js"
import type { Check } from "./internal/validation.js"
import { invalidInput, validate } from "./internal/validation.js"
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
 * The shape of `refresh`: its answer follows `format`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Refresh<R = never> {
  (
    sessionId: string,
    params: RefreshSessionParams & { readonly format: "cookie" }
  ): Effect.Effect<Cookies, ClerkErrors | SDKError, R>
  (
    sessionId: string,
    params: RefreshSessionParams & { readonly format?: "token" | undefined }
  ): Effect.Effect<Token, ClerkErrors | SDKError, R>
  (sessionId: string, params: RefreshSessionParams): Effect.Effect<Token | Cookies, ClerkErrors | SDKError, R>
}

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
  readonly refresh: Refresh
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
   * version, so this never succeeds against Clerk. Verify session tokens
   * locally with `SessionTokens.verify`.
   */
  readonly verify: (sessionId: string, params: VerifySessionParams) => Effect.Effect<Session, ClerkErrors | SDKError>
}

const encodeCreateSession = encodeBody(CreateSessionBody)
const encodeCreateToken = encodeBody(CreateTokenBody)
const encodeRefresh = encodeBody(RefreshSessionBody)
const encodeVerify = encodeBody(VerifySessionBody)

// A page as Clerk sent it: the paginated envelope, or the spec's bare array.
// Unlike the public SessionListResponse it keeps the difference, because a
// bare array has no total and `stream` must not mistake its length for one.
const ListPage = Schema.Union([SessionList, Schema.Array(Session)])

// A path parameter is checked before any request (the request descriptions
// of @clerk-effect/core/sessionRequests percent-encode it).
const pathParam = (field: string, value: unknown): Check => [field, () => Rules.pathParamProblem(value)]

const tokenLifetime = (params: CreateTokenParams | undefined): ReadonlyArray<Check> => [
  ["params", () => Rules.optionalObjectProblem(params)],
  [
    "expiresInSeconds",
    () => Rules.optionalIntegerProblem(params?.expiresInSeconds, MIN_TOKEN_LIFETIME, MAX_TOKEN_LIFETIME)
  ]
]

// Like Clerk's own SDK: no option, no body at all (not even `{}`).
const tokenBody = (params: CreateTokenParams | undefined) =>
  params?.expiresInSeconds === undefined
    ? Effect.succeed(undefined)
    : encodeCreateToken({ expiresInSeconds: params.expiresInSeconds })

const make: Effect.Effect<SessionsService, never, ClerkClient> = Effect.gen(function* () {
  const client = yield* ClerkClient

  const listPage = (params: ListSessionsParams) =>
    Effect.gen(function* () {
      const filters = listFilters(params)
      if (!filters.ok) return yield* Effect.fail(invalidInput(filters.field, filters.problem))
      yield* validate(
        ["limit", () => Rules.optionalIntegerProblem(params.limit, 1, MAX_LIST_LIMIT)],
        ["offset", () => Rules.optionalIntegerProblem(params.offset, 0, Number.MAX_SAFE_INTEGER)]
      )
      const query = { ...filters.query, limit: params.limit, offset: params.offset }
      return yield* client.request({ ...SessionRequests.list(query), success: ListPage })
    })

  const list = (params: ListSessionsParams): Effect.Effect<SessionList, ClerkErrors | SDKError> =>
    Effect.map(listPage(params), (page) => ("totalCount" in page ? page : { data: page, totalCount: page.length }))

  const streamPages = (params: StreamSessionsParams): Stream.Stream<SessionList, ClerkErrors | SDKError> => {
    const paging = streamPaging(params as ListSessionsParams)
    return Stream.paginate(0, (offset: number) =>
      Effect.map(listPage(paging.pageAt(offset)), (page) => {
        const data = "totalCount" in page ? page.data : page
        const step = pageStep(offset, paging.limit, data.length, "totalCount" in page ? page.totalCount : undefined)
        const list: SessionList = { data, totalCount: step.totalCount }
        return [[list], Option.fromUndefinedOr(step.next)] as const
      })
    )
  }

  const stream = (params: StreamSessionsParams): Stream.Stream<Session, ClerkErrors | SDKError> =>
    Stream.flatMap(streamPages(params), (page) => Stream.fromIterable(page.data))

  const create = (params: CreateSessionParams) =>
    Effect.gen(function* () {
      yield* validate(
        ["params", () => Rules.requiredObjectProblem(params)],
        ["userId", () => Rules.requiredNonEmptyProblem(params.userId)],
        ["activeOrganizationId", () => Rules.optionalNonEmptyProblem(params.activeOrganizationId)]
      )
      const body = yield* encodeCreateSession(
        withoutUndefined({
          userId: params.userId,
          activeOrganizationId: params.activeOrganizationId
        }) as typeof CreateSessionBody.Type
      )
      return yield* client.request({ ...SessionRequests.create(), body, success: Session })
    })

  const get = (sessionId: string) =>
    Effect.andThen(validate(pathParam("sessionId", sessionId)), () =>
      client.request({ ...SessionRequests.get(sessionId), success: Session })
    )

  const revoke = (sessionId: string) =>
    Effect.andThen(validate(pathParam("sessionId", sessionId)), () =>
      client.request({ ...SessionRequests.revoke(sessionId), success: Session })
    )

  const refresh = (sessionId: string, params: RefreshSessionParams) =>
    Effect.gen(function* () {
      yield* validate(
        pathParam("sessionId", sessionId),
        ["params", () => Rules.requiredObjectProblem(params)],
        ["expiredToken", () => Rules.requiredNonEmptyProblem(params.expiredToken)],
        ["refreshToken", () => Rules.requiredNonEmptyProblem(params.refreshToken)],
        ["requestOrigin", () => Rules.requiredNonEmptyProblem(params.requestOrigin)],
        ["requestOriginatingIp", () => Rules.optionalNonEmptyProblem(params.requestOriginatingIp)],
        ["requestHeaders", () => Rules.optionalHeadersProblem(params.requestHeaders)],
        ["format", () => refreshFormatProblem(params.format)]
      )
      const body = yield* encodeRefresh(withoutUndefined(params) as typeof RefreshSessionBody.Type)
      const request = { ...SessionRequests.refresh(sessionId), body }
      return params.format === "cookie"
        ? yield* client.request({ ...request, success: Cookies })
        : yield* client.request({ ...request, success: Token })
    })

  const createToken = (sessionId: string, params?: CreateTokenParams) =>
    Effect.gen(function* () {
      yield* validate(pathParam("sessionId", sessionId), ...tokenLifetime(params))
      const body = yield* tokenBody(params)
      return yield* client.request({ ...SessionRequests.createToken(sessionId), body, success: Token })
    })

  const createTokenFromTemplate = (sessionId: string, templateName: string, params?: CreateTokenParams) =>
    Effect.gen(function* () {
      yield* validate(
        pathParam("sessionId", sessionId),
        pathParam("templateName", templateName),
        ...tokenLifetime(params)
      )
      const body = yield* tokenBody(params)
      return yield* client.request({
        ...SessionRequests.createTokenFromTemplate(sessionId, templateName),
        body,
        success: Token
      })
    })

  const verify = (sessionId: string, params: VerifySessionParams) =>
    Effect.gen(function* () {
      yield* validate(
        pathParam("sessionId", sessionId),
        ["params", () => Rules.requiredObjectProblem(params)],
        ["token", () => Rules.optionalNonEmptyProblem(params.token)]
      )
      const body = yield* encodeVerify(withoutUndefined({ token: params.token }) as typeof VerifySessionBody.Type)
      return yield* client.request({ ...SessionRequests.verify(sessionId), body, success: Session })
    })

  return Sessions.of({
    list,
    stream,
    streamPages,
    create,
    get,
    revoke,
    refresh: refresh as Refresh,
    createToken,
    createTokenFromTemplate,
    verify
  })
})

/**
 * The Sessions service, declared the effect 4 way (`Context.Service`).
 * Reach it as a service (`yield* Sessions`), with `Sessions.use((sessions)
 * => ...)`, or through the static functions below (`Sessions.get(id)`),
 * which need `Sessions` in context: effect 4 generates no accessors, so
 * these are written out, as effect 4's own `effect/ai` modules export
 * `LanguageModel.generateText` beside the service.
 *
 * @example
 * ```ts
 * import { Effect, Layer, Redacted } from "effect"
 * import { FetchHttpClient } from "effect/http"
 * import { ClerkConfig, Sessions } from "@clerk-effect/backend-effect4"
 *
 * const program = Effect.gen(function* () {
 *   const page = yield* Sessions.list({ userId: "user_123", status: "active", limit: 20 })
 *   return page.totalCount
 * }).pipe(
 *   Effect.provide(
 *     Sessions.layer.pipe(
 *       Layer.provide(ClerkConfig.layer({ secretKey: Redacted.make("sk_test_...") })),
 *       Layer.provide(FetchHttpClient.layer)
 *     )
 *   )
 * )
 * ```
 *
 * @since 0.1.0
 * @category services
 */
export class Sessions extends Context.Service<Sessions, SessionsService>()("@clerk-effect/backend-effect4/Sessions", {
  make
}) {
  /**
   * The service on the one {@link ClerkClient} of the layer graph; needs an
   * `HttpClient` and a `ClerkConfig`.
   *
   * @since 0.1.0
   */
  static readonly layer: Layer.Layer<Sessions, never, HttpClient.HttpClient | ClerkConfig> = Layer.effect(
    Sessions,
    make
  ).pipe(Layer.provide(ClerkClient.layer))

  /** @since 0.1.0 */
  static readonly list = (params: ListSessionsParams): Effect.Effect<SessionList, ClerkErrors | SDKError, Sessions> =>
    Sessions.use((sessions) => sessions.list(params))

  /** @since 0.1.0 */
  static readonly stream = (params: StreamSessionsParams): Stream.Stream<Session, ClerkErrors | SDKError, Sessions> =>
    Stream.unwrap(Sessions.useSync((sessions) => sessions.stream(params)))

  /** @since 0.1.0 */
  static readonly streamPages = (
    params: StreamSessionsParams
  ): Stream.Stream<SessionList, ClerkErrors | SDKError, Sessions> =>
    Stream.unwrap(Sessions.useSync((sessions) => sessions.streamPages(params)))

  /** @since 0.1.0 */
  static readonly create = (params: CreateSessionParams): Effect.Effect<Session, ClerkErrors | SDKError, Sessions> =>
    Sessions.use((sessions) => sessions.create(params))

  /** @since 0.1.0 */
  static readonly get = (sessionId: string): Effect.Effect<Session, ClerkErrors | SDKError, Sessions> =>
    Sessions.use((sessions) => sessions.get(sessionId))

  /** @since 0.1.0 */
  static readonly revoke = (sessionId: string): Effect.Effect<Session, ClerkErrors | SDKError, Sessions> =>
    Sessions.use((sessions) => sessions.revoke(sessionId))

  /** @since 0.1.0 */
  static readonly refresh: Refresh<Sessions> = (sessionId: string, params: RefreshSessionParams) =>
    Sessions.use((sessions) => sessions.refresh(sessionId, params)) as never

  /** @since 0.1.0 */
  static readonly createToken = (
    sessionId: string,
    params?: CreateTokenParams
  ): Effect.Effect<Token, ClerkErrors | SDKError, Sessions> =>
    Sessions.use((sessions) => sessions.createToken(sessionId, params))

  /** @since 0.1.0 */
  static readonly createTokenFromTemplate = (
    sessionId: string,
    templateName: string,
    params?: CreateTokenParams
  ): Effect.Effect<Token, ClerkErrors | SDKError, Sessions> =>
    Sessions.use((sessions) => sessions.createTokenFromTemplate(sessionId, templateName, params))

  /**
   * @deprecated Clerk answers 410 `operation_deprecated` on every API version; use `SessionTokens.verify`.
   * @since 0.1.0
   */
  static readonly verify = (
    sessionId: string,
    params: VerifySessionParams
  ): Effect.Effect<Session, ClerkErrors | SDKError, Sessions> =>
    Sessions.use((sessions) => sessions.verify(sessionId, params))
}
