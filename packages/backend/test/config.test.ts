import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as ConfigError from "effect/ConfigError"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { ClerkConfig, DEFAULT_USER_AGENT } from "../src/ClerkConfig.js"
import { PACKAGE_VERSION } from "../src/internal/version.js"
import { Sessions } from "../src/Sessions.js"
import { sessionWire } from "./utils/fixtures.js"
import { packageVersion } from "./utils/packageVersion.js"
import { json, makeTestLayerWith, RecordingHttp, SECRET, withRecorder } from "./utils/RecordingHttpClient.js"

const fromMap = (entries: Record<string, string>) => ConfigProvider.fromMap(new Map(Object.entries(entries)))

const readConfig = (entries: Record<string, string>) =>
  Effect.provide(ClerkConfig, ClerkConfig.layerConfig()).pipe(Effect.withConfigProvider(fromMap(entries)))

describe("ClerkConfig.layerConfig()", () => {
  it.effect("reads CLERK_SECRET_KEY (as Redacted), CLERK_API_URL and CLERK_API_VERSION", () =>
    Effect.gen(function* () {
      const config = yield* readConfig({
        CLERK_SECRET_KEY: SECRET,
        CLERK_API_URL: "http://127.0.0.1:4010/",
        CLERK_API_VERSION: "v2"
      })
      assert.isTrue(Redacted.isRedacted(config.secretKey))
      assert.strictEqual(Redacted.value(config.secretKey), SECRET)
      assert.notInclude(String(config.secretKey), SECRET)
      assert.strictEqual(config.apiUrl, "http://127.0.0.1:4010")
      assert.strictEqual(config.apiVersion, "v2")
      assert.strictEqual(config.clerkApiVersion, "2026-05-12")
    })
  )

  it.effect("defaults: https://api.clerk.com and v1", () =>
    Effect.gen(function* () {
      const config = yield* readConfig({ CLERK_SECRET_KEY: SECRET })
      assert.strictEqual(config.apiUrl, "https://api.clerk.com")
      assert.strictEqual(config.apiVersion, "v1")
      assert.strictEqual(config.userAgent, `@clerk-effect/backend/${packageVersion}`)
    })
  )

  for (const [name, entries] of [
    ["missing", {}],
    ["empty", { CLERK_SECRET_KEY: "" }],
    ["only whitespace", { CLERK_SECRET_KEY: "  \t" }]
  ] as const) {
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

  it.effect("the configuration reaches the wire", () =>
    Effect.gen(function* () {
      const recorder = yield* RecordingHttp
      recorder.replies.push(json(200, sessionWire("sess_1")))
      yield* Sessions.get("sess_1")
      const request = recorder.requests[0]!
      assert.strictEqual(request.url.href, "http://127.0.0.1:4010/v1/sessions/sess_1")
      assert.strictEqual(request.headers.authorization, "Bearer sk_test_from_env")
    }).pipe(
      Effect.provide(makeTestLayerWith(ClerkConfig.layerConfig())),
      Effect.withConfigProvider(
        fromMap({ CLERK_SECRET_KEY: "sk_test_from_env", CLERK_API_URL: "http://127.0.0.1:4010" })
      )
    )
  )
})

describe("ClerkConfig.layer options on the wire", () => {
  it.effect("apiUrl (trailing slash and a path prefix), apiVersion, clerkApiVersion, userAgent", () =>
    withRecorder(
      Effect.gen(function* () {
        const recorder = yield* RecordingHttp
        recorder.replies.push(json(200, { data: [], total_count: 0 }))
        yield* Sessions.list({ userId: "user_1" })
        const request = recorder.requests[0]!
        assert.strictEqual(request.url.origin, "http://localhost:4010")
        assert.strictEqual(request.url.pathname, "/proxy/clerk/v9/sessions")
        assert.strictEqual(request.headers["clerk-api-version"], "2025-11-10")
        assert.strictEqual(request.headers["user-agent"], "my-service/1.2.3")
        assert.strictEqual(request.headers.authorization, `Bearer ${SECRET}`)
      }),
      {
        apiUrl: "http://localhost:4010/proxy/clerk/",
        apiVersion: "/v9/",
        clerkApiVersion: "2025-11-10",
        userAgent: "my-service/1.2.3"
      }
    )
  )

  it.effect("path parameters are percent-encoded", () =>
    withRecorder(
      Effect.gen(function* () {
        const recorder = yield* RecordingHttp
        recorder.replies.push(json(200, { object: "token", jwt: "j" }))
        yield* Sessions.createTokenFromTemplate("sess_ü&1", "tmpl+name=x")
        assert.strictEqual(recorder.requests[0]!.url.pathname, "/v1/sessions/sess_%C3%BC%261/tokens/tmpl%2Bname%3Dx")
      })
    )
  )
})

describe("the User-Agent's version", () => {
  it("src/internal/version.ts is the package's version (the build rewrites it; this keeps the source in step)", () => {
    assert.strictEqual(PACKAGE_VERSION, packageVersion)
    assert.strictEqual(DEFAULT_USER_AGENT, `@clerk-effect/backend/${packageVersion}`)
  })
})
