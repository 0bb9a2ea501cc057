/**
 * The secret key where it is configured: a key with a line break, a NUL or
 * another control character inside is refused there, never echoed; a key
 * with surrounding whitespace (read from a file) works the same on every
 * transport. And blank CLERK_API_URL / CLERK_API_VERSION mean "unset".
 */
import { inspect } from "node:util"
import { FetchHttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Cause, ConfigProvider, Effect, Exit, Layer, Redacted } from "effect"
import { ClerkConfig } from "../src/ClerkConfig.js"
import * as FetchTransport from "../src/FetchTransport.js"
import * as NodeTransport from "../src/NodeTransport.js"
import { Sessions } from "../src/Sessions.js"
import { expectInvalidData } from "./utils/configErrors.js"
import { loopbackServer } from "./utils/loopbackServer.js"

const KEY = "sk_test_Secret0123456789abcdefghij"

const hostile: ReadonlyArray<readonly [string, string]> = [
  ["a NUL", `${KEY.slice(0, 10)}\0${KEY.slice(10)}`],
  ["a line break", `${KEY.slice(0, 10)}\n${KEY.slice(10)}`],
  ["a CRLF header injection", `${KEY}\r\nX-Injected: 1`],
  ["a space", `${KEY.slice(0, 10)} ${KEY.slice(10)}`],
  ["a tab", `${KEY.slice(0, 10)}\t${KEY.slice(10)}`],
  ["a non-ASCII character", `${KEY.slice(0, 10)}é${KEY.slice(10)}`]
]

/** Every text in which a leaked key could show. */
const textsOf = (error: unknown) => [
  String(error),
  inspect(error, { depth: 10 }),
  error instanceof Error ? (error.stack ?? "") : "",
  JSON.stringify(error)
]

describe("a secret key that cannot be sent is refused where it is configured", () => {
  for (const [name, key] of hostile) {
    it.effect(`ClerkConfig.make / layer: ${name} is a ConfigError without the key`, () =>
      Effect.gen(function* () {
        const options = { secretKey: Redacted.make(key) }
        for (const attempt of [ClerkConfig.make(options), Effect.provide(ClerkConfig, ClerkConfig.layer(options))]) {
          const error = yield* Effect.flip(attempt)
          expectInvalidData(
            error,
            ["secretKey"],
            "secretKey contains whitespace, control or non-ASCII characters (the key is not shown)"
          )
          for (const text of textsOf(error)) expect(text).not.toContain(KEY.slice(10))
        }
      })
    )

    it.effect(`ClerkConfig.layerConfig: ${name} is a ConfigError without the key`, () =>
      Effect.gen(function* () {
        const exit = yield* Effect.exit(
          Effect.provide(ClerkConfig, ClerkConfig.layerConfig()).pipe(
            Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["CLERK_SECRET_KEY", key]])))
          )
        )
        expect(Exit.isFailure(exit)).toBe(true)
        if (Exit.isFailure(exit)) {
          const text = Cause.pretty(exit.cause)
          expect(text).toContain(
            "secretKey contains whitespace, control or non-ASCII characters (the key is not shown) (read from CLERK_SECRET_KEY)"
          )
          expect(text).not.toContain(KEY.slice(10))
          const error = Cause.failureOption(exit.cause)
          expect(error._tag === "Some" && error.value).toMatchObject({
            _tag: "ConfigError",
            _op: "InvalidData",
            path: ["secretKey"]
          })
        }
      })
    )
  }

  it.effect("a key that is not Redacted (from JavaScript) is refused, not sent", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(ClerkConfig.make({ secretKey: KEY as never }))
      expectInvalidData(error, ["secretKey"], "secretKey must be a Redacted string")
      for (const text of textsOf(error)) expect(text).not.toContain(KEY.slice(10))
    })
  )
})

describe("a key with surrounding whitespace (read from a file) works on every transport", () => {
  const transports = [
    { name: "NodeTransport", layer: NodeTransport.layer },
    { name: "FetchTransport", layer: FetchTransport.layer },
    { name: "FetchHttpClient", layer: FetchHttpClient.layer }
  ]
  for (const { layer, name } of transports) {
    it.scoped(`${name}: "key\\n" sends "Bearer key"`, () =>
      Effect.gen(function* () {
        const server = yield* loopbackServer
        const session = yield* Sessions.get("sess_1").pipe(
          Effect.provide(
            Sessions.layer.pipe(
              Layer.provide(layer),
              Layer.provide(
                ClerkConfig.layer({ secretKey: Redacted.make(`  ${KEY}\r\n`), apiUrl: server.url, retry: false })
              )
            )
          )
        )
        expect(session.id).toBe("sess_1")
        expect(server.seen.map((request) => request.headers.authorization)).toEqual([`Bearer ${KEY}`])
      })
    )
  }

  it.effect("layerConfig trims CLERK_SECRET_KEY the same way", () =>
    Effect.gen(function* () {
      const config = yield* Effect.provide(ClerkConfig, ClerkConfig.layerConfig()).pipe(
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["CLERK_SECRET_KEY", `${KEY}\n`]])))
      )
      expect(Redacted.value(config.secretKey)).toBe(KEY)
    })
  )
})

describe("blank CLERK_API_URL and CLERK_API_VERSION mean unset, as in Clerk's SDKs", () => {
  it.effect("the defaults apply", () =>
    Effect.gen(function* () {
      for (const blank of ["", "  "]) {
        const config = yield* Effect.provide(ClerkConfig, ClerkConfig.layerConfig()).pipe(
          Effect.withConfigProvider(
            ConfigProvider.fromMap(
              new Map([
                ["CLERK_SECRET_KEY", KEY],
                ["CLERK_API_URL", blank],
                ["CLERK_API_VERSION", blank]
              ])
            )
          )
        )
        expect([config.apiUrl, config.apiVersion]).toEqual(["https://api.clerk.com", "v1"])
      }
    })
  )

  it.effect("an explicit empty apiUrl in code is refused", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(ClerkConfig.make({ secretKey: Redacted.make(KEY), apiUrl: "" }))
      expectInvalidData(error, ["apiUrl"], "apiUrl is not a URL")
    })
  )
})
