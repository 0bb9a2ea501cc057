/**
 * What a fake is, apart from how it is provided: the service behind
 * `FakeClerk` (state, keys, faults, the request log), its options,
 * and the records it keeps.
 *
 * @since 0.1.0
 */
import type { ClerkConfigOptions, Session, SessionTokensOptions } from "@clerk-effect/backend-effect4"
import type * as Fake from "@clerk-effect/fake"
import type * as Duration from "effect/Duration"
import type * as Effect from "effect/Effect"
import type { FakeReply, FakeRequest } from "./FakeExchange.js"
import type { Fault, FaultScope } from "./Fault.js"
import type { FakeClerkSeed, FakeUser, JwtTemplate, SessionSeed } from "./Seed.js"

/**
 * Options of a fake: its seed, plus the secret key it accepts and the issuer
 * of the tokens it mints.
 *
 * @since 0.1.0
 * @category models
 */
export interface FakeClerkOptions extends FakeClerkSeed {
  /** The bearer secret the fake accepts (default `FAKE_SECRET_KEY`). */
  readonly secretKey?: string | undefined
  /**
   * `iss` of minted tokens (default `FAKE_ISSUER`), the Frontend API
   * URL of the instance the fake plays; its host gives `publishableKey`.
   */
  readonly issuer?: string | undefined
  /** Overrides for the `ClerkConfig` the layers provide (e.g. `retry: false`). */
  readonly config?: Partial<Omit<ClerkConfigOptions, "secretKey">> | undefined
  /**
   * Options of the `SessionTokens` the layers provide (e.g.
   * `authorizedParties`); it verifies against the fake's `GET /v1/jwks`, so
   * `jwtKey` is not taken. An unusable option is a defect when the layer is
   * built (the options are the test's own code).
   */
  readonly sessionTokens?: Omit<SessionTokensOptions, "jwtKey"> | undefined
}

/**
 * One request as the fake received it (the `authorization` header left out):
 * `method`, `path` (e.g. `/v1/sessions/sess_1/revoke`), `query` (the query
 * string without its leading `?`, as sent, `""` when the URL has none; read
 * it with `new URLSearchParams(query)`), `headers` and `body`.
 *
 * @since 0.1.0
 * @category models
 */
export type RecordedRequest = Fake.RecordedRequest

/**
 * The public key the fake signs with: its `kid`, as a JWK (`kid`, `alg`,
 * `use`, as `GET /v1/jwks` serves it) and as an SPKI PEM (what networkless
 * verification with a `jwtKey` takes).
 *
 * @since 0.1.0
 * @category models
 */
export type FakePublicKey = Fake.FakePublicKey

/**
 * @since 0.1.0
 * @category models
 */
export interface FakeClerkService {
  /** The bearer secret this fake accepts. */
  readonly secretKey: string
  /** `iss` of the tokens it mints. */
  readonly issuer: string
  /**
   * The publishable key of the instance whose Frontend API is the issuer's
   * host, as Clerk builds it (`pk_test_` + base64 of `<host>$` for a
   * development host): what `CLERK_PUBLISHABLE_KEY` takes when Clerk's own
   * middleware is pointed at the fake. `FAKE_PUBLISHABLE_KEY` by default.
   */
  readonly publishableKey: string
  /** Answers one request: what both faces call. */
  readonly handle: (request: FakeRequest) => Effect.Effect<FakeReply>
  /** Adds a user (sessions can then be created for it). */
  readonly addUser: (user: FakeUser) => Effect.Effect<void>
  /** Adds (or replaces, by id) a session, with Clerk-like defaults for missing fields. */
  readonly addSession: (seed: SessionSeed) => Effect.Effect<Session>
  /** Adds (or replaces, by name) a JWT template. */
  readonly addJwtTemplate: (template: JwtTemplate) => Effect.Effect<void>
  /** Every session, newest first. */
  readonly sessions: Effect.Effect<ReadonlyArray<Session>>
  /** One session, `undefined` when unknown. */
  readonly getSession: (sessionId: string) => Effect.Effect<Session | undefined>
  /** The current signing key. */
  readonly publicKey: Effect.Effect<FakePublicKey>
  /**
   * Replaces the signing key with a new one (new `kid`): later tokens use it,
   * `GET /v1/jwks` serves only it, and tokens signed before no longer refresh.
   * Clients that cached the JWKS keep accepting old tokens until their cache
   * expires. Over HTTP: `FAKE_ROTATE_KEY_PATH`.
   */
  readonly rotateKey: Effect.Effect<FakePublicKey>
  /** Signs arbitrary claims with the current key (for expired or otherwise odd tokens in tests). */
  readonly signClaims: (claims: Readonly<Record<string, unknown>>) => Effect.Effect<string>
  /** Schedules a fault for the next matching request(s); faults apply in the order injected. */
  readonly injectFault: (fault: Fault, scope?: FaultScope) => Effect.Effect<void>
  /** Delays every request from now on (an Effect sleep). `Duration.zero` turns it off. */
  readonly setLatency: (duration: Duration.Input) => Effect.Effect<void>
  /** Drops every scheduled fault and the latency. */
  readonly clearFaults: Effect.Effect<void>
  /** Every request received so far, oldest first. */
  readonly requests: Effect.Effect<ReadonlyArray<RecordedRequest>>
  /** Empties the request log. */
  readonly clearRequests: Effect.Effect<void>
}

/**
 * Where the loopback server listens.
 *
 * @since 0.1.0
 * @category models
 */
export interface FakeClerkServerInfo {
  /** `http://127.0.0.1:PORT`: use it as `apiUrl`. */
  readonly url: string
  readonly port: number
}

/**
 * Options of the loopback server.
 *
 * @since 0.1.0
 * @category models
 */
export interface FakeClerkServerOptions extends FakeClerkOptions {
  /** Default 0: a free port. */
  readonly port?: number | undefined
  /** Default `127.0.0.1`. */
  readonly host?: string | undefined
}
