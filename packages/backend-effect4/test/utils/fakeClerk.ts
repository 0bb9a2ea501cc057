/**
 * An in-test Clerk for the effect-4 edition: a script of replies, served
 * through either of the core's two exchanges, and a record of every request.
 *
 * - `platform`: an effect 4 `HttpClient` built with `HttpClient.make`, as
 *   any user's client would be; a reply's `delay` runs on the fiber's clock,
 *   so `TestClock` drives it.
 * - `direct`: the same `HttpClient` marked with a transport's `Send` (what
 *   `FetchTransport` and `NodeTransport` offer the core); a reply with a
 *   delay never answers by itself, and is aborted by the attempt's timer.
 *
 * No socket, no global patched: a test swaps the `HttpClient` layer.
 */
import type { Send, WireOutcome, WireRequest } from "@clerk-effect/core/wire"
import { Effect, Layer, Redacted } from "effect"
import { HttpClient, HttpClientError, HttpClientResponse } from "effect/http"
import type { ClerkConfigOptions } from "../../src/ClerkConfig.js"
import { ClerkConfig } from "../../src/ClerkConfig.js"
import { withDirectSend } from "../../src/internal/exchange.js"
import { Sessions } from "../../src/Sessions.js"

/** The secret every test uses: a redaction test looks for it everywhere. */
export const SECRET = "sk_test_SECRET_must_never_leak_0123456789"

/** What the fake answers a request with. */
export type Reply =
  | {
      readonly status: number
      readonly body?: unknown
      readonly headers?: Readonly<Record<string, string>>
      /** Answer only after this long: platform waits on the clock, direct never answers. */
      readonly delayMillis?: number
    }
  | { readonly fail: "refused" | "reset" }
  | { readonly bodyFails: number }

/** A request as the fake received it. */
export interface Recorded {
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | undefined
}

export type ExchangeKind = "platform" | "direct"

export const EXCHANGES: ReadonlyArray<ExchangeKind> = ["platform", "direct"]

const textOf = (body: unknown): string => (typeof body === "string" ? body : JSON.stringify(body))

const refused = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" })
const reset = () => Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })

export interface FakeClerk {
  readonly requests: Array<Recorded>
  readonly aborted: { count: number }
  readonly client: HttpClient.HttpClient
}

/**
 * A fake serving `replies` in order (the last one repeats), through `kind`.
 */
export const makeFake = (kind: ExchangeKind, ...replies: ReadonlyArray<Reply>): FakeClerk => {
  const requests: Array<Recorded> = []
  const aborted = { count: 0 }
  const next = (): Reply => replies[Math.min(requests.length - 1, replies.length - 1)] ?? { status: 200, body: {} }

  const platform = HttpClient.make((request, url) =>
    Effect.gen(function* () {
      const body = request.body._tag === "Uint8Array" ? new TextDecoder().decode(request.body.body) : undefined
      requests.push({ method: request.method, url: url.toString(), headers: { ...request.headers }, body })
      const reply = next()
      if ("fail" in reply) {
        return yield* new HttpClientError.HttpClientError({
          reason: new HttpClientError.TransportError({ request, cause: reply.fail === "refused" ? refused() : reset() })
        })
      }
      if ("bodyFails" in reply) {
        const stream = new ReadableStream({
          start: (controller) => controller.error(reset())
        })
        return HttpClientResponse.fromWeb(request, new Response(stream, { status: reply.bodyFails }))
      }
      if (reply.delayMillis !== undefined) {
        yield* Effect.onInterrupt(Effect.sleep(reply.delayMillis), () => Effect.sync(() => aborted.count++))
      }
      return HttpClientResponse.fromWeb(
        request,
        new Response(reply.body === undefined ? null : textOf(reply.body), {
          status: reply.status,
          headers: reply.headers ?? {}
        })
      )
    })
  )

  const send: Send = (request: WireRequest, done) => {
    requests.push({ method: request.method, url: request.url, headers: { ...request.headers }, body: request.body })
    const reply = next()
    let outcome: WireOutcome
    if ("fail" in reply) {
      outcome = { _tag: "NotAnswered", cause: reply.fail === "refused" ? refused() : reset() }
    } else if ("bodyFails" in reply) {
      outcome = { _tag: "BodyFailed", status: reply.bodyFails, cause: reset() }
    } else if (reply.delayMillis !== undefined) {
      return () => aborted.count++
    } else {
      const headers = new Map(Object.entries(reply.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]))
      outcome = {
        _tag: "Answered",
        status: reply.status,
        header: (name) => headers.get(name),
        text: reply.body === undefined ? "" : textOf(reply.body)
      }
    }
    // Asynchronous, as a real transport is.
    queueMicrotask(() => done(outcome))
    return () => aborted.count++
  }

  return { requests, aborted, client: kind === "direct" ? withDirectSend(platform, send) : platform }
}

/** `ClerkConfig` with the test secret, against a fake host; no jitter, so waits are exact. */
export const configLayer = (options: Partial<ClerkConfigOptions> = {}) =>
  ClerkConfig.layer({
    secretKey: Redacted.make(SECRET),
    apiUrl: "https://clerk.test",
    retry: { jitter: false },
    ...options
  })

/** `Sessions` over a fake's `HttpClient`. */
export const sessionsLayer = (fake: FakeClerk, options: Partial<ClerkConfigOptions> = {}) =>
  Sessions.layer.pipe(
    Layer.provide(configLayer(options)),
    Layer.provide(Layer.succeed(HttpClient.HttpClient, fake.client))
  )

/** A session as Clerk sends it (snake_case). */
export const wireSession = (id = "sess_1", overrides: Record<string, unknown> = {}) => ({
  object: "session",
  id,
  user_id: "user_1",
  client_id: "client_1",
  status: "active",
  last_active_at: 1764300000000,
  expire_at: 1764904800000,
  abandon_at: 1766892000000,
  updated_at: 1764300000000,
  created_at: 1764300000000,
  ...overrides
})

/** A Clerk error body. */
export const clerkError = (code: string, extra: Record<string, unknown> = {}) => ({
  errors: [{ code, message: `${code} message`, long_message: `${code} long message` }],
  ...extra
})
