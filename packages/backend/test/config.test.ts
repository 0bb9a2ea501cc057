/**
 * Configuration: the shared cases (`@clerk-effect/behaviour-cases/config`)
 * through this edition's `ClerkConfig.layerConfig()` and `ClerkConfig.layer`.
 */
import {
  environmentOnTheWire,
  fromEnvironment,
  missingSecretKey,
  optionsOnTheWire,
  wireView
} from "@clerk-effect/behaviour-cases/config"
import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as ConfigError from "effect/ConfigError"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { ClerkConfig, DEFAULT_USER_AGENT } from "../src/ClerkConfig.js"
import { PACKAGE_VERSION } from "../src/internal/version.js"
import { exchangeIn } from "./utils/behaviour.js"
import { packageVersion } from "./utils/packageVersion.js"
import { makeTestLayerWith, RecordingHttp, withRecorder } from "./utils/RecordingHttpClient.js"

const fromMap = (entries: Readonly<Record<string, string>>) => ConfigProvider.fromMap(new Map(Object.entries(entries)))

const readConfig = (entries: Readonly<Record<string, string>>) =>
  Effect.provide(ClerkConfig, ClerkConfig.layerConfig()).pipe(Effect.withConfigProvider(fromMap(entries)))

const urlsAndHeaders = Effect.map(RecordingHttp, (recorder) =>
  recorder.requests.map((request) => ({ url: request.url.href, headers: request.headers }))
)

describe("ClerkConfig.layerConfig()", () => {
  for (const c of fromEnvironment) {
    it.effect(c.name, () =>
      Effect.gen(function* () {
        const config = yield* readConfig(c.env)
        assert.isTrue(Redacted.isRedacted(config.secretKey))
        assert.strictEqual(Redacted.value(config.secretKey), c.expected.secretKey)
        assert.notInclude(String(config.secretKey), c.expected.secretKey)
        assert.strictEqual(config.apiUrl, c.expected.apiUrl)
        assert.strictEqual(config.apiVersion, c.expected.apiVersion)
        if (c.expected.clerkApiVersion !== undefined) {
          assert.strictEqual(config.clerkApiVersion, c.expected.clerkApiVersion)
        }
        if (c.defaultUserAgent) assert.strictEqual(config.userAgent, `@clerk-effect/backend/${packageVersion}`)
      })
    )
  }

  for (const [name, entries] of missingSecretKey) {
    it.effect(`a ${name} CLERK_SECRET_KEY is a ConfigError naming it`, () =>
      Effect.gen(function* () {
        const error = yield* Effect.flip(readConfig(entries))
        assert.isTrue(ConfigError.isConfigError(error))
        assert.include(String(error), "CLERK_SECRET_KEY")
        assert.include(Cause.pretty(Cause.fail(error)), "CLERK_SECRET_KEY")
        // The message itself says what is wrong, not "<redacted>".
        assert.include(error.message, "CLERK_SECRET_KEY")
        assert.notInclude(error.message, "<redacted>")
      })
    )
  }

  it.effect(environmentOnTheWire.name, () =>
    Effect.gen(function* () {
      assert.strictEqual((yield* exchangeIn(environmentOnTheWire)).outcome._tag, "Success")
      const { actual, expected } = wireView(environmentOnTheWire, yield* urlsAndHeaders)
      assert.deepStrictEqual(actual, expected)
    }).pipe(
      Effect.provide(makeTestLayerWith(ClerkConfig.layerConfig())),
      Effect.withConfigProvider(fromMap(environmentOnTheWire.env))
    )
  )
})

describe("ClerkConfig.layer options on the wire", () => {
  for (const c of optionsOnTheWire) {
    it.effect(c.name, () =>
      withRecorder(
        Effect.gen(function* () {
          assert.strictEqual((yield* exchangeIn(c)).outcome._tag, "Success")
          const { actual, expected } = wireView(c, yield* urlsAndHeaders)
          assert.deepStrictEqual(actual, expected)
        }),
        c.options
      )
    )
  }
})

describe("the User-Agent's version", () => {
  it("src/internal/version.ts is the package's version (the build rewrites it; this keeps the source in step)", () => {
    assert.strictEqual(PACKAGE_VERSION, packageVersion)
    assert.strictEqual(DEFAULT_USER_AGENT, `@clerk-effect/backend/${packageVersion}`)
  })
})
