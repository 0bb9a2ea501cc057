/**
 * Authenticating the requests of an Effect HTTP server with Clerk session
 * tokens: the token from `Authorization: Bearer <token>` (API clients) or the
 * `__session` cookie (same-origin browsers), verified locally by
 * {@link SessionTokens}, its claims provided to handlers as
 * {@link CurrentSession}.
 *
 * - `HttpApi`: add the {@link SessionAuth} middleware to a group or endpoint
 *   and provide `SessionAuth.layer`.
 * - `HttpRouter`: `SessionAuth.router(router)`; any `HttpApp`:
 *   `SessionAuth.middleware(app)`; anywhere a request is in context:
 *   `SessionAuth.authenticate`.
 *
 * A request without a usable token fails with {@link SessionUnauthorized}
 * (401, with the reason); when the keys cannot be loaded (Clerk unreachable, a
 * wrong secret key) with {@link SessionAuthUnavailable} (503): that is the
 * server's outage, not the caller's fault. The token is never written to a
 * response, a log line or a span.
 *
 * @since 0.1.0
 */
import {
  bearerChallenge,
  SESSION_COOKIE,
  SESSION_UNAUTHORIZED_REASONS,
  sessionTokenOf,
  UNAVAILABLE_MESSAGE,
  unauthorizedMessage,
  unavailableLogLine
} from "@clerk-effect/core/tokenRequest"
import * as HttpApiMiddleware from "@effect/platform/HttpApiMiddleware"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as HttpApiSecurity from "@effect/platform/HttpApiSecurity"
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerRespondable from "@effect/platform/HttpServerRespondable"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as OpenApi from "@effect/platform/OpenApi"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import type { SessionClaims, SessionTokensService, TokenVerificationError, VerifyOptions } from "./SessionTokens.js"
import { SessionTokens, TokenVerificationErrorReason } from "./SessionTokens.js"

/**
 * The verified claims of the request's session, provided to every handler
 * behind {@link SessionAuth}, `SessionAuth.router` or `SessionAuth.middleware`.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { CurrentSession } from "@clerk-effect/backend"
 *
 * const whoAmI = Effect.map(CurrentSession, (session) => ({ userId: session.sub, sessionId: session.sid }))
 * ```
 *
 * @since 0.1.0
 * @category tags
 */
export class CurrentSession extends Context.Tag("@clerk-effect/backend/CurrentSession")<
  CurrentSession,
  SessionClaims
>() {}

/**
 * Why a request is unauthenticated: `MissingToken` (neither a bearer token nor
 * a `__session` cookie), or the {@link TokenVerificationErrorReason} the token
 * was rejected with (all but `JwksUnavailable`, which is
 * {@link SessionAuthUnavailable}).
 *
 * @since 0.1.0
 * @category errors
 */
export const SessionUnauthorizedReason = Schema.Literal(...SESSION_UNAUTHORIZED_REASONS)

/**
 * @since 0.1.0
 * @category errors
 */
export type SessionUnauthorizedReason = typeof SessionUnauthorizedReason.Type

/**
 * The request carries no usable session token: a 401 whose body is
 * `{ "_tag": "SessionUnauthorized", "reason": "Expired" }`. In an `HttpApi` it
 * is the middleware's documented error; in an `HttpRouter` or `HttpApp` it
 * answers itself (it is `Respondable`), with a `WWW-Authenticate: Bearer`
 * header as RFC 6750 asks.
 *
 * @since 0.1.0
 * @category errors
 */
export class SessionUnauthorized
  extends Schema.TaggedError<SessionUnauthorized>("@clerk-effect/backend/SessionUnauthorized")(
    "SessionUnauthorized",
    { reason: SessionUnauthorizedReason },
    HttpApiSchema.annotations({ status: 401, description: "No valid Clerk session token" })
  )
  implements HttpServerRespondable.Respondable
{
  /** @since 0.1.0 */
  override get message(): string {
    return unauthorizedMessage(this.reason)
  }

  /** @since 0.1.0 */
  [HttpServerRespondable.symbol]() {
    const challenge = bearerChallenge(this.reason)
    // The same body as HttpApi writes from the schema.
    return Effect.succeed(
      HttpServerResponse.unsafeJson(Schema.encodeSync(SessionUnauthorized)(this), {
        status: 401,
        headers: { "www-authenticate": challenge }
      })
    )
  }
}

/**
 * The session token could not be checked because the instance's keys could
 * not be loaded (`JwksUnavailable`: Clerk unreachable, a wrong secret key): a
 * 503, since the fault is the server's. The underlying error is logged at
 * level Error (its message, never the token); the response says only
 * `{ "_tag": "SessionAuthUnavailable" }`.
 *
 * @since 0.1.0
 * @category errors
 */
export class SessionAuthUnavailable
  extends Schema.TaggedError<SessionAuthUnavailable>("@clerk-effect/backend/SessionAuthUnavailable")(
    "SessionAuthUnavailable",
    {},
    HttpApiSchema.annotations({ status: 503, description: "Session tokens cannot be verified right now" })
  )
  implements HttpServerRespondable.Respondable
{
  /** @since 0.1.0 */
  override get message(): string {
    return UNAVAILABLE_MESSAGE
  }

  /** @since 0.1.0 */
  [HttpServerRespondable.symbol]() {
    return Effect.succeed(
      HttpServerResponse.unsafeJson(Schema.encodeSync(SessionAuthUnavailable)(this), { status: 503 })
    )
  }
}

/**
 * The failures of {@link SessionAuth}.
 *
 * @since 0.1.0
 * @category errors
 */
export type SessionAuthError = SessionUnauthorized | SessionAuthUnavailable

const tokenOf = (request: HttpServerRequest.HttpServerRequest): Option.Option<string> =>
  Option.fromNullable(
    sessionTokenOf({ authorization: request.headers.authorization, sessionCookie: request.cookies[SESSION_COOKIE] })
  )

const fromVerificationError = (error: TokenVerificationError): Effect.Effect<never, SessionAuthError> =>
  error.reason === "JwksUnavailable"
    ? Effect.zipRight(Effect.logError(unavailableLogLine(error.message)), Effect.fail(new SessionAuthUnavailable()))
    : Effect.fail(new SessionUnauthorized({ reason: error.reason }))

const authenticateRequest = (
  tokens: SessionTokensService,
  request: HttpServerRequest.HttpServerRequest,
  options: VerifyOptions | undefined
): Effect.Effect<SessionClaims, SessionAuthError> =>
  Option.match(tokenOf(request), {
    onNone: () => Effect.fail(new SessionUnauthorized({ reason: "MissingToken" })),
    onSome: (token) => Effect.catchAll(tokens.verify(token, options), fromVerificationError)
  })

const authenticateWith = (
  options?: VerifyOptions
): Effect.Effect<SessionClaims, SessionAuthError, SessionTokens | HttpServerRequest.HttpServerRequest> =>
  Effect.flatMap(Effect.zip(SessionTokens, HttpServerRequest.HttpServerRequest), ([tokens, request]) =>
    authenticateRequest(tokens, request, options)
  )

const authenticate = authenticateWith()

// The OpenAPI document says where the token may come from; the cookie is read
// by the bearer handler (see SessionAuth.layer), not declared as a second
// scheme, because HttpApi tries schemes in turn and reports the last failure,
// which would turn a rejected bearer token into "MissingToken".
const bearer = HttpApiSecurity.bearer.pipe(
  HttpApiSecurity.annotate(
    OpenApi.Description,
    "A Clerk session token, as `Authorization: Bearer <token>` or in the `__session` cookie"
  )
)

/**
 * The `HttpApi` middleware: add it to a group or an endpoint
 * (`.middleware(SessionAuth)`), provide `SessionAuth.layer`, and handlers get
 * {@link CurrentSession}. It declares bearer security and its two errors
 * ({@link SessionUnauthorized}, 401; {@link SessionAuthUnavailable}, 503) in
 * the API, so they appear in the OpenAPI document and in derived clients.
 *
 * @example
 * ```ts
 * import { HttpApi, HttpApiBuilder, HttpApiEndpoint, HttpApiGroup } from "@effect/platform"
 * import { Effect, Layer, Schema } from "effect"
 * import { CurrentSession, SessionAuth, SessionTokens } from "@clerk-effect/backend"
 *
 * class Api extends HttpApi.make("api").add(
 *   HttpApiGroup.make("account")
 *     .add(HttpApiEndpoint.get("me", "/me").addSuccess(Schema.Struct({ userId: Schema.String })))
 *     .middleware(SessionAuth)
 * ) {}
 *
 * const AccountLive = HttpApiBuilder.group(Api, "account", (handlers) =>
 *   handlers.handle("me", () => Effect.map(CurrentSession, (session) => ({ userId: session.sub })))
 * )
 *
 * const ApiLive = HttpApiBuilder.api(Api).pipe(
 *   Layer.provide(AccountLive),
 *   Layer.provide(SessionAuth.layer),
 *   Layer.provide(SessionTokens.layer({ jwtKey: process.env.CLERK_JWT_KEY! }))
 * )
 * ```
 *
 * @since 0.1.0
 * @category middleware
 */
export class SessionAuth extends HttpApiMiddleware.Tag<SessionAuth>()("@clerk-effect/backend/SessionAuth", {
  failure: Schema.Union(SessionUnauthorized, SessionAuthUnavailable),
  provides: CurrentSession,
  security: { bearer }
}) {
  /**
   * The middleware's implementation over the {@link SessionTokens} in
   * context, with the layer's verify options (or these `options`).
   *
   * @since 0.1.0
   */
  static readonly layerWith = (options?: VerifyOptions): Layer.Layer<SessionAuth, never, SessionTokens> =>
    Layer.effect(
      SessionAuth,
      Effect.map(SessionTokens, (tokens) =>
        SessionAuth.of({
          // HttpApi decodes the bearer value as `header.slice(7)`, whatever the
          // scheme; the request itself is read instead, header then cookie.
          bearer: () =>
            Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) =>
              authenticateRequest(tokens, request, options)
            ) as Effect.Effect<SessionClaims, SessionAuthError>
        })
      )
    )

  /**
   * {@link SessionAuth.layerWith} with the `SessionTokens` layer's options.
   *
   * @since 0.1.0
   */
  static readonly layer: Layer.Layer<SessionAuth, never, SessionTokens> = SessionAuth.layerWith()

  /**
   * Reads and verifies the current request's session token: the claims, or
   * one of the two errors. For handlers that authenticate themselves (or only
   * sometimes).
   *
   * @since 0.1.0
   */
  static readonly authenticate: Effect.Effect<
    SessionClaims,
    SessionAuthError,
    SessionTokens | HttpServerRequest.HttpServerRequest
  > = authenticate

  /**
   * {@link SessionAuth.authenticate} with per-request verify options (e.g. a
   * stricter list of `authorizedParties` for an admin route).
   *
   * @since 0.1.0
   */
  static readonly authenticateWith = authenticateWith

  /**
   * For an `HttpRouter`: every route of `router` runs with
   * {@link CurrentSession}, or answers 401/503 without running.
   *
   * @since 0.1.0
   */
  static readonly router = <E, R>(
    router: HttpRouter.HttpRouter<E, R>
  ): HttpRouter.HttpRouter<E | SessionAuthError, Exclude<R, CurrentSession> | SessionTokens> =>
    HttpRouter.provideServiceEffect(router, CurrentSession, authenticate)

  /**
   * For any `HttpApp` (a handler, or a whole router served as one app): an
   * `HttpMiddleware` that runs `app` with {@link CurrentSession}, or answers
   * 401/503 without running it.
   *
   * @since 0.1.0
   */
  static readonly middleware = <E, R>(
    app: HttpApp.Default<E, R>
  ): HttpApp.Default<
    E | SessionAuthError,
    Exclude<R, CurrentSession> | SessionTokens | HttpServerRequest.HttpServerRequest
  > => Effect.provideServiceEffect(app, CurrentSession, authenticate)
}
