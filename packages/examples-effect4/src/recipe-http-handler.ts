/**
 * Recipe (effect-4 edition): list a user's sessions in an effect 4 HTTP
 * handler (`effect/http`'s `HttpRouter`).
 *
 * `GET /users/:userId/sessions?status=active` answers the user's sessions as
 * JSON, and maps the SDK's two typed errors to HTTP statuses: the compiler
 * checks that every failure is handled. The handler only needs `Sessions`;
 * which backend answers is decided by the layer (here the in-process fake;
 * in production `Sessions.layer` + `ClerkConfig.layerConfig()` + an HttpClient).
 *
 * The program starts the server on port 0, calls it like a browser would,
 * prints what it got, and stops (the server belongs to the scope).
 *
 * Run: pnpm --filter @clerk-effect/examples-effect4 exec node ../../scripts/node22.mjs --import tsx src/recipe-http-handler.ts
 */
import { createServer } from "node:http"
import { SessionListStatus, Sessions } from "@clerk-effect/backend-effect4"
import { FakeClerk } from "@clerk-effect/testing-effect4"
import { NodeHttpServer, NodeRuntime } from "@effect/platform-node"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpRouter from "effect/http/HttpRouter"
import * as HttpServer from "effect/http/HttpServer"
import * as HttpServerRequest from "effect/http/HttpServerRequest"
import * as HttpServerResponse from "effect/http/HttpServerResponse"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"

// #region handler
const Query = Schema.Struct({ status: Schema.optionalKey(SessionListStatus) })

const listSessions = Effect.gen(function* () {
  const { userId } = yield* HttpRouter.schemaPathParams(Schema.Struct({ userId: Schema.String }))
  const { status } = yield* HttpServerRequest.schemaSearchParams(Query)
  const page = yield* Sessions.list({ userId, limit: 100, ...(status === undefined ? {} : { status }) })
  return HttpServerResponse.jsonUnsafe({
    totalCount: page.totalCount,
    sessions: page.data.map((session) => ({
      id: session.id,
      status: session.status,
      lastActiveAt: new Date(session.lastActiveAt).toISOString()
    }))
  })
}).pipe(
  Effect.catchTags({
    // Bad path or query parameters, before Clerk is asked anything.
    SchemaError: () => Effect.succeed(HttpServerResponse.jsonUnsafe({ error: "invalid parameters" }, { status: 400 })),
    // Clerk's own answer: pass 404s through, hide the rest behind a 502 (with the trace id to quote).
    ClerkErrors: (error) =>
      Effect.succeed(
        HttpServerResponse.jsonUnsafe(
          { error: error.codes.join(","), clerkTraceId: error.clerkTraceId ?? null },
          { status: error.status === 404 ? 404 : 502 }
        )
      ),
    SDKError: (error) =>
      Effect.succeed(
        error.reason === "InvalidInput"
          ? HttpServerResponse.jsonUnsafe({ error: `invalid ${error.field ?? "input"}` }, { status: 400 })
          : HttpServerResponse.jsonUnsafe({ error: "Clerk is unavailable" }, { status: 503 })
      )
  })
)

export const routes = HttpRouter.add("GET", "/users/:userId/sessions", listSessions)
// #endregion handler

const fake = FakeClerk.layer({
  users: [{ id: "user_ada" }],
  sessions: [
    { id: "sess_laptop", userId: "user_ada", lastActiveAt: Date.UTC(2026, 10, 27, 9, 30) },
    { id: "sess_phone", userId: "user_ada", lastActiveAt: Date.UTC(2026, 10, 28, 8, 0) },
    { id: "sess_old", userId: "user_ada", status: "revoked", lastActiveAt: Date.UTC(2026, 9, 1) }
  ]
})

// The server on a free port, for as long as the program runs. The fake is
// provided to the server only: the program's own HttpClient stays a real one.
const ServerLive = HttpRouter.serve(routes, { disableListenLog: true, disableLogger: true }).pipe(
  Layer.provide(fake),
  Layer.provideMerge(NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1" }))
)

const calls = [
  { path: "/users/user_ada/sessions?status=active", expected: 200 },
  { path: "/users/user_ada/sessions", expected: 200 },
  // `pending` cannot be filtered on: the query schema rejects it before any Clerk call.
  { path: "/users/user_ada/sessions?status=pending", expected: 400 }
]

const program = Effect.gen(function* () {
  const address = yield* HttpServer.addressFormattedWith(Effect.succeed)
  const client = yield* HttpClient.HttpClient
  for (const { path, expected } of calls) {
    const response = yield* client.get(`${address}${path}`)
    console.log(`GET ${path} -> ${response.status}`)
    console.log(JSON.stringify(yield* response.json, null, 2))
    if (response.status !== expected) return yield* Effect.die(new Error(`expected ${expected}`))
  }
})

NodeRuntime.runMain(program.pipe(Effect.provide(Layer.merge(ServerLive, FetchHttpClient.layer))))
