/**
 * What the fake starts with: users, clients, sessions (any status, any
 * timestamps) and JWT templates. In code the seed is camelCase; a seed file
 * (for the `clerk-fake` command) is JSON in Clerk's wire (snake_case) format,
 * decoded by {@link SeedFile}, whose sessions are decoded with the SDK's own
 * `Session` schema.
 *
 * @since 0.1.0
 */
import { Session } from "@clerk-effect/backend"
import * as Schema from "effect/Schema"

/**
 * A user. Only the id matters to the Sessions resource.
 *
 * @since 0.1.0
 * @category models
 */
export interface FakeUser {
  readonly id: string
}

/**
 * A client (a browser or device). Creating a session makes a new client;
 * seeded sessions bring their own.
 *
 * @since 0.1.0
 * @category models
 */
export interface FakeClient {
  readonly id: string
}

/**
 * A JWT template: its custom claims and its token lifetime in seconds (default 60).
 * A string claim `"{{user.id}}"` or `"{{session.id}}"` is replaced by the value.
 *
 * @since 0.1.0
 * @category models
 */
export interface JwtTemplate {
  readonly name: string
  readonly claims: Readonly<Record<string, unknown>>
  readonly lifetime?: number | undefined
}

/**
 * A session to seed: `userId` is required; every other field of a `Session`
 * may be given (status, timestamps...) and gets a Clerk-like default otherwise
 * (a fresh `sess_` id and `client_` id, `active`, the current time).
 *
 * @since 0.1.0
 * @category models
 */
export type SessionSeed = Partial<Session> & { readonly userId: string }

/**
 * The seed of a fake. A session's user is added to `users` if missing.
 *
 * @since 0.1.0
 * @category models
 */
export interface FakeClerkSeed {
  readonly users?: ReadonlyArray<FakeUser> | undefined
  readonly clients?: ReadonlyArray<FakeClient> | undefined
  readonly sessions?: ReadonlyArray<SessionSeed> | undefined
  readonly jwtTemplates?: ReadonlyArray<JwtTemplate> | undefined
}

const Id = Schema.Struct({ id: Schema.String })

const JwtTemplateSchema = Schema.Struct({
  name: Schema.String,
  claims: Schema.Record({ key: Schema.String, value: Schema.Unknown }),
  lifetime: Schema.optionalWith(Schema.Int.pipe(Schema.between(30, 315_360_000)), { exact: true })
})

/**
 * A seed file in the wire format: `{ users, clients?, sessions, jwt_templates }`
 * (every key optional; unknown keys ignored).
 *
 * @example
 * ```ts
 * import type { SeedFile } from "@clerk-effect/testing"
 *
 * // The content of a seed.json file (wire format, snake_case keys).
 * export const seed: typeof SeedFile.Encoded = {
 *   users: [{ id: "user_1" }],
 *   sessions: [{ object: "session", id: "sess_1", user_id: "user_1", client_id: "client_1",
 *                status: "active", last_active_at: 1764300000000, expire_at: 1764904800000,
 *                abandon_at: 1766892000000, updated_at: 1764300000000, created_at: 1764300000000 }],
 *   jwt_templates: [{ name: "custom_hasura", claims: { role: "user" }, lifetime: 60 }]
 * }
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const SeedFile = Schema.Struct({
  users: Schema.optionalWith(Schema.Array(Id), { exact: true }),
  clients: Schema.optionalWith(Schema.Array(Id), { exact: true }),
  sessions: Schema.optionalWith(Schema.Array(Session), { exact: true }),
  jwtTemplates: Schema.optionalWith(Schema.Array(JwtTemplateSchema), { exact: true }).pipe(
    Schema.fromKey("jwt_templates")
  )
})

/**
 * The seed used by the `clerk-fake` command when no `--seed` file is given:
 * two users (`user_demo_alice`, `user_demo_bob`), three sessions of Alice on two
 * clients (two `active`, one `revoked`), one active session of Bob, and a JWT
 * template `custom_hasura` (claims `{ role: "user", user: "{{user.id}}" }`, 60 s).
 * Timestamps are relative to the moment the fake starts.
 *
 * @since 0.1.0
 * @category constructors
 */
export const defaultSeed = (now: number): FakeClerkSeed => {
  const minute = 60_000
  const at = (minutesAgo: number) => now - minutesAgo * minute
  return {
    users: [{ id: "user_demo_alice" }, { id: "user_demo_bob" }],
    sessions: [
      { id: "sess_demo_alice_laptop", userId: "user_demo_alice", clientId: "client_demo_laptop", createdAt: at(90) },
      { id: "sess_demo_alice_phone", userId: "user_demo_alice", clientId: "client_demo_phone", createdAt: at(30) },
      {
        id: "sess_demo_alice_old",
        userId: "user_demo_alice",
        clientId: "client_demo_laptop",
        status: "revoked",
        createdAt: at(60 * 24 * 3)
      },
      { id: "sess_demo_bob", userId: "user_demo_bob", clientId: "client_demo_bob", createdAt: at(10) }
    ],
    jwtTemplates: [{ name: "custom_hasura", claims: { role: "user", user: "{{user.id}}" }, lifetime: 60 }]
  }
}
