/**
 * Type-level tests of SessionTokens' layers and the SessionAuth middleware,
 * checked by `pnpm check` (tsc): what each provides, needs and can fail with.
 */
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpRouter from "@effect/platform/HttpRouter"
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import type * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import {
  Clerk,
  type ClerkConfig,
  CurrentSession,
  SessionAuth,
  type SessionAuthError,
  type SessionAuthUnavailable,
  type SessionClaims,
  SessionTokens,
  type SessionUnauthorized
} from "../src/index.js"

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false

declare const expectType: <T extends true>() => void

type HttpClientTag = import("@effect/platform/HttpClient").HttpClient

// --- SessionTokens layers: unusable options are a ConfigError in both modes

const pem = SessionTokens.layer({ jwtKey: "-----BEGIN PUBLIC KEY-----...", issuer: "https://clerk.example.com" })
expectType<Equals<typeof pem, Layer.Layer<SessionTokens, ConfigError.ConfigError>>>()

const jwks = SessionTokens.layer({ authorizedParties: ["https://app.example.com"], issuer: (iss) => iss.length > 0 })
expectType<Equals<typeof jwks, Layer.Layer<SessionTokens, ConfigError.ConfigError, HttpClientTag | ClerkConfig>>>()

// @ts-expect-error issuer is a string, a list of strings or a predicate
SessionTokens.verify("token", { issuer: 42 })

// --- the middleware

expectType<Equals<SessionAuthError, SessionUnauthorized | SessionAuthUnavailable>>()
expectType<Equals<typeof SessionAuth.layer, Layer.Layer<SessionAuth, never, SessionTokens>>>()
expectType<
  Equals<
    typeof SessionAuth.authenticate,
    Effect.Effect<SessionClaims, SessionAuthError, SessionTokens | HttpServerRequest.HttpServerRequest>
  >
>()

// A router behind SessionAuth.router no longer needs CurrentSession, and needs SessionTokens instead.
const me = HttpRouter.empty.pipe(
  HttpRouter.get(
    "/me",
    Effect.flatMap(CurrentSession, (session) => HttpServerResponse.json({ userId: session.sub }))
  )
)
type RouterRequirement<X> = X extends HttpRouter.HttpRouter<infer _E, infer R> ? R : never
type RouterError<X> = X extends HttpRouter.HttpRouter<infer E, infer _R> ? E : never
expectType<Equals<RouterRequirement<typeof me>, CurrentSession>>()
const routed = SessionAuth.router(me)
expectType<Equals<RouterRequirement<typeof routed>, SessionTokens>>()
expectType<Equals<RouterError<typeof routed>, SessionAuthError | import("@effect/platform/HttpBody").HttpBodyError>>()

// The HttpApp middleware: CurrentSession is provided, SessionTokens and the request are needed.
declare const app: HttpApp.Default<never, CurrentSession>
const protectedApp = SessionAuth.middleware(app)
expectType<
  Equals<typeof protectedApp, HttpApp.Default<SessionAuthError, SessionTokens | HttpServerRequest.HttpServerRequest>>
>()

// --- Clerk.layerConfig: everything from the environment, and no HttpClient in the output

const live = Clerk.layerConfig()
expectType<
  Equals<
    typeof live,
    Layer.Layer<import("../src/index.js").Sessions | SessionTokens | ClerkConfig, ConfigError.ConfigError>
  >
>()
