/**
 * The effect-4 edition's adapter to the shared behaviour cases
 * (`@clerk-effect/behaviour-cases`): a recording `HttpClient` that answers
 * with the cases' replies, on either of the core's two exchanges; a case's
 * {@link Call} on this edition's `Sessions`; its `Exit` as the cases' plain
 * {@link Outcome}.
 */
import type { Call } from "@clerk-effect/behaviour-cases/calls"
import { type ExchangeCase, type Observed, type Outcome, viewOf } from "@clerk-effect/behaviour-cases/outcomes"
import { SECRET } from "@clerk-effect/behaviour-cases/redaction"
import { type RecordedRequest, type Reply, toResponse, unscripted } from "@clerk-effect/behaviour-cases/replies"
import type { StreamCase, StreamObserved } from "@clerk-effect/behaviour-cases/stream"
import type { Send } from "@clerk-effect/core/wire"
import { Cause, type Context, Duration, Effect, Exit, Layer, Option, Redacted, Stream } from "effect"
import { HttpClient, HttpClientError, type HttpClientRequest, HttpClientResponse } from "effect/http"
import { TestClock } from "effect/testing"
import { ClerkConfig, type ClerkConfigOptions } from "../../src/ClerkConfig.js"
import { type ClerkError, ClerkErrors, SDKError } from "../../src/Errors.js"
import { toPlatformRequest, withDirectSend } from "../../src/internal/exchange.js"
import { Sessions } from "../../src/Sessions.js"
import type { StreamSessionsParams } from "../../src/SessionsParams.js"

export { SECRET }

/**
 * Which of the core's exchanges a run tests: `platform` (any `HttpClient`,
 * through `HttpClient.execute`) or `direct` (a transport's `Send`, the path
 * of NodeTransport and FetchTransport). Every behaviour suite runs on both.
 */
export type ExchangeKind = "platform" | "direct"
export const EXCHANGES: ReadonlyArray<ExchangeKind> = ["platform", "direct"]

/** The requests a double saw, and the replies it has left (then {@link unscripted} answers). */
export interface Recorder {
  readonly requests: Array<RecordedRequest>
  readonly replies: Array<Reply>
}

const bodyText = (request: HttpClientRequest.HttpClientRequest): string | undefined => {
  switch (request.body._tag) {
    case "Empty":
      return undefined
    case "Uint8Array":
      return new TextDecoder().decode(request.body.body)
    case "Raw":
      return String(request.body.body)
    default:
      return `<${request.body._tag} body>`
  }
}

/** A double that records every request and answers from `recorder`. */
export const recordingClient = (recorder: Recorder): HttpClient.HttpClient =>
  HttpClient.make((request, url) =>
    Effect.suspend(() => {
      recorder.requests.push({
        method: request.method,
        url: url.href,
        headers: { ...request.headers },
        body: bodyText(request),
        contentType: request.body._tag === "Empty" ? undefined : request.body.contentType
      })
      const reply = recorder.replies.shift() ?? unscripted
      switch (reply._tag) {
        case "Hang":
          return Effect.never
        case "TransportError":
          return Effect.fail(
            new HttpClientError.HttpClientError({
              reason: new HttpClientError.TransportError({ request, cause: reply.error })
            })
          )
        default:
          return Effect.succeed(HttpClientResponse.fromWeb(request, toResponse(reply)))
      }
    })
  )

/**
 * A double's `HttpClient` as a direct {@link Send}: the double answers in a
 * fiber of the test's context (its TestClock included), and the Send
 * reports what a real transport would: a whole answer, `NotAnswered` for a
 * request that failed, `BodyFailed` for a body that broke off. Aborting
 * interrupts that fiber.
 */
const sendThrough =
  (client: HttpClient.HttpClient, context: Context.Context<never>): Send =>
  (request, done) => {
    const fiber = Effect.runForkWith(context)(
      Effect.matchEffect(
        // A transport adds no trace context of its own: the direct exchange sends the SDK's, when configured.
        Effect.provideService(client.execute(toPlatformRequest(request)), HttpClient.TracerPropagationEnabled, false),
        {
          onFailure: (error) => Effect.sync(() => done({ _tag: "NotAnswered", cause: error.reason.cause ?? error })),
          onSuccess: (response) =>
            Effect.match(response.text, {
              onFailure: (error) =>
                done({ _tag: "BodyFailed", status: response.status, cause: error.reason.cause ?? error }),
              onSuccess: (text) =>
                done({ _tag: "Answered", status: response.status, header: (name) => response.headers[name], text })
            })
        }
      )
    )
    return () => fiber.interruptUnsafe()
  }

/** The `HttpClient` layer of a double, on the exchange `kind`. */
export const onExchange = (kind: ExchangeKind, client: HttpClient.HttpClient): Layer.Layer<HttpClient.HttpClient> =>
  kind === "platform"
    ? Layer.succeed(HttpClient.HttpClient, client)
    : Layer.effect(
        HttpClient.HttpClient,
        Effect.map(Effect.context<never>(), (context) => withDirectSend(client, sendThrough(client, context)))
      )

/** The cases' config options are plain values (durations as strings or ms): this edition reads them as they are. */
export const configOptions = (plain: object | undefined): Partial<ClerkConfigOptions> =>
  (plain ?? {}) as Partial<ClerkConfigOptions>

/**
 * `Sessions` on a fresh recording double, with the shared cases' key; retries
 * off unless `config` says otherwise (each case scripts its exchange and
 * counts the requests; retries have their own suite).
 */
export const recordingSessions = (kind: ExchangeKind, config: object = {}) => {
  const recorder: Recorder = { requests: [], replies: [] }
  const layer = Sessions.layer.pipe(
    Layer.provide(ClerkConfig.layer({ secretKey: Redacted.make(SECRET), retry: false, ...configOptions(config) })),
    Layer.provide(onExchange(kind, recordingClient(recorder)))
  )
  return { recorder, layer }
}

/** The arguments of a case are plain values, deliberately wrong at times: the types are the case's business. */
const loose = <A>(value: unknown): A => value as A

/** `call` on this edition's `Sessions` (the service's methods; effect 4 has no generated accessors). */
export const run = (call: Call): Effect.Effect<unknown, ClerkError, Sessions> =>
  Sessions.use((sessions): Effect.Effect<unknown, ClerkError> => {
    switch (call.op) {
      case "list":
        return sessions.list(loose(call.args[0]))
      case "stream":
        return Stream.runCollect(sessions.stream(loose(call.args[0])))
      case "create":
        return sessions.create(loose(call.args[0]))
      case "get":
        return sessions.get(call.args[0])
      case "revoke":
        return sessions.revoke(call.args[0])
      case "refresh":
        return sessions.refresh(call.args[0], loose(call.args[1]))
      case "createToken":
        return call.args.length > 1
          ? sessions.createToken(call.args[0], loose(call.args[1]))
          : sessions.createToken(call.args[0])
      case "createTokenFromTemplate":
        return call.args.length > 2
          ? sessions.createTokenFromTemplate(call.args[0], call.args[1], loose(call.args[2]))
          : sessions.createTokenFromTemplate(call.args[0], call.args[1])
      case "verify":
        return sessions.verify(call.args[0], loose(call.args[1]))
    }
  })

const millis = (duration: Duration.Duration | undefined) =>
  duration === undefined ? undefined : Duration.toMillis(duration)

/** A typed failure of this edition as the cases' plain outcome. */
export const errorOutcome = (error: unknown): Outcome => {
  if (error instanceof ClerkErrors) {
    return {
      _tag: "ClerkErrors",
      status: error.status,
      errors: error.errors,
      codes: error.codes,
      meta: error.meta,
      clerkTraceId: error.clerkTraceId,
      retryAfterMillis: millis(error.retryAfter),
      message: error.message
    }
  }
  if (error instanceof SDKError) {
    return {
      _tag: "SDKError",
      reason: error.reason,
      status: error.status,
      body: error.body,
      field: error.field,
      retryAfterMillis: millis(error.retryAfter),
      message: error.message,
      cause: error.cause
    }
  }
  return { _tag: "Defect", detail: `a failure that is neither ClerkErrors nor SDKError: ${String(error)}` }
}

/** An `Exit` as the cases' plain outcome: a defect or an interruption is an outcome too (and never expected). */
export const outcomeOf = (exit: Exit.Exit<unknown, unknown>): Outcome => {
  if (Exit.isSuccess(exit)) return { _tag: "Success", value: exit.value }
  if (Cause.hasDies(exit.cause)) return { _tag: "Defect", detail: Cause.pretty(exit.cause) }
  const failure = Cause.findErrorOption(exit.cause)
  if (Option.isSome(failure)) return errorOutcome(failure.value)
  if (Cause.hasInterrupts(exit.cause)) return { _tag: "Interrupted" }
  return { _tag: "Defect", detail: Cause.pretty(exit.cause) }
}

export interface Exchanged extends Observed {
  /** A failure of the config layer (a `ConfigError`) would show here too: never expected. */
  readonly exit: Exit.Exit<unknown, unknown>
  readonly recorder: Recorder
}

/**
 * Runs a case's call once on a fresh recording `Sessions` (its replies
 * scripted first, the TestClock set first when the case says so).
 */
export const exchange = (
  kind: ExchangeKind,
  c: Pick<ExchangeCase, "call" | "replies" | "clockAt">,
  config: object = {}
): Effect.Effect<Exchanged> =>
  Effect.gen(function* () {
    const { layer, recorder } = recordingSessions(kind, config)
    if (c.clockAt !== undefined) yield* TestClock.setTime(c.clockAt)
    recorder.replies.push(...c.replies())
    const exit = yield* Effect.exit(Effect.provide(run(c.call), layer))
    return { exit, outcome: outcomeOf(exit), requests: recorder.requests.length, recorder }
  })

/** Runs a case on `kind` and returns what it showed and what it should have, for one `deepStrictEqual`. */
export const viewOfCase = (kind: ExchangeKind, c: ExchangeCase, config: object = {}) =>
  Effect.map(exchange(kind, c, config), (observed) => viewOf(observed, c.expect))

/** Runs a stream case on a fresh recording `Sessions`, through the service's methods. */
export const streamCase = (kind: ExchangeKind, c: StreamCase): Effect.Effect<StreamObserved> =>
  Effect.gen(function* () {
    const { layer, recorder } = recordingSessions(kind)
    recorder.replies.push(...c.replies())
    const emitted: Array<unknown> = []
    const params = loose<StreamSessionsParams>(c.params)
    const exit = yield* Effect.exit(
      Effect.provide(
        Sessions.use((sessions) => {
          const stream: Stream.Stream<unknown, ClerkError> =
            c.op === "stream" ? sessions.stream(params) : sessions.streamPages(params)
          return Stream.runForEach(c.take === undefined ? stream : Stream.take(stream, c.take), (element) =>
            Effect.sync(() => emitted.push(element))
          )
        }),
        layer
      )
    )
    return { emitted, outcome: outcomeOf(exit), urls: recorder.requests.map((request) => request.url) }
  })
