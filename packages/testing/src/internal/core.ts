/**
 * The one core both faces share: state, keys, the request log, fault
 * scheduling, bearer-key checks and routing.
 */
import type { Session } from "@clerk-effect/backend"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as HashSet from "effect/HashSet"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import * as SynchronizedRef from "effect/SynchronizedRef"
import type { FakeClerkOptions, FakeClerkService, FakePublicKey, RecordedRequest } from "../FakeClerkService.js"
import type { FakeReply, FakeRequest } from "../FakeExchange.js"
import type { Fault, FaultScope } from "../Fault.js"
import type { SessionSeed } from "../Seed.js"
import * as Reply from "./replies.js"
import { route } from "./routes.js"
import { filterSessions, putSession, type StoreData, seedStore, sessionById, sessionFromSeed } from "./store.js"
import { generateSigningKey, initialSigningKey, sign } from "./tokens.js"

interface ScheduledFault {
  readonly fault: Fault
  readonly remaining: number
  readonly method: string | undefined
  readonly path: string | RegExp | undefined
}

/** The default bearer secret of a fake. @internal */
export const DEFAULT_SECRET_KEY = "sk_test_fake_clerk_secret_key"
/**
 * The default `iss` of minted tokens: a development instance's Frontend API
 * (`word-word-NN.clerk.accounts.dev`), so that Clerk's tooling derives a
 * development (`pk_test_`) publishable key from it.
 * @internal
 */
export const DEFAULT_ISSUER = "https://fake-clerk-42.clerk.accounts.dev"

// @clerk/shared's PUBLISHABLE_FRONTEND_API_DEV_REGEX: the Frontend API hosts of development instances.
const developmentFrontendApi = /^(([a-z]+)-){2}([0-9]{1,2})\.clerk\.accounts([a-z.]*)(dev|com)$/i

/**
 * The publishable key of the instance whose Frontend API is the issuer's
 * host, built as Clerk builds it: `pk_test_` for a development host
 * (`pk_live_` otherwise) and the unpadded base64 of `<host>$`.
 * @internal
 */
export const publishableKeyFor = (issuer: string): string => {
  const host = URL.canParse(issuer) ? new URL(issuer).host : issuer
  const prefix = developmentFrontendApi.test(host) ? "pk_test_" : "pk_live_"
  return `${prefix}${btoa(`${host}$`).replace(/=+$/, "")}`
}

/**
 * The fake's own route (not Clerk's: no Clerk path starts with `__`): rotates
 * the signing key for clients that cannot call `FakeClerk.rotateKey`.
 * @internal
 */
export const ROTATE_KEY_PATH = "/v1/__fake/rotate_key"

const RotatedKey = Schema.Struct({
  object: Schema.Literal("fake_signing_key"),
  kid: Schema.String,
  jwk: Schema.Record({ key: Schema.String, value: Schema.Unknown }),
  pem: Schema.String
})

const matches = (entry: ScheduledFault, request: FakeRequest) =>
  entry.remaining > 0 &&
  (entry.method === undefined || entry.method.toUpperCase() === request.method.toUpperCase()) &&
  (entry.path === undefined ||
    (typeof entry.path === "string" ? entry.path === request.url.pathname : entry.path.test(request.url.pathname)))

const half = (body: string) => body.slice(0, Math.max(1, Math.floor(body.length / 2)))

/** @internal */
export const make = (options: FakeClerkOptions = {}): Effect.Effect<FakeClerkService> =>
  Effect.gen(function* () {
    const secretKey = options.secretKey ?? DEFAULT_SECRET_KEY
    const issuer = options.issuer ?? DEFAULT_ISSUER
    const now = yield* Clock.currentTimeMillis
    const store = yield* SynchronizedRef.make<StoreData>(seedStore(options, now))
    const key = yield* Ref.make(yield* initialSigningKey)
    const faults = yield* Ref.make<ReadonlyArray<ScheduledFault>>([])
    const latency = yield* Ref.make(Duration.zero)
    const log = yield* Ref.make<ReadonlyArray<RecordedRequest>>([])
    const ctx = { store, key, issuer }

    const takeFault = (request: FakeRequest) =>
      Ref.modify(faults, (entries): readonly [Fault | undefined, ReadonlyArray<ScheduledFault>] => {
        const index = entries.findIndex((entry) => matches(entry, request))
        if (index === -1) return [undefined, entries]
        const next = entries
          .map((entry, i) => (i === index ? { ...entry, remaining: entry.remaining - 1 } : entry))
          .filter((entry) => entry.remaining > 0)
        return [entries[index]!.fault, next]
      })

    const authorized = (request: FakeRequest) => request.headers.authorization === `Bearer ${secretKey}`

    const process = (request: FakeRequest): Effect.Effect<FakeReply> =>
      authorized(request) ? route(ctx, request) : Effect.succeed(Reply.unauthenticated())

    const rotateKey = Effect.flatMap(
      generateSigningKey,
      (next): Effect.Effect<FakePublicKey> =>
        Effect.as(Ref.set(key, next), { kid: next.kid, jwk: next.publicJwk, pem: next.publicPem })
    )

    // The fake's own routes control the fake: they are not Clerk requests, so
    // they are not logged and faults and latency do not apply to them.
    const ownRoute = (request: FakeRequest): Effect.Effect<FakeReply> | undefined => {
      if (request.url.pathname !== ROTATE_KEY_PATH) return undefined
      if (request.method.toUpperCase() !== "POST") return Effect.succeed(Reply.notFound())
      if (!authorized(request)) return Effect.succeed(Reply.unauthenticated())
      return Effect.map(rotateKey, (rotated) => Reply.json(RotatedKey, { object: "fake_signing_key", ...rotated }))
    }

    const handle = (request: FakeRequest): Effect.Effect<FakeReply> =>
      ownRoute(request) ??
      Effect.gen(function* () {
        const { authorization: _, ...headers } = request.headers
        yield* Ref.update(log, (entries) => [
          ...entries,
          {
            method: request.method,
            path: request.url.pathname,
            query: request.url.search.slice(1),
            headers,
            body: request.body
          }
        ])
        const delay = yield* Ref.get(latency)
        if (Duration.greaterThan(delay, Duration.zero)) yield* Effect.sleep(delay)
        const fault = yield* takeFault(request)
        if (fault === undefined) return yield* process(request)
        switch (fault._tag) {
          case "Latency":
            yield* Effect.sleep(fault.duration)
            return yield* process(request)
          case "Status":
            return fault.body === "html" ? Reply.htmlBadGateway() : Reply.statusError(fault.status, fault.retryAfter)
          case "Reset":
            if (fault.afterProcessing) yield* process(request)
            return { _tag: "Reset" } as const
        }
        const reply = yield* process(request)
        if (reply._tag !== "Respond") return reply
        switch (fault._tag) {
          case "MalformedBody":
            return { ...reply, body: half(reply.body) }
          case "TruncatedBody":
            return { ...reply, _tag: "Truncated", sentBytes: new TextEncoder().encode(half(reply.body)).length }
          case "NeverEndingBody":
            return { _tag: "NeverEnding", status: reply.status, headers: reply.headers, prefix: half(reply.body) }
        }
      })

    const addSession = (seed: SessionSeed) =>
      Effect.flatMap(Clock.currentTimeMillis, (time) => {
        const session = sessionFromSeed(seed, time)
        return Effect.as(
          SynchronizedRef.update(store, (data) => putSession(data, session)),
          session
        )
      })

    const service: FakeClerkService = {
      secretKey,
      issuer,
      publishableKey: publishableKeyFor(issuer),
      handle,
      addUser: (user) =>
        SynchronizedRef.update(store, (data) => ({ ...data, users: HashSet.add(data.users, user.id) })),
      addSession,
      addJwtTemplate: (template) =>
        SynchronizedRef.update(store, (data) => ({
          ...data,
          templates: new Map(data.templates).set(template.name, template)
        })),
      sessions: Effect.map(SynchronizedRef.get(store), (data): ReadonlyArray<Session> => filterSessions(data, {})),
      getSession: (id) => Effect.map(SynchronizedRef.get(store), (data) => sessionById(data, id)),
      publicKey: Effect.map(Ref.get(key), ({ kid, publicJwk, publicPem }) => ({ kid, jwk: publicJwk, pem: publicPem })),
      rotateKey,
      signClaims: (claims) => Effect.flatMap(Ref.get(key), (current) => sign(claims, current)),
      injectFault: (fault: Fault, scope: FaultScope = {}) =>
        Ref.update(faults, (entries) => [
          ...entries,
          { fault, remaining: scope.times ?? 1, method: scope.method, path: scope.path }
        ]),
      setLatency: (duration) => Ref.set(latency, Duration.decode(duration)),
      clearFaults: Effect.zipRight(Ref.set(faults, []), Ref.set(latency, Duration.zero)),
      requests: Ref.get(log),
      clearRequests: Ref.set(log, [])
    }
    return service
  })
