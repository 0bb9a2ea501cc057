/**
 * FetchTransport in the setting users have: an Effect HTTP server on
 * @effect/platform-node (which loads undici 7 from npm) whose handlers call
 * Clerk through FetchTransport. Every operation with a request body must reach
 * Clerk (here the fake on loopback).
 */
import { createServer } from "node:http"
import { ClerkConfig, FetchTransport, Sessions } from "@clerk-effect/backend"
import { HttpRouter, HttpServer, HttpServerResponse } from "@effect/platform"
import { NodeHttpServer } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Redacted } from "effect"
import { FakeClerk, FakeClerkServer } from "../src/index.js"

// Each route calls one operation that sends a JSON body.
const app = HttpRouter.empty.pipe(
  HttpRouter.post(
    "/create",
    Effect.flatMap(Sessions.create({ userId: "user_1" }), (session) => HttpServerResponse.json({ id: session.id }))
  ),
  HttpRouter.post(
    "/token",
    Effect.flatMap(Sessions.createToken("sess_1", { expiresInSeconds: 120 }), (token) =>
      HttpServerResponse.json({ jwt: token.jwt.length > 0 })
    )
  ),
  HttpRouter.post(
    "/template",
    Effect.flatMap(Sessions.createTokenFromTemplate("sess_1", "hasura", { expiresInSeconds: 120 }), (token) =>
      HttpServerResponse.json({ jwt: token.jwt.length > 0 })
    )
  )
)

// Sessions over FetchTransport, pointed at the fake's loopback server.
const SessionsOverFetchTransport = Sessions.layer.pipe(
  Layer.provide(FetchTransport.layer),
  Layer.provide(
    Layer.effect(
      ClerkConfig,
      Effect.flatMap(Effect.zip(FakeClerk, FakeClerkServer), ([fake, server]) =>
        ClerkConfig.make({ secretKey: Redacted.make(fake.secretKey), apiUrl: server.url, retry: false })
      )
    )
  )
)

const stack = HttpServer.serve(app).pipe(
  Layer.provideMerge(NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1" })),
  Layer.provide(SessionsOverFetchTransport),
  Layer.provideMerge(FakeClerk.layerServerOnly()),
  Layer.provideMerge(
    FakeClerk.layerState({
      users: [{ id: "user_1" }],
      sessions: [{ id: "sess_1", userId: "user_1", clientId: "client_1" }],
      jwtTemplates: [{ name: "hasura", claims: { role: "user" } }]
    })
  )
)

describe("FetchTransport inside an @effect/platform-node server", () => {
  it.live("create and token minting with options reach Clerk (no stale Content-Length)", () =>
    Effect.gen(function* () {
      const server = yield* HttpServer.HttpServer
      const address = server.address
      if (address._tag !== "TcpAddress") return yield* Effect.dieMessage("expected a TCP address")
      for (const path of ["/create", "/token", "/template"]) {
        const response = yield* Effect.promise(() =>
          fetch(`http://127.0.0.1:${address.port}${path}`, { method: "POST" })
        )
        expect({ path, status: response.status }).toEqual({ path, status: 200 })
      }
      const sent = (yield* FakeClerk.requests).filter((request) => request.method === "POST")
      expect(sent.map((request) => request.path)).toEqual([
        "/v1/sessions",
        "/v1/sessions/sess_1/tokens",
        "/v1/sessions/sess_1/tokens/hasura"
      ])
    }).pipe(Effect.provide(stack))
  )
})
