// Type-checked by scripts/consumer-check.sh against the packed packages, as
// consumer.mts and consumer.cts under NodeNext and as consumer.ts under
// Bundler, with the strictest options users are likely to have.
import type { ClerkErrors, Session, SessionList } from "@clerk-effect/backend"
import { ClerkConfig, SDKError, Sessions } from "@clerk-effect/backend"
// The internal modules are not part of the published API.
// @ts-expect-error internal/ is hidden by the exports map
import type * as _Internal from "@clerk-effect/backend/internal/validation"
import { Sessions as SessionsFromSubpath } from "@clerk-effect/backend/Sessions"
import { createFake, type Fake, type FakeStep, parseSeed } from "@clerk-effect/fake"
import type { FakeHandler } from "@clerk-effect/fake/server"
import { FakeClerk, Fault } from "@clerk-effect/testing"
import { FetchHttpClient } from "@effect/platform"
import { type ConfigError, Effect, Redacted, Stream } from "effect"

export const sameTag: typeof Sessions = SessionsFromSubpath

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
export const runnable: Effect.Effect<string, ConfigError.ConfigError> = handled.pipe(
  Effect.provide(Sessions.layer),
  Effect.provide(ClerkConfig.layer({ secretKey: Redacted.make("sk_test_consumer") })),
  Effect.provide(FetchHttpClient.layer)
)

export const isSdkError = (u: unknown): u is SDKError => u instanceof SDKError

// Referenced so that the import above is not "unused"; it is `any` because it does not resolve.
export type HiddenInternal = typeof _Internal

// The fake backend, both faces, as a test would use it.
export const againstTheFake: Effect.Effect<string> = handled.pipe(
  Effect.tap(() => FakeClerk.injectFault(Fault.rateLimited({ retryAfter: 1 }))),
  Effect.provide(FakeClerk.layer({ users: [{ id: "user_1" }], sessions: [{ id: "sess_1", userId: "user_1" }] }))
)

export const overLoopback = handled.pipe(Effect.provide(FakeClerk.layerServer({ port: 0 })))

// The plain fake, with no Effect: its types as a user of either edition sees them.
export const plainFake: Promise<Fake> = createFake({ users: [{ id: "user_1" }], now: 0 })
export const firstStep = (fake: Fake): FakeStep =>
  fake.receive({ method: "GET", url: new URL("http://fake/v1/jwks"), headers: {}, body: undefined })
export const seedOk: boolean = parseSeed({ sessions: [{ user_id: "u" }] }).ok
export type Handler = FakeHandler
