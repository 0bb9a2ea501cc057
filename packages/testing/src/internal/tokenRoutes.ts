/**
 * Session and template tokens, refresh, the removed verify, and the JWKS.
 */
import { Cookies, RefreshSessionBody, type Session, Token } from "@clerk-effect/backend"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import * as SynchronizedRef from "effect/SynchronizedRef"
import type { JwtTemplate } from "../Seed.js"
import * as Reply from "./replies.js"
import {
  DEFAULT_LIFETIME,
  decodeBody,
  findSession,
  type Handler,
  lifetimeFrom,
  type RouteContext,
  respond,
  withSession
} from "./routeSupport.js"
import { randomHex, sign, TokenCategory, verifySignature } from "./tokens.js"

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
  // The session's status as the token reports it: Clerk's middleware reads it (`auth().sessionStatus`).
  sts: session.status === "pending" ? "pending" : "active",
  sub: session.userId,
  v: 2,
  ...(session.lastActiveOrganizationId ? { o: { id: session.lastActiveOrganizationId } } : {})
})

const mintSessionToken = (ctx: RouteContext, session: Session, lifetime: number, origin: string | undefined) =>
  Effect.gen(function* () {
    const iat = Math.floor((yield* Clock.currentTimeMillis) / 1000)
    const key = yield* Ref.get(ctx.key)
    return yield* sign(sessionClaims(ctx, session, iat, lifetime, origin), key, TokenCategory.session)
  })

const notMintable = (session: Session) =>
  Reply.notFound(`No active session was found with id ${session.id}`, { param_name: "session_id" })

export const createToken: Handler = (ctx, request, [id]) =>
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

export const createTemplateToken: Handler = (ctx, request, [id, name]) =>
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
          return Reply.json(Token, { object: "token", jwt: yield* sign(claims, key, TokenCategory.jwtTemplate) })
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

export const refresh: Handler = (ctx, request, [id]) =>
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

/**
 * Clerk answered 410 `operation_deprecated` here already in January 2024
 * (clerk/clerk-sdk-ruby#43), before dated API versions existed: on every
 * version, whatever the session, the token or the body.
 */
export const verify: Handler = () => Effect.succeed(Reply.deprecated())

// ---------------------------------------------------------------- JWKS

const Jwks = Schema.Struct({ keys: Schema.Array(Schema.Record({ key: Schema.String, value: Schema.Unknown })) })

export const jwks: Handler = (ctx) =>
  Effect.map(Ref.get(ctx.key), (key) => Reply.json(Jwks, { keys: [{ ...key.publicJwk }] }))
