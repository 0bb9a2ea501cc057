/**
 * The in-process face: an `HttpClient` answering from the core, without a
 * socket. Runs in the caller's fiber, so injected latency follows `TestClock`.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { FakeClerkService } from "../FakeClerkService.js"
import type { FakeReply } from "../FakeExchange.js"

const decoder = new TextDecoder()

const bodyText = (request: HttpClientRequest.HttpClientRequest): Effect.Effect<string | undefined> => {
  const body = request.body
  switch (body._tag) {
    case "Empty":
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
    case "FormData":
      return Effect.succeed(undefined)
  }
}

const toWeb = (reply: Exclude<FakeReply, { _tag: "Reset" }>): Response => {
  switch (reply._tag) {
    case "Respond":
      return new Response(reply.body, { status: reply.status, headers: reply.headers })
    case "Truncated": {
      const bytes = new TextEncoder().encode(reply.body)
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
          controller.enqueue(new TextEncoder().encode(reply.prefix))
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
        return yield* Effect.fail(
          new HttpClientError.RequestError({
            request,
            reason: "Transport",
            description: "connection reset by the fake Clerk backend",
            cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" })
          })
        )
      }
      return HttpClientResponse.fromWeb(request, toWeb(reply))
    })
  )
