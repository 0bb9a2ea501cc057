/**
 * The one HTTP core every Clerk resource uses: URL building, bearer auth, the
 * version header, JSON bodies, response decoding by status, the deadline,
 * retries, the rate limiter, spans and metrics, and the mapping of every
 * failure into {@link ClerkErrors} or {@link SDKError}. A resource module
 * describes requests; it holds no HTTP plumbing.
 *
 * @since 0.1.0
 */
import { OperationBudget } from "@clerk-effect/core/budget"
import type { RequestDescription } from "@clerk-effect/core/wire"
import { clerkHeaders, isSuccess, toWireRequest } from "@clerk-effect/core/wire"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as References from "effect/References"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import * as Tracer from "effect/Tracer"
import { ClerkConfig, CurrentRequestOptions } from "./ClerkConfig.js"
import type { ClerkErrors } from "./Errors.js"
import { type ClerkError, SDKError } from "./Errors.js"
import type { Answer } from "./internal/exchange.js"
import { exchangeFor } from "./internal/exchange.js"
import { recordOperation } from "./internal/operationMetrics.js"
import { makeOptionsResolver } from "./internal/requestOptions.js"
import type { Decoder } from "./internal/responses.js"
import { decodeSuccessText, failureFromText } from "./internal/responses.js"
import { isRetryable, retrying } from "./internal/retryPolicy.js"
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
  readonly success: Schema.Codec<A, I>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface ClerkClientService {
  /** Sends one request (with retries, timeouts and rate limiting as configured) and decodes its answer. */
  readonly request: <A, I>(request: ClerkRequest<A, I>) => Effect.Effect<A, ClerkErrors | SDKError>
}

/**
 * Encodes a request body with its schema (camelCase in, snake_case out). A
 * value the schema rejects is `SDKError` `InvalidInput`, before any request.
 *
 * @since 0.1.0
 * @category utils
 */
export const encodeBody = <A, I>(schema: Schema.Codec<A, I>) => {
  const encode = Schema.encodeUnknownResult(schema)
  return (value: A): Effect.Effect<I, SDKError> => {
    const encoded = encode(value)
    return Result.isSuccess(encoded)
      ? Effect.succeed(encoded.success)
      : Effect.fail(
          new SDKError({
            reason: "InvalidInput",
            field: "body",
            message: `Invalid request body: ${encoded.failure.message}`
          })
        )
  }
}

// Building a decoder walks the schema's AST; do it once per schema, not per call.
const decoders = new WeakMap<object, Decoder<unknown>>()
const decoderFor = <A, I>(schema: Schema.Codec<A, I>): Decoder<A> => {
  let decoder = decoders.get(schema)
  if (decoder === undefined) {
    // `reportInput`: a failure says what kind of value it found (see internal/responses.ts).
    decoder = Schema.decodeUnknownResult(schema, { reportInput: true }) as Decoder<unknown>
    decoders.set(schema, decoder)
  }
  return decoder as Decoder<A>
}

// Effect's default tracer keeps its spans nowhere: nothing exports them and
// nothing reads them after the operation. Opening one costs about 9 µs a
// call (a third of the core's own cost), so an operation opens its span only
// for a tracer that records it (OpenTelemetry, any Tracer.make). The default
// is read once; identity tells it from a user's own.
let defaultTracer: Tracer.Tracer | undefined
const effectDefaultTracer = (): Tracer.Tracer => {
  if (defaultTracer === undefined) defaultTracer = Effect.runSync(Effect.tracer)
  return defaultTracer
}
const recordsSpans = (fiber: { readonly getRef: <A>(ref: Context.Reference<A>) => A }): boolean =>
  fiber.getRef(References.TracerEnabled) && fiber.getRef(Tracer.Tracer) !== effectDefaultTracer()

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
    // The one place the secret key leaves its `Redacted`: the `authorization`
    // value of these headers. No error of the SDK ever carries a request.
    const headers = clerkHeaders({
      secretKey: Redacted.value(config.secretKey),
      clerkApiVersion: config.clerkApiVersion,
      userAgent: config.userAgent
    })
    const optionsOf = makeOptionsResolver(config)

    const request = <A, I>(spec: ClerkRequest<A, I>): Effect.Effect<A, ClerkError> =>
      Effect.withFiber((fiber) =>
        recordsSpans(fiber)
          ? Effect.useSpan(`clerk.${spec.operation}`, { attributes: spec.attributes ?? {}, kind: "client" }, (span) =>
              Effect.withParentSpan(perform(spec, span), span)
            )
          : perform(spec, undefined)
      )

    // One operation: attempts within the deadline, retried by policy, recorded at the end.
    const perform = <A, I>(spec: ClerkRequest<A, I>, span: Tracer.Span | undefined): Effect.Effect<A, ClerkError> =>
      Effect.withFiber((fiber) => {
        const options = optionsOf(fiber.getRef(CurrentRequestOptions))
        if (options instanceof SDKError) return Effect.fail(options)
        const wire = toWireRequest(baseUrl, headers, spec)
        const decode = decoderFor(spec.success)
        const clock = fiber.getRef(Clock.Clock)
        const now = () => clock.currentTimeMillisUnsafe()
        // A propagated trace context descends from our span, else from the caller's.
        const parent = span ?? Context.getOrUndefined(fiber.context, Tracer.ParentSpan)

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
          return Effect.flatMap(
            exchange(wire, {
              millis: timer.millis,
              onTimeout: () => (timer.deadlineFirst ? deadlineError() : timeoutError("The attempt", options.timeout)),
              span: parent,
              // The operation opens its own span exactly when the fiber's tracer records spans.
              recordsSpans: span !== undefined
            }),
            interpret
          )
        })
        // Waiting for a rate-limit permit counts against the deadline, not the attempt.
        const attempt =
          limiter === undefined
            ? exchanged
            : Effect.suspend(() =>
                Effect.andThen(
                  Effect.timeoutOrElse(limiter.acquire, {
                    duration: Math.max(0, budget.remaining()),
                    orElse: () => Effect.fail(deadlineError())
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
        return Effect.onExit(run, (exit) =>
          Effect.sync(() =>
            recordOperation({
              operation: spec.operation,
              exit,
              attempts: budget.attempts(),
              millis: budget.elapsed(),
              context: fiber.context,
              span
            })
          )
        )
      })

    return { request }
  }
)

/**
 * The HTTP core shared by every Clerk resource service. A resource layer
 * requires it rather than building it (as effect 4's `@effect/ai-openai`
 * models require `OpenAiClient`), so an application has one client: one
 * rate limiter, one set of metrics.
 *
 * @since 0.1.0
 * @category services
 */
export class ClerkClient extends Context.Service<ClerkClient, ClerkClientService>()(
  "@clerk-effect/backend-effect4/ClerkClient",
  { make }
) {
  /**
   * Needs an `HttpClient` (`FetchHttpClient`, `FetchTransport`,
   * `NodeTransport`, a test double...) and a `ClerkConfig`.
   *
   * @since 0.1.0
   */
  static readonly layer: Layer.Layer<ClerkClient, never, HttpClient.HttpClient | ClerkConfig> = Layer.effect(
    ClerkClient,
    make
  )
}
