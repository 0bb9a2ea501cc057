import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Exit, Redacted } from "effect"
import { ClerkConfig, InvalidClerkConfig } from "../src/ClerkConfig.js"
import { Sessions } from "../src/Sessions.js"
import { ScriptedHttp, scriptedLayer } from "./ResilienceHarness.js"

const secretKey = Redacted.make("sk_test_validation")

describe("settings that cannot work are refused where they are written", () => {
  const cases: ReadonlyArray<readonly [string, Parameters<typeof ClerkConfig.make>[0], string]> = [
    ["zero-permit rate limit", { secretKey, rateLimit: { limit: 0, interval: "10 seconds" } }, "rateLimit.limit"],
    ["rate limit interval", { secretKey, rateLimit: { limit: 10, interval: "soon" as never } }, "rateLimit.interval"],
    ["unknown preset", { secretKey, rateLimit: "staging" as never }, "rateLimit must be"],
    ["attempts", { secretKey, retry: { maxAttempts: 0 } }, "retry.maxAttempts"],
    ["fractional attempts", { secretKey, retry: { maxAttempts: 2.5 } }, "retry.maxAttempts"],
    ["backoff", { secretKey, retry: { baseDelay: "a while" as never } }, "retry.baseDelay"],
    ["timeout", { secretKey, timeout: 0 }, "timeout must be longer than zero"],
    ["deadline", { secretKey, deadline: "tomorrow" as never }, "deadline is not a duration"],
    ["apiUrl", { secretKey, apiUrl: "api.clerk.com" }, "apiUrl is not a URL"],
    ["apiUrl scheme", { secretKey, apiUrl: "ftp://api.clerk.com" }, "apiUrl must be an http(s) URL"]
  ]
  for (const [name, options, expected] of cases) {
    it(`ClerkConfig.make: ${name}`, () => {
      expect(() => ClerkConfig.make(options)).toThrow(InvalidClerkConfig)
      expect(() => ClerkConfig.make(options)).toThrow(expected)
    })
  }

  it.effect("ClerkConfig.layer turns them into a defect of the layer, naming the setting", () =>
    Effect.gen(function* () {
      const exit = yield* Effect.exit(
        Effect.provide(ClerkConfig, ClerkConfig.layer({ secretKey, rateLimit: { limit: 0, interval: "1 second" } }))
      )
      expect(Exit.isFailure(exit) && String(exit.cause)).toContain("rateLimit.limit must be an integer >= 1")
    })
  )

  it.effect("ClerkConfig.layerConfig reports them as a ConfigError", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        Effect.provide(ClerkConfig, ClerkConfig.layerConfig({ timeout: -1 })).pipe(
          Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["CLERK_SECRET_KEY", "sk_test_x"]])))
        )
      )
      expect(String(error)).toContain("timeout must be longer than zero")
      expect(String(error)).not.toContain("sk_test_x")
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
    const config = ClerkConfig.make({ secretKey, rateLimit: "development", timeout: "2 seconds", retry: false })
    expect(config.rateLimit).toEqual({ limit: 100, interval: "10 seconds" })
    expect(config.retry).toBe(false)
  })
})
