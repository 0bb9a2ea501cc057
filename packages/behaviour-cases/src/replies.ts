/**
 * How a test double answers one request, as data: each edition's recording
 * `HttpClient` turns an `Answer` or a `BrokenBody` into a web `Response`
 * ({@link toResponse}) and a `TransportError` or `Hang` into its own
 * failure or a request that never ends.
 */

export type Reply =
  /** A whole answer: status, headers and the body text (`null`: no body). */
  | {
      readonly _tag: "Answer"
      readonly status: number
      readonly headers: Readonly<Record<string, string>>
      readonly body: string | null
    }
  /** Headers and the first chunk arrive, then the body breaks off (a reset, a cut chunked stream). */
  | {
      readonly _tag: "BrokenBody"
      readonly status: number
      readonly headers: Readonly<Record<string, string>>
      readonly firstChunk: string
    }
  /** The request is not answered: the transport fails with `error` (what `fetch` would reject with). */
  | { readonly _tag: "TransportError"; readonly error: unknown }
  /** No answer, ever (the timeout cases). */
  | { readonly _tag: "Hang" }

export const json = (status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): Reply => ({
  _tag: "Answer",
  status,
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body)
})

/** A body sent as it is (no content type unless given: the web `Response` then says text/plain). */
export const text = (status: number, body: string | null, headers: Readonly<Record<string, string>> = {}): Reply => ({
  _tag: "Answer",
  status,
  headers,
  body
})

export const brokenBody = (
  status: number,
  firstChunk: string,
  headers: Readonly<Record<string, string>> = {}
): Reply => ({
  _tag: "BrokenBody",
  status,
  headers: { "content-type": "application/json", ...headers },
  firstChunk
})

export const transportError = (error: unknown): Reply => ({ _tag: "TransportError", error })

export const hang: Reply = { _tag: "Hang" }

/** The answer that a double gives when a test scripted none: a Clerk 500 (so a request was sent, and failed typed). */
export const unscripted: Reply = json(500, {
  errors: [{ code: "unscripted", message: "no reply scripted", long_message: "" }]
})

/** The web `Response` of an answer (a new one each time: a body is read once). */
export const toResponse = (reply: Extract<Reply, { readonly _tag: "Answer" | "BrokenBody" }>): Response => {
  if (reply._tag === "Answer") return new Response(reply.body, { status: reply.status, headers: reply.headers })
  const firstChunk = reply.firstChunk
  return new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(firstChunk))
      },
      pull(controller) {
        controller.error(new Error("socket hang up"))
      }
    }),
    { status: reply.status, headers: reply.headers }
  )
}

/** What a test sees of one request: everything that went on the wire. */
export interface RecordedRequest {
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  /** The body bytes as text; `undefined` when no body was sent. */
  readonly body: string | undefined
  /** The body's content type (the transport turns it into the `Content-Type` header). */
  readonly contentType: string | undefined
}
