/**
 * The README's quick start, as it is written there, against a local server
 * standing in for Clerk (CLERK_API_URL), with its configuration from a
 * ConfigProvider rather than the process environment.
 */
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Layer } from "effect"
import { ClerkConfig, FetchTransport, Sessions } from "../src/index.js"
import { SECRET, wireSession } from "./utils/fakeClerk.js"

describe("the README's quick start", () => {
  it.live("lists the active sessions and mints a token for each", () =>
    Effect.gen(function* () {
      const server = yield* Effect.acquireRelease(
        Effect.promise(
          () =>
            new Promise<http.Server>((resolve) => {
              const server = http.createServer((req, res) => {
                expect(req.headers.authorization).toBe(`Bearer ${SECRET}`)
                res.writeHead(200, { "content-type": "application/json" })
                res.end(
                  JSON.stringify(
                    req.url?.startsWith("/v1/sessions?")
                      ? { data: [wireSession("sess_1"), wireSession("sess_2")], total_count: 2 }
                      : { object: "token", jwt: "eyJhbGciOiJSUzI1NiJ9.payload.signature" }
                  )
                )
              })
              server.listen(0, "127.0.0.1", () => resolve(server))
            })
        ),
        (server) => Effect.promise(() => new Promise<void>((resolve) => server.close(() => resolve())))
      )
      const logged: Array<string> = []

      // As in the README, with console.log collected.
      const program = Effect.gen(function* () {
        const page = yield* Sessions.list({ userId: "user_123", status: "active" })
        logged.push(`${page.totalCount} active sessions`)
        for (const session of page.data) {
          const { jwt } = yield* Sessions.createToken(session.id, { expiresInSeconds: 60 })
          logged.push(`${session.id} ${jwt.slice(0, 16)}`)
        }
      })
      const ClerkLive = Sessions.layer.pipe(
        Layer.provide(ClerkConfig.layerConfig()),
        Layer.provide(FetchTransport.layer)
      )
      yield* program.pipe(
        Effect.catchTag("ClerkErrors", (error) => Effect.logError(error.message)),
        Effect.provide(ClerkLive),
        Effect.provide(
          ConfigProvider.layer(
            ConfigProvider.fromEnv({
              env: {
                CLERK_SECRET_KEY: SECRET,
                CLERK_API_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`
              }
            })
          )
        )
      )
      expect(logged).toEqual(["2 active sessions", "sess_1 eyJhbGciOiJSUzI1", "sess_2 eyJhbGciOiJSUzI1"])
    })
  )
})
