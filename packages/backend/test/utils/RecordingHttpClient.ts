import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { ClerkConfig } from "../../src/ClerkConfig.js"
import { Sessions } from "../../src/Sessions.js"

/** What a test sees of one request: everything that went on the wire. */
export interface RecordedRequest {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  /** The body bytes as text; `undefined` when no body was sent. */
  readonly body: string | undefined
}

/** How the fake transport answers: a web `Response`, or a transport failure. */
export type Reply = Response | { readonly transportError: unknown }

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

const recordingClient = (recorder: Recorder) =>
  HttpClient.make((request, url) =>
    Effect.suspend(() => {
      const recorded: RecordedRequest = {
        method: request.method,
        url,
        headers: { ...request.headers },
        body: bodyText(request)
      }
      recorder.requests.push(recorded)
      const next = recorder.replies.shift() ?? recorder.fallback
      const reply = typeof next === "function" ? next(recorded) : next
      if ("transportError" in reply) {
        return Effect.fail(
          new HttpClientError.RequestError({ request, reason: "Transport", cause: reply.transportError })
        )
      }
      return Effect.succeed(HttpClientResponse.fromWeb(request, reply))
    })
  )

export const SECRET = "sk_test_supersecret_value_123"

/** A `Sessions` layer on a recording transport, with the recorder in context. */
export const makeTestLayer = (config: Partial<Parameters<typeof ClerkConfig.layer>[0]> = {}) => {
  const recorder: Recorder = {
    requests: [],
    replies: [],
    fallback: () => json(500, { errors: [{ code: "unscripted", message: "no reply scripted", long_message: "" }] })
  }
  return Layer.mergeAll(
    Sessions.layer.pipe(
      Layer.provide(ClerkConfig.layer({ secretKey: Redacted.make(SECRET), ...config })),
      Layer.provide(Layer.succeed(HttpClient.HttpClient, recordingClient(recorder)))
    ),
    Layer.sync(RecordingHttp, () => {
      recorder.requests.length = 0
      recorder.replies.length = 0
      return recorder
    })
  )
}
