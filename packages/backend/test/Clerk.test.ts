/**
 * Clerk.layerConfig: the one-line production set-up. Everything from the
 * environment, the runtime's fastest transport, no HttpClient in the output.
 */
import { HttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Context, Effect, Exit, Layer } from "effect"
import * as Clerk from "../src/Clerk.js"
import { ClerkConfig } from "../src/ClerkConfig.js"
import * as FetchTransport from "../src/FetchTransport.js"
import { Sessions } from "../src/Sessions.js"
import { SessionTokens } from "../src/SessionTokens.js"
import { keyA, mintEffect, sessionClaims } from "./SessionTokensFixtures.js"
import { loopbackServer } from "./utils/loopbackServer.js"

const environment = (entries: Record<string, string>) =>
  Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(entries))))

describe("Clerk.layerConfig", () => {
  it("this runtime is Node", () => {
    expect(Clerk.detectRuntime()).toBe("node")
  })

  it.scoped("Sessions over NodeTransport on Node, from CLERK_* alone; SessionTokens from CLERK_JWT_KEY", () =>
    Effect.gen(function* () {
      const server = yield* loopbackServer
      const layer = Clerk.layerConfig().pipe(
        Layer.provide(
          environment({
            CLERK_SECRET_KEY: "sk_test_clerk_layer",
            CLERK_API_URL: server.url,
            CLERK_JWT_KEY: keyA.publicPem
          })
        )
      )
      const context = yield* Layer.build(layer)
      const session = yield* Sessions.get("sess_1").pipe(Effect.provide(context))
      expect(session.id).toBe("sess_1")
      // node:http sends no Sec-Fetch-Mode header; fetch (undici) always does.
      expect(server.seen[0]!.headers["sec-fetch-mode"]).toBeUndefined()
      expect(server.seen[0]!.headers.authorization).toBe("Bearer sk_test_clerk_layer")
      // The application's own HttpClient is not replaced: none is provided.
      expect(Context.getOption(context, HttpClient.HttpClient)._tag).toBe("None")
      expect(Context.get(context, ClerkConfig).apiUrl).toBe(server.url)
      // Networkless verification with the configured PEM (clock: the token's own now).
      const token = yield* mintEffect(sessionClaims({ iat: 0, nbf: 0, exp: 4_102_444_800 }))
      const claims = yield* SessionTokens.verify(token).pipe(Effect.provide(context))
      expect(claims.sid).toBe("sess_123")
    })
  )

  it.scoped("httpClient overrides the transport", () =>
    Effect.gen(function* () {
      const server = yield* loopbackServer
      const layer = Clerk.layerConfig({ httpClient: FetchTransport.layer }).pipe(
        Layer.provide(environment({ CLERK_SECRET_KEY: "sk_test_clerk_layer", CLERK_API_URL: server.url }))
      )
      yield* Sessions.get("sess_1").pipe(Effect.provide(layer))
      expect(server.seen[0]!.headers["sec-fetch-mode"]).toBe("cors")
    })
  )

  it.effect("a missing CLERK_SECRET_KEY is a ConfigError naming it", () =>
    Effect.gen(function* () {
      const exit = yield* Effect.exit(
        Effect.provide(Sessions, Clerk.layerConfig().pipe(Layer.provide(environment({}))))
      )
      expect(Exit.isFailure(exit) && String(exit.cause)).toContain("CLERK_SECRET_KEY")
    })
  )
})

describe("Clerk.layerEnv: configuration from a Worker's env, never from process.env", () => {
  const binding = { get: () => Promise.resolve(null) } // a KV namespace, say

  it.scoped("layerConfig reads CLERK_* from the record given, ignores its bindings and process.env", () =>
    Effect.gen(function* () {
      const server = yield* loopbackServer
      const before = process.env.CLERK_SECRET_KEY
      process.env.CLERK_SECRET_KEY = "sk_test_from_process_env"
      try {
        const layer = Clerk.layerConfig().pipe(
          Layer.provide(
            Clerk.layerEnv({
              CLERK_SECRET_KEY: "sk_test_from_worker_env",
              CLERK_API_URL: server.url,
              SESSIONS: binding
            })
          )
        )
        const context = yield* Layer.build(layer)
        const session = yield* Sessions.get("sess_1").pipe(Effect.provide(context))
        expect(session.id).toBe("sess_1")
        expect(server.seen[0]!.headers.authorization).toBe("Bearer sk_test_from_worker_env")
      } finally {
        if (before === undefined) delete process.env.CLERK_SECRET_KEY
        else process.env.CLERK_SECRET_KEY = before
      }
    })
  )

  it.effect(
    "a secret key missing from the record is a ConfigError naming CLERK_SECRET_KEY, even when process.env has one",
    () =>
      Effect.gen(function* () {
        const before = process.env.CLERK_SECRET_KEY
        process.env.CLERK_SECRET_KEY = "sk_test_from_process_env"
        try {
          const exit = yield* Effect.exit(
            Layer.build(ClerkConfig.layerConfig().pipe(Layer.provide(Clerk.layerEnv({ CLERK_SECRET_KEY: binding }))))
          )
          expect(Exit.isFailure(exit)).toBe(true)
          expect(String(Exit.isFailure(exit) ? exit.cause : "")).toContain("CLERK_SECRET_KEY")
          expect(String(Exit.isFailure(exit) ? exit.cause : "")).not.toContain("sk_test_from_process_env")
        } finally {
          if (before === undefined) delete process.env.CLERK_SECRET_KEY
          else process.env.CLERK_SECRET_KEY = before
        }
      }).pipe(Effect.scoped)
  )
})
