// The consumer program, as ES module, run by scripts/consumer-check.sh under
// plain `node` in a scratch project where the packed tarballs were installed
// with npm: if the published `import` entry points are broken, this fails.
// It talks to the fake backend of @clerk-effect/testing twice: through its
// in-process HttpClient, then over its loopback HTTP server.
import { Sessions } from "@clerk-effect/backend"
import { FakeClerk } from "@clerk-effect/testing"
import { Effect, Stream } from "effect"

const program = Effect.gen(function* () {
  const created = yield* Sessions.create({ userId: "user_1" })
  yield* Sessions.create({ userId: "user_1" })
  const page = yield* Sessions.list({ userId: "user_1", status: "active", limit: 1 })
  const revoked = yield* Sessions.revoke(created.id)
  const streamed = yield* Stream.runCount(Sessions.stream({ userId: "user_1", limit: 1 }))
  const missing = yield* Sessions.get("sess_missing").pipe(
    Effect.map(() => "found"),
    Effect.catchTag("ClerkErrors", (error) => Effect.succeed(`${error.status} ${error.codes.join(",")}`))
  )
  return { totalCount: page.totalCount, revoked: revoked.status, streamed, missing }
})

const expected = JSON.stringify({ totalCount: 2, revoked: "revoked", streamed: 2, missing: "404 resource_not_found" })
const seed = { users: [{ id: "user_1" }] }
for (const [face, layer] of [
  ["in-process", FakeClerk.layer(seed)],
  ["loopback", FakeClerk.layerServer(seed)]
]) {
  const result = JSON.stringify(await Effect.runPromise(Effect.provide(program, layer)))
  console.log(`esm ${face}: ${result}`)
  if (result !== expected) {
    console.error(`expected ${expected}`)
    process.exit(1)
  }
}

// The plain fake of @clerk-effect/fake (no Effect): its core, and its server driven by timers.
const { createFake, Fault: PlainFault } = await import("@clerk-effect/fake")
const { answerWithTimers, listen } = await import("@clerk-effect/fake/server")
const fake = await createFake({
  users: [{ id: "user_1" }],
  sessions: [{ id: "sess_1", user_id: "user_1" }],
  now: Date.now()
})
fake.injectFault(PlainFault.rateLimited({ retryAfter: 1 }))
const server = await listen(answerWithTimers(fake))
const headers = { authorization: `Bearer ${fake.secretKey}` }
const statuses = []
for (let i = 0; i < 2; i++) statuses.push((await fetch(`${server.url}/v1/sessions/sess_1`, { headers })).status)
await server.close()
console.log(`esm plain fake: ${statuses.join(",")}`)
if (statuses.join(",") !== "429,200") process.exit(1)
