/**
 * What travels between a face of the fake (the in-process `HttpClient` or the
 * loopback server) and its one shared core, `@clerk-effect/fake`: a plain
 * request in, a described reply out. Describing the reply (instead of
 * building a web `Response`) lets each face render faults its own way: a
 * connection reset is a `RequestError` in-process and a destroyed socket on
 * the server.
 *
 * @since 0.1.0
 */
import type * as Fake from "@clerk-effect/fake"

/**
 * A request as the core sees it. Header names are lower-case.
 *
 * @since 0.1.0
 * @category models
 */
export type FakeRequest = Fake.FakeRequest

/**
 * How the core answers: `Respond` (a complete HTTP response), `Reset` (the
 * connection breaks before any response byte), `Truncated` (status, headers
 * announcing the full `Content-Length`, the first `sentBytes` bytes of `body`,
 * then the connection breaks), `NeverEnding` (status, headers and `prefix`,
 * then the body never finishes).
 *
 * @since 0.1.0
 * @category models
 */
export type FakeReply = Fake.FakeReply
