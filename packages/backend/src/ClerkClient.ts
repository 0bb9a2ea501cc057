/**
 * The one HTTP core every Clerk resource uses: URL building, bearer auth, the
 * version header, JSON bodies, response decoding by status, and the mapping of
 * every failure into {@link ClerkErrors} or {@link SDKError}. A resource module
 * describes requests; it holds no HTTP plumbing.
 *
 * @since 0.1.0
 */

import { OperationBudget } from "@clerk-effect/core/budget"
import type { RequestDescription } from "@clerk-effect/core/wire"
import { isSuccess, toWireRequest } from "@clerk-effect/core/wire"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import type * as Tracer from "effect/Tracer"
import { ClerkConfig } from "./ClerkConfig.js"
import type { ClerkError } from "./Errors.js"
import { SDKError } from "./Errors.js"
import { clerkHeadersOf } from "./internal/authenticatedClient.js"
import { clockOf, recordsSpans } from "./internal/effectDefaults.js"
import type { Answer, InFlight } from "./internal/exchange.js"
import { exchangeFor } from "./internal/exchange.js"
import { makeResponseDecoder } from "./internal/fastDecode.js"
import { recordOperation } from "./internal/operationMetrics.js"
import { makeOptionsResolver } from "./internal/requestOptions.js"
import { decodeSuccessText, failureFromText } from "./internal/responses.js"
import { retrying } from "./internal/retrying.js"
import { isRetryable } from "./internal/retryPolicy.js"
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

type Decoder = (input: unknown) => Either.Either<unknown, ParseResult.ParseError>

// Building a decoder walks the schema's AST; do it once per schema, not per call.
const decoders = new WeakMap<Schema.Schema.Any, Decoder>()
const decoderFor = <A, I>(schema: Schema.Schema<A, I>) => {
  let decoder = decoders.get(schema)
  if (decoder === undefined) {
    // The schema's own decoder behind a fast path compiled from the same schema (see internal/fastDecode.ts).
    decoder = makeResponseDecoder(schema) as Decoder
    decoders.set(schema, decoder)
  }
  return decoder as (input: unknown) => Either.Either<A, ParseResult.ParseError>
}

const retryableIdempotent = isRetryable(true)
const retryableOther = isRetryable(false)

const timeoutError = (what: string, duration: Duration.Duration) =>
  new SDKError({ reason: "Timeout", message: `${what} did not complete within ${Duration.format(duration)}` })

const make: Effect.Effect<ClerkClientService, never, HttpClient.HttpClient | ClerkConfig | Scope.Scope> = Effect.gen(
  function* () {
    const config = yield* ClerkConfig
    // How attempts reach Clerk, chosen once: see internal/exchange.ts.
    const exchange = exchangeFor(yield* HttpClient.HttpClient, config.tracePropagation)
    const limiter =
      config.rateLimit === undefined
        ? undefined
        : yield* SlidingWindowLimiter.make(config.rateLimit.limit, config.rateLimit.interval)
    const baseUrl = `${config.apiUrl}/${config.apiVersion}/`
    const headers = clerkHeadersOf(config)
    const optionsOf = makeOptionsResolver(config)

    const request = <A, I>(spec: ClerkRequest<A, I>): Effect.Effect<A, ClerkError> =>
      Effect.withFiberRuntime((fiber) => {
        if (!recordsSpans(fiber)) return perform(spec, fiber, undefined)
        return Effect.useSpan(
          `clerk.${spec.operation}`,
          { attributes: spec.attributes ?? {}, captureStackTrace: false },
          (span) => Effect.withParentSpan(perform(spec, fiber, span), span)
        )
      })

    // One operation: attempts within the deadline, retried by policy, recorded at the end.
    const perform = <A, I>(
      spec: ClerkRequest<A, I>,
      fiber: Fiber.RuntimeFiber<unknown, unknown>,
      span: Tracer.Span | undefined
    ): Effect.Effect<A, ClerkError> => {
      const options = optionsOf(fiber)
      if (options instanceof SDKError) return Effect.fail(options)
      const wire = toWireRequest(baseUrl, headers, spec)
      const decode = decoderFor(spec.success)
      const clock = clockOf(fiber)
      const now = () => clock.unsafeCurrentTimeMillis()
      const parent = span ?? fiber.currentSpan
      // The abort of the attempt in flight, called if the operation is interrupted (see `InFlight`).
      const inFlight: InFlight = { abort: undefined }

      // The deadline: what is left of it bounds every attempt, every wait for
      // a rate-limit permit and every backoff wait.
      const budget = new OperationBudget(now, Duration.toMillis(options.deadline), Duration.toMillis(options.timeout))
      const deadlineError = () => {
        budget.reachDeadline()
        return timeoutError(`${spec.operation} (all attempts)`, options.deadline)
      }

      // The answer of one attempt: decoded on 2xx, an error otherwise.
      const interpret = (answer: Answer): Effect.Effect<A, ClerkError> => {
        span?.attribute("http.response.status_code", answer.status)
        return isSuccess(answer.status)
          ? decodeSuccessText(answer.status, answer.text, decode)
          : Effect.fail(failureFromText(answer.status, answer.header, answer.text, now()))
      }

      // One attempt, timed by whichever ends first: its own timeout or the deadline.
      const exchanged = Effect.suspend(() => {
        const timer = budget.startAttempt()
        if (timer === undefined) return Effect.fail(deadlineError())
        return exchange(
          wire,
          {
            millis: timer.millis,
            onTimeout: () => (timer.deadlineFirst ? deadlineError() : timeoutError("The attempt", options.timeout)),
            clock,
            span: parent,
            // The operation opens its own span exactly when the fiber's tracer records spans.
            recordsSpans: span !== undefined,
            inFlight
          },
          interpret
        )
      })
      // Waiting for a rate-limit permit counts against the deadline, not the attempt.
      const attempt =
        limiter === undefined
          ? exchanged
          : Effect.suspend(() =>
              Effect.zipRight(
                Effect.timeoutFail(limiter.acquire, {
                  duration: Math.max(0, budget.remaining()),
                  onTimeout: deadlineError
                }),
                exchanged
              )
            )

      const retryable = spec.idempotent ? retryableIdempotent : retryableOther
      const run = retrying(
        attempt,
        options.schedule,
        (error) => !budget.deadlineReached() && retryable(error),
        () => budget.remaining()
      )
      // However the operation ends: an attempt still in flight (only an
      // interruption leaves one) is aborted, and the operation is recorded.
      const ended = (exit: Exit.Exit<A, ClerkError>) => {
        inFlight.abort?.()
        recordOperation({
          operation: spec.operation,
          exit,
          attempts: budget.attempts(),
          millis: budget.elapsed(),
          fiber,
          span
        })
        return exit
      }
      // What `Effect.onExit` does, with the cleanup run in place: `onExit`
      // would add an exit value, a `sync` and a `zipRight` to every call.
      return Effect.uninterruptibleMask((restore) =>
        Effect.matchCauseEffect(restore(run), {
          onFailure: (cause) => ended(Exit.failCause(cause)),
          onSuccess: (value) => ended(Exit.succeed(value))
        })
      )
    }

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
