/**
 * What travels between a face of the fake (an in-process `HttpClient` of
 * either Effect edition, or the loopback server) and the one shared core: a
 * plain request in, steps out, a described reply at the end.
 *
 * Describing the reply (instead of building a web `Response`) lets each face
 * render faults its own way: a connection reset is a transport error
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

/**
 * One step of answering a request, as `Fake.receive` hands them out.
 *
 * The core owns no clock: it never sleeps and never reads the time. It says
 * how long to wait (`Wait`: the configured latency, then a latency fault) and
 * the face waits with its own clock (`Effect.sleep` in the Effect faces, so
 * `TestClock` drives it; `setTimeout` in the plain server), then asks for the
 * next step. `Answer` takes the face's current time, which becomes the
 * `created_at` of a created session, the `iat` of a token, and so on. A face
 * that stops waiting (its client left, its fiber was interrupted) simply does
 * not ask for the next step: a fault still scheduled stays scheduled.
 *
 * @since 0.1.0
 * @category models
 */
export type FakeStep =
  | { readonly _tag: "Wait"; readonly millis: number; readonly next: () => FakeStep }
  | { readonly _tag: "Answer"; readonly answer: (now: number) => Promise<FakeReply> }
