/**
 * SessionAuth end to end over the fake: an effect 4 HTTP server on loopback
 * (`NodeHttpServer.layerTest`) protecting `/me` with the `HttpApi`
 * middleware and with `SessionAuth.router`, its `SessionTokens` the one of
 * `FakeClerk.layer` (the fake's JWKS, in process), the tokens minted by the
 * fake through the SDK. `FakeClerk.layer` provides no `HttpClient`, so the
 * test's client stays the one that calls the app.
 */
import { CurrentSession, type Session, SessionAuth, Sessions } from "@clerk-effect/backend-effect4"
import { NodeHttpServer } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpRouter from "effect/http/HttpRouter"
import * as HttpServerResponse from "effect/http/HttpServerResponse"
import * as HttpApi from "effect/http-api/HttpApi"
import * as HttpApiBuilder from "effect/http-api/HttpApiBuilder"
import * as HttpApiEndpoint from "effect/http-api/HttpApiEndpoint"
import * as HttpApiGroup from "effect/http-api/HttpApiGroup"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { TestClock } from "effect/testing"
import { FakeClerk, Fault } from "../src/index.js"

const Me = Schema.Struct({ userId: Schema.String, sessionId: Schema.String })
const me = CurrentSession.useSync((session) => ({ userId: session.sub, sessionId: session.sid }))

class Api extends HttpApi.make("api").add(
  HttpApiGroup.make("account")
    .add(HttpApiEndpoint.get("me", "/me", { success: Me }))
    .middleware(SessionAuth)
) {}

const apiApp = HttpApiBuilder.layer(Api).pipe(
  Layer.provide(HttpApiBuilder.group(Api, "account", (handlers) => handlers.handle("me", () => me))),
  Layer.provide(SessionAuth.layer)
)

const routerApp = HttpRouter.add(
  "GET",
  "/me",
  Effect.map(me, (body) => HttpServerResponse.jsonUnsafe(body))
).pipe(Layer.provide(SessionAuth.router.layer))

const seed = {
  users: [{ id: "user_1" }],
  sessions: [{ id: "sess_1", userId: "user_1" }],
  jwtTemplates: [{ name: "hasura", claims: { role: "user" } }]
}

const stack = <R>(app: Layer.Layer<never, never, R>) =>
  HttpRouter.serve(app, { disableListenLog: true }).pipe(
    Layer.provideMerge(FakeClerk.layer(seed)),
    Layer.provideMerge(NodeHttpServer.layerTest)
  )

const callMe = (token?: string) =>
  Effect.gen(function* () {
    const response = yield* HttpClient.get("/me", {
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` }
    })
    const text = yield* response.text
    return { status: response.status, body: text === "" ? undefined : (JSON.parse(text) as unknown) }
  })

const faces = [
  { face: "HttpApi middleware", app: apiApp as Layer.Layer<never, never, Layer.Services<typeof apiApp>> },
  { face: "SessionAuth.router", app: routerApp as Layer.Layer<never, never, Layer.Services<typeof routerApp>> }
] as const

describe.each(faces)("SessionAuth ($face) with tokens minted by the fake", ({ app }) => {
  it.effect("a session token of the fake is accepted; its claims reach the handler", () =>
    Effect.gen(function* () {
      const { jwt } = yield* Sessions.createToken("sess_1")
      expect(yield* callMe(jwt)).toEqual({ status: 200, body: { userId: "user_1", sessionId: "sess_1" } })
      const created: Session = yield* Sessions.create({ userId: "user_1" })
      const other = yield* Sessions.createToken(created.id)
      expect(yield* callMe(other.jwt)).toEqual({ status: 200, body: { userId: "user_1", sessionId: created.id } })
    }).pipe(Effect.provide(stack(app)))
  )

  it.effect("401 with the reason: no token, a template token, an expired token", () =>
    Effect.gen(function* () {
      expect(yield* callMe()).toMatchObject({
        status: 401,
        body: { _tag: "SessionUnauthorized", reason: "MissingToken" }
      })
      const templated = yield* Sessions.createTokenFromTemplate("sess_1", "hasura")
      expect(yield* callMe(templated.jwt)).toMatchObject({ status: 401, body: { reason: "NotASessionToken" } })
      const { jwt } = yield* Sessions.createToken("sess_1", { expiresInSeconds: 60 })
      expect((yield* callMe(jwt)).status).toBe(200)
      yield* TestClock.adjust("66 seconds")
      expect(yield* callMe(jwt)).toMatchObject({ status: 401, body: { reason: "Expired" } })
    }).pipe(Effect.provide(stack(app)))
  )

  it.effect("after the fake rotates its key: the new key's tokens are accepted, the old key's are KeyNotFound", () =>
    Effect.gen(function* () {
      const before = (yield* Sessions.createToken("sess_1")).jwt
      expect((yield* callMe(before)).status).toBe(200)
      yield* FakeClerk.rotateKey
      // An unknown kid refetches the JWKS (at most once per refetch interval): it now holds the new key only.
      yield* TestClock.adjust("10 seconds")
      const after = (yield* Sessions.createToken("sess_1")).jwt
      expect((yield* callMe(after)).status).toBe(200)
      expect(yield* callMe(before)).toMatchObject({ status: 401, body: { reason: "KeyNotFound" } })
    }).pipe(Effect.provide(stack(app)))
  )

  it.effect("503 when the fake's JWKS is unavailable: the server's outage, not the caller's fault", () =>
    Effect.gen(function* () {
      const { jwt } = yield* Sessions.createToken("sess_1")
      yield* FakeClerk.injectFault(Fault.serviceUnavailable(), { times: 100, path: "/v1/jwks" })
      const answer = yield* callMe(jwt)
      expect(answer.status).toBe(503)
    }).pipe(Effect.provide(stack(app)))
  )
})
