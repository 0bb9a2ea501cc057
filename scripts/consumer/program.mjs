// The consumer program, as ES module, run by scripts/consumer-check.sh under
// plain `node` in a scratch project where the packed tarballs were installed
// with npm: if the published `import` entry points are broken, this fails.
import { ClerkConfig, Sessions } from "@clerk-effect/backend"
import { HttpClient, HttpClientResponse } from "@effect/platform"
import { Effect, Layer, Redacted } from "effect"

const session = {
  object: "session",
  id: "sess_1",
  user_id: "user_1",
  client_id: "client_1",
  status: "active",
  last_active_at: 1764300000000,
  expire_at: 1764904800000,
  abandon_at: 1766892000000,
  updated_at: 1764300000000,
  created_at: 1764300000000
}

// A two-route Clerk stand-in: enough to prove that requests are built and
// answers decoded by the packed code.
const json = (request, status, body) =>
  HttpClientResponse.fromWeb(
    request,
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } })
  )
const LocalClerk = Layer.succeed(
  HttpClient.HttpClient,
  HttpClient.make((request, url) =>
    Effect.succeed(
      url.pathname === "/v1/sessions"
        ? json(request, 200, { data: [session], total_count: 1 })
        : json(request, 404, {
            errors: [{ code: "resource_not_found", message: "not found", long_message: "No session" }]
          })
    )
  )
)

const program = Effect.gen(function* () {
  const page = yield* Sessions.list({ userId: "user_1", status: "active" })
  const missing = yield* Sessions.get("sess_missing").pipe(
    Effect.map(() => "found"),
    Effect.catchTag("ClerkErrors", (error) => Effect.succeed(`${error.status} ${error.errors[0]?.code}`))
  )
  return { totalCount: page.totalCount, firstUserId: page.data[0]?.userId, missing }
})

const result = await program.pipe(
  Effect.provide(Sessions.layer),
  Effect.provide(ClerkConfig.layer({ secretKey: Redacted.make("sk_test_consumer") })),
  Effect.provide(LocalClerk),
  Effect.runPromise
)
console.log(`esm: ${JSON.stringify(result)}`)
if (result.totalCount !== 1 || result.firstUserId !== "user_1" || result.missing !== "404 resource_not_found") {
  process.exit(1)
}
