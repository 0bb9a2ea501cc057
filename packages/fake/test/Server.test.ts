/**
 * The plain loopback server (`@clerk-effect/fake/server`) on real sockets and
 * real timers: replies written as Clerk's, each fault rendered on the wire,
 * latency waited with setTimeout, a client that leaves aborting its handler,
 * and `close` ending never-ending bodies.
 */
import * as Net from "node:net"
import { afterEach, assert, describe, it } from "vitest"
import type { FakeReply } from "../src/Exchange.js"
import * as Fault from "../src/Fault.js"
import { answerWithTimers, type FakeServer, listen } from "../src/server.js"
import { fakeOf, NOW } from "./support.js"

const servers: Array<FakeServer> = []
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close()
})

const start = async (options: Parameters<typeof fakeOf>[0] = {}) => {
  const fake = await fakeOf({ users: [{ id: "user_1" }], sessions: [{ id: "sess_1", user_id: "user_1" }], ...options })
  const server = await listen(answerWithTimers(fake), { port: 0 })
  servers.push(server)
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${fake.secretKey}`, ...(init.headers as Record<string, string>) }
    })
  return { fake, server, call }
}

describe("the plain loopback server", () => {
  it("listens on 127.0.0.1 at a free port and answers as Clerk, Content-Length and all", async () => {
    const { call, fake, server } = await start()
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/)
    assert.strictEqual(server.url, `http://127.0.0.1:${server.port}`)
    const response = await call("/v1/sessions/sess_1")
    assert.strictEqual(response.status, 200)
    const text = await response.text()
    assert.strictEqual(response.headers.get("content-length"), String(Buffer.byteLength(text)))
    assert.deepStrictEqual(JSON.parse(text), fake.getSession("sess_1"))
    const created = await call("/v1/sessions", { method: "POST", body: JSON.stringify({ user_id: "user_1" }) })
    const session = await created.json()
    // The server answers with the process's clock.
    assert.isAtLeast(session.created_at, NOW)
    assert.isAtMost(Math.abs(session.created_at - Date.now()), 5_000)
    assert.deepStrictEqual(
      fake.requests().map((r) => [r.method, r.path, r.body]),
      [
        ["GET", "/v1/sessions/sess_1", undefined],
        ["POST", "/v1/sessions", '{"user_id":"user_1"}']
      ]
    )
  })

  it("renders each fault on the wire: reset, truncated body, never-ending body", async () => {
    const { call, fake } = await start()
    fake.injectFault(Fault.connectionReset())
    const reset = await call("/v1/sessions/sess_1").then(
      () => "answered",
      (error: Error) => error.message
    )
    assert.strictEqual(reset, "fetch failed")

    fake.injectFault(Fault.truncatedBody())
    const truncated = await call("/v1/sessions/sess_1")
    assert.strictEqual(truncated.status, 200)
    const cut = await truncated.text().then(
      () => "read",
      (error: Error) => error.message
    )
    assert.strictEqual(cut, "terminated")

    fake.injectFault(Fault.neverEndingBody())
    const never = await call("/v1/sessions/sess_1", { signal: AbortSignal.timeout(300) })
    assert.strictEqual(never.status, 200)
    const stuck = await never.text().then(
      () => "read",
      (error: Error) => error.name
    )
    assert.strictEqual(stuck, "TimeoutError")
  })

  it("waits the latency with real timers", async () => {
    const { call, fake } = await start()
    fake.setLatency(150)
    fake.injectFault(Fault.latency(100))
    const started = performance.now()
    assert.strictEqual((await call("/v1/jwks")).status, 200)
    assert.isAtLeast(performance.now() - started, 240)
  })

  it("a client that leaves aborts its handler; the server keeps answering", async () => {
    let aborted: Promise<unknown> | undefined
    const server = await listen(
      (_request, signal) =>
        new Promise<FakeReply>((_resolve, reject) => {
          aborted = new Promise((seen) => signal.addEventListener("abort", () => seen(signal.reason)))
          signal.addEventListener("abort", () => reject(signal.reason))
        })
    )
    servers.push(server)
    const failed = await fetch(`${server.url}/v1/jwks`, { signal: AbortSignal.timeout(100) }).catch(
      (error: Error) => error.name
    )
    assert.strictEqual(failed, "TimeoutError")
    assert.instanceOf(await aborted, Error)
  })

  it("an infinite latency waits until the client leaves, and close() drops open connections", async () => {
    const { fake, server } = await start()
    fake.setLatency(Number.POSITIVE_INFINITY)
    const socket = Net.connect(server.port, "127.0.0.1")
    await new Promise((connected) => socket.once("connect", connected))
    socket.write(`GET /v1/jwks HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${fake.secretKey}\r\n\r\n`)
    await new Promise((waited) => setTimeout(waited, 100))
    const closed = new Promise((done) => socket.once("close", done))
    await server.close()
    servers.splice(servers.indexOf(server), 1)
    await closed
    assert.isTrue(socket.destroyed)
  })

  it("refuses a port already taken", async () => {
    const { server } = await start()
    const error = await listen(async () => ({ _tag: "Reset" }), { port: server.port }).catch((e: Error) => e)
    assert.instanceOf(error, Error)
    assert.match((error as Error).message, /EADDRINUSE/)
  })
})
