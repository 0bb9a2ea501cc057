/**
 * What each Sessions operation asks of Clerk, as plain data: its name (for
 * spans and metrics), whether it is safe to repeat (the retry policy), the
 * method, the path and the query. Each edition validates the input first,
 * then adds the body and the schema of the answer, and hands it to its
 * `ClerkClient`. No Effect here.
 *
 * @internal
 */
import type { QueryValue, RequestDescription, WireMethod } from "./wire.js"

// Called only with ids that passed `pathParamProblem`: encoding cannot throw.
const segment = encodeURIComponent

const onSession = (
  operation: string,
  idempotent: boolean,
  method: WireMethod,
  sessionId: string,
  ...rest: ReadonlyArray<string>
): RequestDescription => ({
  operation: `sessions.${operation}`,
  idempotent,
  method,
  path: ["sessions", segment(sessionId), ...rest],
  attributes: { "clerk.session_id": sessionId }
})

/**
 * The Sessions operations' requests, for checked inputs.
 * @internal
 */
export const SessionRequests = {
  list: (query: Readonly<Record<string, QueryValue>>): RequestDescription => ({
    operation: "sessions.list",
    idempotent: true,
    method: "GET",
    path: ["sessions"],
    urlParams: { ...query, paginated: true }
  }),
  create: (): RequestDescription => ({
    operation: "sessions.create",
    idempotent: false,
    method: "POST",
    path: ["sessions"]
  }),
  get: (sessionId: string) => onSession("get", true, "GET", sessionId),
  // Revoking twice leaves the session revoked: safe to repeat.
  revoke: (sessionId: string) => onSession("revoke", true, "POST", sessionId, "revoke"),
  // A refresh may rotate tokens server-side: never sent twice unless Clerk did not process it.
  refresh: (sessionId: string) => onSession("refresh", false, "POST", sessionId, "refresh"),
  // Minting twice only yields two valid tokens: safe to repeat.
  createToken: (sessionId: string) => onSession("createToken", true, "POST", sessionId, "tokens"),
  createTokenFromTemplate: (sessionId: string, templateName: string): RequestDescription => {
    const request = onSession("createTokenFromTemplate", true, "POST", sessionId, "tokens", segment(templateName))
    return { ...request, attributes: { ...request.attributes, "clerk.template_name": templateName } }
  },
  verify: (sessionId: string) => onSession("verify", true, "POST", sessionId, "verify")
} as const
