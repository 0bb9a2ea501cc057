/**
 * The in-process face: an effect 4 `HttpClient` (`HttpClient.make`) answering
 * from the core, without a socket, its answers web `Response`s read by
 * `HttpClientResponse.fromWeb`. Runs in the caller's fiber, so injected
 * latency follows `TestClock`. Imports nothing of Node: it loads on Workers
 * and in browsers.
 */
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientError from "effect/http/HttpClientError"
import type * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as HttpClientResponse from "effect/http/HttpClientResponse"
import * as Stream from "effect/Stream"
import type { FakeClerkService } from "../FakeClerkService.js"
import type { FakeReply } from "../FakeExchange.js"

const decoder = new TextDecoder()
const encoder = new TextEncoder()

const bodyText = (request: HttpClientRequest.HttpClientRequest): Effect.Effect<string | undefined> => {
  const body = request.body
  switch (body._tag) {
    case "Empty":
    case "FormData":
      return Effect.succeed(undefined)
    case "Uint8Array":
      return Effect.succeed(decoder.decode(body.body))
    case "Raw":
      return Effect.succeed(typeof body.body === "string" ? body.body : String(body.body))
    case "Stream":
      return body.stream.pipe(
        Stream.decodeText(),
        Stream.mkString,
        Effect.orElseSucceed(() => "")
      )
  }
}

const toWeb = (reply: Exclude<FakeReply, { _tag: "Reset" }>): Response => {
  switch (reply._tag) {
    case "Respond":
      return new Response(reply.body, { status: reply.status, headers: reply.headers })
    case "Truncated": {
      const bytes = encoder.encode(reply.body)
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes.subarray(0, reply.sentBytes))
          // What undici reports when the peer closes mid-body.
          controller.error(new TypeError("terminated", { cause: new Error("other side closed") }))
        }
      })
      return new Response(stream, {
        status: reply.status,
        headers: { ...reply.headers, "content-length": String(bytes.length) }
      })
    }
    case "NeverEnding": {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(encoder.encode(reply.prefix))
          // Never closed: a read of the whole body waits forever (until interrupted).
        }
      })
      return new Response(stream, { status: reply.status, headers: reply.headers })
    }
  }
}

/** @internal */
export const makeHttpClient = (fake: FakeClerkService): HttpClient.HttpClient =>
  HttpClient.make((request, url) =>
    Effect.gen(function* () {
      const body = yield* bodyText(request)
      const reply = yield* fake.handle({ method: request.method, url, headers: { ...request.headers }, body })
      if (reply._tag === "Reset") {
        return yield* new HttpClientError.HttpClientError({
          reason: new HttpClientError.TransportError({
            request,
            description: "connection reset by the fake Clerk backend",
            cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" })
          })
        })
      }
      return HttpClientResponse.fromWeb(request, toWeb(reply))
    })
  )
