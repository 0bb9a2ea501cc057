/**
 * What the fake starts with: users, clients, sessions (any status, any
 * timestamps) and JWT templates. In code the seed is camelCase; a seed file
 * (for the `clerk-fake` command) is JSON in Clerk's wire (snake_case) format,
 * decoded by {@link decodeSeedFile}. Both take minimal records: a session
 * needs only its user, the rest gets Clerk-like defaults.
 *
 * @since 0.1.0
 */
import { KnownSessionStatus, type Session, SessionActivity, SessionTask } from "@clerk-effect/backend"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as ParseResult from "effect/ParseResult"
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

/** What a seed problem says about the value it found: short, one line. */
const shown = (value: unknown): string => {
  let text: string
  try {
    text = JSON.stringify(value) ?? String(value)
  } catch {
    text = String(value)
  }
  return text.length > 40 ? `${text.slice(0, 39)}…` : text
}

const isRecord = (value: unknown) => typeof value === "object" && value !== null && !Array.isArray(value)

/**
 * A message of the form `expected <what>, got <value>`. It replaces the
 * messages of the schema's own parts unless the value `fits` (an object or an
 * array whose parts are then reported one by one, by path).
 */
const expecting = (what: string, fits: (value: unknown) => boolean = () => false) => ({
  message: (issue: ParseResult.ParseIssue) => ({
    message: `expected ${what}, got ${shown(issue.actual)}`,
    override: !fits(issue.actual)
  })
})

const Text = Schema.String.annotations(expecting("a string"))
const Millis = Schema.Number.annotations(expecting("a number"))
const Json = Schema.Record({ key: Schema.String, value: Schema.Unknown }).annotations(expecting("an object", isRecord))
const Status = KnownSessionStatus.annotations(
  expecting(`one of ${KnownSessionStatus.literals.map((status) => JSON.stringify(status)).join(", ")}`)
)

const optional = <S extends Schema.Schema.Any>(schema: S) => Schema.optionalWith(schema, { exact: true })
const optionalFrom = <S extends Schema.Schema.Any, K extends string>(schema: S, key: K) =>
  Schema.optionalWith(schema, { exact: true }).pipe(Schema.fromKey(key))
const optionalNullableFrom = <S extends Schema.Schema.Any, K extends string>(schema: S, key: K) =>
  Schema.optionalWith(Schema.NullOr(schema), { exact: true }).pipe(Schema.fromKey(key))
const arrayOf = <S extends Schema.Schema.Any>(schema: S) =>
  Schema.Array(schema).annotations(expecting("an array", Array.isArray))

const Id = Schema.Struct({ id: Text }).annotations(expecting("an object", isRecord))

/**
 * A session of a seed file: `user_id` is required, every other field of the
 * wire format may be left out (defaults: docs/testing.md, "Seeding").
 */
const SessionSeedFile = Schema.Struct({
  object: optional(Schema.Literal("session").annotations(expecting('"session"'))),
  id: optional(Text),
  userId: Schema.propertySignature(Text).pipe(Schema.fromKey("user_id")),
  clientId: optionalFrom(Text, "client_id"),
  status: optional(Status),
  actor: optionalNullableFrom(Json, "actor"),
  lastActiveOrganizationId: optionalNullableFrom(Text, "last_active_organization_id"),
  lastActiveAt: optionalFrom(Millis, "last_active_at"),
  latestActivity: optionalNullableFrom(SessionActivity, "latest_activity"),
  expireAt: optionalFrom(Millis, "expire_at"),
  abandonAt: optionalFrom(Millis, "abandon_at"),
  updatedAt: optionalFrom(Millis, "updated_at"),
  createdAt: optionalFrom(Millis, "created_at"),
  tasks: optionalNullableFrom(Schema.Array(SessionTask), "tasks")
}).annotations(expecting("an object", isRecord))

const JwtTemplateFile = Schema.Struct({
  name: Text,
  claims: Schema.optionalWith(Json, { exact: true, default: () => ({}) }),
  lifetime: optional(
    Schema.Number.pipe(Schema.int(), Schema.between(30, 315_360_000)).annotations(
      expecting("an integer from 30 to 315360000")
    )
  )
}).annotations(expecting("an object", isRecord))

/**
 * A seed file in the wire format: `{ users, clients, sessions, jwt_templates }`,
 * every key optional, unknown keys ignored. Records may be minimal: a session
 * needs only `user_id`, a JWT template only `name`; what is left out gets the
 * defaults of docs/testing.md ("Seeding"). Decode with {@link decodeSeedFile}
 * for a readable error.
 *
 * @example
 * ```ts
 * import type { SeedFile } from "@clerk-effect/testing"
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
  users: optional(arrayOf(Id)),
  clients: optional(arrayOf(Id)),
  sessions: optional(arrayOf(SessionSeedFile)),
  jwtTemplates: optionalFrom(arrayOf(JwtTemplateFile), "jwt_templates")
}).annotations(expecting("a JSON object (users, clients, sessions, jwt_templates)", isRecord))

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

const pathText = (path: ReadonlyArray<PropertyKey>): string =>
  path.length === 0
    ? "the seed"
    : path
        .map((segment, i) =>
          typeof segment === "number" ? `[${segment}]` : i === 0 ? String(segment) : `.${String(segment)}`
        )
        .join("")

const seedError = (error: ParseResult.ParseError): SeedError => {
  const seen = new Set<string>()
  const problems: Array<{ readonly path: string; readonly message: string }> = []
  for (const issue of ParseResult.ArrayFormatter.formatErrorSync(error)) {
    const path = pathText(issue.path)
    if (seen.has(path)) continue
    seen.add(path)
    problems.push({ path, message: issue._tag === "Missing" ? "is missing" : issue.message })
  }
  const lines = problems.map(({ message, path }) =>
    message === "is missing" ? `${path} is missing` : `${path}: ${message}`
  )
  const shownLines = lines.slice(0, 3)
  if (lines.length > 3) shownLines.push(`and ${lines.length - 3} more`)
  return new SeedError({ message: shownLines.join("; "), problems })
}

/**
 * Decodes a seed in the wire format (the parsed JSON of a seed file) into a
 * {@link FakeClerkSeed}; a value that does not fit fails with a
 * {@link SeedError} that names the fields at fault.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { decodeSeedFile, FakeClerk } from "@clerk-effect/testing"
 *
 * const fake = Effect.flatMap(decodeSeedFile({ sessions: [{ id: "s", user_id: "u" }] }), FakeClerk.make)
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const decodeSeedFile = (input: unknown): Effect.Effect<FakeClerkSeed, SeedError> =>
  Effect.mapError(Schema.decodeUnknown(SeedFile)(input, { errors: "all" }), seedError)

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
