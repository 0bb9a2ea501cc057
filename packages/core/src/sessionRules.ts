/**
 * The Sessions operations' own rules, without Effect: which filters a list
 * sends, when a walk over the pages ends, the token lifetime bounds. Each
 * edition turns a problem into its `SDKError` `InvalidInput`.
 *
 * @internal
 */
import { isPlainObject, optionalNonEmptyProblem } from "./inputRules.js"
import { REFRESH_FORMATS, SESSION_LIST_STATUSES } from "./sessionsParams.js"

/**
 * The page size `stream` uses when none is given: Clerk's maximum, so that
 * walking many sessions costs the fewest requests against the rate limit.
 * @internal
 */
export const DEFAULT_STREAM_PAGE_SIZE = 500

/** @internal */
export const MIN_TOKEN_LIFETIME = 30

/** @internal */
export const MAX_TOKEN_LIFETIME = 315_360_000

/** @internal */
export const MAX_LIST_LIMIT = 500

/**
 * The query of a list's filters, or the field at fault and its problem.
 * Checked at run time too: JavaScript callers and casts get past the types.
 * @internal
 */
export const listFilters = (
  params: unknown
):
  | {
      readonly ok: true
      readonly query: {
        readonly client_id: string | undefined
        readonly user_id: string | undefined
        readonly status: string | undefined
      }
    }
  | { readonly ok: false; readonly field: string; readonly problem: string } => {
  if (!isPlainObject(params)) {
    return { ok: false, field: "params", problem: "must be an object with clientId or userId" }
  }
  const { clientId, status, userId } = params
  const clientProblem = optionalNonEmptyProblem(clientId)
  if (clientProblem !== undefined) return { ok: false, field: "clientId", problem: clientProblem }
  const userProblem = optionalNonEmptyProblem(userId)
  if (userProblem !== undefined) return { ok: false, field: "userId", problem: userProblem }
  if (clientId === undefined && userId === undefined) {
    return { ok: false, field: "clientId", problem: "or userId is required" }
  }
  if (status !== undefined && !(SESSION_LIST_STATUSES as ReadonlyArray<unknown>).includes(status)) {
    return { ok: false, field: "status", problem: `must be one of ${SESSION_LIST_STATUSES.join(", ")}` }
  }
  return {
    ok: true,
    query: {
      client_id: clientId as string | undefined,
      user_id: userId as string | undefined,
      status: status as string | undefined
    }
  }
}

/**
 * What is wrong with a refresh's `format`, if anything.
 * @internal
 */
export const refreshFormatProblem = (format: unknown): string | undefined =>
  format === undefined || (REFRESH_FORMATS as ReadonlyArray<unknown>).includes(format)
    ? undefined
    : 'must be "token" or "cookie"'

/**
 * The page size of a walk and the parameters of its page at `offset`. A
 * `params` that is not an object is passed on as it is, so that the list
 * rejects it before any request.
 * @internal
 */
export const streamPaging = <P>(params: P): { readonly limit: number; readonly pageAt: (offset: number) => P } => {
  const isObject = isPlainObject(params)
  const given = isObject ? (params as { readonly limit?: unknown }).limit : undefined
  // A `limit` of the wrong type is kept: the list rejects it, typed, before any request.
  const limit = given === undefined ? DEFAULT_STREAM_PAGE_SIZE : (given as number)
  return { limit, pageAt: (offset) => (isObject ? ({ ...params, limit, offset } as P) : params) }
}

/**
 * One page of a walk: its total (a bare array has none: what is known is
 * that there are at least this many) and the offset of the next page, or
 * `undefined` when the walk ends. A short page ends the walk even if
 * `total_count` disagrees, so a shrinking list cannot make it loop on empty
 * pages.
 * @internal
 */
export const pageStep = (
  offset: number,
  limit: number,
  received: number,
  totalCount: number | undefined
): { readonly totalCount: number; readonly next: number | undefined } => {
  const next = offset + received
  const done = received < limit || (totalCount !== undefined && next >= totalCount)
  return { totalCount: totalCount ?? next, next: done ? undefined : next }
}

/**
 * The object without its `undefined` fields: with
 * `exactOptionalPropertyTypes`, an explicit `undefined` must not reach a
 * body encoder.
 * @internal
 */
export const withoutUndefined = <A extends object>(value: A): A =>
  Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as A
