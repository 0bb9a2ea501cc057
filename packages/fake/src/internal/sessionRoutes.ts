/**
 * `GET /sessions`, `POST /sessions`, `GET /sessions/{id}`, `POST /sessions/{id}/revoke`.
 */
import type { FakeReply } from "../Exchange.js"
import type { WireSession } from "../Wire.js"
import * as Reply from "./replies.js"
import { type Checked, checkBody, type Handler, isString, sessionNotFound, withSession } from "./routeSupport.js"
import { type ListFilter, listSessions, putSession, sessionById, sessionFromSeed } from "./store.js"

/** The statuses `GET /sessions` accepts as a filter (`pending` is not one). */
const LIST_STATUSES = ["abandoned", "active", "ended", "expired", "removed", "replaced", "revoked"]

const intParam = (
  query: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
  max: number
): Checked<number> => {
  const raw = query.get(name)
  if (raw === null) return { ok: true, value: fallback }
  if (!/^-?\d+$/.test(raw)) return { ok: false, reply: Reply.paramFormatInvalid(name, "must be an integer.") }
  const value = Number(raw)
  if (value < min || value > max) {
    const detail = max === Number.MAX_SAFE_INTEGER ? `must be at least ${min}.` : `must be between ${min} and ${max}.`
    return { ok: false, reply: Reply.paramValueInvalid(name, detail) }
  }
  return { ok: true, value }
}

const listQuery = (query: URLSearchParams): Checked<ListFilter & { limit: number; offset: number }> => {
  const clientId = query.get("client_id") ?? undefined
  const userId = query.get("user_id") ?? undefined
  const status = query.get("status") ?? undefined
  // Clerk deprecated unfiltered listing in 2024; what it answers is not documented: see the guesses in docs/testing.md.
  if (clientId === undefined && userId === undefined) {
    return { ok: false, reply: Reply.paramMissing("client_id or user_id") }
  }
  if (status !== undefined && !LIST_STATUSES.includes(status)) {
    return { ok: false, reply: Reply.paramValueInvalid("status", `must be one of ${LIST_STATUSES.join(", ")}.`) }
  }
  const limit = intParam(query, "limit", 10, 1, 500)
  if (!limit.ok) return limit
  const offset = intParam(query, "offset", 0, 0, Number.MAX_SAFE_INTEGER)
  if (!offset.ok) return offset
  return { ok: true, value: { client_id: clientId, user_id: userId, status, limit: limit.value, offset: offset.value } }
}

/** @internal */
export const list: Handler = (ctx, request) => {
  const query = listQuery(request.url.searchParams)
  if (!query.ok) return query.reply
  const page = listSessions(ctx.store, query.value, query.value.offset, query.value.limit)
  return request.url.searchParams.get("paginated") === "true" ? Reply.json(page) : Reply.json(page.data)
}

const createRules = {
  user_id: { check: isString, expected: "a string", required: true },
  active_organization_id: { check: isString, expected: "a string" }
}

/** @internal */
export const create: Handler = (ctx, request, _params, now) => {
  const body = checkBody(request, createRules)
  if (!body.ok) return body.reply
  const userId = body.value.user_id as string
  const organizationId = body.value.active_organization_id as string | undefined
  if (!ctx.store.users.has(userId)) {
    return Reply.notFound(`No user was found with id ${userId}`, { param_name: "user_id" })
  }
  const session = sessionFromSeed(
    {
      user_id: userId,
      created_at: now,
      ...(organizationId === undefined ? {} : { last_active_organization_id: organizationId })
    },
    now
  )
  putSession(ctx.store, session)
  return Reply.json(session)
}

/** @internal */
export const get: Handler = (ctx, _request, [id]) => withSession(ctx, id!, (session) => Reply.json(session))

/** @internal */
export const revoke: Handler = (ctx, _request, [id], now): FakeReply => {
  const session = sessionById(ctx.store, id!)
  if (session === undefined) return sessionNotFound(id!)
  // Revoking twice answers the revoked session unchanged (a guess, see docs/testing.md).
  if (session.status === "revoked") return Reply.json(session)
  const revoked: WireSession = { ...session, status: "revoked", updated_at: now }
  putSession(ctx.store, revoked)
  return Reply.json(revoked)
}
