/**
 * Operations of `Sessions` by name and arguments, so that a case names what
 * to call without importing either edition: each edition's adapter turns a
 * {@link Call} into a call of its own `Sessions`. Arguments are plain values
 * and may be deliberately wrong (the invalid-input cases pass what the types
 * forbid), so they are typed loosely here and cast by the adapters.
 */

/** A `Sessions` operation and its arguments. `stream` means: run the stream to its end. */
export type Call =
  | { readonly op: "list"; readonly args: readonly [params: unknown] }
  | { readonly op: "stream"; readonly args: readonly [params: unknown] }
  | { readonly op: "create"; readonly args: readonly [params: unknown] }
  | { readonly op: "get"; readonly args: readonly [sessionId: string] }
  | { readonly op: "revoke"; readonly args: readonly [sessionId: string] }
  | { readonly op: "refresh"; readonly args: readonly [sessionId: string, params: unknown] }
  | { readonly op: "createToken"; readonly args: readonly [sessionId: string, params?: unknown] }
  | {
      readonly op: "createTokenFromTemplate"
      readonly args: readonly [sessionId: string, templateName: string, params?: unknown]
    }
  | { readonly op: "verify"; readonly args: readonly [sessionId: string, params: unknown] }

export const list = (params: unknown): Call => ({ op: "list", args: [params] })
export const stream = (params: unknown): Call => ({ op: "stream", args: [params] })
export const create = (params: unknown): Call => ({ op: "create", args: [params] })
export const get = (sessionId: string): Call => ({ op: "get", args: [sessionId] })
export const revoke = (sessionId: string): Call => ({ op: "revoke", args: [sessionId] })
export const refresh = (sessionId: string, params: unknown): Call => ({ op: "refresh", args: [sessionId, params] })
export const createToken = (sessionId: string, ...params: [] | [unknown]): Call => ({
  op: "createToken",
  args: [sessionId, ...params]
})
export const createTokenFromTemplate = (sessionId: string, templateName: string, ...params: [] | [unknown]): Call => ({
  op: "createTokenFromTemplate",
  args: [sessionId, templateName, ...params]
})
export const verify = (sessionId: string, params: unknown): Call => ({ op: "verify", args: [sessionId, params] })

/** The required fields of `refresh`. */
export const refreshParams = {
  expiredToken: "expired.jwt",
  refreshToken: "refresh",
  requestOrigin: "https://app.example.com"
} as const

/** One operation with valid input, and the error statuses SESSIONS.md §2 documents for it. */
export interface OperationCase {
  readonly name: string
  readonly call: Call
  readonly documentedStatuses: ReadonlyArray<number>
  /** Whether Clerk may have applied the request (create, refresh): a retry policy must not repeat it. */
  readonly mutating: boolean
}

/** Every operation once (refresh and createToken in both their forms). */
export const operations: ReadonlyArray<OperationCase> = [
  { name: "list", call: list({ userId: "user_1" }), documentedStatuses: [400, 401, 422], mutating: false },
  { name: "create", call: create({ userId: "user_1" }), documentedStatuses: [400, 401, 404, 422], mutating: true },
  { name: "get", call: get("sess_1"), documentedStatuses: [400, 401, 404], mutating: false },
  { name: "revoke", call: revoke("sess_1"), documentedStatuses: [400, 401, 404], mutating: false },
  { name: "refresh (token)", call: refresh("sess_1", refreshParams), documentedStatuses: [400, 401], mutating: true },
  {
    name: "refresh (cookie)",
    call: refresh("sess_1", { ...refreshParams, format: "cookie" }),
    documentedStatuses: [400, 401],
    mutating: true
  },
  { name: "createToken", call: createToken("sess_1"), documentedStatuses: [401, 404], mutating: false },
  {
    name: "createToken (expiresInSeconds)",
    call: createToken("sess_1", { expiresInSeconds: 60 }),
    documentedStatuses: [401, 404],
    mutating: false
  },
  {
    name: "createTokenFromTemplate",
    call: createTokenFromTemplate("sess_1", "custom_hasura"),
    documentedStatuses: [401, 404],
    mutating: false
  },
  {
    name: "verify",
    call: verify("sess_1", { token: "session.jwt" }),
    documentedStatuses: [400, 401, 404, 410],
    mutating: false
  }
]

/** The operation of {@link operations} with this name. */
export const operation = (name: string): Call => {
  const found = operations.find((candidate) => candidate.name === name)
  if (found === undefined) throw new Error(`no operation named ${name}`)
  return found.call
}
