/**
 * What every route needs: the context it runs in, request bodies checked as
 * Clerk checks them (answering its 4xx bodies), and the session lookup with
 * Clerk's 404.
 */
import type { FakeReply, FakeRequest } from "../Exchange.js"
import type { WireSession } from "../Wire.js"
import * as Reply from "./replies.js"
import { type Store, sessionById } from "./store.js"
import type { SigningKey } from "./tokens.js"

/** @internal */
export interface RouteContext {
  readonly store: Store
  /** The current signing key (rotation replaces it). */
  readonly key: () => SigningKey
  readonly issuer: string
}

/** A token's lifetime when the request names none, in seconds. @internal */
export const DEFAULT_LIFETIME = 60

/**
 * A route: `params` are the `:id`-like path segments, `now` the face's clock
 * (epoch milliseconds) at the moment of answering.
 * @internal
 */
export type Handler = (
  ctx: RouteContext,
  request: FakeRequest,
  params: ReadonlyArray<string>,
  now: number
) => FakeReply | Promise<FakeReply>

/** A checked input, or the reply that refuses it. @internal */
export type Checked<A> = { readonly ok: true; readonly value: A } | { readonly ok: false; readonly reply: FakeReply }

const accept = <A>(value: A): Checked<A> => ({ ok: true, value })
const refuse = (reply: FakeReply): Checked<never> => ({ ok: false, reply })

/** @internal */
export const parseBody = (request: FakeRequest): Checked<unknown> => {
  if (request.body === undefined || request.body.trim() === "") return accept({})
  try {
    return accept(JSON.parse(request.body))
  } catch {
    return refuse(Reply.bodyInvalid())
  }
}

/** What a body field may hold: a check, and whether the field may be absent (`undefined`) or `null`. @internal */
export interface FieldRule {
  readonly check: (value: unknown) => boolean
  readonly expected: string
  readonly required?: boolean
  readonly nullable?: boolean
}

/** @internal */
export const isString = (value: unknown): value is string => typeof value === "string"

/**
 * A JSON object body whose fields follow `rules`, checked in their order; the
 * first field at fault gets Clerk's `form_param_missing` or
 * `form_param_format_invalid` (status 422 unless told).
 * @internal
 */
export const checkBody = (
  request: FakeRequest,
  rules: Readonly<Record<string, FieldRule>>,
  status = 422
): Checked<Readonly<Record<string, unknown>>> => {
  const parsed = parseBody(request)
  if (!parsed.ok) return parsed
  const body = parsed.value
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    return refuse(Reply.paramFormatInvalid("body", "must be a JSON object.", status))
  }
  const fields = body as Record<string, unknown>
  for (const [name, rule] of Object.entries(rules)) {
    const value = fields[name]
    if (value === undefined) {
      if (rule.required === true) return refuse(Reply.paramMissing(name, status))
      continue
    }
    if (value === null && rule.nullable === true) continue
    if (!rule.check(value)) return refuse(Reply.paramFormatInvalid(name, `must be ${rule.expected}.`, status))
  }
  return accept(fields)
}

// A number written with a fraction or an exponent (`60.0`, `6e1`): JSON.parse
// makes an integer of some, Clerk's decoder refuses them all.
const notIntegerLiteral = /"expires_in_seconds"\s*:\s*-?\d+(?:\.\d*|(?:\.\d*)?[eE][+-]?\d+)/

/**
 * The lifetime a token body asks for. Clerk answers 400 `request_body_invalid`
 * to a body its decoder refuses, `{"expires_in_seconds": 60.0}` included
 * (clerk/clerk-sdk-python#85). The spec's bounds (30..315360000) come with no
 * error status for these operations (only 200, 401, 404) and no answer of
 * Clerk to a value outside them is known, so such a value is minted as asked.
 * @internal
 */
export const lifetimeFrom = (request: FakeRequest, fallback: number): Checked<number> => {
  const parsed = parseBody(request)
  if (!parsed.ok) return parsed
  const json = parsed.value
  if (json === null) return accept(fallback)
  if (typeof json !== "object" || Array.isArray(json)) return refuse(Reply.bodyInvalid())
  const expiresInSeconds = (json as Record<string, unknown>).expires_in_seconds
  if (expiresInSeconds === undefined || expiresInSeconds === null) return accept(fallback)
  return typeof expiresInSeconds === "number" &&
    Number.isSafeInteger(expiresInSeconds) &&
    !notIntegerLiteral.test(request.body ?? "")
    ? accept(expiresInSeconds)
    : refuse(Reply.bodyInvalid())
}

/** @internal */
export const sessionNotFound = (id: string): FakeReply =>
  Reply.notFound(`No session was found with id ${id}`, { param_name: "session_id" })

/** @internal */
export const withSession = (
  ctx: RouteContext,
  id: string,
  f: (session: WireSession) => FakeReply | Promise<FakeReply>
): FakeReply | Promise<FakeReply> => {
  const session = sessionById(ctx.store, id)
  return session === undefined ? sessionNotFound(id) : f(session)
}
