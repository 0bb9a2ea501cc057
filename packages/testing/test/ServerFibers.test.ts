/**
 * The loopback server under clients that give up: a request whose client
 * drops mid-way must not leave its fiber behind. Before the fix, aborted
 * `createToken` calls (client timeouts of 1 to 40 ms) left tens of request
 * fibers `Suspended` and uninterruptible for good: the platform's response
 * writer waited for an `end()` callback that Node never calls once the socket
 * is gone. The server is now @clerk-effect/fake's `node:http` one, and this
 * face runs each request as a fiber of the scope's runtime, interrupted
 * through the handler's abort signal when the client leaves: the same
 * guarantee, checked the same way. A Supervisor sees every fiber the face
 * forks for a request.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Supervisor from "effect/Supervisor"
import { FakeClerk, Fault } from "../src/index.js"
import { serve } from "../src/internal/serverFace.js"

const ROUNDS = 6
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
  it.live("leave no request fiber behind", () =>
    Effect.gen(function* () {
      const fake = yield* FakeClerk.make({ users: [{ id: "user_1" }], sessions: [{ id: "sess_1", userId: "user_1" }] })
      const requestFibers = yield* Supervisor.track
      const { url } = yield* serve(fake, {}).pipe(Effect.supervised(requestFibers))

      let aborted = 0
      const round = Effect.map(abandonedRequests(url, fake.secretKey, REQUESTS_PER_ROUND), (outcomes) => {
        aborted += outcomes.filter((outcome) => outcome === "aborted").length
      })
      for (let i = 0; i < ROUNDS; i++) yield* round
      // The same while the fake sleeps (latency) and while it holds bodies open or cuts them (faults).
      yield* fake.setLatency("15 millis")
      yield* round
      yield* fake.clearFaults
      yield* fake.injectFault(Fault.neverEndingBody(), { times: 60 })
      yield* fake.injectFault(Fault.truncatedBody(), { times: 60 })
      yield* fake.injectFault(Fault.connectionReset(), { times: 60 })
      yield* round
      assert.isAbove(aborted, 0, "some clients must have dropped their request")

      // Every request is over for its client: within a short time, no fiber of the server may remain.
      let lingering = (yield* requestFibers.value).length
      for (let waited = 0; lingering > 0 && waited < 2_000; waited += 50) {
        yield* Effect.sleep("50 millis")
        lingering = (yield* requestFibers.value).length
      }
      assert.strictEqual(lingering, 0, `${lingering} request fibers still alive after their clients left`)

      // And the server still answers.
      const response = yield* Effect.promise(() =>
        fetch(`${url}/v1/sessions/sess_1`, { headers: { authorization: `Bearer ${fake.secretKey}` } })
      )
      assert.strictEqual(response.status, 200)
    }).pipe(Effect.scoped)
  )
})
