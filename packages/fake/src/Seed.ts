/**
 * What the fake starts with: users, clients, sessions (any status, any
 * timestamps) and JWT templates, in Clerk's wire format, exactly the JSON of
 * a seed file of the `clerk-fake` command. Records may be minimal: a session
 * needs only its `user_id`, a JWT template only its `name`.
 *
 * @since 0.1.0
 */
import { validateSeed } from "./internal/seedFile.js"
import type { WireSessionSeed } from "./Wire.js"

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
 * The seed of a fake, in the wire format. A session's user and client are
 * added to `users` and `clients` if missing.
 *
 * @since 0.1.0
 * @category models
 */
export interface FakeSeed {
  readonly users?: ReadonlyArray<FakeUser> | undefined
  readonly clients?: ReadonlyArray<FakeClient> | undefined
  readonly sessions?: ReadonlyArray<WireSessionSeed> | undefined
  readonly jwt_templates?: ReadonlyArray<JwtTemplate> | undefined
}

/**
 * One thing wrong with a seed file: where (`sessions[0].user_id`, or `the
 * seed` for the whole value) and what (`is missing`, `expected a number, got "soon"`).
 *
 * @since 0.1.0
 * @category models
 */
export interface SeedProblem {
  readonly path: string
  readonly message: string
}

/**
 * The outcome of {@link parseSeed}: the seed, or what is wrong with it.
 * `message` is one line naming each field at fault, e.g.
 * `sessions[0].user_id is missing` (the first three problems, one per field);
 * `problems` lists them all.
 *
 * @since 0.1.0
 * @category models
 */
export type SeedResult =
  | { readonly ok: true; readonly seed: FakeSeed }
  | { readonly ok: false; readonly message: string; readonly problems: ReadonlyArray<SeedProblem> }

/**
 * Checks a seed in the wire format (the parsed JSON of a seed file):
 * `{ users, clients, sessions, jwt_templates }`, every key optional, unknown
 * keys ignored, a session's known fields typed as Clerk sends them, a
 * template's `lifetime` an integer from 30 to 315360000 and its `claims`
 * defaulting to `{}`.
 *
 * @example
 * ```ts
 * import { createFake, parseSeed } from "@clerk-effect/fake"
 *
 * const result = parseSeed({ sessions: [{ id: "s", user_id: "u" }] })
 * if (!result.ok) throw new Error(result.message)
 * export const fake = createFake({ ...result.seed, now: Date.now() })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const parseSeed = (input: unknown): SeedResult => validateSeed(input)

/**
 * The seed of the `clerk-fake` command when no `--seed` file is given: two
 * users (`user_demo_alice`, `user_demo_bob`), three sessions of Alice on two
 * clients (two `active`, one `revoked`), one active session of Bob, and a JWT
 * template `custom_hasura` (claims `{ role: "user", user: "{{user.id}}" }`, 60 s).
 * Timestamps are relative to `now` (epoch milliseconds).
 *
 * @since 0.1.0
 * @category constructors
 */
export const defaultSeed = (now: number): FakeSeed => {
  const minute = 60_000
  const at = (minutesAgo: number) => now - minutesAgo * minute
  return {
    users: [{ id: "user_demo_alice" }, { id: "user_demo_bob" }],
    sessions: [
      { id: "sess_demo_alice_laptop", user_id: "user_demo_alice", client_id: "client_demo_laptop", created_at: at(90) },
      { id: "sess_demo_alice_phone", user_id: "user_demo_alice", client_id: "client_demo_phone", created_at: at(30) },
      {
        id: "sess_demo_alice_old",
        user_id: "user_demo_alice",
        client_id: "client_demo_laptop",
        status: "revoked",
        created_at: at(60 * 24 * 3)
      },
      { id: "sess_demo_bob", user_id: "user_demo_bob", client_id: "client_demo_bob", created_at: at(10) }
    ],
    jwt_templates: [{ name: "custom_hasura", claims: { role: "user", user: "{{user.id}}" }, lifetime: 60 }]
  }
}
