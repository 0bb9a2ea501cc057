/**
 * The loopback server under clients that give up: a request whose client
 * drops mid-way must not leave its work behind. This face runs each request
 * with `Effect.runPromiseWith` and the server's abort signal, so a client that
 * leaves interrupts the request wherever it waits (the fake's latency
 * included). The fake's `handle` is wrapped to count the requests in flight:
 * once every client is gone, none may remain. (effect 4 has no `Supervisor`
 * to track the fibers, as the effect-3 edition of this test does.)
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { FakeClerkService } from "../src/index.js"
import { FakeClerk, Fault } from "../src/index.js"
import { serve } from "../src/internal/serverFace.js"

const ROUNDS = 4
const REQUESTS_PER_ROUND = 200

/** Fires `count` token requests, each aborted by the client after 1 to 40 ms; resolves once all settled. */
const abandonedRequests = (url: string, secretKey: string, count: number) =>
  Effect.promise(async () => {
    const settled: Array<Promise<string>> = []
    for (let i = 0; i < count; i++) {
      settled.push(
        fetch(`${url}/v1/sessions/sess_1/tokens`, {
          method: "POST",
          headers: { authorization: `Bearer ${secretKey}` },
          signal: AbortSignal.timeout(1 + (i % 40))
        })
          .then((response) => response.text())
          // An abort lands before the answer or while its body is read: both are "aborted".
          .then(
            (text) => text,
            () => "aborted"
          )
      )
      // Spread the requests so that aborts land in every phase of a request.
      if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 5))
    }
    return Promise.all(settled)
  })

describe("loopback server: clients that drop mid-request", () => {
  it.live("leave no request running", () =>
    Effect.gen(function* () {
      const fake = yield* FakeClerk.make({ users: [{ id: "user_1" }], sessions: [{ id: "sess_1", userId: "user_1" }] })
      let inFlight = 0
      let interrupted = 0
      const counted: FakeClerkService = {
        ...fake,
        handle: (request) =>
          Effect.suspend(() => {
            inFlight++
            return fake.handle(request).pipe(
              Effect.onInterrupt(() => Effect.sync(() => interrupted++)),
              Effect.ensuring(Effect.sync(() => inFlight--))
            )
          })
      }
      const { url } = yield* serve(counted, {})

      let aborted = 0
      const round = Effect.map(abandonedRequests(url, fake.secretKey, REQUESTS_PER_ROUND), (outcomes) => {
        aborted += outcomes.filter((outcome) => outcome === "aborted").length
      })
      for (let i = 0; i < ROUNDS; i++) yield* round
      // The same while the fake sleeps (a latency longer than any client waits), and under body faults.
      yield* fake.setLatency("1 hour")
      yield* round
      yield* fake.clearFaults
      yield* fake.injectFault(Fault.neverEndingBody(), { times: 60 })
      yield* fake.injectFault(Fault.truncatedBody(), { times: 60 })
      yield* fake.injectFault(Fault.connectionReset(), { times: 60 })
      yield* round
      assert.isAbove(aborted, 0, "some clients must have dropped their request")
      assert.isAbove(interrupted, 0, "the requests waiting out the latency were interrupted")

      // Every request is over for its client: within a short time, none may still run.
      for (let waited = 0; inFlight > 0 && waited < 2_000; waited += 50) yield* Effect.sleep("50 millis")
      assert.strictEqual(inFlight, 0, `${inFlight} requests still running after their clients left`)

      // And the server still answers.
      const response = yield* Effect.promise(() =>
        fetch(`${url}/v1/sessions/sess_1`, { headers: { authorization: `Bearer ${fake.secretKey}` } })
      )
      assert.strictEqual(response.status, 200)
    })
  )
})
