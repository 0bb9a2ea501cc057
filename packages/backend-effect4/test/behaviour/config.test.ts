/**
 * Configuration: the shared cases (`@clerk-effect/behaviour-cases/config`)
 * through this edition's `ClerkConfig.layerConfig()` and `ClerkConfig.layer`,
 * on both exchanges where a request is sent.
 */
import {
  environmentOnTheWire,
  fromEnvironment,
  missingSecretKey,
  optionsOnTheWire,
  wireView
} from "@clerk-effect/behaviour-cases/config"
import { assert, describe, it } from "@effect/vitest"
import { Cause, type Config, ConfigProvider, Effect, Layer, Redacted } from "effect"
import { ClerkConfig, DEFAULT_USER_AGENT } from "../../src/ClerkConfig.js"
import { PACKAGE_VERSION } from "../../src/internal/version.js"
import { EXCHANGES, exchange, outcomeOf, recordingSessionsWith, run } from "./adapter.js"

const fromEnv = (env: Readonly<Record<string, string>>) =>
  ConfigProvider.layer(ConfigProvider.fromEnv({ env: { ...env } }))

const read = (layer: Layer.Layer<ClerkConfig, Config.ConfigError>, env: Readonly<Record<string, string>>) =>
  Effect.provide(Effect.service(ClerkConfig), Layer.provide(layer, fromEnv(env)))

describe("ClerkConfig.layerConfig()", () => {
  for (const c of fromEnvironment) {
    it.effect(c.name, () =>
      Effect.gen(function* () {
        const config = yield* read(ClerkConfig.layerConfig(), c.env)
        assert.isTrue(Redacted.isRedacted(config.secretKey))
        assert.strictEqual(Redacted.value(config.secretKey), c.expected.secretKey)
        assert.notInclude(String(config.secretKey), c.expected.secretKey)
        assert.strictEqual(config.apiUrl, c.expected.apiUrl)
        assert.strictEqual(config.apiVersion, c.expected.apiVersion)
        if (c.expected.clerkApiVersion !== undefined) {
          assert.strictEqual(config.clerkApiVersion, c.expected.clerkApiVersion)
        }
        if (c.defaultUserAgent) assert.strictEqual(config.userAgent, DEFAULT_USER_AGENT)
      })
    )
  }

  for (const [name, entries] of missingSecretKey) {
    it.effect(`a ${name} CLERK_SECRET_KEY is a ConfigError naming it`, () =>
      Effect.gen(function* () {
        const error = yield* Effect.flip(read(ClerkConfig.layerConfig(), entries))
        assert.strictEqual(error._tag, "ConfigError")
        assert.include(String(error), "CLERK_SECRET_KEY")
        assert.include(Cause.pretty(Cause.fail(error)), "CLERK_SECRET_KEY")
        // The message itself says what is wrong, not "<redacted>".
        assert.include(error.message, "CLERK_SECRET_KEY")
        assert.notInclude(error.message, "<redacted>")
      })
    )
  }
})

describe.each(EXCHANGES)("configuration on the wire (%s exchange)", (kind) => {
  it.effect(environmentOnTheWire.name, () =>
    Effect.gen(function* () {
      const { layer, recorder } = recordingSessionsWith(
        kind,
        ClerkConfig.layerConfig().pipe(Layer.provide(fromEnv(environmentOnTheWire.env)))
      )
      recorder.replies.push(...environmentOnTheWire.replies())
      const exit = yield* Effect.exit(Effect.provide(run(environmentOnTheWire.call), layer))
      assert.strictEqual(outcomeOf(exit)._tag, "Success")
      const { actual, expected } = wireView(environmentOnTheWire, recorder.requests)
      assert.deepStrictEqual(actual, expected)
    })
  )

  for (const c of optionsOnTheWire) {
    it.effect(c.name, () =>
      Effect.gen(function* () {
        const { outcome, recorder } = yield* exchange(kind, c, c.options)
        assert.strictEqual(outcome._tag, "Success")
        const { actual, expected } = wireView(c, recorder.requests)
        assert.deepStrictEqual(actual, expected)
      })
    )
  }
})

describe("the User-Agent's version", () => {
  it("the default User-Agent names this package and its version", () => {
    assert.strictEqual(DEFAULT_USER_AGENT, `@clerk-effect/backend-effect4/${PACKAGE_VERSION}`)
  })
})
