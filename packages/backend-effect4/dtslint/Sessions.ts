/**
 * Type-level tests of the effect-4 edition, checked by tsc (`tsc -b`):
 * every operation fails with exactly `ClerkErrors | SDKError`, the static
 * functions require `Sessions` and nothing else, layers require what they
 * say, and a setting that cannot work is a `ConfigError` in the error
 * channel, only where it can happen.
 */
import type * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import type * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import type * as Stream from "effect/Stream"
import {
  Clerk,
  ClerkConfig,
  type ClerkConfigService,
  type ClerkErrors,
  type Cookies,
  type FetchTransport,
  type SDKError,
  type Session,
  type SessionList,
  Sessions,
  type Token
} from "../src/index.js"
import * as NodeTransport from "../src/NodeTransport.js"

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false

declare const expectType: <T extends true>() => void

type Failure = ClerkErrors | SDKError

// --- the operations: exactly the two failures, and Sessions in context

const got = Sessions.get("sess_1")
expectType<Equals<typeof got, Effect.Effect<Session, Failure, Sessions>>>()

const listed = Sessions.list({ userId: "user_1", status: "active", limit: 10 })
expectType<Equals<typeof listed, Effect.Effect<SessionList, Failure, Sessions>>>()

const streamed = Sessions.stream({ clientId: "client_1" })
expectType<Equals<typeof streamed, Stream.Stream<Session, Failure, Sessions>>>()

const params = { expiredToken: "e", refreshToken: "r", requestOrigin: "https://app.test" }
const asCookies = Sessions.refresh("sess_1", { ...params, format: "cookie" })
expectType<Equals<typeof asCookies, Effect.Effect<Cookies, Failure, Sessions>>>()
const asToken = Sessions.refresh("sess_1", params)
expectType<Equals<typeof asToken, Effect.Effect<Token, Failure, Sessions>>>()

const used = Sessions.use((sessions) => sessions.createToken("sess_1", { expiresInSeconds: 60 }))
expectType<Equals<typeof used, Effect.Effect<Token, Failure, Sessions>>>()

// Neither owner: a type error, not only a run-time one.
// @ts-expect-error clientId or userId is required
Sessions.list({ status: "active" })

// `pending` cannot be filtered on.
// @ts-expect-error not a list status
Sessions.list({ userId: "user_1", status: "pending" })

// catchTag narrows to the remaining failure.
const handled = got.pipe(Effect.catchTag("ClerkErrors", () => Effect.succeed(null)))
expectType<Equals<typeof handled, Effect.Effect<Session | null, SDKError, Sessions>>>()

// --- layers

expectType<Equals<typeof Sessions.layer, Layer.Layer<Sessions, never, HttpClient.HttpClient | ClerkConfig>>>()
expectType<Equals<typeof FetchTransport.layer, Layer.Layer<HttpClient.HttpClient>>>()
expectType<Equals<typeof NodeTransport.layer, Layer.Layer<HttpClient.HttpClient>>>()

const tuned = NodeTransport.layerWith({ maxSockets: 10 })
expectType<Equals<typeof tuned, Layer.Layer<HttpClient.HttpClient, Config.ConfigError>>>()

const made = NodeTransport.make()
expectType<Equals<typeof made, Effect.Effect<HttpClient.HttpClient, Config.ConfigError, Scope.Scope>>>()

// --- ClerkConfig: a ConfigError where a setting can be wrong

const secretKey = Redacted.make("sk_test_...")

const config = ClerkConfig.make({ secretKey })
expectType<Equals<typeof config, Effect.Effect<ClerkConfigService, Config.ConfigError>>>()

const fromOptions = ClerkConfig.layer({ secretKey, rateLimit: "production", timeout: "2 seconds" })
expectType<Equals<typeof fromOptions, Layer.Layer<ClerkConfig, Config.ConfigError>>>()

const fromEnv = ClerkConfig.layerConfig()
expectType<Equals<typeof fromEnv, Layer.Layer<ClerkConfig, Config.ConfigError>>>()

const everything = Clerk.layerConfig()
expectType<
  Equals<
    typeof everything,
    Layer.Layer<Sessions | import("../src/index.js").SessionTokens | ClerkConfig, Config.ConfigError>
  >
>()

// withRequestOptions keeps the effect's type.
const quick = got.pipe(ClerkConfig.withRequestOptions({ retry: false, timeout: "2 seconds" }))
expectType<Equals<typeof quick, typeof got>>()
