/**
 * Clerk's behaviour for the Sessions resource, endpoint by endpoint: the
 * routing table over sessionRoutes.ts and tokenRoutes.ts.
 */
import type { FakeReply, FakeRequest } from "../Exchange.js"
import * as Reply from "./replies.js"
import type { Handler, RouteContext } from "./routeSupport.js"
import { create, get, list, revoke } from "./sessionRoutes.js"
import { createTemplateToken, createToken, jwks, refresh, verify } from "./tokenRoutes.js"

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
 * Answers an authenticated request under `/v1` at `now` (epoch milliseconds).
 * @internal
 */
export const route = async (ctx: RouteContext, request: FakeRequest, now: number): Promise<FakeReply> => {
  let segments: Array<string>
  try {
    segments = request.url.pathname
      .split("/")
      .filter((s) => s !== "")
      .map(decodeURIComponent)
  } catch {
    return Reply.notFound()
  }
  if (segments[0] !== "v1") return Reply.notFound()
  const rest = segments.slice(1)
  for (const [method, pattern, handler] of routes) {
    const params = match(pattern, rest)
    if (params !== undefined && method === request.method.toUpperCase()) return handler(ctx, request, params, now)
  }
  return Reply.notFound()
}
