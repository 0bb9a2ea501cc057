/**
 * `GET /sessions`, `POST /sessions`, `GET /sessions/{id}`, `POST /sessions/{id}/revoke`.
 */
import {
  CreateSessionBody,
  type Session,
  SessionList,
  SessionListStatus,
  Session as SessionSchema
} from "@clerk-effect/backend"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as HashSet from "effect/HashSet"
import * as Schema from "effect/Schema"
import * as SynchronizedRef from "effect/SynchronizedRef"
import type { FakeReply } from "../FakeExchange.js"
import * as Reply from "./replies.js"
import { decodeBody, type Handler, respond, sessionNotFound, withSession } from "./routeSupport.js"
import { type ListFilter, listSessions, putSession, type StoreData, sessionById, sessionFromSeed } from "./store.js"

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

export const list: Handler = (ctx, request) =>
  respond(listQuery(request.url.searchParams), (query) =>
    Effect.map(SynchronizedRef.get(ctx.store), (data) => {
      const page = listSessions(data, query, query.offset, query.limit)
      return request.url.searchParams.get("paginated") === "true"
        ? Reply.json(SessionList, page)
        : Reply.json(BareList, page.data)
    })
  )

export const create: Handler = (ctx, request) =>
  respond(decodeBody(CreateSessionBody, request), (body) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) =>
      SynchronizedRef.modify(ctx.store, (data): readonly [FakeReply, StoreData] => {
        if (!HashSet.has(data.users, body.userId)) {
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

export const get: Handler = (ctx, _request, [id]) =>
  withSession(ctx, id!, (session) => Effect.succeed(Reply.json(SessionSchema, session)))

export const revoke: Handler = (ctx, _request, [id]) =>
  Effect.flatMap(Clock.currentTimeMillis, (now) =>
    SynchronizedRef.modify(ctx.store, (data): readonly [FakeReply, StoreData] => {
      const session = sessionById(data, id!)
      if (session === undefined) return [sessionNotFound(id!), data]
      // Revoking twice answers the revoked session unchanged (a guess, see docs/testing.md).
      if (session.status === "revoked") return [Reply.json(SessionSchema, session), data]
      const revoked: Session = { ...session, status: "revoked", updatedAt: now }
      return [Reply.json(SessionSchema, revoked), putSession(data, revoked)]
    })
  )
