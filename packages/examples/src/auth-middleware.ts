/**
 * Authenticating requests in an Effect HTTP server (see docs/tokens.md).
 *
 * A middleware reads the session token from `Authorization: Bearer <token>`
 * or the `__session` cookie, verifies it locally with `SessionTokens`, and
 * provides the claims to the handlers as `CurrentSession`; a request without
 * a valid session token gets a 401 before any handler runs.
 *
 * The program starts the server on a free port, calls it with a valid token
 * (header and cookie), a tampered one, a JWT-template token and none, prints
 * what came back and exits. Clerk is played by @clerk-effect/testing's fake
 * on loopback: it mints the tokens and serves the JWKS.
 */
import { createServer } from "node:http"
import type { SessionClaims, TokenVerificationError } from "@clerk-effect/backend"
import { Sessions, SessionTokens } from "@clerk-effect/backend"
import { FakeClerk } from "@clerk-effect/testing"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServer from "@effect/platform/HttpServer"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerRespondable from "@effect/platform/HttpServerRespondable"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"

// ------------------------------------------------------------------ the middleware

// #region types
/** The verified claims of the request's session, for handlers behind {@link requireSession}. */
export class CurrentSession extends Context.Tag("example/CurrentSession")<CurrentSession, SessionClaims>() {}

/**
 * No usable session token. It is `Respondable`: the server answers it with a
 * 401 on its own, wherever in a route it is raised.
 */
export class Unauthorized
  extends Schema.TaggedError<Unauthorized>()("Unauthorized", { reason: Schema.String })
  implements HttpServerRespondable.Respondable
{
  [HttpServerRespondable.symbol]() {
    return HttpServerResponse.json(
      { error: "unauthorized", reason: this.reason },
      { status: 401, headers: { "www-authenticate": 'Bearer realm="api"' } }
    )
  }
}
// #endregion types

// #region authenticate
/** `Authorization: Bearer <token>` first (API clients), else the `__session` cookie (same-origin browsers). */
const sessionToken = (request: HttpServerRequest.HttpServerRequest): Option.Option<string> => {
  const header = request.headers.authorization
  const bearer = header === undefined ? undefined : /^Bearer\s+(\S+)$/i.exec(header)?.[1]
  return Option.fromNullable(bearer ?? request.cookies.__session)
}

/** Reads and verifies the request's token: the claims, or `Unauthorized` with the reason. */
export const authenticate: Effect.Effect<
  SessionClaims,
  Unauthorized,
  SessionTokens | HttpServerRequest.HttpServerRequest
> = Effect.gen(function* () {
  const request = yield* HttpServerRequest.HttpServerRequest
  const token = sessionToken(request)
  if (Option.isNone(token)) return yield* new Unauthorized({ reason: "NoToken" })
  return yield* SessionTokens.verify(token.value).pipe(
    Effect.catchTag("TokenVerificationError", (error: TokenVerificationError) =>
      // The JWKS being unreachable is our outage, not the caller's fault: let it be a 500.
      error.reason === "JwksUnavailable" ? Effect.die(error) : new Unauthorized({ reason: error.reason })
    )
  )
})
// #endregion authenticate

// #region middleware
/**
 * The middleware: every route of `router` runs with `CurrentSession`
 * provided, or fails with `Unauthorized` (a 401) without running.
 */
export const requireSession = <E, R>(router: HttpRouter.HttpRouter<E, R>) =>
  HttpRouter.provideServiceEffect(router, CurrentSession, authenticate)
// #endregion middleware

// ------------------------------------------------------------------ the app

// #region routes
const protectedRoutes = HttpRouter.empty.pipe(
  HttpRouter.get(
    "/me",
    Effect.gen(function* () {
      const session = yield* CurrentSession
      return yield* HttpServerResponse.json({
        userId: session.sub,
        sessionId: session.sid,
        organizationId: session.organization?.id ?? null
      })
    })
  ),
  requireSession
)

const app = HttpRouter.empty.pipe(
  HttpRouter.get("/health", HttpServerResponse.text("ok")),
  HttpRouter.concat(protectedRoutes)
)
// #endregion routes

// ------------------------------------------------------------------ wiring and a demo run

// The fake Clerk on loopback also provides ClerkConfig (its URL and secret key) and a fetch HttpClient.
const FakeClerkLive = FakeClerk.layerServer({
  users: [{ id: "user_ada" }],
  sessions: [{ id: "sess_ada", userId: "user_ada", clientId: "client_laptop" }],
  jwtTemplates: [{ name: "supabase", claims: { role: "authenticated" } }]
})

// #region serve
// JWKS mode: keys fetched once with the secret key, then cached. With the PEM
// public key you would write SessionTokens.layer({ jwtKey }) and need no network at all.
const ServerLive = HttpServer.serve(app).pipe(
  Layer.provideMerge(NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1" })),
  Layer.provideMerge(SessionTokens.layer()),
  Layer.provideMerge(FakeClerkLive)
)
// #endregion serve

const call = (label: string, request: HttpClientRequest.HttpClientRequest) =>
  Effect.gen(function* () {
    const response = yield* HttpClient.execute(request)
    const body = yield* response.text
    yield* Console.log(`${label.padEnd(34)} -> ${response.status} ${body}`)
    return response.status
  })

const program = Effect.gen(function* () {
  const server = yield* HttpServer.HttpServer
  if (server.address._tag !== "TcpAddress") return yield* Effect.dieMessage("expected a TCP server")
  const base = `http://127.0.0.1:${server.address.port}`
  yield* Console.log(`listening on ${base}`)

  const { jwt } = yield* Sessions.createToken("sess_ada")
  const template = (yield* Sessions.createTokenFromTemplate("sess_ada", "supabase")).jwt
  const [header, , signature] = jwt.split(".")
  const forgedPayload = Buffer.from(JSON.stringify({ sid: "sess_ada", sub: "user_root" })).toString("base64url")
  const tampered = `${header}.${forgedPayload}.${signature}`

  const me = HttpClientRequest.get(`${base}/me`)
  const statuses = [
    yield* call("GET /health (public)", HttpClientRequest.get(`${base}/health`)),
    yield* call("GET /me, Authorization: Bearer", HttpClientRequest.bearerToken(me, jwt)),
    yield* call("GET /me, __session cookie", HttpClientRequest.setHeader(me, "cookie", `__session=${jwt}`)),
    yield* call("GET /me, tampered token", HttpClientRequest.bearerToken(me, tampered)),
    yield* call("GET /me, JWT-template token", HttpClientRequest.bearerToken(me, template)),
    yield* call("GET /me, no token", me)
  ]
  const expected = [200, 200, 200, 401, 401, 401]
  if (statuses.join() !== expected.join()) {
    return yield* Effect.dieMessage(`expected statuses ${expected.join()}, got ${statuses.join()}`)
  }
  yield* Console.log("\nDone: valid tokens were accepted, the others answered 401.")
})

NodeRuntime.runMain(program.pipe(Effect.provide(ServerLive)))
