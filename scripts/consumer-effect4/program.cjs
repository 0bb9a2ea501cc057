// The effect-4 consumer program, as CommonJS, run by scripts/consumer-check.sh
// under plain `node` in a scratch project where the packed tarballs were
// installed with npm next to effect@4.1.0: if the published `require` entry
// points are broken, this fails. effect 4 itself is ES modules only, loaded
// through `require` of ES modules (Node 20.19+ and 22.12+). Same two faces as
// program.mjs.
const { Sessions } = require("@clerk-effect/backend-effect4")
const { FakeClerk } = require("@clerk-effect/testing-effect4")
const { Effect, Stream } = require("effect")

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

const main = async () => {
  for (const [face, layer] of [
    ["in-process", FakeClerk.layer(seed)],
    ["loopback", FakeClerk.layerServer(seed)]
  ]) {
    const result = JSON.stringify(await Effect.runPromise(Effect.provide(program, layer)))
    console.log(`cjs effect-4 ${face} (node ${process.version}): ${result}`)
    if (result !== expected) {
      console.error(`expected ${expected}`)
      process.exit(1)
    }
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
