import { describe, expect, it } from "@effect/vitest"
import { Config, ConfigProvider, Effect, Redacted } from "effect"
import { ClerkConfig } from "../src/ClerkConfig.js"
import { Sessions } from "../src/Sessions.js"
import { ScriptedHttp, scriptedLayer } from "./ResilienceHarness.js"
import { expectInvalidData } from "./utils/configErrors.js"

const secretKey = Redacted.make("sk_test_validation")

describe("settings that cannot work are refused where they are written, as a ConfigError", () => {
  const cases: ReadonlyArray<readonly [string, Parameters<typeof ClerkConfig.make>[0], ReadonlyArray<string>, string]> =
    [
      [
        "zero-permit rate limit",
        { secretKey, rateLimit: { limit: 0, interval: "10 seconds" } },
        ["rateLimit", "limit"],
        "rateLimit.limit must be an integer >= 1"
      ],
      [
        "rate limit interval",
        { secretKey, rateLimit: { limit: 10, interval: "soon" as never } },
        ["rateLimit", "interval"],
        "rateLimit.interval is not a duration"
      ],
      ["unknown preset", { secretKey, rateLimit: "staging" as never }, ["rateLimit"], "rateLimit must be"],
      ["attempts", { secretKey, retry: { maxAttempts: 0 } }, ["retry", "maxAttempts"], "retry.maxAttempts"],
      [
        "fractional attempts",
        { secretKey, retry: { maxAttempts: 2.5 } },
        ["retry", "maxAttempts"],
        "retry.maxAttempts"
      ],
      ["backoff", { secretKey, retry: { baseDelay: "a while" as never } }, ["retry", "baseDelay"], "retry.baseDelay"],
      ["timeout", { secretKey, timeout: 0 }, ["timeout"], "timeout must be longer than zero"],
      ["deadline", { secretKey, deadline: "tomorrow" as never }, ["deadline"], "deadline is not a duration"],
      ["apiUrl", { secretKey, apiUrl: "api.clerk.com" }, ["apiUrl"], "apiUrl is not a URL"],
      ["apiUrl scheme", { secretKey, apiUrl: "ftp://api.clerk.com" }, ["apiUrl"], "apiUrl must be an http(s) URL"]
    ]
  for (const [name, options, path, expected] of cases) {
    it.effect(`ClerkConfig.make and ClerkConfig.layer: ${name}`, () =>
      Effect.gen(function* () {
        for (const attempt of [ClerkConfig.make(options), Effect.provide(ClerkConfig, ClerkConfig.layer(options))]) {
          const error = yield* Effect.flip(attempt)
          expectInvalidData(error, path, expected)
          expect(String(error)).not.toContain(Redacted.value(secretKey))
        }
      })
    )
  }

  it.effect("several problems are each reported, joined with And", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(ClerkConfig.make({ secretKey, timeout: 0, apiUrl: "nowhere" }))
      expect(error).toMatchObject({ _tag: "ConfigError", _op: "And" })
      expect(String(error)).toContain("apiUrl is not a URL")
      expect(String(error)).toContain("timeout must be longer than zero")
    })
  )

  it.effect("ClerkConfig.layerConfig reports them the same way", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        Effect.provide(ClerkConfig, ClerkConfig.layerConfig({ timeout: Config.succeed(-1) })).pipe(
          Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["CLERK_SECRET_KEY", "sk_test_x"]])))
        )
      )
      expectInvalidData(error, ["timeout"], "timeout must be longer than zero")
      expect(String(error)).not.toContain("sk_test_x")
    })
  )

  it.effect("ClerkConfig.fromEnv(overrides) too", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        ClerkConfig.fromEnv({ retry: { maxAttempts: 0 } }).pipe(
          Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["CLERK_SECRET_KEY", "sk_test_x"]])))
        )
      )
      expectInvalidData(error, ["retry", "maxAttempts"], "retry.maxAttempts must be an integer >= 1")
    })
  )

  it.effect("withRequestOptions with a bad setting fails that call with InvalidInput, sending nothing", () =>
    Effect.gen(function* () {
      const script = yield* ScriptedHttp
      const error = yield* Effect.flip(
        Sessions.get("sess_1").pipe(
          ClerkConfig.withRequestOptions({ retry: { maxAttempts: -1 }, timeout: "x" as never })
        )
      )
      expect(error).toMatchObject({ _tag: "SDKError", reason: "InvalidInput", field: "requestOptions" })
      expect(error.message).toContain("retry.maxAttempts")
      expect(error.message).toContain("timeout is not a duration")
      expect(script.log.length).toBe(0)
    }).pipe(Effect.provide(scriptedLayer()))
  )

  it("valid settings pass, presets resolve", () => {
    const config = Effect.runSync(
      ClerkConfig.make({ secretKey, rateLimit: "development", timeout: "2 seconds", retry: false })
    )
    expect(config.rateLimit).toEqual({ limit: 100, interval: "10 seconds" })
    expect(config.retry).toBe(false)
  })
})
