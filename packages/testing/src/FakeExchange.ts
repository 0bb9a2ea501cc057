/**
 * What travels between a face of the fake (the in-process `HttpClient` or the
 * loopback server) and its one shared core: a plain request in, a described
 * reply out. Describing the reply (instead of building a web `Response`) lets
 * each face render faults its own way: a connection reset is a `RequestError`
 * in-process and a destroyed socket on the server.
 *
 * @since 0.1.0
 */

/**
 * A request as the core sees it. Header names are lower-case.
 *
 * @since 0.1.0
 * @category models
 */
export interface FakeRequest {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  /** The body as text; `undefined` when none was sent. */
  readonly body: string | undefined
}

/**
 * How the core answers.
 *
 * - `Respond`: a complete HTTP response.
 * - `Reset`: the connection breaks before any response byte.
 * - `Truncated`: status and headers (announcing the full `Content-Length`), the
 *   first `sentBytes` bytes of `body`, then the connection breaks.
 * - `NeverEnding`: status, headers and `prefix`, then the body never finishes.
 *
 * @since 0.1.0
 * @category models
 */
export type FakeReply =
  | {
      readonly _tag: "Respond"
      readonly status: number
      readonly headers: Readonly<Record<string, string>>
      readonly body: string
    }
  | { readonly _tag: "Reset" }
  | {
      readonly _tag: "Truncated"
      readonly status: number
      readonly headers: Readonly<Record<string, string>>
      readonly body: string
      readonly sentBytes: number
    }
  | {
      readonly _tag: "NeverEnding"
      readonly status: number
      readonly headers: Readonly<Record<string, string>>
      readonly prefix: string
    }
