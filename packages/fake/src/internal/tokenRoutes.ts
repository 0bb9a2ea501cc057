/**
 * Session and template tokens, refresh, the removed verify, and the JWKS.
 */
import type { FakeReply } from "../Exchange.js"
import type { JwtTemplate } from "../Seed.js"
import type { WireSession } from "../Wire.js"
import { randomHex } from "./ids.js"
import * as Reply from "./replies.js"
import {
  checkBody,
  DEFAULT_LIFETIME,
  type FieldRule,
  type Handler,
  isString,
  lifetimeFrom,
  type RouteContext,
  withSession
} from "./routeSupport.js"
import { sessionById } from "./store.js"
import { sign, TokenCategory, verifySignature } from "./tokens.js"

// ---------------------------------------------------------------- tokens

const canMint = (session: WireSession) => session.status === "active" || session.status === "pending"

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
  session: WireSession,
  iat: number,
  lifetime: number,
  origin: string | undefined
) => ({
  ...baseClaims(ctx, iat, lifetime, origin),
  fva: [0, -1],
  sid: session.id,
  // The session's status as the token reports it: Clerk's middleware reads it (`auth().sessionStatus`).
  sts: session.status === "pending" ? "pending" : "active",
  sub: session.user_id,
  v: 2,
  ...(session.last_active_organization_id ? { o: { id: session.last_active_organization_id } } : {})
})

const seconds = (millis: number) => Math.floor(millis / 1000)

const mintSessionToken = (
  ctx: RouteContext,
  session: WireSession,
  lifetime: number,
  origin: string | undefined,
  now: number
) => sign(sessionClaims(ctx, session, seconds(now), lifetime, origin), ctx.key(), TokenCategory.session)

const notMintable = (session: WireSession) =>
  Reply.notFound(`No active session was found with id ${session.id}`, { param_name: "session_id" })

/** @internal */
export const createToken: Handler = (ctx, request, [id], now) =>
  withSession(ctx, id!, async (session) => {
    if (!canMint(session)) return notMintable(session)
    const lifetime = lifetimeFrom(request, DEFAULT_LIFETIME)
    if (!lifetime.ok) return lifetime.reply
    const jwt = await mintSessionToken(ctx, session, lifetime.value, request.headers.origin, now)
    return Reply.json({ object: "token", jwt })
  })

const substitute = (value: unknown, session: WireSession): unknown =>
  value === "{{user.id}}" ? session.user_id : value === "{{session.id}}" ? session.id : value

const templateClaims = (template: JwtTemplate, session: WireSession) =>
  Object.fromEntries(Object.entries(template.claims).map(([name, value]) => [name, substitute(value, session)]))

/** @internal */
export const createTemplateToken: Handler = (ctx, request, [id, name], now) =>
  withSession(ctx, id!, async (session) => {
    const template = ctx.store.templates.get(name!)
    if (template === undefined) {
      return Reply.notFound(`No JWT template was found with name ${name}`, { param_name: "template_name" })
    }
    if (!canMint(session)) return notMintable(session)
    const lifetime = lifetimeFrom(request, template.lifetime ?? DEFAULT_LIFETIME)
    if (!lifetime.ok) return lifetime.reply
    // Template claims first: Clerk's reserved claims cannot be overridden. No sid: not a session token.
    const claims = {
      ...templateClaims(template, session),
      ...baseClaims(ctx, seconds(now), lifetime.value, request.headers.origin),
      sub: session.user_id
    }
    return Reply.json({ object: "token", jwt: await sign(claims, ctx.key(), TokenCategory.jwtTemplate) })
  })

// ---------------------------------------------------------------- refresh and verify

const isHeaderValue = (value: unknown) =>
  typeof value === "string" || (Array.isArray(value) && value.every((item) => typeof item === "string"))

const refreshRules: Readonly<Record<string, FieldRule>> = {
  expired_token: { check: isString, expected: "a string", required: true },
  refresh_token: { check: isString, expected: "a string", required: true },
  request_origin: { check: isString, expected: "a string", required: true },
  request_headers: {
    check: (value) =>
      value !== null && typeof value === "object" && !Array.isArray(value) && Object.values(value).every(isHeaderValue),
    expected: "an object of strings or string arrays",
    nullable: true
  },
  format: {
    check: (value) => value === "token" || value === "cookie",
    expected: '"token" or "cookie"',
    nullable: true
  },
  request_originating_ip: { check: isString, expected: "a string", nullable: true }
}

/** @internal */
export const refresh: Handler = async (ctx, request, [id], now): Promise<FakeReply> => {
  const body = checkBody(request, refreshRules, 400)
  if (!body.ok) return body.reply
  const session = sessionById(ctx.store, id!)
  // Refresh failures are all 401 (the spec: "fall back to the handshake"), an unknown session included.
  if (session === undefined || !canMint(session)) return Reply.tokenInvalid("The session cannot be refreshed.")
  // The signature (not `exp`: the token is expired) and that the token belongs to the session.
  const claims = await verifySignature(body.value.expired_token as string, [ctx.key()])
  if (claims === undefined || claims.sid !== session.id) {
    return Reply.tokenInvalid("The expired token is invalid or does not belong to this session.")
  }
  const jwt = await mintSessionToken(ctx, session, DEFAULT_LIFETIME, body.value.request_origin as string, now)
  return body.value.format === "cookie"
    ? Reply.json({
        object: "cookies",
        cookies: [
          `__session=${jwt}; Path=/; SameSite=Lax; Secure`,
          `__client_uat=${seconds(now)}; Path=/; SameSite=Strict; Secure`
        ]
      })
    : Reply.json({ object: "token", jwt })
}

/**
 * Clerk answered 410 `operation_deprecated` here already in January 2024
 * (clerk/clerk-sdk-ruby#43), before dated API versions existed: on every
 * version, whatever the session, the token or the body.
 * @internal
 */
export const verify: Handler = () => Reply.deprecated()

// ---------------------------------------------------------------- JWKS

/** @internal */
export const jwks: Handler = (ctx) => Reply.json({ keys: [{ ...ctx.key().publicJwk }] })
