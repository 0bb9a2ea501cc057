import { SECRET as SHARED_SECRET } from "@clerk-effect/behaviour-cases/redaction"
import { type Reply as CaseReply, toResponse, unscripted } from "@clerk-effect/behaviour-cases/replies"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { ClerkConfig } from "../../src/ClerkConfig.js"
import { Sessions } from "../../src/Sessions.js"
import { onTestedPath } from "./exchangePath.js"

/** What a test sees of one request: everything that went on the wire. */
export interface RecordedRequest {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  /** The body bytes as text; `undefined` when no body was sent. */
  readonly body: string | undefined
  /** The body's content type (the transport turns it into the `Content-Type` header). */
  readonly contentType: string | undefined
}

/**
 * How the fake transport answers: a web `Response`, a transport failure, or
 * never (to test timeouts); or one of the shared cases' replies, as data.
 */
export type Reply = Response | { readonly transportError: unknown } | { readonly hang: true } | CaseReply

/** A recording transport; each test scripts its answers. */
export interface Recorder {
  readonly requests: Array<RecordedRequest>
  /** Answers the next requests in order; once used up, `fallback` answers. */
  readonly replies: Array<Reply | ((request: RecordedRequest) => Reply)>
  fallback: (request: RecordedRequest) => Reply
}

export class RecordingHttp extends Context.Tag("test/RecordingHttp")<RecordingHttp, Recorder>() {}

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

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } })

export const text = (status: number, body: string, headers: Record<string, string> = {}): Response =>
  new Response(body, { status, headers })

/** A transport that records every request and answers from `recorder`. */
export const recordingClient = (recorder: Recorder) =>
  HttpClient.make((request, url) =>
    Effect.suspend(() => {
      const recorded: RecordedRequest = {
        method: request.method,
        url,
        headers: { ...request.headers },
        body: bodyText(request),
        contentType: request.body._tag === "Empty" ? undefined : request.body.contentType
      }
      recorder.requests.push(recorded)
      const next = recorder.replies.shift() ?? recorder.fallback
      const reply = typeof next === "function" ? next(recorded) : next
      if ("_tag" in reply) {
        switch (reply._tag) {
          case "Hang":
            return Effect.never
          case "TransportError":
            return Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause: reply.error }))
          default:
            return Effect.succeed(HttpClientResponse.fromWeb(request, toResponse(reply)))
        }
      }
      if ("hang" in reply) return Effect.never
      if ("transportError" in reply) {
        return Effect.fail(
          new HttpClientError.RequestError({ request, reason: "Transport", cause: reply.transportError })
        )
      }
      return Effect.succeed(HttpClientResponse.fromWeb(request, reply))
    })
  )

/**
 * A response whose body sends `firstChunk` and then breaks off, as a reset
 * connection or a cut chunked stream does.
 */
export const brokenBody = (status: number, firstChunk: string, headers: Record<string, string> = {}): Response =>
  new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(firstChunk))
      },
      pull(controller) {
        controller.error(new Error("socket hang up"))
      }
    }),
    { status, headers: { "content-type": "application/json", ...headers } }
  )

/** The key every recording layer is configured with (the redaction cases look for it). */
export const SECRET: string = SHARED_SECRET

/** Runs `effect` on a fresh recording `Sessions` layer (one recorder per call). */
export const withRecorder = <A, E, R>(
  effect: Effect.Effect<A, E, R>,
  config: Partial<Parameters<typeof ClerkConfig.layer>[0]> = {}
): Effect.Effect<A, E | ConfigError.ConfigError, Exclude<R, Sessions | RecordingHttp>> =>
  Effect.provide(effect, makeTestLayer(config))

/** A `Sessions` layer on a recording transport, with the recorder in context. */
export const makeTestLayer = (config: Partial<Parameters<typeof ClerkConfig.layer>[0]> = {}) =>
  // Retries off unless a test asks: each test here scripts one exchange and
  // asserts exactly what it sent (retry behaviour has its own tests).
  makeTestLayerWith(ClerkConfig.layer({ secretKey: Redacted.make(SECRET), retry: false, ...config }))

/** Like {@link makeTestLayer}, with any `ClerkConfig` layer (e.g. `ClerkConfig.layerConfig()`). */
export const makeTestLayerWith = <E, R>(configLayer: Layer.Layer<ClerkConfig, E, R>) => {
  const recorder: Recorder = {
    requests: [],
    replies: [],
    fallback: () => unscripted
  }
  return Layer.mergeAll(
    Sessions.layer.pipe(Layer.provide(configLayer), Layer.provide(onTestedPath(recordingClient(recorder)))),
    Layer.sync(RecordingHttp, () => {
      recorder.requests.length = 0
      recorder.replies.length = 0
      return recorder
    })
  )
}
