/**
 * What the fake starts with: users, clients, sessions (any status, any
 * timestamps) and JWT templates. In code the seed is camelCase; a seed file
 * (for the `clerk-fake` command) is JSON in Clerk's wire (snake_case) format,
 * decoded by {@link decodeSeedFile}: checked by `@clerk-effect/fake` (the
 * one place that says what a seed file may hold), then read into camelCase
 * with the SDK's schemas. Both take minimal records: a session needs only its
 * user, the rest gets Clerk-like defaults.
 *
 * @since 0.1.0
 */
import {
  KnownSessionStatus,
  type Session,
  SessionActivity,
  SessionTask,
  SessionWireKeys
} from "@clerk-effect/backend-effect4"
import type * as Fake from "@clerk-effect/fake"
import { defaultSeed as defaultWireSeed, parseSeed } from "@clerk-effect/fake"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"

/**
 * A user. Only the id matters to the Sessions resource.
 *
 * @since 0.1.0
 * @category models
 */
export type FakeUser = Fake.FakeUser

/**
 * A client (a browser or device). Creating a session makes a new client;
 * seeded sessions bring their own.
 *
 * @since 0.1.0
 * @category models
 */
export type FakeClient = Fake.FakeClient

/**
 * A JWT template: its custom claims and its token lifetime in seconds (default 60).
 * A string claim `"{{user.id}}"` or `"{{session.id}}"` is replaced by the value.
 *
 * @since 0.1.0
 * @category models
 */
export type JwtTemplate = Fake.JwtTemplate

/**
 * A session to seed: `userId` is required; every other field of a `Session`
 * may be given (status, timestamps...) and gets a Clerk-like default otherwise
 * (a fresh `sess_` id and `client_` id, `active`, the fake's current time).
 * A live status (`active`, the default, or `pending`) whose `expireAt` has
 * already passed is seeded as `expired`, as Clerk reports it.
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

const Json = Schema.Record(Schema.String, Schema.Unknown)
const Id = Schema.Struct({ id: Schema.String })

/**
 * A session of a seed file: `user_id` is required, every other field of the
 * wire format may be left out (defaults: docs/testing.md, "Seeding").
 */
const SessionSeedFile = Schema.Struct({
  object: Schema.optionalKey(Schema.Literal("session")),
  id: Schema.optionalKey(Schema.String),
  userId: Schema.String,
  clientId: Schema.optionalKey(Schema.String),
  status: Schema.optionalKey(KnownSessionStatus),
  actor: Schema.optionalKey(Schema.NullOr(Json)),
  lastActiveOrganizationId: Schema.optionalKey(Schema.NullOr(Schema.String)),
  lastActiveAt: Schema.optionalKey(Schema.Number),
  latestActivity: Schema.optionalKey(Schema.NullOr(SessionActivity)),
  expireAt: Schema.optionalKey(Schema.Number),
  abandonAt: Schema.optionalKey(Schema.Number),
  updatedAt: Schema.optionalKey(Schema.Number),
  createdAt: Schema.optionalKey(Schema.Number),
  tasks: Schema.optionalKey(Schema.NullOr(Schema.Array(SessionTask)))
}).pipe(Schema.encodeKeys(SessionWireKeys))

const JwtTemplateFile = Schema.Struct({
  name: Schema.String,
  claims: Json.pipe(Schema.withDecodingDefaultKey(Effect.succeed({}))),
  lifetime: Schema.optionalKey(
    Schema.Number.check(Schema.isInt(), Schema.isBetween({ minimum: 30, maximum: 315_360_000 }))
  )
})

/**
 * A seed file in the wire format: `{ users, clients, sessions, jwt_templates }`,
 * every key optional, unknown keys ignored. Records may be minimal: a session
 * needs only `user_id`, a JWT template only `name`; what is left out gets the
 * defaults of docs/testing.md ("Seeding"). Decode with {@link decodeSeedFile}
 * for a readable error.
 *
 * @example
 * ```ts
 * import type { SeedFile } from "@clerk-effect/testing-effect4"
 *
 * // The content of a seed.json file (wire format, snake_case keys).
 * export const seed: typeof SeedFile.Encoded = {
 *   users: [{ id: "user_1" }],
 *   sessions: [
 *     { id: "sess_1", user_id: "user_1" },
 *     { id: "sess_2", user_id: "user_1", client_id: "client_1", status: "revoked", created_at: 1764300000000 }
 *   ],
 *   jwt_templates: [{ name: "custom_hasura", claims: { role: "user" }, lifetime: 60 }]
 * }
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const SeedFile = Schema.Struct({
  users: Schema.optionalKey(Schema.Array(Id)),
  clients: Schema.optionalKey(Schema.Array(Id)),
  sessions: Schema.optionalKey(Schema.Array(SessionSeedFile)),
  jwtTemplates: Schema.optionalKey(Schema.Array(JwtTemplateFile))
}).pipe(Schema.encodeKeys({ jwtTemplates: "jwt_templates" }))

/**
 * A seed that does not decode. `message` is one line naming each field at
 * fault, e.g. `sessions[0].user_id is missing` (the first three problems,
 * one per field); `problems` lists them all.
 *
 * @since 0.1.0
 * @category errors
 */
export class SeedError extends Data.TaggedError("SeedError")<{
  readonly message: string
  readonly problems: ReadonlyArray<{ readonly path: string; readonly message: string }>
}> {}

// What `@clerk-effect/fake` has checked, SeedFile reads: a failure here would be a disagreement between the two.
const readSeedFile = Schema.decodeUnknownSync(SeedFile)

/**
 * Decodes a seed in the wire format (the parsed JSON of a seed file) into a
 * {@link FakeClerkSeed}; a value that does not fit fails with a
 * {@link SeedError} that names the fields at fault.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { decodeSeedFile, FakeClerk } from "@clerk-effect/testing-effect4"
 *
 * const fake = Effect.flatMap(decodeSeedFile({ sessions: [{ id: "s", user_id: "u" }] }), FakeClerk.make)
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const decodeSeedFile = (input: unknown): Effect.Effect<FakeClerkSeed, SeedError> =>
  Effect.suspend(() => {
    const result = parseSeed(input)
    return result.ok
      ? Effect.sync(() => readSeedFile(result.seed))
      : Effect.fail(new SeedError({ message: result.message, problems: result.problems }))
  })

/**
 * The seed used by the `clerk-fake` command when no `--seed` file is given:
 * two users (`user_demo_alice`, `user_demo_bob`), three sessions of Alice on two
 * clients (two `active`, one `revoked`), one active session of Bob, and a JWT
 * template `custom_hasura` (claims `{ role: "user", user: "{{user.id}}" }`, 60 s).
 * Timestamps are relative to `now`: `@clerk-effect/fake`'s `defaultSeed`, in camelCase.
 *
 * @since 0.1.0
 * @category constructors
 */
export const defaultSeed = (now: number): FakeClerkSeed => readSeedFile(defaultWireSeed(now))
