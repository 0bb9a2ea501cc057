/**
 * Authenticating requests in an effect 4 HTTP server with the package's own
 * middleware, `SessionAuth` (see docs/tokens.md): the effect-4 edition of
 * packages/examples/src/auth-middleware.ts.
 *
 * An `HttpApi` with one protected endpoint, `GET /me`, and one public one,
 * `GET /health`. The `SessionAuth` middleware reads the session token from
 * `Authorization: Bearer <token>` or the `__session` cookie, verifies it
 * locally with `SessionTokens`, and provides the claims to handlers as
 * `CurrentSession`; a request without a valid session token gets a 401 (with
 * the reason) before any handler runs, and a JWKS outage a 503.
 *
 * The program starts the server on a free port, calls it with a valid token
 * (header and cookie), a tampered one, a JWT-template token, a token minted
 * for another origin and none, prints what came back and exits. Clerk is
 * played by @clerk-effect/testing-effect4's fake on loopback: it mints the
 * tokens and serves the JWKS.
 */
import { createServer } from "node:http"
import { CurrentSession, SessionAuth, Sessions, SessionTokens } from "@clerk-effect/backend-effect4"
import { FakeClerk } from "@clerk-effect/testing-effect4"
import { NodeHttpServer, NodeRuntime } from "@effect/platform-node"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as HttpRouter from "effect/http/HttpRouter"
import * as HttpServer from "effect/http/HttpServer"
import * as HttpApi from "effect/http-api/HttpApi"
import * as HttpApiBuilder from "effect/http-api/HttpApiBuilder"
import * as HttpApiEndpoint from "effect/http-api/HttpApiEndpoint"
import * as HttpApiGroup from "effect/http-api/HttpApiGroup"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"

const APP_ORIGIN = "https://app.example.com"

// #region api
class Api extends HttpApi.make("api")
  .add(HttpApiGroup.make("public").add(HttpApiEndpoint.get("health", "/health", { success: Schema.String })))
  .add(
    HttpApiGroup.make("account")
      .add(
        HttpApiEndpoint.get("me", "/me", {
          success: Schema.Struct({
            userId: Schema.String,
            sessionId: Schema.String,
            organizationId: Schema.NullOr(Schema.String)
          })
        })
      )
      // Every endpoint of the group needs a valid session token.
      .middleware(SessionAuth)
  ) {}

const PublicLive = HttpApiBuilder.group(Api, "public", (handlers) =>
  handlers.handle("health", () => Effect.succeed("ok"))
)

const AccountLive = HttpApiBuilder.group(Api, "account", (handlers) =>
  handlers.handle("me", () =>
    CurrentSession.useSync((session) => ({
      userId: session.sub,
      sessionId: session.sid,
      organizationId: session.organization?.id ?? null
    }))
  )
)
// #endregion api

// #region serve
// JWKS mode: keys fetched once with the secret key, then cached. With the PEM
// public key you would write SessionTokens.layer({ jwtKey, authorizedParties })
// and need no network at all.
const ApiLive = HttpApiBuilder.layer(Api).pipe(
  Layer.provide([PublicLive, AccountLive]),
  Layer.provide(SessionAuth.layer),
  Layer.provide(SessionTokens.layer({ authorizedParties: [APP_ORIGIN] }))
)

const ServerLive = HttpRouter.serve(ApiLive, { disableListenLog: true, disableLogger: true }).pipe(
  Layer.provideMerge(NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1" }))
)
// #endregion serve

// ------------------------------------------------------------------ a demo run

// The fake Clerk on loopback also provides ClerkConfig (its URL and secret key);
// the program's own HttpClient (FetchHttpClient, below) calls the app and Clerk.
const FakeClerkLive = FakeClerk.layerServer({
  users: [{ id: "user_ada" }],
  sessions: [{ id: "sess_ada", userId: "user_ada", clientId: "client_laptop" }],
  jwtTemplates: [{ name: "supabase", claims: { role: "authenticated" } }]
})

const call = (label: string, request: HttpClientRequest.HttpClientRequest) =>
  Effect.gen(function* () {
    const response = yield* HttpClient.execute(request)
    const body = yield* response.text
    yield* Console.log(`${label.padEnd(34)} -> ${response.status} ${body}`)
    return response.status
  })

/** A session token as a browser on `origin` gets it (the origin becomes its `azp`). */
const tokenFor = (origin: string) =>
  Effect.map(
    Sessions.createToken("sess_ada").pipe(
      Effect.provide(
        Sessions.layer.pipe(
          Layer.provide(
            Layer.effect(
              HttpClient.HttpClient,
              HttpClient.HttpClient.useSync(HttpClient.mapRequest(HttpClientRequest.setHeader("origin", origin)))
            )
          )
        )
      )
    ),
    (token) => token.jwt
  )

const program = Effect.gen(function* () {
  const base = yield* HttpServer.addressFormattedWith(Effect.succeed)
  yield* Console.log(`listening on ${base}`)

  const jwt = yield* tokenFor(APP_ORIGIN)
  const foreign = yield* tokenFor("https://evil.example")
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
    yield* call("GET /me, token for another origin", HttpClientRequest.bearerToken(me, foreign)),
    yield* call("GET /me, no token", me)
  ]
  const expected = [200, 200, 200, 401, 401, 401, 401]
  if (statuses.join() !== expected.join()) {
    return yield* Effect.die(new Error(`expected statuses ${expected.join()}, got ${statuses.join()}`))
  }
  yield* Console.log("\nDone: valid tokens were accepted, the others answered 401.")
})

NodeRuntime.runMain(
  program.pipe(Effect.provide(ServerLive), Effect.provide(FakeClerkLive), Effect.provide(FetchHttpClient.layer))
)
