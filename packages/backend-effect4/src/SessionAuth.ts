/**
 * Authenticating the requests of an effect 4 HTTP server with Clerk session
 * tokens: the token from `Authorization: Bearer <token>` (API clients) or the
 * `__session` cookie (same-origin browsers), verified locally by
 * {@link SessionTokens}, its claims provided to handlers as
 * {@link CurrentSession}.
 *
 * - `HttpApi`: add the {@link SessionAuth} middleware to a group or endpoint
 *   and provide `SessionAuth.layer`.
 * - `HttpRouter`: provide `SessionAuth.router.layer` to route layers; any
 *   `HttpServerRequest` handler: `SessionAuth.middleware(handler)`; anywhere
 *   a request is in context: `SessionAuth.authenticate`.
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
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as ErrorReporter from "effect/ErrorReporter"
import * as HttpRouter from "effect/http/HttpRouter"
import * as HttpServerRequest from "effect/http/HttpServerRequest"
import * as HttpServerRespondable from "effect/http/HttpServerRespondable"
import * as HttpServerResponse from "effect/http/HttpServerResponse"
import * as HttpApiMiddleware from "effect/http-api/HttpApiMiddleware"
import * as HttpApiSecurity from "effect/http-api/HttpApiSecurity"
import * as OpenApi from "effect/http-api/OpenApi"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import type { SessionClaims, SessionTokensService, TokenVerificationError, VerifyOptions } from "./SessionTokens.js"
import { SessionTokens } from "./SessionTokens.js"

/**
 * The verified claims of the request's session, provided to every handler
 * behind {@link SessionAuth}, `SessionAuth.router` or `SessionAuth.middleware`.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { CurrentSession } from "@clerk-effect/backend-effect4"
 *
 * const whoAmI = CurrentSession.useSync((session) => ({ userId: session.sub, sessionId: session.sid }))
 * ```
 *
 * @since 0.1.0
 * @category services
 */
export class CurrentSession extends Context.Service<CurrentSession, SessionClaims>()(
  "@clerk-effect/backend-effect4/CurrentSession"
) {}

/**
 * Why a request is unauthenticated: `MissingToken` (neither a bearer token nor
 * a `__session` cookie), or the `TokenVerificationErrorReason` the token was
 * rejected with (all but `JwksUnavailable`, which is
 * {@link SessionAuthUnavailable}).
 *
 * @since 0.1.0
 * @category errors
 */
export const SessionUnauthorizedReason = Schema.Literals(SESSION_UNAUTHORIZED_REASONS)

/**
 * @since 0.1.0
 * @category errors
 */
export type SessionUnauthorizedReason = typeof SessionUnauthorizedReason.Type

/**
 * The request carries no usable session token: a 401 whose body is
 * `{ "_tag": "SessionUnauthorized", "reason": "Expired" }`. In an `HttpApi` it
 * is the middleware's declared error; elsewhere it answers itself (it is
 * `Respondable`), with a `WWW-Authenticate: Bearer` header as RFC 6750 asks.
 * It is the caller's fault, so effect's `ErrorReporter` ignores it, as it
 * ignores `HttpApiError.Unauthorized`.
 *
 * @since 0.1.0
 * @category errors
 */
export class SessionUnauthorized
  extends Schema.TaggedError<SessionUnauthorized>("@clerk-effect/backend-effect4/SessionUnauthorized")(
    "SessionUnauthorized",
    { reason: SessionUnauthorizedReason },
    { description: "No valid Clerk session token", httpApiStatus: 401 }
  )
  implements HttpServerRespondable.Respondable
{
  /** @since 0.1.0 */
  override readonly [ErrorReporter.ignore] = true

  /** @since 0.1.0 */
  override get message(): string {
    return unauthorizedMessage(this.reason)
  }

  /** @since 0.1.0 */
  [HttpServerRespondable.symbol]() {
    const challenge = bearerChallenge(this.reason)
    // The same body as HttpApi writes from the schema.
    return Effect.succeed(
      HttpServerResponse.jsonUnsafe(Schema.encodeSync(SessionUnauthorized)(this), {
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
  extends Schema.TaggedError<SessionAuthUnavailable>("@clerk-effect/backend-effect4/SessionAuthUnavailable")(
    "SessionAuthUnavailable",
    {},
    { description: "Session tokens cannot be verified right now", httpApiStatus: 503 }
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
      HttpServerResponse.jsonUnsafe(Schema.encodeSync(SessionAuthUnavailable)(this), { status: 503 })
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

const tokenOf = (request: HttpServerRequest.HttpServerRequest): string | undefined =>
  sessionTokenOf({ authorization: request.headers.authorization, sessionCookie: request.cookies[SESSION_COOKIE] })

const fromVerificationError = (error: TokenVerificationError): Effect.Effect<never, SessionAuthError> =>
  error.reason === "JwksUnavailable"
    ? Effect.andThen(Effect.logError(unavailableLogLine(error.message)), Effect.fail(new SessionAuthUnavailable()))
    : Effect.fail(new SessionUnauthorized({ reason: error.reason }))

const authenticateRequest = (
  tokens: SessionTokensService,
  request: HttpServerRequest.HttpServerRequest,
  options: VerifyOptions | undefined
): Effect.Effect<SessionClaims, SessionAuthError> => {
  const token = tokenOf(request)
  return token === undefined
    ? Effect.fail(new SessionUnauthorized({ reason: "MissingToken" }))
    : Effect.catch(tokens.verify(token, options), fromVerificationError)
}

const authenticateWith = (
  options?: VerifyOptions
): Effect.Effect<SessionClaims, SessionAuthError, SessionTokens | HttpServerRequest.HttpServerRequest> =>
  Effect.gen(function* () {
    return yield* authenticateRequest(yield* SessionTokens, yield* HttpServerRequest.HttpServerRequest, options)
  })

const authenticate = authenticateWith()

/**
 * Runs `handler` with the request's claims, or answers the refusal (401 or
 * 503) without running it. The router and handler faces answer themselves
 * rather than fail: a failing `HttpRouter.middleware` puts its error on every
 * route it guards as a requirement (`Request<"Error", ...>`) for some other
 * middleware to handle, and the answer is the same either way.
 */
const respondUnlessAuthenticated = <E, R>(
  tokens: SessionTokensService,
  options: VerifyOptions | undefined,
  handler: Effect.Effect<HttpServerResponse.HttpServerResponse, E, R>
) =>
  Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) =>
    Effect.matchEffect(authenticateRequest(tokens, request, options), {
      onFailure: (error) => error[HttpServerRespondable.symbol](),
      onSuccess: (claims) => Effect.provideService(handler, CurrentSession, claims)
    })
  )

// The OpenAPI document says where the token may come from; the cookie is read
// by the bearer handler (see SessionAuth.layerWith), not declared as a second
// scheme, because HttpApi tries schemes in turn and reports the last failure,
// which would turn a rejected bearer token into "MissingToken".
const bearer = HttpApiSecurity.bearer.pipe(
  HttpApiSecurity.annotate(
    OpenApi.Description,
    "A Clerk session token, as `Authorization: Bearer <token>` or in the `__session` cookie"
  )
)

const routerWith = (options?: VerifyOptions) =>
  HttpRouter.middleware<{ provides: CurrentSession }>()(
    Effect.map(
      Effect.service(SessionTokens),
      (tokens) => (handler) => respondUnlessAuthenticated(tokens, options, handler)
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
 * import { Effect, Layer, Schema } from "effect"
 * import { HttpApi, HttpApiBuilder, HttpApiEndpoint, HttpApiGroup } from "effect/http-api"
 * import { CurrentSession, SessionAuth, SessionTokens } from "@clerk-effect/backend-effect4"
 *
 * class Api extends HttpApi.make("api").add(
 *   HttpApiGroup.make("account")
 *     .add(HttpApiEndpoint.get("me", "/me", { success: Schema.Struct({ userId: Schema.String }) }))
 *     .middleware(SessionAuth)
 * ) {}
 *
 * const AccountLive = HttpApiBuilder.group(Api, "account", (handlers) =>
 *   handlers.handle("me", () => CurrentSession.useSync((session) => ({ userId: session.sub })))
 * )
 *
 * const ApiLive = HttpApiBuilder.layer(Api).pipe(
 *   Layer.provide(AccountLive),
 *   Layer.provide(SessionAuth.layer),
 *   Layer.provide(SessionTokens.layer({ jwtKey: process.env.CLERK_JWT_KEY! }))
 * )
 * ```
 *
 * @since 0.1.0
 * @category middleware
 */
export class SessionAuth extends HttpApiMiddleware.Service<SessionAuth, { provides: CurrentSession }>()(
  "@clerk-effect/backend-effect4/SessionAuth",
  {
    error: [SessionUnauthorized, SessionAuthUnavailable],
    security: { bearer }
  }
) {
  /**
   * The middleware's implementation over the {@link SessionTokens} in
   * context, with the layer's verify options (or these `options`).
   *
   * @since 0.1.0
   */
  static readonly layerWith = (options?: VerifyOptions): Layer.Layer<SessionAuth, never, SessionTokens> =>
    Layer.effect(
      SessionAuth,
      Effect.map(Effect.service(SessionTokens), (tokens) =>
        SessionAuth.of({
          // HttpApi decodes the bearer credential from the header only; the
          // request itself is read instead, header then cookie.
          bearer: (handler) =>
            Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) =>
              Effect.flatMap(authenticateRequest(tokens, request, options), (claims) =>
                Effect.provideService(handler, CurrentSession, claims)
              )
            )
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
   * For an `HttpRouter`: a route middleware (`HttpRouter.middleware`) that
   * provides {@link CurrentSession}, or answers 401/503 itself without
   * running the route. Provide `SessionAuth.router.layer` to the route layers
   * it guards; it needs `SessionTokens` when the layer is built.
   *
   * @example
   * ```ts
   * import { Layer } from "effect"
   * import { HttpRouter, HttpServerResponse } from "effect/http"
   * import { CurrentSession, SessionAuth } from "@clerk-effect/backend-effect4"
   *
   * const Me = HttpRouter.add("GET", "/me", CurrentSession.use((session) => HttpServerResponse.json({ userId: session.sub })))
   *   .pipe(Layer.provide(SessionAuth.router.layer))
   * ```
   *
   * @since 0.1.0
   */
  static readonly router = routerWith()

  /**
   * {@link SessionAuth.router} with its own verify options.
   *
   * @since 0.1.0
   */
  static readonly routerWith = routerWith

  /**
   * For one handler (an effect over the `HttpServerRequest`): runs it with
   * {@link CurrentSession}, or answers 401/503 itself without running it.
   *
   * @since 0.1.0
   */
  static readonly middleware = <E, R>(
    handler: Effect.Effect<HttpServerResponse.HttpServerResponse, E, R>
  ): Effect.Effect<
    HttpServerResponse.HttpServerResponse,
    E,
    Exclude<R, CurrentSession> | SessionTokens | HttpServerRequest.HttpServerRequest
  > => Effect.flatMap(Effect.service(SessionTokens), (tokens) => respondUnlessAuthenticated(tokens, undefined, handler))
}
