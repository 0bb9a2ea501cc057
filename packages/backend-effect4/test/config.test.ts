import { inspect } from "node:util"
import { describe, expect, it } from "@effect/vitest"
import { Config, ConfigProvider, Duration, Effect, Layer, Redacted } from "effect"
import { ClerkConfig } from "../src/ClerkConfig.js"
import * as NodeTransport from "../src/NodeTransport.js"

const SECRET = "sk_test_config_SECRET_value"

const fromEnv = (env: Record<string, string>) => ConfigProvider.layer(ConfigProvider.fromEnv({ env }))

const read = (layer: Layer.Layer<ClerkConfig, Config.ConfigError>, env: Record<string, string> = {}) =>
  Effect.provide(Effect.service(ClerkConfig), Layer.provide(layer, fromEnv(env)))

const failureOf = (layer: Layer.Layer<ClerkConfig, Config.ConfigError>, env: Record<string, string> = {}) =>
  Effect.flip(read(layer, env))

describe("ClerkConfig", () => {
  it.effect("layer: defaults filled in, the key trimmed and kept Redacted", () =>
    Effect.gen(function* () {
      const config = yield* read(ClerkConfig.layer({ secretKey: Redacted.make(`${SECRET}\n`) }))
      expect(Redacted.value(config.secretKey)).toBe(SECRET)
      expect(config.apiUrl).toBe("https://api.clerk.com")
      expect(config.apiVersion).toBe("v1")
      expect(config.clerkApiVersion).toBe("2026-05-12")
      expect(Duration.toMillis(config.timeout)).toBe(10_000)
      expect(Duration.toMillis(config.deadline)).toBe(60_000)
      expect(config.rateLimit).toBeUndefined()
      expect(config.tracePropagation).toBe(false)
    })
  )

  it.effect("layer: every setting that cannot work is a ConfigError naming it, never the key", () =>
    Effect.gen(function* () {
      const error = yield* failureOf(
        ClerkConfig.layer({
          secretKey: Redacted.make("sk_test_with space_SECRET"),
          apiUrl: "ftp://nope",
          timeout: 0,
          retry: { maxAttempts: 0 },
          rateLimit: { limit: 0, interval: "1 second" }
        })
      )
      expect(error._tag).toBe("ConfigError")
      for (const setting of ["secretKey", "apiUrl", "timeout", "retry.maxAttempts", "rateLimit.limit"]) {
        expect(error.message).toContain(setting)
      }
      expect(error.message).toContain('["rateLimit"]["limit"]')
      for (const text of [error.message, String(error), inspect(error, { depth: 10 })]) {
        expect(text).not.toContain("SECRET")
      }
    })
  )

  it.effect("layerConfig: CLERK_* variables, blank means unset", () =>
    Effect.gen(function* () {
      const config = yield* read(ClerkConfig.layerConfig(), {
        CLERK_SECRET_KEY: SECRET,
        CLERK_API_URL: "  ",
        CLERK_API_VERSION: "/v2/"
      })
      expect(Redacted.value(config.secretKey)).toBe(SECRET)
      expect(config.apiUrl).toBe("https://api.clerk.com")
      expect(config.apiVersion).toBe("v2")
    })
  )

  it.effect("layerConfig: a missing CLERK_SECRET_KEY names the variable", () =>
    Effect.gen(function* () {
      const error = yield* failureOf(ClerkConfig.layerConfig())
      expect(error.message).toContain("CLERK_SECRET_KEY")
    })
  )

  it.effect("layerConfig: an empty key or a bad URL names the setting and its variable", () =>
    Effect.gen(function* () {
      const empty = yield* failureOf(ClerkConfig.layerConfig(), { CLERK_SECRET_KEY: "   " })
      expect(empty.message).toContain("secretKey is empty (read from CLERK_SECRET_KEY)")
      const url = yield* failureOf(ClerkConfig.layerConfig(), { CLERK_SECRET_KEY: SECRET, CLERK_API_URL: "not a url" })
      expect(url.message).toContain("apiUrl is not a URL (read from CLERK_API_URL)")
      expect(url.message).not.toContain(SECRET)
    })
  )

  it.effect("layerConfig: a Config per setting, with the user's own names", () =>
    Effect.gen(function* () {
      const config = yield* read(
        ClerkConfig.layerConfig({
          secretKey: Config.Redacted("AUTH_KEY"),
          timeout: Config.succeed("3 seconds"),
          rateLimit: Config.succeed("development" as const)
        }),
        { AUTH_KEY: SECRET }
      )
      expect(Redacted.value(config.secretKey)).toBe(SECRET)
      expect(Duration.toMillis(config.timeout)).toBe(3000)
      expect(config.rateLimit).toEqual({ limit: 100, interval: "10 seconds" })
      const bad = yield* failureOf(
        ClerkConfig.layerConfig({
          secretKey: Config.Redacted("AUTH_KEY"),
          deadline: Config.succeed("whenever" as never)
        }),
        { AUTH_KEY: SECRET }
      )
      expect(bad.message).toContain("deadline is not a duration")
    })
  )

  it.effect("NodeTransport.layerWith: agent settings that cannot work are ConfigErrors", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        Effect.provide(Effect.void, NodeTransport.layerWith({ maxSockets: 0, freeSocketTimeout: -1 }))
      )
      expect(error.message).toContain("maxSockets must be an integer >= 1")
      expect(error.message).toContain("freeSocketTimeout must be a number of milliseconds >= 0")
    })
  )
})
