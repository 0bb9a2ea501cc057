/**
 * Type-level tests of the Sessions contract, checked by `pnpm check` (tsc):
 * a wrong type makes an `expectType` call fail to compile, and each
 * `@ts-expect-error` line fails the build if the error it expects goes away.
 */
import type * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import {
  type ClerkErrors,
  type Cookies,
  type RefreshFormat,
  type SDKError,
  type Session,
  type SessionList,
  Sessions,
  type SessionsService,
  type Token
} from "../src/index.js"

/** Exact type equality (not mere assignability in one direction). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false

declare const expectType: <T extends true>() => void

type ErrorOf<X> = X extends Effect.Effect<infer _A, infer E, infer _R> ? E : never
type RequirementOf<X> = X extends Effect.Effect<infer _A, infer _E, infer R> ? R : never
type SuccessOf<X> = X extends Effect.Effect<infer A, infer _E, infer _R> ? A : never

type Failure = ClerkErrors | SDKError

const refreshParams = { expiredToken: "e", refreshToken: "r", requestOrigin: "https://app.example.com" }

// --- accessors: error channel exactly ClerkErrors | SDKError, requirement exactly Sessions

const list = Sessions.list({ userId: "user_1", status: "active", limit: 20, offset: 0 })
expectType<Equals<typeof list, Effect.Effect<SessionList, Failure, Sessions>>>()

const create = Sessions.create({ userId: "user_1", activeOrganizationId: "org_1" })
expectType<Equals<typeof create, Effect.Effect<Session, Failure, Sessions>>>()

const get = Sessions.get("sess_1")
expectType<Equals<typeof get, Effect.Effect<Session, Failure, Sessions>>>()
expectType<Equals<ErrorOf<typeof get>, ClerkErrors | SDKError>>()
expectType<Equals<RequirementOf<typeof get>, Sessions>>()

const revoke = Sessions.revoke("sess_1")
expectType<Equals<typeof revoke, Effect.Effect<Session, Failure, Sessions>>>()

const createToken = Sessions.createToken("sess_1")
expectType<Equals<typeof createToken, Effect.Effect<Token, Failure, Sessions>>>()
const createTokenWithLifetime = Sessions.createToken("sess_1", { expiresInSeconds: 60 })
expectType<Equals<typeof createTokenWithLifetime, Effect.Effect<Token, Failure, Sessions>>>()

const fromTemplate = Sessions.createTokenFromTemplate("sess_1", "custom_hasura", { expiresInSeconds: 60 })
expectType<Equals<typeof fromTemplate, Effect.Effect<Token, Failure, Sessions>>>()

const verify = Sessions.verify("sess_1", { token: "t" })
expectType<Equals<typeof verify, Effect.Effect<Session, Failure, Sessions>>>()

const stream = Sessions.stream({ clientId: "client_1", limit: 100 })
expectType<Equals<typeof stream, Stream.Stream<Session, Failure, Sessions>>>()

const pages = Sessions.streamPages({ userId: "user_1", limit: 100 })
expectType<Equals<typeof pages, Stream.Stream<SessionList, Failure, Sessions>>>()

// --- refresh: Cookies for format "cookie", Token otherwise

const refreshCookie = Sessions.refresh("sess_1", { ...refreshParams, format: "cookie" })
expectType<Equals<SuccessOf<typeof refreshCookie>, Cookies>>()
expectType<Equals<ErrorOf<typeof refreshCookie>, Failure>>()

const refreshToken = Sessions.refresh("sess_1", { ...refreshParams, format: "token" })
expectType<Equals<SuccessOf<typeof refreshToken>, Token>>()

const refreshDefault = Sessions.refresh("sess_1", refreshParams)
expectType<Equals<SuccessOf<typeof refreshDefault>, Token>>()

declare const someFormat: RefreshFormat
const refreshEither = Sessions.refresh("sess_1", { ...refreshParams, format: someFormat })
expectType<Equals<SuccessOf<typeof refreshEither>, Token | Cookies>>()

// --- service methods: the same errors, no requirement at all

declare const service: SessionsService

const serviceGet = service.get("sess_1")
expectType<Equals<typeof serviceGet, Effect.Effect<Session, Failure, never>>>()
const serviceList = service.list({ clientId: "client_1" })
expectType<Equals<typeof serviceList, Effect.Effect<SessionList, Failure, never>>>()
const serviceCreate = service.create({ userId: "user_1" })
expectType<Equals<typeof serviceCreate, Effect.Effect<Session, Failure, never>>>()
const serviceRevoke = service.revoke("sess_1")
expectType<Equals<typeof serviceRevoke, Effect.Effect<Session, Failure, never>>>()
const serviceCookie = service.refresh("sess_1", { ...refreshParams, format: "cookie" })
expectType<Equals<typeof serviceCookie, Effect.Effect<Cookies, Failure, never>>>()
const serviceToken = service.refresh("sess_1", refreshParams)
expectType<Equals<typeof serviceToken, Effect.Effect<Token, Failure, never>>>()
const serviceCreateToken = service.createToken("sess_1")
expectType<Equals<typeof serviceCreateToken, Effect.Effect<Token, Failure, never>>>()
const serviceTemplate = service.createTokenFromTemplate("sess_1", "tpl")
expectType<Equals<typeof serviceTemplate, Effect.Effect<Token, Failure, never>>>()
const serviceVerify = service.verify("sess_1", {})
expectType<Equals<typeof serviceVerify, Effect.Effect<Session, Failure, never>>>()
const serviceStream = service.stream({ userId: "user_1" })
expectType<Equals<typeof serviceStream, Stream.Stream<Session, Failure, never>>>()

// --- list needs clientId or userId

// @ts-expect-error neither clientId nor userId
Sessions.list({})
// @ts-expect-error neither clientId nor userId
Sessions.list({ status: "active", limit: 10 })
// @ts-expect-error neither clientId nor userId
Sessions.stream({ limit: 10 })
// @ts-expect-error neither clientId nor userId
service.list({ offset: 0 })
Sessions.list({ clientId: "client_1" })
Sessions.list({ userId: "user_1" })
Sessions.list({ clientId: "client_1", userId: "user_1" })

// --- other input types

// @ts-expect-error `pending` is a session status but not a list filter
Sessions.list({ userId: "user_1", status: "pending" })
// @ts-expect-error stream pages by itself: no offset
Sessions.stream({ userId: "user_1", offset: 10 })
// @ts-expect-error userId is required
Sessions.create({ activeOrganizationId: "org_1" })
// @ts-expect-error ids are strings
Sessions.get(123)
// @ts-expect-error expiresInSeconds is a number
Sessions.createToken("sess_1", { expiresInSeconds: "60" })
// @ts-expect-error the template name is required
Sessions.createTokenFromTemplate("sess_1")
// @ts-expect-error refresh needs requestOrigin
Sessions.refresh("sess_1", { expiredToken: "e", refreshToken: "r" })
// @ts-expect-error format is "token" or "cookie"
Sessions.refresh("sess_1", { ...refreshParams, format: "json" })

// --- models: nullable vs optional (SESSIONS.md §4.1)

declare const session: Session
expectType<Equals<typeof session.lastActiveOrganizationId, string | null | undefined>>()
expectType<Equals<typeof session.tasks, ReadonlyArray<{ readonly key: string }> | null | undefined>>()
expectType<Equals<typeof session.userId, string>>()
expectType<Equals<typeof session.createdAt, number>>()
// Known statuses are offered, any other string is accepted.
const statusKnown: Session["status"] = "pending"
const statusFuture: Session["status"] = "some_future_status"

export { statusFuture, statusKnown }

// `verify` is marked @deprecated in its JSDoc; TypeScript offers no way to assert a
// deprecation in a type test, so test/deprecation.test.ts reads the JSDoc instead.
