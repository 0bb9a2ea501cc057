/**
 * The one HTTP core every Clerk resource uses: URL building, bearer auth, the
 * version header, JSON bodies, response decoding by status, and the mapping of
 * every failure into {@link ClerkErrors} or {@link SDKError}. A resource module
 * describes requests; it holds no HTTP plumbing.
 *
 * @since 0.1.0
 */
import type * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpTraceContext from "@effect/platform/HttpTraceContext"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"
import * as FiberRef from "effect/FiberRef"
import * as Layer from "effect/Layer"
import * as Metric from "effect/Metric"
import * as MetricKey from "effect/MetricKey"
import type * as MetricKeyType from "effect/MetricKeyType"
import type * as ParseResult from "effect/ParseResult"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import * as Tracer from "effect/Tracer"
import type { ClerkConfigService, RequestOptions, RetryOptions } from "./ClerkConfig.js"
import { ClerkConfig, currentRequestOptions, DEFAULT_RETRY } from "./ClerkConfig.js"
import type { ClerkError } from "./Errors.js"
import { SDKError } from "./Errors.js"
import { clerkHttpClient, clerkRequests } from "./internal/authenticatedClient.js"
import { requestOptionsProblems } from "./internal/configValidation.js"
import { makeResponseDecoder } from "./internal/fastDecode.js"
import type { LeanTimeout } from "./internal/leanExchange.js"
import { leanExchangeOf } from "./internal/leanExchange.js"
import { durationKey, requestsKey, retriesKey } from "./internal/metricKeys.js"
import { decodeSuccessText, failureFromText, fromRequestError, isSuccess, readText } from "./internal/responses.js"
import { backoffSchedule, isRetryable } from "./internal/retryPolicy.js"
import * as SlidingWindowLimiter from "./internal/slidingWindowLimiter.js"

/**
 * A request described by a resource module.
 *
 * @since 0.1.0
 * @category models
 */
export interface ClerkRequest<A, I> {
  /** Name used in spans and metrics, e.g. `sessions.get`. */
  readonly operation: string
  /**
   * Whether sending the request twice is harmless. Decides the retry policy:
   * idempotent requests retry on 408/429/5xx, timeouts and transport errors;
   * the others only on 429 and on failures before the request was sent.
   */
  readonly idempotent: boolean
  readonly method: "GET" | "POST"
  /** URL segments after `{apiUrl}/{apiVersion}`, each already validated and percent-encoded. */
  readonly path: ReadonlyArray<string>
  /** Query parameters; `undefined` values are left out. */
  readonly urlParams?: Readonly<Record<string, string | number | boolean | undefined>> | undefined
  /** An already-encoded JSON body (see {@link encodeBody}); `undefined` sends no body at all. */
  readonly body?: unknown
  /** The schema of a 2xx body. */
  readonly success: Schema.Schema<A, I>
  /** Attributes of the operation's span (e.g. `clerk.session_id`), when a span is opened. */
  readonly attributes?: Readonly<Record<string, string>> | undefined
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

/** The retry schedule for a retry setting; `undefined` when retries are off. */
const scheduleFor = (retry: false | RetryOptions): Schedule.Schedule<unknown, ClerkError> | undefined => {
  if (retry === false) return undefined
  if (retry.schedule !== undefined) return retry.schedule
  return backoffSchedule({
    maxAttempts: retry.maxAttempts ?? DEFAULT_RETRY.maxAttempts,
    baseDelay: Duration.decode(retry.baseDelay ?? DEFAULT_RETRY.baseDelay),
    maxDelay: Duration.decode(retry.maxDelay ?? DEFAULT_RETRY.maxDelay),
    maxRetryAfter: Duration.decode(retry.maxRetryAfter ?? DEFAULT_RETRY.maxRetryAfter),
    jitter: retry.jitter ?? DEFAULT_RETRY.jitter
  })
}

interface ResolvedOptions {
  readonly schedule: Schedule.Schedule<unknown, ClerkError> | undefined
  readonly timeout: Duration.Duration
  readonly deadline: Duration.Duration
}

const resolve = (config: ClerkConfigService, overrides: RequestOptions): ResolvedOptions => ({
  schedule: scheduleFor(
    overrides.retry === undefined
      ? config.retry
      : overrides.retry === false || config.retry === false
        ? overrides.retry
        : { ...config.retry, ...overrides.retry }
  ),
  timeout: overrides.timeout === undefined ? config.timeout : Duration.decode(overrides.timeout),
  deadline: overrides.deadline === undefined ? config.deadline : Duration.decode(overrides.deadline)
})

const outcomeOf = (exit: Exit.Exit<unknown, ClerkError>): string => {
  if (Exit.isSuccess(exit)) return "success"
  const failure = exit.cause._tag === "Fail" ? exit.cause.error : undefined
  if (failure === undefined) return "interrupted_or_defect"
  return failure._tag === "ClerkErrors" ? "ClerkErrors" : `SDKError.${failure.reason}`
}

const retryableIdempotent = isRetryable(true)
const retryableOther = isRetryable(false)

type Recorder = Pick<Metric.Metric<unknown, number, unknown>, "unsafeUpdate">

interface OperationMetrics {
  readonly requests: (outcome: string) => Recorder
  readonly retries: Recorder
  readonly duration: Recorder
}

// Each metric of each (operation, outcome) is keyed once, tags included: a
// `Metric.tagged` metric builds a new key (tag array, hash, registry lookup)
// on every update, which was a few percent of a call.
const keyed = <Type extends MetricKeyType.MetricKeyType<number, unknown>>(
  key: MetricKey.MetricKey<Type>,
  operation: string,
  outcome?: string
): Recorder => {
  const byOperation = MetricKey.tagged(key, "operation", operation)
  return Metric.fromMetricKey(
    outcome === undefined ? byOperation : MetricKey.tagged(byOperation, "outcome", outcome)
  ) as Recorder
}
const operationMetrics = new Map<string, OperationMetrics>()
const metricsFor = (operation: string): OperationMetrics => {
  let metrics = operationMetrics.get(operation)
  if (metrics === undefined) {
    const byOutcome = new Map<string, Recorder>()
    metrics = {
      requests: (outcome) => {
        let counter = byOutcome.get(outcome)
        if (counter === undefined) {
          counter = keyed(requestsKey, operation, outcome)
          byOutcome.set(outcome, counter)
        }
        return counter
      },
      retries: keyed(retriesKey, operation),
      duration: keyed(durationKey, operation)
    }
    operationMetrics.set(operation, metrics)
  }
  return metrics
}

const timeoutError = (what: string, duration: Duration.Duration) =>
  new SDKError({ reason: "Timeout", message: `${what} did not complete within ${Duration.format(duration)}` })

// Effect's default services, read once. Identity against them is what
// tells the defaults apart from a user's own: comparing classes would not,
// since a process may hold several copies of effect (bundles, duplicated
// installs) while sharing one set of default services between them.
let defaultServices: { readonly clock: Clock.Clock; readonly tracer: Tracer.Tracer } | undefined
const effectDefaults = () =>
  (defaultServices ??= Effect.runSync(Effect.all({ clock: Effect.clock, tracer: Effect.tracer })))

// On the default (live) clock, timers are plain `setTimeout`s, which a lean
// transport can own. Any other clock (TestClock, a user's own) gets Effect's
// timeout, so that time stays entirely that clock's.
const isLiveClock = (clock: Clock.Clock) => clock === effectDefaults().clock

// Effect's default tracer keeps its spans nowhere: nothing exports them and
// nothing reads them after the operation. Opening one cost about as much as
// the rest of the core together (ids, clock, context copy), so operations
// open their span only for a tracer that records it (OpenTelemetry, any
// Tracer.make); see docs/tracing.md.
const recordsSpans = (fiber: Fiber.RuntimeFiber<unknown, unknown>): boolean =>
  fiber.getFiberRef(FiberRef.currentTracerEnabled) &&
  Context.get(fiber.currentDefaultServices, Tracer.Tracer) !== effectDefaults().tracer

const make: Effect.Effect<ClerkClientService, never, HttpClient.HttpClient | ClerkConfig | Scope.Scope> = Effect.gen(
  function* () {
    const config = yield* ClerkConfig
    const baseUrl = `${config.apiUrl}/${config.apiVersion}/`
    const rateLimit = config.rateLimit
    const limiter =
      rateLimit === undefined ? undefined : yield* SlidingWindowLimiter.make(rateLimit.limit, rateLimit.interval)
    const httpClient = yield* HttpClient.HttpClient
    // Our own transports (FetchTransport, NodeTransport) offer a lean path;
    // any other HttpClient, or one of ours wrapped by the user, is used as is.
    const lean = leanExchangeOf(httpClient)
    const client = clerkHttpClient(httpClient, config)
    const requests = clerkRequests(config)
    const configured = resolve(config, {})

    const request = <A, I>(spec: ClerkRequest<A, I>): Effect.Effect<A, ClerkError> =>
      Effect.withFiberRuntime((fiber) => {
        if (!recordsSpans(fiber)) return perform(spec, fiber, undefined)
        return Effect.useSpan(
          `clerk.${spec.operation}`,
          { attributes: spec.attributes ?? {}, captureStackTrace: false },
          (span) => Effect.withParentSpan(perform(spec, fiber, span), span)
        )
      })

    // One operation: the attempts, their timers, retries, and what is recorded
    // of it on `span` (the operation's own, or none) and in the metrics.
    const perform = <A, I>(
      spec: ClerkRequest<A, I>,
      fiber: Fiber.RuntimeFiber<unknown, unknown>,
      span: Tracer.Span | undefined
    ): Effect.Effect<A, ClerkError> => {
      const overrides = fiber.getFiberRef(currentRequestOptions)
      let options = configured
      if (Object.keys(overrides).length > 0) {
        const problems = requestOptionsProblems(overrides)
        if (problems.length > 0) {
          return Effect.fail(
            new SDKError({
              reason: "InvalidInput",
              field: "requestOptions",
              message: `Invalid input: withRequestOptions: ${problems.join("; ")}`
            })
          )
        }
        options = resolve(config, overrides)
      }
      let httpRequest = HttpClientRequest.setUrl(requests[spec.method], baseUrl + spec.path.join("/"))
      if (spec.urlParams !== undefined) {
        for (const key in spec.urlParams) {
          const value = spec.urlParams[key]
          if (value !== undefined) httpRequest = HttpClientRequest.setUrlParam(httpRequest, key, String(value))
        }
      }
      if (spec.body !== undefined) httpRequest = HttpClientRequest.bodyUnsafeJson(httpRequest, spec.body)
      if (lean !== undefined && config.tracePropagation) {
        // The platform's clients propagate from their own span; the lean path has none, so it sends the operation's.
        const parent = span ?? fiber.currentSpan
        if (parent?._tag === "Span") {
          httpRequest = HttpClientRequest.setHeaders(httpRequest, HttpTraceContext.toHeaders(parent))
        }
      }
      const decode = decoderFor(spec.success)
      const operation = spec.operation
      const retryable = spec.idempotent ? retryableIdempotent : retryableOther
      const metrics = metricsFor(operation)
      const clock = Context.get(fiber.currentDefaultServices, Clock.Clock)
      const ownTimers = lean !== undefined && isLiveClock(clock)

      // The answer of one exchange, whichever path it took.
      const answered = (status: number, headers: Headers.Headers, text: string): Effect.Effect<A, ClerkError> => {
        span?.attribute("http.response.status_code", status)
        return isSuccess(status)
          ? decodeSuccessText(status, text, decode)
          : Effect.fail(failureFromText(status, headers, text, clock.unsafeCurrentTimeMillis()))
      }
      const viaHttpClient = () =>
        client.execute(httpRequest).pipe(
          Effect.catchTags({
            RequestError: (error) => Effect.fail(fromRequestError(error)),
            ResponseError: (error) =>
              Effect.fail(new SDKError({ reason: "Transport", message: error.message, status: error.response.status }))
          }),
          Effect.flatMap((response) =>
            Effect.flatMap(readText(response), (text) => answered(response.status, response.headers, text))
          )
        )
      const viaLean = (timeout: LeanTimeout<SDKError> | undefined) =>
        Effect.flatMap(lean!(httpRequest, timeout), (answer) => answered(answer.status, answer.headers, answer.text))

      const startedAt = clock.unsafeCurrentTimeMillis()
      const deadlineAt = startedAt + Duration.toMillis(options.deadline)
      const attemptMillis = Duration.toMillis(options.timeout)
      const remaining = () => deadlineAt - clock.unsafeCurrentTimeMillis()
      let attempts = 0
      let deadlineReached = false
      const deadlineError = () => {
        deadlineReached = true
        return timeoutError(`${operation} (all attempts)`, options.deadline)
      }

      // One timer per attempt, for whichever ends first: the attempt's own
      // timeout or the operation's deadline. On a lean transport with the
      // live clock the transport owns that timer (no fiber per call);
      // otherwise Effect.timeoutFail races it. Either way, the timeout
      // aborts the request: no dangling socket.
      const timedExchange = Effect.suspend(() => {
        const left = remaining()
        if (left <= 0) return Effect.fail(deadlineError())
        attempts++
        const deadlineFirst = left < attemptMillis
        const onTimeout = () => (deadlineFirst ? deadlineError() : timeoutError("The attempt", options.timeout))
        const millis = deadlineFirst ? left : attemptMillis
        if (ownTimers) return viaLean({ millis, onTimeout })
        return Effect.timeoutFail(lean === undefined ? viaHttpClient() : viaLean(undefined), {
          duration: millis,
          onTimeout
        })
      })
      // Waiting for a rate-limit permit counts against the deadline, not the attempt.
      const attempt =
        limiter === undefined
          ? timedExchange
          : Effect.suspend(() =>
              Effect.zipRight(
                Effect.timeoutFail(limiter.acquire, {
                  duration: Math.max(0, remaining()),
                  onTimeout: deadlineError
                }),
                timedExchange
              )
            )

      const shouldRetry = (error: ClerkError) => !deadlineReached && retryable(error)
      const schedule = options.schedule
      // Most calls succeed at once: the retry machinery is only set up after a
      // first retryable failure, which is replayed into the schedule so that
      // the waits are exactly those of a plain Effect.retry.
      const run =
        schedule === undefined
          ? attempt
          : Effect.catchAll(attempt, (first) => {
              if (!shouldRetry(first)) return Effect.fail(first)
              let replay: ClerkError | undefined = first
              const replaying = Effect.suspend(() => {
                if (replay === undefined) return attempt
                const error = replay
                replay = undefined
                return Effect.fail(error)
              })
              // No wait may run past the deadline: the attempt after it fails at once.
              const bounded = Schedule.modifyDelay(schedule, (_, delay) =>
                Duration.min(delay, Duration.millis(Math.max(0, remaining())))
              )
              return Effect.retry(replaying, { schedule: bounded, while: shouldRetry })
            })

      // Span attributes and metrics in one synchronous step: no Effect per
      // attribute or metric on the path every call takes.
      const record = (exit: Exit.Exit<A, ClerkError>) => {
        const outcome = outcomeOf(exit)
        const failure = Exit.isFailure(exit) && exit.cause._tag === "Fail" ? exit.cause.error : undefined
        if (span !== undefined) {
          span.attribute("clerk.operation", operation)
          span.attribute("clerk.attempts", attempts)
          if (failure !== undefined) {
            span.attribute("clerk.error", outcome)
            if (failure._tag === "ClerkErrors" && failure.clerkTraceId !== undefined) {
              span.attribute("clerk.trace_id", failure.clerkTraceId)
            }
          }
        }
        const labels = fiber.getFiberRef(FiberRef.currentMetricLabels)
        metrics.requests(outcome).unsafeUpdate(1, labels)
        metrics.duration.unsafeUpdate(clock.unsafeCurrentTimeMillis() - startedAt, labels)
        if (attempts > 1) metrics.retries.unsafeUpdate(attempts - 1, labels)
      }
      return Effect.onExit(run, (exit) => Effect.sync(() => record(exit)))
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
