/**
 * The fake in an application's own HTTP tests: an `HttpApi` app served with
 * `NodeHttpServer.layerTest` (whose `HttpClient` calls the app) beside the
 * fake, in either order. The app's client must reach the app, and the app's
 * `Sessions` and `SessionTokens` must reach the fake: the safe layers
 * (`FakeClerk.layer`, `FakeClerk.layerServer`) provide no `HttpClient` that
 * could replace the application's own.
 */
import { Sessions, SessionTokens } from "@clerk-effect/backend"
import {
  HttpApi,
  HttpApiBuilder,
  HttpApiEndpoint,
  HttpApiGroup,
  HttpClient,
  HttpClientRequest,
  HttpClientResponse
} from "@effect/platform"
import { NodeHttpServer } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Schema } from "effect"
import { FakeClerk, type FakeClerkOptions } from "../src/index.js"

const Devices = Schema.Struct({ userId: Schema.String, active: Schema.Number })
const Whoami = Schema.Struct({ userId: Schema.String })

class Api extends HttpApi.make("app").add(
  HttpApiGroup.make("account")
    .add(
      HttpApiEndpoint.get("devices", "/users/:userId/devices")
        .setPath(Schema.Struct({ userId: Schema.String }))
        .addSuccess(Devices)
    )
    .add(
      HttpApiEndpoint.get("whoami", "/whoami")
        .setHeaders(Schema.Struct({ "x-session-token": Schema.String }))
        .addSuccess(Whoami)
    )
) {}

const AccountLive = HttpApiBuilder.group(Api, "account", (handlers) =>
  handlers
    .handle("devices", ({ path }) =>
      Sessions.list({ userId: path.userId, status: "active" }).pipe(
        Effect.map((page) => ({ userId: path.userId, active: page.totalCount })),
        Effect.orDie
      )
    )
    .handle("whoami", ({ headers }) =>
      SessionTokens.verify(headers["x-session-token"]).pipe(
        Effect.map((claims) => ({ userId: claims.sub })),
        Effect.orDie
      )
    )
)

const AppLive = HttpApiBuilder.serve().pipe(Layer.provide(HttpApiBuilder.api(Api).pipe(Layer.provide(AccountLive))))

const seed: FakeClerkOptions = {
  users: [{ id: "user_ada" }],
  sessions: [
    { id: "sess_laptop", userId: "user_ada" },
    { id: "sess_phone", userId: "user_ada" },
    { id: "sess_old", userId: "user_ada", status: "revoked" }
  ]
}

/** What the test does with the app's own client: two calls that each reach the fake behind the app. */
const callTheApp = Effect.gen(function* () {
  const client = yield* HttpClient.HttpClient
  const devices = yield* client
    .get("/users/user_ada/devices")
    .pipe(Effect.flatMap(HttpClientResponse.schemaBodyJson(Devices)))
  assert.deepStrictEqual(devices, { userId: "user_ada", active: 2 })
  const { jwt } = yield* Sessions.createToken("sess_laptop")
  const whoami = yield* client
    .execute(HttpClientRequest.get("/whoami").pipe(HttpClientRequest.setHeader("x-session-token", jwt)))
    .pipe(Effect.flatMap(HttpClientResponse.schemaBodyJson(Whoami)))
  assert.deepStrictEqual(whoami, { userId: "user_ada" })
  // The app's requests went to the fake, not elsewhere.
  const paths = (yield* FakeClerk.requests).map((request) => request.path)
  assert.includeMembers(paths, ["/v1/sessions", "/v1/jwks"])
})

const fakes = [
  { name: "FakeClerk.layer", fake: () => FakeClerk.layer(seed) },
  { name: "FakeClerk.layerServer", fake: () => FakeClerk.layerServer(seed) }
] as const

describe.each(fakes)("$name beside NodeHttpServer.layerTest", ({ fake }) => {
  it.live("the fake provided last (outermost): the test's client still calls the app", () =>
    callTheApp.pipe(
      Effect.provide(AppLive.pipe(Layer.provideMerge(NodeHttpServer.layerTest), Layer.provideMerge(fake())))
    )
  )

  it.live("the fake provided first (innermost)", () =>
    callTheApp.pipe(
      Effect.provide(AppLive.pipe(Layer.provideMerge(fake()), Layer.provideMerge(NodeHttpServer.layerTest)))
    )
  )

  it.live("provided with Effect.provide, one after the other, both ways", () =>
    Effect.gen(function* () {
      yield* callTheApp.pipe(Effect.provide(AppLive), Effect.provide(NodeHttpServer.layerTest), Effect.provide(fake()))
      yield* callTheApp.pipe(Effect.provide(AppLive), Effect.provide(fake()), Effect.provide(NodeHttpServer.layerTest))
    })
  )
})
