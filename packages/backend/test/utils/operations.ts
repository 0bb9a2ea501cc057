import type * as Effect from "effect/Effect"
import type { ClerkErrors, SDKError } from "../../src/Errors.js"
import { Sessions } from "../../src/Sessions.js"

/** One operation with valid input, and the error statuses SESSIONS.md §2 documents for it. */
export interface OperationCase {
  readonly name: string
  readonly run: () => Effect.Effect<unknown, ClerkErrors | SDKError, Sessions>
  readonly documentedStatuses: ReadonlyArray<number>
  /** Whether Clerk may have applied the request (create, refresh): a retry policy must not repeat it. */
  readonly mutating: boolean
}

const refreshParams = { expiredToken: "expired.jwt", refreshToken: "refresh", requestOrigin: "https://app.example.com" }

export const operations: ReadonlyArray<OperationCase> = [
  {
    name: "list",
    run: () => Sessions.list({ userId: "user_1" }),
    documentedStatuses: [400, 401, 422],
    mutating: false
  },
  {
    name: "create",
    run: () => Sessions.create({ userId: "user_1" }),
    documentedStatuses: [400, 401, 404, 422],
    mutating: true
  },
  { name: "get", run: () => Sessions.get("sess_1"), documentedStatuses: [400, 401, 404], mutating: false },
  { name: "revoke", run: () => Sessions.revoke("sess_1"), documentedStatuses: [400, 401, 404], mutating: false },
  {
    name: "refresh (token)",
    run: () => Sessions.refresh("sess_1", refreshParams),
    documentedStatuses: [400, 401],
    mutating: true
  },
  {
    name: "refresh (cookie)",
    run: () => Sessions.refresh("sess_1", { ...refreshParams, format: "cookie" }),
    documentedStatuses: [400, 401],
    mutating: true
  },
  { name: "createToken", run: () => Sessions.createToken("sess_1"), documentedStatuses: [401, 404], mutating: false },
  {
    name: "createToken (expiresInSeconds)",
    run: () => Sessions.createToken("sess_1", { expiresInSeconds: 60 }),
    documentedStatuses: [401, 404],
    mutating: false
  },
  {
    name: "createTokenFromTemplate",
    run: () => Sessions.createTokenFromTemplate("sess_1", "custom_hasura"),
    documentedStatuses: [401, 404],
    mutating: false
  },
  {
    name: "verify",
    run: () => Sessions.verify("sess_1", { token: "session.jwt" }),
    documentedStatuses: [400, 401, 404, 410],
    mutating: false
  }
]
