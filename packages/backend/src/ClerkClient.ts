/**
 * The one HTTP core every Clerk resource uses: URL building, bearer auth, the
 * version header, JSON bodies, response decoding by status, and the mapping of
 * every failure into {@link ClerkErrors} or {@link SDKError}. A resource module
 * describes requests; it holds no HTTP plumbing.
 *
 * @since 0.1.0
 */

import type { RequestDescription } from "@clerk-effect/core/wire"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import type * as Tracer from "effect/Tracer"
import { ClerkConfig } from "./ClerkConfig.js"
import type { ClerkError } from "./Errors.js"
import { SDKError } from "./Errors.js"
import { clerkHeadersOf } from "./internal/authenticatedClient.js"
import { recordsSpans } from "./internal/effectDefaults.js"
import { exchangeFor } from "./internal/exchange.js"
import type { ClientParts } from "./internal/operation.js"
import { Operation } from "./internal/operation.js"
import { makeOptionsResolver } from "./internal/requestOptions.js"
import * as SlidingWindowLimiter from "./internal/slidingWindowLimiter.js"

/**
 * A request described by a resource module: what it asks of Clerk (the
 * shared `RequestDescription` of @clerk-effect/core/wire: operation name,
 * idempotency, method, path, query, span attributes), its body and the
 * schema of its answer.
 *
 * @since 0.1.0
 * @category models
 */
export interface ClerkRequest<A, I> extends RequestDescription {
  /** An already-encoded JSON body (see {@link encodeBody}); `undefined` sends no body at all. */
  readonly body?: unknown
  /** The schema of a 2xx body. */
  readonly success: Schema.Schema<A, I>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface ClerkClientService {
  /** Sends one request (with retries, timeouts and rate limiting as configured) and decodes its answer. */
  readonly request: <A, I>(request: ClerkRequest<A, I>) => Effect.Effect<A, ClerkError>
}

/**
 * Encodes a request body with its schema (camelCase in, snake_case out). A
 * value the schema rejects is `SDKError` `InvalidInput`, before any request.
 *
 * @since 0.1.0
 * @category utils
 */
export const encodeBody = <A, I>(schema: Schema.Schema<A, I>) => {
  const encode = Schema.encode(schema)
  return (value: A): Effect.Effect<I, SDKError> =>
    Effect.mapError(
      encode(value),
      (error) =>
        new SDKError({ reason: "InvalidInput", field: "body", message: `Invalid request body: ${error.message}` })
    )
}

const make: Effect.Effect<ClerkClientService, never, HttpClient.HttpClient | ClerkConfig | Scope.Scope> = Effect.gen(
  function* () {
    const config = yield* ClerkConfig
    const client: ClientParts = {
      // How attempts reach Clerk, chosen once: see internal/exchange.ts.
      exchange: exchangeFor(yield* HttpClient.HttpClient, config.tracePropagation),
      limiter:
        config.rateLimit === undefined
          ? undefined
          : yield* SlidingWindowLimiter.make(config.rateLimit.limit, config.rateLimit.interval),
      baseUrl: `${config.apiUrl}/${config.apiVersion}/`,
      headers: clerkHeadersOf(config)
    }
    const optionsOf = makeOptionsResolver(config)

    // One operation (internal/operation.ts): attempts within the deadline, retried by policy, recorded at the end.
    const perform = <A, I>(
      spec: ClerkRequest<A, I>,
      fiber: Fiber.RuntimeFiber<unknown, unknown>,
      span: Tracer.Span | undefined
    ): Effect.Effect<A, ClerkError> => {
      const options = optionsOf(fiber)
      if (options instanceof SDKError) return Effect.fail(options)
      return new Operation(client, spec, fiber, span, options).run()
    }

    const request = <A, I>(spec: ClerkRequest<A, I>): Effect.Effect<A, ClerkError> =>
      Effect.withFiberRuntime((fiber) => {
        if (!recordsSpans(fiber)) return perform(spec, fiber, undefined)
        return Effect.useSpan(
          `clerk.${spec.operation}`,
          { attributes: spec.attributes ?? {}, captureStackTrace: false },
          (span) => Effect.withParentSpan(perform(spec, fiber, span), span)
        )
      })

    return { request }
  }
)

/**
 * The HTTP core shared by every Clerk resource service.
 *
 * @since 0.1.0
 * @category tags
 */
export class ClerkClient extends Context.Tag("@clerk-effect/backend/ClerkClient")<ClerkClient, ClerkClientService>() {
  /**
   * Builds the core from the `HttpClient` and `ClerkConfig` in context.
   *
   * @since 0.1.0
   */
  static readonly make: Effect.Effect<ClerkClientService, never, HttpClient.HttpClient | ClerkConfig | Scope.Scope> =
    make

  /**
   * Needs an `HttpClient` (Fetch, Node/undici, Bun...) and a `ClerkConfig`.
   *
   * @since 0.1.0
   */
  static readonly layer: Layer.Layer<ClerkClient, never, HttpClient.HttpClient | ClerkConfig> = Layer.scoped(
    ClerkClient,
    make
  )
}
