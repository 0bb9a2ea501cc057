/**
 * Type-level tests of SessionTokens' layers and the SessionAuth middleware
 * (effect-4 edition), checked by `pnpm check` (tsc): what each provides,
 * needs and can fail with.
 */
import type * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import * as HttpRouter from "effect/http/HttpRouter"
import type * as HttpServerRequest from "effect/http/HttpServerRequest"
import * as HttpServerResponse from "effect/http/HttpServerResponse"
import * as Layer from "effect/Layer"
import type { ClerkConfig } from "../src/ClerkConfig.js"
import {
  CurrentSession,
  SessionAuth,
  type SessionAuthError,
  type SessionAuthUnavailable,
  type SessionUnauthorized
} from "../src/SessionAuth.js"
import { type SessionClaims, SessionTokens, type TokenVerificationError } from "../src/SessionTokens.js"

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false

declare const expectType: <T extends true>() => void

// --- SessionTokens: unusable options are a ConfigError in both modes; PEM needs nothing

const pem = SessionTokens.layer({ jwtKey: "-----BEGIN PUBLIC KEY-----...", issuer: "https://clerk.example.com" })
expectType<Equals<typeof pem, Layer.Layer<SessionTokens, Config.ConfigError>>>()

const jwks = SessionTokens.layer({ authorizedParties: ["https://app.example.com"], issuer: (iss) => iss.length > 0 })
expectType<Equals<typeof jwks, Layer.Layer<SessionTokens, Config.ConfigError, HttpClient.HttpClient | ClerkConfig>>>()

const fromConfig = SessionTokens.layerConfig()
expectType<
  Equals<typeof fromConfig, Layer.Layer<SessionTokens, Config.ConfigError, HttpClient.HttpClient | ClerkConfig>>
>()

const verified = SessionTokens.verify("token", { clockSkew: "10 seconds" })
expectType<Equals<typeof verified, Effect.Effect<SessionClaims, TokenVerificationError, SessionTokens>>>()

// @ts-expect-error issuer is a string, a list of strings or a predicate
SessionTokens.verify("token", { issuer: 42 })

// @ts-expect-error a layerConfig setting is a Config, not a plain value
SessionTokens.layerConfig({ issuer: "https://clerk.example.com" })

// --- the middleware

expectType<Equals<SessionAuthError, SessionUnauthorized | SessionAuthUnavailable>>()
expectType<Equals<typeof SessionAuth.layer, Layer.Layer<SessionAuth, never, SessionTokens>>>()
expectType<
  Equals<
    typeof SessionAuth.authenticate,
    Effect.Effect<SessionClaims, SessionAuthError, SessionTokens | HttpServerRequest.HttpServerRequest>
  >
>()

// A handler behind SessionAuth.middleware no longer needs CurrentSession, and needs SessionTokens instead;
// its failures are answered, not added to the error channel.
const meHandler = CurrentSession.use((session) =>
  Effect.succeed(HttpServerResponse.jsonUnsafe({ userId: session.sub }))
)
const guarded = SessionAuth.middleware(meHandler)
expectType<
  Equals<
    typeof guarded,
    Effect.Effect<HttpServerResponse.HttpServerResponse, never, SessionTokens | HttpServerRequest.HttpServerRequest>
  >
>()

// A route behind SessionAuth.router: without it the route layer asks for CurrentSession per request;
// with it, for SessionTokens (to build the middleware) instead.
type RouteNeeds<L> = L extends Layer.Layer<infer _A, infer _E, infer R> ? R : never
const bare = HttpRouter.add("GET", "/me", meHandler)
expectType<
  Equals<
    Extract<RouteNeeds<typeof bare>, HttpRouter.Request<"Requires", CurrentSession>>,
    HttpRouter.Request<"Requires", CurrentSession>
  >
>()
const behind = bare.pipe(Layer.provide(SessionAuth.router.layer))
expectType<Equals<Extract<RouteNeeds<typeof behind>, HttpRouter.Request<"Requires", CurrentSession>>, never>>()
expectType<Equals<Extract<RouteNeeds<typeof behind>, SessionTokens>, SessionTokens>>()
