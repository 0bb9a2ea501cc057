/**
 * The effect-3 edition's adapter to the shared behaviour cases
 * (`@clerk-effect/behaviour-cases`): it calls this edition's `Sessions` for
 * a case's {@link Call}, turns the `Exit` into the cases' plain
 * {@link Outcome}, and runs an exchange on the recording transport.
 */
import type { Call } from "@clerk-effect/behaviour-cases/calls"
import type { ExchangeCase, Observed, Outcome } from "@clerk-effect/behaviour-cases/outcomes"
import type { StreamCase, StreamObserved } from "@clerk-effect/behaviour-cases/stream"
import * as Cause from "effect/Cause"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import type { ClerkConfigOptions } from "../../src/ClerkConfig.js"
import { type ClerkError, ClerkErrors, SDKError } from "../../src/Errors.js"
import { Sessions } from "../../src/Sessions.js"
import type { StreamSessionsParams } from "../../src/SessionsParams.js"
import { RecordingHttp, withRecorder } from "./RecordingHttpClient.js"

/** The arguments of a case are plain values, deliberately wrong at times: the types are the case's business. */
const loose = <A>(value: unknown): A => value as A

/**
 * `call` on this edition's `Sessions`: by default through the service's
 * methods; `"accessor"` through the static accessors (`Sessions.get(id)`),
 * an effect-3 form that the effect-4 edition does not have.
 */
export const run = (
  call: Call,
  form: "service" | "accessor" = "service"
): Effect.Effect<unknown, ClerkError, Sessions> => {
  if (form === "accessor") {
    switch (call.op) {
      case "list":
        return Sessions.list(loose(call.args[0]))
      case "stream":
        return Stream.runCollect(Sessions.stream(loose(call.args[0])))
      case "create":
        return Sessions.create(loose(call.args[0]))
      case "get":
        return Sessions.get(call.args[0])
      case "revoke":
        return Sessions.revoke(call.args[0])
      case "refresh":
        return Sessions.refresh(call.args[0], loose(call.args[1]))
      case "createToken":
        return call.args.length > 1
          ? Sessions.createToken(call.args[0], loose(call.args[1]))
          : Sessions.createToken(call.args[0])
      case "createTokenFromTemplate":
        return call.args.length > 2
          ? Sessions.createTokenFromTemplate(call.args[0], call.args[1], loose(call.args[2]))
          : Sessions.createTokenFromTemplate(call.args[0], call.args[1])
      case "verify":
        return Sessions.verify(call.args[0], loose(call.args[1]))
    }
  }
  return Effect.flatMap(Sessions, (sessions): Effect.Effect<unknown, ClerkError> => {
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
}

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
  if (Cause.isDie(exit.cause)) return { _tag: "Defect", detail: Cause.pretty(exit.cause) }
  const failure = Cause.failureOption(exit.cause)
  if (Option.isSome(failure)) return errorOutcome(failure.value)
  if (Cause.isInterrupted(exit.cause)) return { _tag: "Interrupted" }
  return { _tag: "Defect", detail: Cause.pretty(exit.cause) }
}

export interface Exchanged extends Observed {
  readonly exit: Exit.Exit<unknown, ClerkError>
}

/**
 * Runs a case's call once on the current recorder (its replies scripted
 * first, the TestClock set first when the case says so).
 */
export const exchangeIn = (
  c: Pick<ExchangeCase, "call" | "replies" | "clockAt">,
  form: "service" | "accessor" = "service"
): Effect.Effect<Exchanged, never, Sessions | RecordingHttp> =>
  Effect.gen(function* () {
    const recorder = yield* RecordingHttp
    const before = recorder.requests.length
    if (c.clockAt !== undefined) yield* TestClock.setTime(c.clockAt)
    recorder.replies.push(...c.replies())
    const exit = yield* Effect.exit(run(c.call, form))
    return { exit, outcome: outcomeOf(exit), requests: recorder.requests.length - before }
  })

/** {@link exchangeIn} on a fresh recording `Sessions` layer (retries off unless `config` says otherwise). */
export const exchange = (
  c: Pick<ExchangeCase, "call" | "replies" | "clockAt">,
  config: Partial<ClerkConfigOptions> = {}
) => withRecorder(exchangeIn(c), config)

/**
 * Runs a stream case on the current recorder: through the service's
 * methods, or (`"accessor"`) through `Sessions.stream` / `Sessions.streamPages`.
 */
export const streamIn = (
  c: StreamCase,
  form: "service" | "accessor" = "service"
): Effect.Effect<StreamObserved, never, Sessions | RecordingHttp> =>
  Effect.gen(function* () {
    const recorder = yield* RecordingHttp
    recorder.replies.push(...c.replies())
    const emitted: Array<unknown> = []
    const walk = <R>(stream: Stream.Stream<unknown, ClerkError, R>) =>
      Stream.runForEach(c.take === undefined ? stream : Stream.take(stream, c.take), (element) =>
        Effect.sync(() => emitted.push(element))
      )
    const params = loose<StreamSessionsParams>(c.params)
    const exit = yield* Effect.exit(
      form === "accessor"
        ? walk<Sessions>(c.op === "stream" ? Sessions.stream(params) : Sessions.streamPages(params))
        : Effect.flatMap(Sessions, (sessions) =>
            walk(c.op === "stream" ? sessions.stream(params) : sessions.streamPages(params))
          )
    )
    return { emitted, outcome: outcomeOf(exit), urls: recorder.requests.map((request) => request.url.href) }
  })
