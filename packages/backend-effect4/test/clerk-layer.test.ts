import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Layer } from "effect"
import { HttpClient } from "effect/http"
import * as Clerk from "../src/Clerk.js"
import { ClerkConfig } from "../src/ClerkConfig.js"
import { Sessions } from "../src/Sessions.js"
import { SessionTokens } from "../src/SessionTokens.js"
import { makeFake, SECRET, wireSession } from "./utils/fakeClerk.js"

const env = (vars: Record<string, string>) => ConfigProvider.layer(ConfigProvider.fromEnv({ env: vars }))

describe("Clerk.layerConfig", () => {
  it.effect("gives Sessions, SessionTokens and ClerkConfig from the environment, on the HttpClient given", () =>
    Effect.gen(function* () {
      const fake = makeFake("direct", { status: 200, body: wireSession("sess_1") })
      const session = yield* Effect.gen(function* () {
        yield* SessionTokens
        const config = yield* ClerkConfig
        expect(config.apiUrl).toBe("https://clerk.test")
        return yield* Sessions.get("sess_1")
      }).pipe(
        Effect.provide(
          Clerk.layerConfig({ httpClient: Layer.succeed(HttpClient.HttpClient, fake.client) }).pipe(
            Layer.provide(env({ CLERK_SECRET_KEY: SECRET, CLERK_API_URL: "https://clerk.test" }))
          )
        )
      )
      expect(session.id).toBe("sess_1")
      expect(fake.requests[0]!.url).toBe("https://clerk.test/v1/sessions/sess_1")
    })
  )

  it.effect("a missing CLERK_SECRET_KEY is a ConfigError naming it, not a defect", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(Effect.provide(Effect.void, Clerk.layerConfig().pipe(Layer.provide(env({})))))
      expect(error._tag).toBe("ConfigError")
      expect(error.message).toContain("CLERK_SECRET_KEY")
    })
  )

  it("picks NodeTransport's runtime on Node", () => {
    expect(Clerk.detectRuntime()).toBe("node")
  })
})

describe("Clerk.layerEnv: configuration from a Worker's env, never from process.env", () => {
  const binding = { get: () => Promise.resolve(null) } // a KV namespace, say

  it.effect("layerConfig reads CLERK_* from the record given, ignores its bindings and process.env", () =>
    Effect.gen(function* () {
      const before = process.env.CLERK_SECRET_KEY
      process.env.CLERK_SECRET_KEY = "sk_test_from_process_env"
      const fake = makeFake("direct", { status: 200, body: wireSession("sess_1") })
      const session = yield* Sessions.get("sess_1").pipe(
        Effect.provide(
          Clerk.layerConfig({ httpClient: Layer.succeed(HttpClient.HttpClient, fake.client) }).pipe(
            Layer.provide(
              Clerk.layerEnv({ CLERK_SECRET_KEY: SECRET, CLERK_API_URL: "https://clerk.test", SESSIONS: binding })
            )
          )
        ),
        Effect.ensuring(
          Effect.sync(() => {
            if (before === undefined) delete process.env.CLERK_SECRET_KEY
            else process.env.CLERK_SECRET_KEY = before
          })
        )
      )
      expect(session.id).toBe("sess_1")
      expect(fake.requests[0]!.url).toBe("https://clerk.test/v1/sessions/sess_1")
      expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${SECRET}`)
    })
  )

  it.effect(
    "a secret key missing from the record (a binding in its place) is a ConfigError naming CLERK_SECRET_KEY",
    () =>
      Effect.gen(function* () {
        const error = yield* Effect.flip(
          Effect.provide(
            Effect.void,
            Clerk.layerConfig().pipe(Layer.provide(Clerk.layerEnv({ CLERK_SECRET_KEY: binding })))
          )
        )
        expect(error._tag).toBe("ConfigError")
        expect(error.message).toContain("CLERK_SECRET_KEY")
      })
  )
})
