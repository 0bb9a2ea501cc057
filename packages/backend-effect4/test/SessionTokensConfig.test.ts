/**
 * SessionTokens' configuration (effect-4 edition): `layerConfig` with a
 * `Config` per option over the default variables, and every unusable option
 * as a typed `ConfigError` when the layer is built, naming the setting (and
 * the variable it was read from), never the key.
 */
import { generateKeyPairSync } from "node:crypto"
import { assert, describe, expect, it } from "@effect/vitest"
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import type { SessionTokensOptions } from "../src/SessionTokens.js"
import { SessionTokens } from "../src/SessionTokens.js"
import {
  atNow,
  clerkConfigLayer,
  expectRejected,
  jwksClient,
  keyA,
  makeJwksServer,
  mintEffect,
  sessionClaims
} from "./SessionTokensFixtures.js"

const withEnv = (env: Record<string, string>) => ConfigProvider.layer(ConfigProvider.fromEnv({ env }))

/** `SessionTokens.layerConfig(settings)` over a JWKS endpoint that counts its requests. */
const configured = (
  env: Record<string, string>,
  settings?: Parameters<typeof SessionTokens.layerConfig>[0],
  server = makeJwksServer()
) =>
  SessionTokens.layerConfig(settings).pipe(
    Layer.provide(clerkConfigLayer),
    Layer.provide(Layer.succeed(HttpClient.HttpClient, jwksClient(server))),
    Layer.provide(withEnv(env))
  )

/** The layer's failure, as text, or a test failure when it builds. */
const buildFailure = <E, R>(layer: Layer.Layer<SessionTokens, E, R>) =>
  Effect.gen(function* () {
    const exit = yield* Effect.exit(Effect.scoped(Layer.build(layer)))
    assert(Exit.isFailure(exit), "expected the layer to fail")
    return String(exit.cause)
  })

describe("SessionTokens.layerConfig", () => {
  it.effect("a blank CLERK_JWT_KEY is unset: the JWKS is fetched", () => {
    const server = makeJwksServer()
    return Effect.gen(function* () {
      yield* atNow
      yield* SessionTokens.verify(yield* mintEffect())
      expect(server.requests).toHaveLength(1)
    }).pipe(Effect.provide(configured({ CLERK_JWT_KEY: "  " }, undefined, server)))
  })

  it.effect("a setting given as a Config replaces its default; the others are still read", () =>
    Effect.gen(function* () {
      yield* atNow
      // CLERK_JWT_KEY is still read (no network) and the issuer comes from the settings.
      yield* expectRejected(yield* mintEffect(), "InvalidIssuer")
      const claims = yield* SessionTokens.verify(yield* mintEffect(sessionClaims({ iss: "https://clerk.example.com" })))
      expect(claims.iss).toBe("https://clerk.example.com")
    }).pipe(
      Effect.provide(
        configured(
          { CLERK_JWT_KEY: keyA.publicPem },
          { issuer: Config.succeed("https://clerk.example.com") },
          // With CLERK_JWT_KEY the endpoint is never asked: a status that would fail proves it.
          Object.assign(makeJwksServer(), { status: 500 })
        )
      )
    )
  )

  it.effect("one Config for all the options", () =>
    Effect.gen(function* () {
      yield* atNow
      yield* SessionTokens.verify(yield* mintEffect())
    }).pipe(
      Effect.provide(
        configured({}, Config.succeed<SessionTokensOptions>({ jwtKey: keyA.publicPem, clockSkew: "1 second" }))
      )
    )
  )

  it.effect("an unusable CLERK_JWT_KEY is a ConfigError naming the setting and the variable, not the key", () =>
    Effect.gen(function* () {
      const broken = keyA.publicPem.replace(/[A-Za-z]{12}/, "AAAAAAAAAAAA").slice(0, 200)
      const text = yield* buildFailure(configured({ CLERK_JWT_KEY: broken }))
      expect(text).toContain("jwtKey is not a PEM-encoded RSA public key")
      expect(text).toContain("CLERK_JWT_KEY")
      expect(text).not.toContain(broken.split("\n")[1]!.slice(0, 24))
    })
  )

  it.effect("a key of another shape than Clerk's (1024 or 3072 bits, exponent 3) fails the layer", () =>
    Effect.gen(function* () {
      // `@clerk/backend` reads a PEM by cutting the DER prefix of a 2048-bit key with exponent
      // 65537, so it refuses every token under any other key; the layer refuses the key itself.
      for (const [modulusLength, publicExponent] of [
        [1024, 65537],
        [3072, 65537],
        [2048, 3]
      ] as const) {
        const { publicKey } = generateKeyPairSync("rsa", { modulusLength, publicExponent })
        const pem = publicKey.export({ type: "spki", format: "pem" }).toString()
        const text = yield* buildFailure(SessionTokens.layer({ jwtKey: pem }))
        expect(text).toContain("jwtKey is not a 2048-bit RSA key with exponent 65537")
        expect(text).not.toContain(pem.split("\n")[1]!)
      }
    })
  )
})

describe("unusable options fail the layer with a ConfigError, before any request", () => {
  const cases: ReadonlyArray<readonly [string, SessionTokensOptions, string]> = [
    ["authorizedParties as a string", { authorizedParties: "https://app" as never }, "authorizedParties"],
    ["issuer as a number", { issuer: 42 as never }, "issuer is not a string"],
    ["clockSkew that is not a duration", { clockSkew: "soon" as never }, "clockSkew is not a duration"],
    ["jwksCacheTtl that is not a duration", { jwksCacheTtl: "soon" as never }, "jwksCacheTtl"],
    ["jwksTimeout that is not a duration", { jwksTimeout: "later" as never }, "jwksTimeout"],
    ["jwksMinRefetchInterval that is not a duration", { jwksMinRefetchInterval: [] as never }, "jwksMinRefetchInterval"]
  ]
  for (const [name, options, expected] of cases) {
    it.effect(name, () => {
      const server = makeJwksServer()
      return Effect.gen(function* () {
        const text = yield* buildFailure(
          SessionTokens.layer(options).pipe(
            Layer.provide(clerkConfigLayer),
            Layer.provide(Layer.succeed(HttpClient.HttpClient, jwksClient(server)))
          )
        )
        expect(text).toContain("ConfigError")
        expect(text).toContain(expected)
        expect(server.requests).toHaveLength(0)
      })
    })
  }

  it.effect("the PEM mode checks the verify options too", () =>
    Effect.gen(function* () {
      const text = yield* buildFailure(SessionTokens.layer({ jwtKey: keyA.publicPem, issuer: 42 as never }))
      expect(text).toContain("issuer is not a string, a list of strings or a function")
    })
  )
})
