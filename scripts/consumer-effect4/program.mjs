// The effect-4 consumer program, as ES module, run by scripts/consumer-check.sh
// under plain `node` in a scratch project where the packed tarballs were
// installed with npm next to effect@4.1.0: if the published `import` entry
// points are broken, this fails. It talks to the fake backend of
// @clerk-effect/testing-effect4 twice: through its in-process HttpClient, then
// over its loopback HTTP server.
import { Sessions } from "@clerk-effect/backend-effect4"
import { FakeClerk } from "@clerk-effect/testing-effect4"
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
  console.log(`esm effect-4 ${face} (node ${process.version}): ${result}`)
  if (result !== expected) {
    console.error(`expected ${expected}`)
    process.exit(1)
  }
}
