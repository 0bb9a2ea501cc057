/**
 * A faithful fake of Clerk's Backend API (Sessions resource) for effect 4,
 * with two faces over one in-memory state: an `HttpClient` layer without a
 * socket, and a real HTTP server on loopback.
 *
 * @example
 * ```ts
 * import { it } from "@effect/vitest"
 * import { Effect } from "effect"
 * import { Sessions } from "@clerk-effect/backend-effect4"
 * import { FakeClerk, Fault } from "@clerk-effect/testing-effect4"
 *
 * it.layer(FakeClerk.layer({ users: [{ id: "user_1" }] }))((it) => {
 *   it.effect("creates a session", () =>
 *     Effect.gen(function* () {
 *       const session = yield* Sessions.create({ userId: "user_1" })
 *       yield* FakeClerk.injectFault(Fault.rateLimited({ retryAfter: 3 }))
 *       // the next request answers 429 with Retry-After: 3
 *     })
 *   )
 * })
 * ```
 *
 * @since 0.1.0
 */
import { ClerkConfig, type Session, Sessions, SessionTokens } from "@clerk-effect/backend-effect4"
import {
  FAKE_ISSUER as PLAIN_ISSUER,
  FAKE_PUBLISHABLE_KEY as PLAIN_PUBLISHABLE_KEY,
  FAKE_ROTATE_KEY_PATH as PLAIN_ROTATE_KEY_PATH,
  FAKE_SECRET_KEY as PLAIN_SECRET_KEY
} from "@clerk-effect/fake"
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as HttpClient from "effect/http/HttpClient"
import type { ServeError } from "effect/http/HttpServerError"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import type {
  FakeClerkOptions,
  FakeClerkServerInfo,
  FakeClerkServerOptions,
  FakeClerkService,
  FakePublicKey,
  RecordedRequest
} from "./FakeClerkService.js"
import type { FakeReply, FakeRequest } from "./FakeExchange.js"
import type { Fault, FaultScope } from "./Fault.js"
import { make } from "./internal/core.js"
import { makeHttpClient } from "./internal/httpClientFace.js"
import type { FakeUser, JwtTemplate, SessionSeed } from "./Seed.js"

/**
 * The bearer secret a fake accepts unless told otherwise.
 *
 * @since 0.1.0
 * @category constants
 */
export const FAKE_SECRET_KEY: string = PLAIN_SECRET_KEY

/**
 * The `iss` of tokens minted by a fake unless told otherwise.
 *
 * @since 0.1.0
 * @category constants
 */
export const FAKE_ISSUER: string = PLAIN_ISSUER

/**
 * The publishable key matching {@link FAKE_ISSUER}: a development instance's
 * key (`pk_test_...`), for `CLERK_PUBLISHABLE_KEY` when Clerk's own
 * middleware (`clerkMiddleware`) runs against the fake.
 *
 * @since 0.1.0
 * @category constants
 */
export const FAKE_PUBLISHABLE_KEY: string = PLAIN_PUBLISHABLE_KEY

/**
 * The path of the fake's own key-rotation route, for clients that cannot call
 * {@link FakeClerk.rotateKey} (another language, Clerk's own SDK, curl):
 * `POST /v1/__fake/rotate_key` with `Authorization: Bearer <secret key>`
 * rotates the signing key and answers the new public key
 * (`{ object: "fake_signing_key", kid, jwk, pem }`). Not a Clerk endpoint: it
 * is not recorded in `requests`, and faults and latency do not apply to it.
 *
 * @since 0.1.0
 * @category constants
 */
export const FAKE_ROTATE_KEY_PATH: string = PLAIN_ROTATE_KEY_PATH

/**
 * The `apiUrl` the in-process layer configures: a reserved `.invalid` host, so
 * that a real `HttpClient` provided by mistake can never reach anything.
 *
 * @since 0.1.0
 * @category constants
 */
export const FAKE_API_URL = "https://fake-clerk.invalid"

/**
 * The running loopback server of {@link FakeClerk.layerServer}.
 *
 * @since 0.1.0
 * @category services
 */
export class FakeClerkServer extends Context.Service<FakeClerkServer, FakeClerkServerInfo>()(
  "@clerk-effect/testing-effect4/FakeClerkServer"
) {}

// The fake's layers are test fixtures with no error channel: a setting in
// `options.config` that cannot work is a bug in the test, so it dies there.
const configFor = (fake: FakeClerkService, apiUrl: string, options: FakeClerkOptions) =>
  Effect.orDie(ClerkConfig.make({ ...options.config, apiUrl, secretKey: Redacted.make(fake.secretKey) }))

/**
 * `Sessions`, `SessionTokens` (JWKS mode) and `ClerkConfig` over `client`,
 * which itself stays out of the output: the application keeps its own
 * `HttpClient` (e.g. `NodeHttpServer.layerTest`'s), whatever the layer order.
 * Every layer is made here, per call, and `Sessions.layer` (a shared value)
 * is made fresh: a memo map shared between builds (nested `it.layer`) would
 * otherwise hand one fake's services to another.
 */
const sdkOver = <E, R>(
  client: Layer.Layer<HttpClient.HttpClient, E, R>,
  config: Layer.Layer<ClerkConfig, never, R>,
  options: FakeClerkOptions
): Layer.Layer<Sessions | SessionTokens | ClerkConfig, E, R> => {
  const transport = Layer.merge(client, config)
  const sessions = Layer.provide(Layer.fresh(Sessions.layer), transport)
  const tokens = Layer.provide(Layer.orDie(SessionTokens.layer(options.sessionTokens ?? {})), transport)
  return Layer.mergeAll(sessions, tokens, config)
}

const inProcessClient = (): Layer.Layer<HttpClient.HttpClient, never, FakeClerk> =>
  Layer.effect(HttpClient.HttpClient, FakeClerk.useSync(makeHttpClient))

const inProcessConfig = (options: FakeClerkOptions): Layer.Layer<ClerkConfig, never, FakeClerk> =>
  Layer.effect(
    ClerkConfig,
    FakeClerk.use((fake) => configFor(fake, FAKE_API_URL, options))
  )

const serverConfig = (options: FakeClerkOptions): Layer.Layer<ClerkConfig, never, FakeClerk | FakeClerkServer> =>
  Layer.effect(
    ClerkConfig,
    Effect.gen(function* () {
      return yield* configFor(yield* FakeClerk, (yield* FakeClerkServer).url, options)
    })
  )

// On Node: internal/serverFace.js next to this file (ESM and CJS alike).
const SERVER_FACE = "./internal/serverFace.js"

const fakeAndServer = (options: FakeClerkServerOptions) =>
  Layer.provideMerge(FakeClerk.layerServerOnly(options), FakeClerk.layerState(options))

/**
 * The fake Clerk backend: state, keys, faults. See {@link FakeClerkService}.
 *
 * @since 0.1.0
 * @category services
 */
export class FakeClerk extends Context.Service<FakeClerk, FakeClerkService>()(
  "@clerk-effect/testing-effect4/FakeClerk"
) {
  /**
   * Builds a fake: the seeded state, and the process's key pair under a new `kid`.
   *
   * @since 0.1.0
   */
  static readonly make: (options?: FakeClerkOptions) => Effect.Effect<FakeClerkService> = make

  /**
   * Only the fake itself (no SDK services): for building faces yourself.
   *
   * @since 0.1.0
   */
  static readonly layerState = (options: FakeClerkOptions = {}): Layer.Layer<FakeClerk> =>
    Layer.effect(FakeClerk, make(options))

  /**
   * An `HttpClient` answered in-process by the {@link FakeClerk} in context (no socket).
   * When several fakes are built with one memo map (nested `it.layer`), wrap it
   * in `Layer.fresh` so each gets its own client.
   *
   * @since 0.1.0
   */
  static readonly layerHttpClient: Layer.Layer<HttpClient.HttpClient, never, FakeClerk> = Layer.effect(
    HttpClient.HttpClient,
    FakeClerk.useSync(makeHttpClient)
  )

  /**
   * The one-liner for tests: a seeded fake and the SDK answered by it in
   * process (no socket): `Sessions`, `SessionTokens` (verifying against the
   * fake's JWKS, see {@link FakeClerkOptions.sessionTokens}) and a
   * `ClerkConfig` with its secret key, so that your own services that need
   * them run against it.
   *
   * It provides no `HttpClient`: the fake's client is used by these services
   * only, and your application's own client (e.g. the one of
   * `NodeHttpServer.layerTest`, which calls your app) stays what it is,
   * whatever the order of the layers. For the fake's client as well (raw
   * requests to the fake, `SessionTokens.layer(...)` of your own), use
   * {@link FakeClerk.layerWithHttpClient}.
   *
   * @since 0.1.0
   */
  static readonly layer = (
    options: FakeClerkOptions = {}
  ): Layer.Layer<FakeClerk | Sessions | SessionTokens | ClerkConfig> =>
    Layer.provideMerge(sdkOver(inProcessClient(), inProcessConfig(options), options), FakeClerk.layerState(options))

  /**
   * {@link FakeClerk.layer} plus the fake's in-process client as the
   * `HttpClient` of the context: for tests that send raw requests to the fake
   * or build SDK services themselves. Do not combine it with another
   * `HttpClient` (`NodeHttpServer.layerTest`'s): one replaces the other,
   * depending on the order of the layers.
   *
   * @since 0.1.0
   */
  static readonly layerWithHttpClient = (
    options: FakeClerkOptions = {}
  ): Layer.Layer<FakeClerk | Sessions | SessionTokens | ClerkConfig | HttpClient.HttpClient> => {
    const client = inProcessClient()
    return Layer.provideMerge(
      Layer.merge(sdkOver(client, inProcessConfig(options), options), client),
      FakeClerk.layerState(options)
    )
  }

  /**
   * Starts the loopback server for the life of the layer's scope, answering
   * from the {@link FakeClerk} in context. Node only: the server
   * (`@clerk-effect/fake/server`, `node:http`) is loaded when the layer is
   * built, so that this module loads on any runtime.
   *
   * @since 0.1.0
   */
  static readonly layerServerOnly = (
    options: { readonly port?: number | undefined; readonly host?: string | undefined } = {}
  ): Layer.Layer<FakeClerkServer, ServeError, FakeClerk> =>
    Layer.effect(
      FakeClerkServer,
      Effect.gen(function* () {
        const fake = yield* FakeClerk
        // A module name held in a variable: a bundler for Workers or a browser
        // never follows it into node:http (a string literal it would
        // follow), so the in-process face bundles for any runtime.
        const { serve } = yield* Effect.promise(
          () => import(/* @vite-ignore */ SERVER_FACE) as Promise<typeof import("./internal/serverFace.js")>
        )
        return yield* serve(fake, options)
      })
    )

  /**
   * The loopback face: a seeded fake, its server on `127.0.0.1` (port 0 by
   * default), and `Sessions`, `SessionTokens` and `ClerkConfig` pointed at it
   * over a `FetchHttpClient` of their own. Like {@link FakeClerk.layer}, it
   * provides no `HttpClient` (see {@link FakeClerk.layerServerWithHttpClient}).
   * The server stops when the layer's scope closes.
   *
   * @since 0.1.0
   */
  static readonly layerServer = (
    options: FakeClerkServerOptions = {}
  ): Layer.Layer<FakeClerk | FakeClerkServer | Sessions | SessionTokens | ClerkConfig, ServeError> =>
    Layer.provideMerge(
      sdkOver(Layer.fresh(FetchHttpClient.layer), serverConfig(options), options),
      fakeAndServer(options)
    )

  /**
   * {@link FakeClerk.layerServer} plus its `FetchHttpClient` as the
   * `HttpClient` of the context (any request to the server's `url`). Same
   * caveat as {@link FakeClerk.layerWithHttpClient}.
   *
   * @since 0.1.0
   */
  static readonly layerServerWithHttpClient = (
    options: FakeClerkServerOptions = {}
  ): Layer.Layer<
    FakeClerk | FakeClerkServer | Sessions | SessionTokens | ClerkConfig | HttpClient.HttpClient,
    ServeError
  > => {
    const client = Layer.fresh(FetchHttpClient.layer)
    return Layer.provideMerge(
      Layer.merge(sdkOver(client, serverConfig(options), options), client),
      fakeAndServer(options)
    )
  }

  // Accessors: one per member of FakeClerkService, in its order, written out as
  // the SDK's `Sessions` writes its own (effect 4 generates none).

  /**
   * The bearer secret the fake in context accepts.
   *
   * @since 0.1.0
   */
  static readonly secretKey: Effect.Effect<string, never, FakeClerk> = FakeClerk.useSync((fake) => fake.secretKey)

  /**
   * `iss` of the tokens the fake mints.
   *
   * @since 0.1.0
   */
  static readonly issuer: Effect.Effect<string, never, FakeClerk> = FakeClerk.useSync((fake) => fake.issuer)

  /**
   * The publishable key of the instance the fake plays.
   *
   * @since 0.1.0
   */
  static readonly publishableKey: Effect.Effect<string, never, FakeClerk> = FakeClerk.useSync(
    (fake) => fake.publishableKey
  )

  /**
   * Answers one request, as both faces do.
   *
   * @since 0.1.0
   */
  static readonly handle = (request: FakeRequest): Effect.Effect<FakeReply, never, FakeClerk> =>
    FakeClerk.use((fake) => fake.handle(request))

  /**
   * Adds a user to the state.
   *
   * @since 0.1.0
   */
  static readonly addUser = (user: FakeUser): Effect.Effect<void, never, FakeClerk> =>
    FakeClerk.use((fake) => fake.addUser(user))

  /**
   * Adds (or replaces, by id) a session; answers the full `Session`.
   *
   * @since 0.1.0
   */
  static readonly addSession = (seed: SessionSeed): Effect.Effect<Session, never, FakeClerk> =>
    FakeClerk.use((fake) => fake.addSession(seed))

  /**
   * Adds (or replaces, by name) a JWT template.
   *
   * @since 0.1.0
   */
  static readonly addJwtTemplate = (template: JwtTemplate): Effect.Effect<void, never, FakeClerk> =>
    FakeClerk.use((fake) => fake.addJwtTemplate(template))

  /**
   * Every session, newest first.
   *
   * @since 0.1.0
   */
  static readonly sessions: Effect.Effect<ReadonlyArray<Session>, never, FakeClerk> = FakeClerk.use(
    (fake) => fake.sessions
  )

  /**
   * One session, `undefined` when unknown.
   *
   * @since 0.1.0
   */
  static readonly getSession = (sessionId: string): Effect.Effect<Session | undefined, never, FakeClerk> =>
    FakeClerk.use((fake) => fake.getSession(sessionId))

  /**
   * The current public key (kid, JWK, PEM).
   *
   * @since 0.1.0
   */
  static readonly publicKey: Effect.Effect<FakePublicKey, never, FakeClerk> = FakeClerk.use((fake) => fake.publicKey)

  /**
   * Rotates the signing key; answers the new public key.
   *
   * @since 0.1.0
   */
  static readonly rotateKey: Effect.Effect<FakePublicKey, never, FakeClerk> = FakeClerk.use((fake) => fake.rotateKey)

  /**
   * Signs arbitrary claims with the current key.
   *
   * @since 0.1.0
   */
  static readonly signClaims = (claims: Readonly<Record<string, unknown>>): Effect.Effect<string, never, FakeClerk> =>
    FakeClerk.use((fake) => fake.signClaims(claims))

  /**
   * Schedules a fault for the next matching request(s).
   *
   * @since 0.1.0
   */
  static readonly injectFault = (fault: Fault, scope?: FaultScope): Effect.Effect<void, never, FakeClerk> =>
    FakeClerk.use((fake) => fake.injectFault(fault, scope))

  /**
   * Delays every request from now on.
   *
   * @since 0.1.0
   */
  static readonly setLatency = (duration: Duration.Input): Effect.Effect<void, never, FakeClerk> =>
    FakeClerk.use((fake) => fake.setLatency(duration))

  /**
   * Drops scheduled faults and latency.
   *
   * @since 0.1.0
   */
  static readonly clearFaults: Effect.Effect<void, never, FakeClerk> = FakeClerk.use((fake) => fake.clearFaults)

  /**
   * Every request received so far, oldest first.
   *
   * @since 0.1.0
   */
  static readonly requests: Effect.Effect<ReadonlyArray<RecordedRequest>, never, FakeClerk> = FakeClerk.use(
    (fake) => fake.requests
  )

  /**
   * Empties the request log.
   *
   * @since 0.1.0
   */
  static readonly clearRequests: Effect.Effect<void, never, FakeClerk> = FakeClerk.use((fake) => fake.clearRequests)
}
