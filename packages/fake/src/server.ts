/**
 * The loopback face: a real HTTP server (`node:http`) answering from a
 * {@link Fake}, so that any client can call it: another language's SDK,
 * Clerk's own `@clerk/backend`, curl. The only module of the package that
 * needs Node; the main entry never imports it.
 *
 * The server answers through a {@link FakeHandler}, so that an Effect face
 * can drive the fake's steps with its own clock (`TestClock` included);
 * {@link answerWithTimers} drives them with `setTimeout` and `Date.now`, as
 * the `clerk-fake` command does.
 *
 * @example
 * ```ts
 * import { createFake, defaultSeed } from "@clerk-effect/fake"
 * import { answerWithTimers, listen } from "@clerk-effect/fake/server"
 *
 * const fake = await createFake({ ...defaultSeed(Date.now()), now: Date.now() })
 * const server = await listen(answerWithTimers(fake), { port: 0 })
 * console.log(server.url) // http://127.0.0.1:PORT
 * await server.close()
 * ```
 *
 * @since 0.1.0
 */
import * as Http from "node:http"
import type { FakeReply, FakeRequest, FakeStep } from "./Exchange.js"
import type { Fake } from "./Fake.js"

/**
 * Answers one request. `signal` aborts when the client leaves before the
 * answer is written: the handler may stop then (its answer is dropped).
 *
 * @since 0.1.0
 * @category models
 */
export type FakeHandler = (request: FakeRequest, signal: AbortSignal) => Promise<FakeReply>

/**
 * Where and how the server listens.
 *
 * @since 0.1.0
 * @category models
 */
export interface FakeServerOptions {
  /** Default 0: a free port. */
  readonly port?: number | undefined
  /** Default `127.0.0.1`. */
  readonly host?: string | undefined
}

/**
 * A listening server.
 *
 * @since 0.1.0
 * @category models
 */
export interface FakeServer {
  /** `http://127.0.0.1:PORT`: use it as `apiUrl`. */
  readonly url: string
  readonly port: number
  /** Drops every open connection (never-ending bodies included) and stops listening. */
  readonly close: () => Promise<void>
}

// setTimeout fires at once for a delay above 2^31-1 ms; longer waits are chained.
const MAX_TIMER = 2_147_483_647

const sleep = (millis: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    let timer: ReturnType<typeof setTimeout> | undefined
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    signal.addEventListener("abort", onAbort, { once: true })
    let left = millis
    const arm = () => {
      if (left <= 0) {
        signal.removeEventListener("abort", onAbort)
        return resolve()
      }
      // An infinite latency waits until the client leaves.
      if (left === Number.POSITIVE_INFINITY) return
      const chunk = Math.min(left, MAX_TIMER)
      left -= chunk
      timer = setTimeout(arm, chunk)
    }
    arm()
  })

/**
 * Drives a fake with the process's own clock: `setTimeout` for its waits,
 * `Date.now()` for its answers.
 *
 * @since 0.1.0
 * @category constructors
 */
export const answerWithTimers =
  (fake: Fake): FakeHandler =>
  async (request, signal) => {
    let step: FakeStep = fake.receive(request)
    while (step._tag === "Wait") {
      await sleep(step.millis, signal)
      step = step.next()
    }
    return step.answer(Date.now())
  }

const encoder = new TextEncoder()

const writeReply = (response: Http.ServerResponse, reply: FakeReply): void => {
  switch (reply._tag) {
    case "Respond": {
      const bytes = encoder.encode(reply.body)
      response.writeHead(reply.status, { ...reply.headers, "content-length": String(bytes.length) })
      response.end(bytes)
      return
    }
    case "Reset":
      response.socket?.destroy()
      return
    case "Truncated": {
      const bytes = encoder.encode(reply.body)
      response.writeHead(reply.status, { ...reply.headers, "content-length": String(bytes.length) })
      response.write(bytes.subarray(0, reply.sentBytes), () => response.socket?.destroy())
      return
    }
    case "NeverEnding":
      // Until the client or `close` drops the connection.
      response.writeHead(reply.status, reply.headers)
      response.write(encoder.encode(reply.prefix))
      return
  }
}

const headersOf = (headers: Http.IncomingHttpHeaders): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value
  }
  return out
}

const readBody = (request: Http.IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    const chunks: Array<Buffer> = []
    request.on("data", (chunk: Buffer) => chunks.push(chunk))
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    // A client that breaks off its body sends none.
    request.on("error", () => resolve(""))
  })

/**
 * Starts a server on `host:port` (port 0 picks a free one) answering every
 * request with `handler`; resolves once it accepts connections.
 *
 * @since 0.1.0
 * @category constructors
 */
export const listen = (handler: FakeHandler, options: FakeServerOptions = {}): Promise<FakeServer> => {
  const host = options.host ?? "127.0.0.1"
  let origin = `http://${host}`
  const server = Http.createServer((request, response) => {
    const left = new AbortController()
    // "close" before the answer is written: the client left; the handler may stop.
    response.on("close", () => {
      if (!response.writableEnded) left.abort(new Error("the client closed the connection"))
    })
    void readBody(request)
      .then((text) =>
        handler(
          {
            method: request.method ?? "GET",
            url: new URL(request.url ?? "/", origin),
            headers: headersOf(request.headers),
            body: text === "" ? undefined : text
          },
          left.signal
        )
      )
      .then(
        (reply) => {
          if (!left.signal.aborted) writeReply(response, reply)
        },
        () => {
          // Aborted (the client left) or a defect of the handler: nobody is waiting for an answer.
          if (!left.signal.aborted) response.socket?.destroy()
        }
      )
  })
  return new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject)
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      origin = `http://${host}:${port}`
      resolve({
        url: origin,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections()
            server.close(() => done())
          })
      })
    })
  })
}
