/**
 * One behaviour for a setting that cannot work, whichever constructor it
 * comes through: the layer fails with a `ConfigError` (an `InvalidData` at the
 * setting's path, or a `MissingData` naming the variable), never a defect, and
 * no message holds the secret key. And `ClerkConfig.layerConfig` reads each
 * setting from a `Config` of the user's choosing.
 */
import { HttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Cause, Config, ConfigProvider, Duration, Effect, Exit, Layer, Redacted } from "effect"
import * as Clerk from "../src/Clerk.js"
import { ClerkConfig } from "../src/ClerkConfig.js"
import * as NodeTransport from "../src/NodeTransport.js"
import { Sessions } from "../src/Sessions.js"
import { SessionTokens } from "../src/SessionTokens.js"
import { keyA } from "./SessionTokensFixtures.js"
import { expectInvalidData } from "./utils/configErrors.js"

const SECRET = "sk_test_NeverInAMessage0123456789"

const provider = (entries: Record<string, string>) => ConfigProvider.fromMap(new Map(Object.entries(entries)))

/** The one failure of building `layer` under `entries`; a defect fails the test. */
const buildFailure = <A, E>(layer: Layer.Layer<A, E>, entries: Record<string, string> = {}) =>
  Effect.gen(function* () {
    const exit = yield* Effect.exit(
      Layer.build(layer).pipe(Effect.scoped, Effect.withConfigProvider(provider(entries)))
    )
    if (Exit.isSuccess(exit)) return expect.unreachable("the layer was built")
    expect(Cause.isDie(exit.cause)).toBe(false)
    const failure = Cause.failureOption(exit.cause)
    if (failure._tag === "None") return expect.unreachable(Cause.pretty(exit.cause))
    expect(Cause.pretty(exit.cause)).not.toContain(SECRET)
    expect(String(failure.value)).not.toContain(SECRET)
    return failure.value
  })

const readConfig = (settings: Parameters<typeof ClerkConfig.layerConfig>[0], entries: Record<string, string>) =>
  Effect.provide(ClerkConfig, ClerkConfig.layerConfig(settings)).pipe(Effect.withConfigProvider(provider(entries)))

describe("ClerkConfig.layerConfig with a Config per setting", () => {
  it.effect("reads each setting from the user's own variable names", () =>
    Effect.gen(function* () {
      const config = yield* readConfig(
        {
          secretKey: Config.redacted("AUTH_CLERK_KEY"),
          apiUrl: Config.string("AUTH_CLERK_URL"),
          apiVersion: Config.string("AUTH_CLERK_PATH"),
          timeout: Config.duration("AUTH_CLERK_TIMEOUT"),
          rateLimit: Config.literal("development", "production")("AUTH_CLERK_PLAN"),
          retry: Config.succeed(false)
        },
        {
          AUTH_CLERK_KEY: SECRET,
          AUTH_CLERK_URL: "http://127.0.0.1:4010/",
          AUTH_CLERK_PATH: "v2",
          AUTH_CLERK_TIMEOUT: "3 seconds",
          AUTH_CLERK_PLAN: "production",
          // Not read: the settings above name their own variables.
          CLERK_SECRET_KEY: "sk_test_other",
          CLERK_API_URL: "https://elsewhere.example"
        }
      )
      expect(Redacted.value(config.secretKey)).toBe(SECRET)
      expect(config.apiUrl).toBe("http://127.0.0.1:4010")
      expect(config.apiVersion).toBe("v2")
      expect(Duration.toMillis(config.timeout)).toBe(3000)
      expect(config.rateLimit).toEqual({ limit: 1000, interval: "10 seconds" })
      expect(config.retry).toBe(false)
    })
  )

  it.effect("a setting left out keeps its default: CLERK_* for the key, URL and version, the constant otherwise", () =>
    Effect.gen(function* () {
      const config = yield* readConfig(
        { timeout: Config.succeed("2 seconds") },
        { CLERK_SECRET_KEY: SECRET, CLERK_API_URL: " ", CLERK_API_VERSION: "v3" }
      )
      expect(Redacted.value(config.secretKey)).toBe(SECRET)
      expect(config.apiUrl).toBe("https://api.clerk.com")
      expect(config.apiVersion).toBe("v3")
      expect(config.clerkApiVersion).toBe("2026-05-12")
      expect(config.rateLimit).toBeUndefined()
    })
  )

  it.effect("no argument: exactly today's CLERK_* variables and defaults", () =>
    Effect.gen(function* () {
      for (const settings of [undefined, {}]) {
        const config = yield* readConfig(settings, { CLERK_SECRET_KEY: `${SECRET}\n`, CLERK_API_URL: "" })
        expect(Redacted.value(config.secretKey)).toBe(SECRET)
        expect([config.apiUrl, config.apiVersion, config.retry, config.tracePropagation]).toEqual([
          "https://api.clerk.com",
          "v1",
          {},
          false
        ])
      }
    })
  )

  it.effect("one Config of all the options", () =>
    Effect.gen(function* () {
      const config = yield* readConfig(
        Config.all({
          secretKey: Config.redacted("KEY"),
          apiUrl: Config.string("URL")
        }),
        { KEY: SECRET, URL: "https://clerk.internal" }
      )
      expect(config.apiUrl).toBe("https://clerk.internal")
    })
  )

  it.effect("a missing variable of the user's is a MissingData naming it", () =>
    Effect.gen(function* () {
      const error = yield* buildFailure(ClerkConfig.layerConfig({ secretKey: Config.redacted("AUTH_CLERK_KEY") }), {
        CLERK_SECRET_KEY: SECRET
      })
      expect(error).toMatchObject({ _tag: "ConfigError", _op: "MissingData", path: ["AUTH_CLERK_KEY"] })
    })
  )

  it.effect("a setting of the user's that cannot work is an InvalidData at the setting", () =>
    Effect.gen(function* () {
      const error = yield* buildFailure(
        ClerkConfig.layerConfig({ secretKey: Config.redacted("KEY"), apiUrl: Config.string("URL") }),
        { KEY: SECRET, URL: "ftp://clerk.internal" }
      )
      expectInvalidData(error, ["apiUrl"], "apiUrl must be an http(s) URL")
      expect(String(error)).not.toContain("read from")
    })
  )

  it.effect("a key of the user's with a line break inside: InvalidData at secretKey, the key not shown", () =>
    Effect.gen(function* () {
      const error = yield* buildFailure(ClerkConfig.layerConfig({ secretKey: Config.redacted("KEY") }), {
        KEY: `${SECRET.slice(0, 12)}\n${SECRET.slice(12)}`
      })
      expectInvalidData(error, ["secretKey"], "secretKey contains whitespace")
      expect(String(error)).not.toContain(SECRET.slice(12))
    })
  )

  it.effect("from CLERK_* variables, the message names the variable too", () =>
    Effect.gen(function* () {
      const error = yield* buildFailure(ClerkConfig.layerConfig(), {
        CLERK_SECRET_KEY: SECRET,
        CLERK_API_URL: "api.clerk.com"
      })
      expectInvalidData(error, ["apiUrl"], "apiUrl is not a URL (read from CLERK_API_URL)")
    })
  )
})

describe("every constructor fails with a ConfigError, never a defect", () => {
  it.effect("ClerkConfig.layer", () =>
    Effect.gen(function* () {
      const error = yield* buildFailure(
        ClerkConfig.layer({ secretKey: Redacted.make(SECRET), rateLimit: { limit: 0, interval: "1 second" } })
      )
      expectInvalidData(error, ["rateLimit", "limit"], "rateLimit.limit must be an integer >= 1")
    })
  )

  it.effect("NodeTransport.layerWith", () =>
    Effect.gen(function* () {
      const error = yield* buildFailure(NodeTransport.layerWith({ maxSockets: 0 }))
      expectInvalidData(error, ["maxSockets"], "maxSockets must be an integer >= 1")
    })
  )

  it.effect("SessionTokens.layer: a jwtKey that is not a key", () =>
    Effect.gen(function* () {
      const error = yield* buildFailure(SessionTokens.layer({ jwtKey: Redacted.make("garbage-key-material") }))
      expectInvalidData(error, ["jwtKey"], "jwtKey")
      expect(String(error)).not.toContain("garbage-key-material")
    })
  )

  it.effect("SessionTokens.layer: an issuer, authorizedParties or clockSkew that cannot work", () =>
    Effect.gen(function* () {
      for (const [options, path, message] of [
        [{ issuer: 42 as never }, ["issuer"], "issuer is not a string"],
        [{ authorizedParties: "https://a.example" as never }, ["authorizedParties"], "authorizedParties is not"],
        [{ clockSkew: "soon" as never }, ["clockSkew"], "clockSkew is not a duration"]
      ] as const) {
        const error = yield* buildFailure(SessionTokens.layer({ ...options, jwtKey: keyA.publicPem }))
        expectInvalidData(error, path, message)
      }
    })
  )

  it.effect("SessionTokens.layer over the JWKS: a JWKS duration that does not parse", () =>
    Effect.gen(function* () {
      for (const setting of ["jwksTimeout", "jwksCacheTtl", "jwksMinRefetchInterval"] as const) {
        const layer = SessionTokens.layer({ [setting]: "soon" as never }).pipe(
          Layer.provide(ClerkConfig.layer({ secretKey: Redacted.make(SECRET) })),
          Layer.provide(
            Layer.succeed(
              HttpClient.HttpClient,
              HttpClient.make(() => Effect.die("network used"))
            )
          )
        )
        const error = yield* buildFailure(layer)
        expectInvalidData(error, [setting], `${setting} is not a duration`)
      }
    })
  )

  it.effect("SessionTokens.layerConfig: a CLERK_JWT_KEY that is not a key", () =>
    Effect.gen(function* () {
      const layer = SessionTokens.layerConfig().pipe(
        Layer.provide(ClerkConfig.layer({ secretKey: Redacted.make(SECRET) })),
        Layer.provide(
          Layer.succeed(
            HttpClient.HttpClient,
            HttpClient.make(() => Effect.die("network used"))
          )
        )
      )
      const error = yield* buildFailure(layer, { CLERK_JWT_KEY: "-----BEGIN PUBLIC KEY-----\nAAAA\n" })
      expectInvalidData(error, ["jwtKey"], "jwtKey")
    })
  )

  it.effect("Clerk.layerConfig: a bad CLERK_* setting, a bad Config of the user's, a bad transport", () =>
    Effect.gen(function* () {
      const badUrl = yield* buildFailure(Clerk.layerConfig(), { CLERK_SECRET_KEY: SECRET, CLERK_API_URL: "nowhere" })
      expectInvalidData(badUrl, ["apiUrl"], "apiUrl is not a URL (read from CLERK_API_URL)")

      const badTimeout = yield* buildFailure(
        Clerk.layerConfig({ config: { secretKey: Config.redacted("KEY"), timeout: Config.number("TIMEOUT") } }),
        { KEY: SECRET, TIMEOUT: "0" }
      )
      expectInvalidData(badTimeout, ["timeout"], "timeout must be longer than zero")

      const badTransport = yield* buildFailure(
        Clerk.layerConfig({ httpClient: NodeTransport.layerWith({ freeSocketTimeout: -1 }) }),
        { CLERK_SECRET_KEY: SECRET }
      )
      expectInvalidData(badTransport, ["freeSocketTimeout"], "freeSocketTimeout must be")
    })
  )

  it.effect("Clerk.layerConfig reads ClerkConfig from the user's variable names", () =>
    Effect.gen(function* () {
      const context = yield* Layer.build(
        Clerk.layerConfig({ config: { secretKey: Config.redacted("AUTH_CLERK_KEY") } })
      ).pipe(Effect.withConfigProvider(provider({ AUTH_CLERK_KEY: SECRET })))
      const sessions = yield* Effect.provide(Sessions, context)
      expect(typeof sessions.get).toBe("function")
      const config = yield* Effect.provide(ClerkConfig, context)
      expect(Redacted.value(config.secretKey)).toBe(SECRET)
    }).pipe(Effect.scoped)
  )
})
