/**
 * Where the demo runs: the fake Clerk backend on loopback (default), or real
 * Clerk when `CLERK_SECRET_KEY` is set (development instances only: the demo
 * creates and revokes sessions, and `POST /sessions` does not work on
 * production instances anyway).
 *
 * @since 0.1.0
 */
import { ClerkConfig, Sessions } from "@clerk-effect/backend-effect4"
import { FakeClerk, FakeClerkServer } from "@clerk-effect/testing-effect4"
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"

/**
 * What the demo needs to know about its backend.
 *
 * @since 0.1.0
 * @category models
 */
export interface DemoBackendInfo {
  readonly kind: "fake" | "clerk"
  /** Where the SDK sends its requests. */
  readonly apiUrl: string
  /** The user whose sessions the demo creates. */
  readonly userId: string
  /** The JWT template the demo mints from. */
  readonly templateName: string
}

/**
 * @since 0.1.0
 * @category services
 */
export class DemoBackend extends Context.Service<DemoBackend, DemoBackendInfo>()("examples-effect4/DemoBackend") {}

/** The user the demo seeds into the fake. */
const DEMO_USER = "user_demo_ada"
const DEMO_TEMPLATE = "custom_hasura"

/**
 * The fake on loopback: its server, and `Sessions` over `FetchHttpClient`
 * pointed at it. The user and the template are seeded here: the SDK has no
 * users API, so seeding goes through the fake itself.
 */
const fake: Layer.Layer<Sessions | DemoBackend, unknown> = Layer.effect(
  DemoBackend,
  Effect.gen(function* () {
    const clerk = yield* FakeClerk
    const server = yield* FakeClerkServer
    yield* clerk.addUser({ id: DEMO_USER })
    yield* clerk.addJwtTemplate({ name: DEMO_TEMPLATE, claims: { role: "user", user: "{{user.id}}" } })
    return { kind: "fake", apiUrl: server.url, userId: DEMO_USER, templateName: DEMO_TEMPLATE } as const
  })
).pipe(Layer.provideMerge(FakeClerk.layerServer()))

const real: Layer.Layer<Sessions | DemoBackend, unknown> = Layer.effect(
  DemoBackend,
  Effect.gen(function* () {
    const config = yield* ClerkConfig
    const userId = yield* Config.NonEmptyString("CLERK_DEMO_USER_ID")
    const templateName = yield* Config.NonEmptyString("CLERK_DEMO_TEMPLATE").pipe(Config.withDefault(DEMO_TEMPLATE))
    return { kind: "clerk", apiUrl: config.apiUrl, userId, templateName } as const
  })
).pipe(
  Layer.provideMerge(Sessions.layer),
  Layer.provideMerge(ClerkConfig.layerConfig()),
  Layer.provide(FetchHttpClient.layer)
)

/**
 * Real Clerk when `CLERK_SECRET_KEY` is set and non-empty (then
 * `CLERK_DEMO_USER_ID` is required), the loopback fake otherwise.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Sessions | DemoBackend, unknown> = Layer.unwrap(
  // An empty CLERK_SECRET_KEY (as the examples runner sets) means "no key": use the fake.
  Effect.map(Config.option(Config.String("CLERK_SECRET_KEY")), (key) =>
    Option.isSome(key) && key.value.trim() !== "" ? real : fake
  )
)
