/**
 * Type-level tests of every constructor that takes settings, checked by
 * `pnpm check` (tsc): a setting that cannot work is a `ConfigError` in the
 * error channel, and only there where it can happen.
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import type * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import { Clerk, ClerkConfig, type ClerkConfigService, type Sessions, SessionTokens } from "../src/index.js"
import * as NodeTransport from "../src/NodeTransport.js"
import type { SessionTokensService } from "../src/SessionTokens.js"

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false

declare const expectType: <T extends true>() => void

const secretKey = Redacted.make("sk_test_...")

// --- ClerkConfig: make, layer and layerConfig fail with a ConfigError

const made = ClerkConfig.make({ secretKey })
expectType<Equals<typeof made, Effect.Effect<ClerkConfigService, ConfigError.ConfigError>>>()

const fromOptions = ClerkConfig.layer({ secretKey, rateLimit: "production" })
expectType<Equals<typeof fromOptions, Layer.Layer<ClerkConfig, ConfigError.ConfigError>>>()

const fromEnv = ClerkConfig.layerConfig()
expectType<Equals<typeof fromEnv, Layer.Layer<ClerkConfig, ConfigError.ConfigError>>>()

const fromMyVariables = ClerkConfig.layerConfig({
  secretKey: Config.redacted("AUTH_CLERK_KEY"),
  apiUrl: Config.string("AUTH_CLERK_URL").pipe(Config.withDefault(undefined)),
  timeout: Config.duration("AUTH_CLERK_TIMEOUT"),
  rateLimit: Config.literal("development", "production")("AUTH_CLERK_PLAN"),
  retry: Config.succeed(false)
})
expectType<Equals<typeof fromMyVariables, Layer.Layer<ClerkConfig, ConfigError.ConfigError>>>()

const fromOneConfig = ClerkConfig.layerConfig(Config.all({ secretKey: Config.redacted("KEY") }))
expectType<Equals<typeof fromOneConfig, Layer.Layer<ClerkConfig, ConfigError.ConfigError>>>()

// @ts-expect-error each setting is a Config, not a plain value
ClerkConfig.layerConfig({ timeout: "3 seconds" })

// @ts-expect-error the secret key is read as Redacted (Config.redacted), never as a plain string
ClerkConfig.layerConfig({ secretKey: Config.string("AUTH_CLERK_KEY") })

// @ts-expect-error one Config of all the options must hold the secret key
ClerkConfig.layerConfig(Config.all({ apiUrl: Config.string("URL") }))

// --- NodeTransport: only options can be wrong

expectType<Equals<typeof NodeTransport.layer, Layer.Layer<HttpClient.HttpClient>>>()

const tuned = NodeTransport.layerWith({ maxSockets: 8 })
expectType<Equals<typeof tuned, Layer.Layer<HttpClient.HttpClient, ConfigError.ConfigError>>>()

const plain = NodeTransport.make()
expectType<Equals<typeof plain, Effect.Effect<HttpClient.HttpClient, never, Scope.Scope>>>()

const withOptions = NodeTransport.make({ freeSocketTimeout: 1_000 })
expectType<Equals<typeof withOptions, Effect.Effect<HttpClient.HttpClient, ConfigError.ConfigError, Scope.Scope>>>()

// --- SessionTokens: with a jwtKey, a ConfigError and no requirements; without, the JWKS needs a client

const pemString = SessionTokens.layer({ jwtKey: "-----BEGIN PUBLIC KEY-----..." })
expectType<Equals<typeof pemString, Layer.Layer<SessionTokens, ConfigError.ConfigError>>>()

const pemRedacted = SessionTokens.layer({
  jwtKey: Redacted.make("-----BEGIN PUBLIC KEY-----..."),
  clockSkew: "2 seconds"
})
expectType<Equals<typeof pemRedacted, Layer.Layer<SessionTokens, ConfigError.ConfigError>>>()

const viaJwks = SessionTokens.layer()
expectType<
  Equals<typeof viaJwks, Layer.Layer<SessionTokens, ConfigError.ConfigError, HttpClient.HttpClient | ClerkConfig>>
>()

// A key that may be absent may mean the JWKS: the requirements stay.
declare const maybeKey: string | undefined
const maybePem = SessionTokens.layer({ jwtKey: maybeKey, jwksTimeout: "5 seconds" })
expectType<
  Equals<typeof maybePem, Layer.Layer<SessionTokens, ConfigError.ConfigError, HttpClient.HttpClient | ClerkConfig>>
>()

const makePem = SessionTokens.make({ jwtKey: "-----BEGIN PUBLIC KEY-----..." })
expectType<Equals<typeof makePem, Effect.Effect<SessionTokensService, ConfigError.ConfigError>>>()

const fromEnvTokens = SessionTokens.layerConfig()
expectType<
  Equals<typeof fromEnvTokens, Layer.Layer<SessionTokens, ConfigError.ConfigError, HttpClient.HttpClient | ClerkConfig>>
>()

// --- Clerk.layerConfig: a Config per setting, and a transport that may fail the same way

const everything = Clerk.layerConfig({
  config: { secretKey: Config.redacted("AUTH_CLERK_KEY") },
  httpClient: NodeTransport.layerWith({ maxSockets: 16 })
})
expectType<Equals<typeof everything, Layer.Layer<Sessions | SessionTokens | ClerkConfig, ConfigError.ConfigError>>>()
