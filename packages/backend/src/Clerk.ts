/**
 * The production set-up in one layer: configuration from the environment, the
 * fastest transport the runtime has, and every service of the SDK on top.
 * `Effect.provide(program, Clerk.layerConfig())` gives `Sessions`,
 * `SessionTokens` and `ClerkConfig`, and needs nothing: no `HttpClient` to
 * choose (it does not put one in your environment either, so it never
 * replaces your application's own).
 *
 * @since 0.1.0
 */
import type { Runtime as RuntimeName } from "@clerk-effect/core/runtime"
import { detectRuntime as detect } from "@clerk-effect/core/runtime"
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as ConfigError from "effect/ConfigError"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { ClerkConfig } from "./ClerkConfig.js"
import * as FetchTransport from "./FetchTransport.js"
import { Sessions } from "./Sessions.js"
import type { SessionTokensOptions } from "./SessionTokens.js"
import { SessionTokens } from "./SessionTokens.js"

/**
 * A layer that makes every `layerConfig` it is provided to read its
 * settings (`CLERK_SECRET_KEY`, `CLERK_API_URL`, `CLERK_JWT_KEY`...) from
 * `env` instead of `process.env`. This is for Cloudflare Workers, whose
 * variables and secrets arrive as the `env` argument of `fetch`: Effect's
 * default `ConfigProvider` reads `process.env`, which a Worker only has with
 * the `nodejs_compat` flag (and then without the secrets of `env`).
 *
 * Only string values are read, so the Worker's bindings (KV, D1, queues...)
 * in the same object are ignored. Blank means unset, as everywhere.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { Clerk, Sessions } from "@clerk-effect/backend"
 *
 * export default {
 *   fetch: (_request: Request, env: Record<string, unknown>) =>
 *     Sessions.get("sess_123").pipe(
 *       Effect.map((session) => Response.json({ status: session.status })),
 *       Effect.provide(Clerk.layerConfig().pipe(Layer.provide(Clerk.layerEnv(env)))),
 *       Effect.runPromise
 *     )
 * }
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerEnv = (env: Readonly<Record<string, unknown>>): Layer.Layer<never> =>
  Layer.setConfigProvider(
    ConfigProvider.fromMap(
      new Map(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === "string"))
    )
  )

/**
 * The runtime a transport is chosen for.
 *
 * @since 0.1.0
 * @category models
 */
export type Runtime = RuntimeName

/**
 * Which runtime this is: Node, Bun and Deno by their own globals; everything
 * else (Cloudflare Workers, browsers, edge runtimes) is `other`.
 *
 * @since 0.1.0
 * @category utils
 */
export const detectRuntime: () => Runtime = detect

// The module name is a variable on purpose: a bundler (for Workers, a
// browser) must not follow it into node:http. On Node it is this package's
// own NodeTransport, next to this file.
const NODE_TRANSPORT = "./NodeTransport.js"

/**
 * The fastest transport for the runtime: `NodeTransport` on Node (about 0.7x
 * to 0.9x the cost of a plain `fetch`, docs/performance.md), `FetchTransport`
 * everywhere else, and on Node too when `NodeTransport` cannot be loaded
 * (a bundle that left it out).
 *
 * @since 0.1.0
 * @category layers
 */
export const transport: Layer.Layer<HttpClient.HttpClient> = Layer.unwrapEffect(
  detectRuntime() === "node"
    ? Effect.tryPromise(
        () =>
          import(/* @vite-ignore */ NODE_TRANSPORT) as Promise<{ readonly layer: Layer.Layer<HttpClient.HttpClient> }>
      ).pipe(
        Effect.map((module) => module.layer),
        Effect.orElseSucceed(() => FetchTransport.layer)
      )
    : Effect.succeed(FetchTransport.layer)
)

/**
 * What {@link layerConfig} takes besides the environment.
 *
 * @since 0.1.0
 * @category models
 */
export interface LayerConfigOptions {
  /**
   * A `Config` per setting of `ClerkConfig` (your own variable names,
   * retries, timeouts, rate limit...), as `ClerkConfig.layerConfig` takes.
   */
  readonly config?: Parameters<typeof ClerkConfig.layerConfig>[0] | undefined
  /** Options of `SessionTokens` (`authorizedParties`, `issuer`...), under `CLERK_JWT_KEY` and `CLERK_AUTHORIZED_PARTIES`. */
  readonly sessionTokens?: SessionTokensOptions | undefined
  /**
   * The `HttpClient` the SDK uses; default {@link transport}. It may fail
   * with a `ConfigError`, as `NodeTransport.layerWith(options)` does.
   */
  readonly httpClient?: Layer.Layer<HttpClient.HttpClient, ConfigError.ConfigError> | undefined
}

/**
 * Everything from the environment: `ClerkConfig.layerConfig` (`CLERK_SECRET_KEY`,
 * `CLERK_API_URL`, `CLERK_API_VERSION`), `SessionTokens.layerConfig`
 * (`CLERK_JWT_KEY`, `CLERK_AUTHORIZED_PARTIES`; without a key, the JWKS is
 * fetched with the secret key), and `Sessions`, over {@link transport}. One
 * `ClerkConfig` and one transport are shared by both services. A missing
 * variable or a setting that cannot work, of any of them, fails the layer
 * with a `ConfigError` naming it, never a defect.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Clerk, Sessions } from "@clerk-effect/backend"
 *
 * const program = Sessions.list({ userId: "user_123", status: "active" })
 *
 * Effect.runPromise(Effect.provide(program, Clerk.layerConfig()))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  options: LayerConfigOptions = {}
): Layer.Layer<Sessions | SessionTokens | ClerkConfig, ConfigError.ConfigError> => {
  // The HttpClient is provided to the services, not merged into the output:
  // the application's own client is never replaced.
  const services = Layer.merge(Sessions.layer, SessionTokens.layerConfig(options.sessionTokens)).pipe(
    Layer.provide(options.httpClient ?? transport)
  )
  return Layer.provideMerge(services, ClerkConfig.layerConfig(options.config))
}
