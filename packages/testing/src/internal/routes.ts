/**
 * Clerk's behaviour for the Sessions resource, endpoint by endpoint. Request
 * bodies are decoded with the SDK's own body schemas and answers encoded with
 * its response schemas, so the fake and the SDK cannot drift apart silently.
 */
import {
  Cookies,
  CreateSessionBody,
  CreateTokenBody,
  RefreshSessionBody,
  type Session,
  SessionList,
  SessionListStatus,
  Session as SessionSchema,
  Token,
  VerifySessionBody
} from "@clerk-effect/backend"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import * as SynchronizedRef from "effect/SynchronizedRef"
import type { FakeReply, FakeRequest } from "../FakeExchange.js"
import type { JwtTemplate } from "../Seed.js"
import * as Reply from "./replies.js"
import { filterSessions, type ListFilter, putSession, type StoreData, sessionFromSeed } from "./store.js"
import { randomHex, type SigningKey, sign, verifySignature } from "./tokens.js"

/** @internal */
export interface RouteContext {
  readonly store: SynchronizedRef.SynchronizedRef<StoreData>
  readonly key: Ref.Ref<SigningKey>
  readonly issuer: string
}

const MIN_LIFETIME = 30
const MAX_LIFETIME = 315_360_000
const DEFAULT_LIFETIME = 60
/** The first API version without `POST /sessions/{id}/verify`. */
const VERIFY_REMOVED_IN = "2025-04-10"

type Handler = (ctx: RouteContext, request: FakeRequest, params: ReadonlyArray<string>) => Effect.Effect<FakeReply>

// ---------------------------------------------------------------- bodies

const parseBody = (request: FakeRequest): Either.Either<unknown, FakeReply> => {
  if (request.body === undefined || request.body.trim() === "") return Either.right({})
  try {
    return Either.right(JSON.parse(request.body))
  } catch {
    return Either.left(
      Reply.clerkError(400, {
        code: "request_body_invalid",
        message: "Request body invalid",
        longMessage: "The request body is not valid JSON."
      })
    )
  }
}

/** Decodes a body with an SDK schema; a failure becomes the 4xx Clerk answers. */
const decodeBody = <A, I>(
  schema: Schema.Schema<A, I>,
  request: FakeRequest,
  status = 422
): Either.Either<A, FakeReply> =>
  Either.flatMap(parseBody(request), (json) =>
    Either.mapLeft(Schema.decodeUnknownEither(schema)(json), (error) => {
      const issue = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
      const param = issue?.path.map(String).join(".") || "body"
      return issue?._tag === "Missing"
        ? Reply.paramMissing(param, status)
        : Reply.paramFormatInvalid(param, issue?.message ?? "is invalid", status)
    })
  )

const lifetimeFrom = (request: FakeRequest, fallback: number): Either.Either<number, FakeReply> =>
  Either.flatMap(decodeBody(CreateTokenBody, request), ({ expiresInSeconds }) => {
    if (expiresInSeconds === undefined || expiresInSeconds === null) return Either.right(fallback)
    if (!Number.isInteger(expiresInSeconds)) {
      return Either.left(Reply.paramFormatInvalid("expires_in_seconds", "must be an integer."))
    }
    if (expiresInSeconds < MIN_LIFETIME || expiresInSeconds > MAX_LIFETIME) {
      return Either.left(
        Reply.paramValueInvalid("expires_in_seconds", `must be between ${MIN_LIFETIME} and ${MAX_LIFETIME}.`)
      )
    }
    return Either.right(expiresInSeconds)
  })

const respond = <A>(either: Either.Either<A, FakeReply>, f: (a: A) => Effect.Effect<FakeReply>) =>
  Either.match(either, { onLeft: Effect.succeed, onRight: f })

// ---------------------------------------------------------------- sessions

const findSession = (ctx: RouteContext, id: string) =>
  Effect.map(SynchronizedRef.get(ctx.store), (data) => data.sessions.get(id)?.session)

const sessionNotFound = (id: string) =>
  Reply.notFound(`No session was found with id ${id}`, { param_name: "session_id" })

const withSession = (ctx: RouteContext, id: string, f: (session: Session) => Effect.Effect<FakeReply>) =>
  Effect.flatMap(findSession(ctx, id), (session) =>
    session === undefined ? Effect.succeed(sessionNotFound(id)) : f(session)
  )

const intParam = (
  query: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
  max: number
): Either.Either<number, FakeReply> => {
  const raw = query.get(name)
  if (raw === null) return Either.right(fallback)
  if (!/^-?\d+$/.test(raw)) return Either.left(Reply.paramFormatInvalid(name, "must be an integer."))
  const value = Number(raw)
  if (value < min || value > max) {
    return Either.left(
      Reply.paramValueInvalid(
        name,
        max === Number.MAX_SAFE_INTEGER ? `must be at least ${min}.` : `must be between ${min} and ${max}.`
      )
    )
  }
  return Either.right(value)
}

const listQuery = (
  query: URLSearchParams
): Either.Either<ListFilter & { limit: number; offset: number }, FakeReply> => {
  const clientId = query.get("client_id") ?? undefined
  const userId = query.get("user_id") ?? undefined
  const status = query.get("status") ?? undefined
  // Clerk deprecated unfiltered listing in 2024; what it answers is not documented: see the guesses in docs/testing.md.
  if (clientId === undefined && userId === undefined) return Either.left(Reply.paramMissing("client_id or user_id"))
  if (status !== undefined && !(SessionListStatus.literals as ReadonlyArray<string>).includes(status)) {
    return Either.left(Reply.paramValueInvalid("status", `must be one of ${SessionListStatus.literals.join(", ")}.`))
  }
  return Either.flatMap(intParam(query, "limit", 10, 1, 500), (limit) =>
    Either.map(intParam(query, "offset", 0, 0, Number.MAX_SAFE_INTEGER), (offset) => ({
      clientId,
      userId,
      status,
      limit,
      offset
    }))
  )
}

const BareList = Schema.Array(SessionSchema)

const list: Handler = (ctx, request) =>
  respond(listQuery(request.url.searchParams), (query) =>
    Effect.map(SynchronizedRef.get(ctx.store), (data) => {
      const all = filterSessions(data, query)
      const page = all.slice(query.offset, query.offset + query.limit)
      return request.url.searchParams.get("paginated") === "true"
        ? Reply.json(SessionList, { data: page, totalCount: all.length })
        : Reply.json(BareList, page)
    })
  )

const create: Handler = (ctx, request) =>
  respond(decodeBody(CreateSessionBody, request), (body) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) =>
      SynchronizedRef.modify(ctx.store, (data): readonly [FakeReply, StoreData] => {
        if (!data.users.has(body.userId)) {
          return [Reply.notFound(`No user was found with id ${body.userId}`, { param_name: "user_id" }), data]
        }
        const session = sessionFromSeed(
          {
            userId: body.userId,
            createdAt: now,
            ...(body.activeOrganizationId === undefined ? {} : { lastActiveOrganizationId: body.activeOrganizationId })
          },
          now
        )
        return [Reply.json(SessionSchema, session), putSession(data, session)]
      })
    )
  )

const get: Handler = (ctx, _request, [id]) =>
  withSession(ctx, id!, (session) => Effect.succeed(Reply.json(SessionSchema, session)))

const revoke: Handler = (ctx, _request, [id]) =>
  Effect.flatMap(Clock.currentTimeMillis, (now) =>
    SynchronizedRef.modify(ctx.store, (data): readonly [FakeReply, StoreData] => {
      const entry = data.sessions.get(id!)
      if (entry === undefined) return [sessionNotFound(id!), data]
      // Revoking twice answers the revoked session unchanged (a guess, see docs/testing.md).
      if (entry.session.status === "revoked") return [Reply.json(SessionSchema, entry.session), data]
      const revoked: Session = { ...entry.session, status: "revoked", updatedAt: now }
      return [Reply.json(SessionSchema, revoked), putSession(data, revoked)]
    })
  )

// ---------------------------------------------------------------- tokens

const canMint = (session: Session) => session.status === "active" || session.status === "pending"

const baseClaims = (ctx: RouteContext, iat: number, lifetime: number, origin: string | undefined) => ({
  ...(origin === undefined || origin === "" ? {} : { azp: origin }),
  exp: iat + lifetime,
  iat,
  iss: ctx.issuer,
  jti: randomHex(10),
  // Clerk back-dates nbf so that slightly slow clocks still accept a fresh token.
  nbf: iat - 10
})

/** The claims of a Clerk (v2) session token. */
const sessionClaims = (
  ctx: RouteContext,
  session: Session,
  iat: number,
  lifetime: number,
  origin: string | undefined
) => ({
  ...baseClaims(ctx, iat, lifetime, origin),
  fva: [0, -1],
  sid: session.id,
  sub: session.userId,
  v: 2,
  ...(session.status === "pending" ? { sts: "pending" } : {}),
  ...(session.lastActiveOrganizationId ? { o: { id: session.lastActiveOrganizationId } } : {})
})

const mintSessionToken = (ctx: RouteContext, session: Session, lifetime: number, origin: string | undefined) =>
  Effect.gen(function* () {
    const iat = Math.floor((yield* Clock.currentTimeMillis) / 1000)
    const key = yield* Ref.get(ctx.key)
    return yield* sign(sessionClaims(ctx, session, iat, lifetime, origin), key)
  })

const notMintable = (session: Session) =>
  Reply.notFound(`No active session was found with id ${session.id}`, { param_name: "session_id" })

const createToken: Handler = (ctx, request, [id]) =>
  withSession(ctx, id!, (session) =>
    canMint(session)
      ? respond(lifetimeFrom(request, DEFAULT_LIFETIME), (lifetime) =>
          Effect.map(mintSessionToken(ctx, session, lifetime, request.headers.origin), (jwt) =>
            Reply.json(Token, { object: "token", jwt })
          )
        )
      : Effect.succeed(notMintable(session))
  )

const substitute = (value: unknown, session: Session): unknown =>
  value === "{{user.id}}" ? session.userId : value === "{{session.id}}" ? session.id : value

const templateClaims = (template: JwtTemplate, session: Session) =>
  Object.fromEntries(Object.entries(template.claims).map(([name, value]) => [name, substitute(value, session)]))

const createTemplateToken: Handler = (ctx, request, [id, name]) =>
  withSession(ctx, id!, (session) =>
    Effect.flatMap(SynchronizedRef.get(ctx.store), (data) => {
      const template = data.templates.get(name!)
      if (template === undefined) {
        return Effect.succeed(
          Reply.notFound(`No JWT template was found with name ${name}`, { param_name: "template_name" })
        )
      }
      if (!canMint(session)) return Effect.succeed(notMintable(session))
      return respond(lifetimeFrom(request, template.lifetime ?? DEFAULT_LIFETIME), (lifetime) =>
        Effect.gen(function* () {
          const iat = Math.floor((yield* Clock.currentTimeMillis) / 1000)
          const key = yield* Ref.get(ctx.key)
          // Template claims first: Clerk's reserved claims cannot be overridden. No sid: not a session token.
          const claims = {
            ...templateClaims(template, session),
            ...baseClaims(ctx, iat, lifetime, request.headers.origin),
            sub: session.userId
          }
          return Reply.json(Token, { object: "token", jwt: yield* sign(claims, key) })
        })
      )
    })
  )

// ---------------------------------------------------------------- refresh and verify

/** Verifies the signature (not `exp`) and that the token belongs to the session. */
const tokenOfSession = (ctx: RouteContext, token: string, session: Session) =>
  Effect.flatMap(Ref.get(ctx.key), (key) =>
    verifySignature(token, [key]).pipe(
      Effect.flatMap((claims) => (claims.sid === session.id ? Effect.succeed(claims) : Effect.fail(undefined)))
    )
  )

const refresh: Handler = (ctx, request, [id]) =>
  respond(decodeBody(RefreshSessionBody, request, 400), (body) =>
    Effect.flatMap(findSession(ctx, id!), (session) => {
      // Refresh failures are all 401 (the spec: "fall back to the handshake"), an unknown session included.
      if (session === undefined || !canMint(session)) {
        return Effect.succeed(Reply.tokenInvalid("The session cannot be refreshed."))
      }
      return tokenOfSession(ctx, body.expiredToken, session).pipe(
        Effect.flatMap(() =>
          Effect.zip(mintSessionToken(ctx, session, DEFAULT_LIFETIME, body.requestOrigin), Clock.currentTimeMillis)
        ),
        Effect.map(([jwt, now]) =>
          body.format === "cookie"
            ? Reply.json(Cookies, {
                object: "cookies",
                cookies: [
                  `__session=${jwt}; Path=/; SameSite=Lax; Secure`,
                  `__client_uat=${Math.floor(now / 1000)}; Path=/; SameSite=Strict; Secure`
                ]
              })
            : Reply.json(Token, { object: "token", jwt })
        ),
        Effect.catchAll(() =>
          Effect.succeed(Reply.tokenInvalid("The expired token is invalid or does not belong to this session."))
        )
      )
    })
  )

const verify: Handler = (ctx, request, [id]) => {
  const version = request.headers["clerk-api-version"]
  if (version !== undefined && version >= VERIFY_REMOVED_IN) return Effect.succeed(Reply.deprecated())
  return respond(decodeBody(VerifySessionBody, request), (body) =>
    withSession(ctx, id!, (session) => {
      if (body.token === undefined) return Effect.succeed(Reply.paramMissing("token"))
      return tokenOfSession(ctx, body.token, session).pipe(
        Effect.flatMap((claims) =>
          Effect.flatMap(Clock.currentTimeMillis, (now) =>
            typeof claims.exp === "number" && claims.exp * 1000 > now && session.status === "active"
              ? Effect.succeed(Reply.json(SessionSchema, session))
              : Effect.fail(undefined)
          )
        ),
        Effect.catchAll(() => Effect.succeed(Reply.tokenInvalid("The session token is invalid or expired.")))
      )
    })
  )
}

// ---------------------------------------------------------------- JWKS

const Jwks = Schema.Struct({ keys: Schema.Array(Schema.Record({ key: Schema.String, value: Schema.Unknown })) })

const jwks: Handler = (ctx) => Effect.map(Ref.get(ctx.key), (key) => Reply.json(Jwks, { keys: [{ ...key.publicJwk }] }))

// ---------------------------------------------------------------- routing

const routes: ReadonlyArray<readonly [string, ReadonlyArray<string>, Handler]> = [
  ["GET", ["jwks"], jwks],
  ["GET", ["sessions"], list],
  ["POST", ["sessions"], create],
  ["GET", ["sessions", ":id"], get],
  ["POST", ["sessions", ":id", "revoke"], revoke],
  ["POST", ["sessions", ":id", "refresh"], refresh],
  ["POST", ["sessions", ":id", "verify"], verify],
  ["POST", ["sessions", ":id", "tokens"], createToken],
  ["POST", ["sessions", ":id", "tokens", ":template"], createTemplateToken]
]

const match = (pattern: ReadonlyArray<string>, segments: ReadonlyArray<string>): Array<string> | undefined => {
  if (pattern.length !== segments.length) return undefined
  const params: Array<string> = []
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i]!.startsWith(":")) params.push(segments[i]!)
    else if (pattern[i] !== segments[i]) return undefined
  }
  return params
}

/**
 * Answers an authenticated request under `/v1`.
 * @internal
 */
export const route = (ctx: RouteContext, request: FakeRequest): Effect.Effect<FakeReply> => {
  let segments: Array<string>
  try {
    segments = request.url.pathname
      .split("/")
      .filter((s) => s !== "")
      .map(decodeURIComponent)
  } catch {
    return Effect.succeed(Reply.notFound())
  }
  if (segments[0] !== "v1") return Effect.succeed(Reply.notFound())
  const rest = segments.slice(1)
  for (const [method, pattern, handler] of routes) {
    const params = match(pattern, rest)
    if (params !== undefined && method === request.method.toUpperCase()) return handler(ctx, request, params)
  }
  return Effect.succeed(Reply.notFound())
}
