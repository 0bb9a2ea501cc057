// Type-checked by scripts/consumer-check.sh against the packed effect-4
// packages (installed with effect@4.1.0), as consumer.mts and consumer.cts
// under NodeNext and as consumer.ts under Bundler, with the strictest options
// users are likely to have.
import type { ClerkErrors, Session, SessionList } from "@clerk-effect/backend-effect4"
import { ClerkConfig, SDKError, Sessions } from "@clerk-effect/backend-effect4"
// The internal modules are not part of the published API.
// @ts-expect-error internal/ is hidden by the exports map
import type * as _Internal from "@clerk-effect/backend-effect4/internal/exchange"
import { Sessions as SessionsFromSubpath } from "@clerk-effect/backend-effect4/Sessions"
import { createFake, type Fake } from "@clerk-effect/fake"
import { FakeClerk, FakeClerkServer, type FakeClerkService, Fault } from "@clerk-effect/testing-effect4"
import { type Config, Effect, Layer, Redacted, Stream } from "effect"
import { FetchHttpClient } from "effect/http"

export const sameService: typeof Sessions = SessionsFromSubpath

export const program: Effect.Effect<
  { readonly page: SessionList; readonly first: Session | undefined; readonly all: number },
  ClerkErrors | SDKError,
  Sessions
> = Effect.gen(function* () {
  const page = yield* Sessions.list({ userId: "user_1", status: "active", limit: 20 })
  const all = yield* Stream.runCount(Sessions.stream({ userId: "user_1" }))
  return { page, first: page.data[0], all }
})

export const handled: Effect.Effect<string, never, Sessions> = Sessions.get("sess_1").pipe(
  Effect.map((session) => session.status),
  Effect.catchTags({
    ClerkErrors: (error) =>
      Effect.succeed(`clerk ${error.status} ${error.codes.join(",")} ${error.clerkTraceId ?? ""}`),
    SDKError: (error) => Effect.succeed(`sdk ${error.reason}`)
  })
)

// A setting that cannot work fails the layer with a ConfigError, typed.
export const runnable: Effect.Effect<string, Config.ConfigError> = handled.pipe(
  Effect.provide(
    Sessions.layer.pipe(
      Layer.provide(ClerkConfig.layer({ secretKey: Redacted.make("sk_test_consumer") })),
      Layer.provide(FetchHttpClient.layer)
    )
  )
)

// The fake's in-process face: no error channel, no requirement left.
export const againstTheFake: Effect.Effect<string> = handled.pipe(
  Effect.andThen(FakeClerk.injectFault(Fault.rateLimited({ retryAfter: 1 }))),
  Effect.as("done"),
  Effect.provide(FakeClerk.layer({ users: [{ id: "user_1" }] }))
)

// The loopback face: its server's URL, and the ServeError it may fail with.
export const serverUrl = FakeClerkServer.useSync((server) => server.url).pipe(Effect.provide(FakeClerk.layerServer()))

export const service = (fake: FakeClerkService): string => fake.secretKey
export const plain: Promise<Fake> = createFake({ now: 0 })
export const isSdkError = (error: unknown): boolean => error instanceof SDKError
export type HiddenInternal = typeof _Internal
