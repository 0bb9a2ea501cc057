/**
 * The fake Clerk backend itself, with no Effect and no clock: state, keys,
 * the request log, fault scheduling, bearer-key checks and routing, all in
 * Clerk's wire format. Every face (the effect-3 and effect-4 `HttpClient`
 * layers, the loopback server of `@clerk-effect/fake/server`) drives the
 * same {@link Fake}.
 *
 * @example
 * ```ts
 * import { createFake, defaultSeed } from "@clerk-effect/fake"
 *
 * const fake = await createFake({ ...defaultSeed(Date.now()), now: Date.now() })
 * const step = fake.receive({
 *   method: "GET",
 *   url: new URL("http://fake/v1/sessions/sess_demo_bob"),
 *   headers: { authorization: `Bearer ${fake.secretKey}` },
 *   body: undefined
 * })
 * // No latency configured: the first step is the answer.
 * if (step._tag === "Answer") console.log(await step.answer(Date.now()))
 * ```
 *
 * @since 0.1.0
 */
import type { FakeReply, FakeRequest, FakeStep } from "./Exchange.js"
import type { Fault, FaultScope } from "./Fault.js"
import * as Reply from "./internal/replies.js"
import { route } from "./internal/routes.js"
import { allSessions, putSession, seedStore, sessionById, sessionFromSeed } from "./internal/store.js"
import { generateSigningKey, initialSigningKey, type SigningKey, sign } from "./internal/tokens.js"
import type { FakeSeed, FakeUser, JwtTemplate } from "./Seed.js"
import type { WireSession, WireSessionSeed } from "./Wire.js"

/**
 * The bearer secret a fake accepts unless told otherwise.
 *
 * @since 0.1.0
 * @category constants
 */
export const FAKE_SECRET_KEY = "sk_test_fake_clerk_secret_key"

/**
 * The `iss` of tokens minted by a fake unless told otherwise: a development
 * instance's Frontend API (`word-word-NN.clerk.accounts.dev`), so that
 * Clerk's tooling derives a development (`pk_test_`) publishable key from it.
 *
 * @since 0.1.0
 * @category constants
 */
export const FAKE_ISSUER = "https://fake-clerk-42.clerk.accounts.dev"

/**
 * The path of the fake's own key-rotation route (not Clerk's: no Clerk path
 * starts with `__`): `POST /v1/__fake/rotate_key` with `Authorization: Bearer
 * <secret key>` rotates the signing key and answers the new public key
 * (`{ object: "fake_signing_key", kid, jwk, pem }`). It is not recorded in
 * the request log, and faults and latency do not apply to it.
 *
 * @since 0.1.0
 * @category constants
 */
export const FAKE_ROTATE_KEY_PATH = "/v1/__fake/rotate_key"

// @clerk/shared's PUBLISHABLE_FRONTEND_API_DEV_REGEX: the Frontend API hosts of development instances.
const developmentFrontendApi = /^(([a-z]+)-){2}([0-9]{1,2})\.clerk\.accounts([a-z.]*)(dev|com)$/i

/**
 * The publishable key of the instance whose Frontend API is the issuer's
 * host, built as Clerk builds it: `pk_test_` for a development host
 * (`pk_live_` otherwise) and the unpadded base64 of `<host>$`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const publishableKeyFor = (issuer: string): string => {
  const host = URL.canParse(issuer) ? new URL(issuer).host : issuer
  const prefix = developmentFrontendApi.test(host) ? "pk_test_" : "pk_live_"
  return `${prefix}${btoa(`${host}$`).replace(/=+$/, "")}`
}

/**
 * The publishable key matching {@link FAKE_ISSUER} (`pk_test_...`).
 *
 * @since 0.1.0
 * @category constants
 */
export const FAKE_PUBLISHABLE_KEY: string = publishableKeyFor(FAKE_ISSUER)

/**
 * Options of a fake: its seed (wire format), the secret key it accepts, the
 * issuer of the tokens it mints, and the time it starts at.
 *
 * @since 0.1.0
 * @category models
 */
export interface FakeOptions extends FakeSeed {
  /** The bearer secret the fake accepts (default {@link FAKE_SECRET_KEY}). */
  readonly secretKey?: string | undefined
  /** `iss` of minted tokens (default {@link FAKE_ISSUER}); its host gives `publishableKey`. */
  readonly issuer?: string | undefined
  /**
   * The time of the seed (epoch milliseconds): the default timestamps of
   * seeded sessions, and which of them have expired. The caller's clock
   * (the core reads none).
   */
  readonly now: number
}

/**
 * One request as the fake received it (the `authorization` header left out).
 *
 * @since 0.1.0
 * @category models
 */
export interface RecordedRequest {
  readonly method: string
  /** e.g. `/v1/sessions/sess_1/revoke` */
  readonly path: string
  /**
   * The query string without its leading `?`, as sent (e.g.
   * `user_id=user_1&paginated=true`; read it with `new URLSearchParams(query)`);
   * `""` when the URL has none.
   */
  readonly query: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | undefined
}

/**
 * The public key the fake signs with: its `kid`, as a JWK (`kid`, `alg`,
 * `use`, as `GET /v1/jwks` serves it) and as an SPKI PEM (what networkless
 * verification with a `jwtKey` takes).
 *
 * @since 0.1.0
 * @category models
 */
export interface FakePublicKey {
  readonly kid: string
  readonly jwk: Readonly<Record<string, unknown>>
  readonly pem: string
}

/**
 * A running fake. Plain methods over mutable state; the ones that need the
 * time take it (`now`, epoch milliseconds) from the caller.
 *
 * @since 0.1.0
 * @category models
 */
export interface Fake {
  /** The bearer secret this fake accepts. */
  readonly secretKey: string
  /** `iss` of the tokens it mints. */
  readonly issuer: string
  /** The publishable key of the instance whose Frontend API is the issuer's host. */
  readonly publishableKey: string
  /**
   * Starts answering one request: records it, then hands out the steps (see
   * {@link FakeStep}): `Wait` while latency applies, then `Answer`.
   */
  readonly receive: (request: FakeRequest) => FakeStep
  /** Adds a user (sessions can then be created for it). */
  readonly addUser: (user: FakeUser) => void
  /** Adds (or replaces, by id) a session, with Clerk-like defaults for missing fields as of `now`. */
  readonly addSession: (seed: WireSessionSeed, now: number) => WireSession
  /** Adds (or replaces, by name) a JWT template. */
  readonly addJwtTemplate: (template: JwtTemplate) => void
  /** Every session, newest first. */
  readonly sessions: () => ReadonlyArray<WireSession>
  /** One session, `undefined` when unknown. */
  readonly getSession: (sessionId: string) => WireSession | undefined
  /** The current signing key. */
  readonly publicKey: () => FakePublicKey
  /**
   * Replaces the signing key with a newly generated one (new `kid`): later
   * tokens use it, `GET /v1/jwks` serves only it, and tokens signed before no
   * longer refresh.
   */
  readonly rotateKey: () => Promise<FakePublicKey>
  /** Signs arbitrary claims with the current key (for expired or otherwise odd tokens in tests). */
  readonly signClaims: (claims: Readonly<Record<string, unknown>>) => Promise<string>
  /** Schedules a fault for the next matching request(s); faults apply in the order injected. */
  readonly injectFault: (fault: Fault, scope?: FaultScope) => void
  /** Delays every request from now on by `millis`; 0 turns it off. */
  readonly setLatency: (millis: number) => void
  /** Drops every scheduled fault and the latency. */
  readonly clearFaults: () => void
  /** Every request received so far, oldest first. */
  readonly requests: () => ReadonlyArray<RecordedRequest>
  /** Empties the request log. */
  readonly clearRequests: () => void
}

interface ScheduledFault {
  readonly fault: Fault
  remaining: number
  readonly method: string | undefined
  readonly path: string | RegExp | undefined
}

const matches = (entry: ScheduledFault, request: FakeRequest) =>
  entry.remaining > 0 &&
  (entry.method === undefined || entry.method.toUpperCase() === request.method.toUpperCase()) &&
  (entry.path === undefined ||
    (typeof entry.path === "string" ? entry.path === request.url.pathname : entry.path.test(request.url.pathname)))

const half = (body: string) => body.slice(0, Math.max(1, Math.floor(body.length / 2)))

const publicKeyOf = ({ kid, publicJwk, publicPem }: SigningKey): FakePublicKey => ({
  kid,
  jwk: publicJwk,
  pem: publicPem
})

const answer = (f: (now: number) => FakeReply | Promise<FakeReply>): FakeStep => ({
  _tag: "Answer",
  answer: async (now) => f(now)
})

/**
 * Builds a fake: the seeded state as of `options.now`, and the process's key
 * pair under a new `kid` (an RSA key pair is generated once per process).
 *
 * @since 0.1.0
 * @category constructors
 */
export const createFake = async (options: FakeOptions): Promise<Fake> => {
  const secretKey = options.secretKey ?? FAKE_SECRET_KEY
  const issuer = options.issuer ?? FAKE_ISSUER
  const store = seedStore(options, options.now)
  let key = await initialSigningKey()
  let faults: Array<ScheduledFault> = []
  let latency = 0
  let log: Array<RecordedRequest> = []
  const ctx = { store, key: () => key, issuer }

  const authorized = (request: FakeRequest) => request.headers.authorization === `Bearer ${secretKey}`

  const process = (request: FakeRequest, now: number): FakeReply | Promise<FakeReply> =>
    authorized(request) ? route(ctx, request, now) : Reply.unauthenticated()

  const takeFault = (request: FakeRequest): Fault | undefined => {
    const entry = faults.find((candidate) => matches(candidate, request))
    if (entry === undefined) return undefined
    entry.remaining--
    if (entry.remaining <= 0) faults = faults.filter((candidate) => candidate !== entry)
    return entry.fault
  }

  const rotateKey = async (): Promise<FakePublicKey> => {
    key = await generateSigningKey()
    return publicKeyOf(key)
  }

  // The fake's own routes control the fake: they are not Clerk requests, so
  // they are not logged and faults and latency do not apply to them.
  const ownRoute = (request: FakeRequest): FakeStep | undefined => {
    if (request.url.pathname !== FAKE_ROTATE_KEY_PATH) return undefined
    if (request.method.toUpperCase() !== "POST") return answer(() => Reply.notFound())
    if (!authorized(request)) return answer(() => Reply.unauthenticated())
    return answer(async () => Reply.json({ object: "fake_signing_key", ...(await rotateKey()) }))
  }

  const faulted = async (fault: Fault | undefined, request: FakeRequest, now: number): Promise<FakeReply> => {
    if (fault === undefined || fault._tag === "Latency") return process(request, now)
    switch (fault._tag) {
      case "Status":
        return fault.body === "html" ? Reply.htmlBadGateway() : Reply.statusError(fault.status, fault.retryAfter)
      case "Reset":
        if (fault.afterProcessing) await process(request, now)
        return { _tag: "Reset" }
    }
    const reply = await process(request, now)
    if (reply._tag !== "Respond") return reply
    switch (fault._tag) {
      case "MalformedBody":
        return { ...reply, body: half(reply.body) }
      case "TruncatedBody":
        return { ...reply, _tag: "Truncated", sentBytes: new TextEncoder().encode(half(reply.body)).length }
      case "NeverEndingBody":
        return { _tag: "NeverEnding", status: reply.status, headers: reply.headers, prefix: half(reply.body) }
    }
  }

  // The fault is taken once the configured latency has passed, as a request
  // reaches Clerk: a request abandoned while it waits leaves the fault to the next.
  const afterLatency = (request: FakeRequest): FakeStep => {
    const fault = takeFault(request)
    const then = answer((now) => faulted(fault, request, now))
    return fault?._tag === "Latency" && fault.millis > 0
      ? { _tag: "Wait", millis: fault.millis, next: () => then }
      : then
  }

  const receive = (request: FakeRequest): FakeStep => {
    const own = ownRoute(request)
    if (own !== undefined) return own
    const { authorization: _, ...headers } = request.headers
    log.push({
      method: request.method,
      path: request.url.pathname,
      query: request.url.search.slice(1),
      headers,
      body: request.body
    })
    return latency > 0 ? { _tag: "Wait", millis: latency, next: () => afterLatency(request) } : afterLatency(request)
  }

  return {
    secretKey,
    issuer,
    publishableKey: publishableKeyFor(issuer),
    receive,
    addUser: (user) => {
      store.users.add(user.id)
    },
    addSession: (seed, now) => {
      const session = sessionFromSeed(seed, now)
      putSession(store, session)
      return session
    },
    addJwtTemplate: (template) => {
      store.templates.set(template.name, template)
    },
    sessions: () => allSessions(store),
    getSession: (id) => sessionById(store, id),
    publicKey: () => publicKeyOf(key),
    rotateKey,
    signClaims: (claims) => sign(claims, key),
    injectFault: (fault, scope = {}) => {
      faults.push({ fault, remaining: scope.times ?? 1, method: scope.method, path: scope.path })
    },
    setLatency: (millis) => {
      latency = millis
    },
    clearFaults: () => {
      faults = []
      latency = 0
    },
    requests: () => log.slice(),
    clearRequests: () => {
      log = []
    }
  }
}
