/**
 * The check of a seed file, written out by hand: the package has no schema
 * library, and a seed file is small and flat. Each check reports at a path
 * (`sessions[1].status`) with a short `expected <what>, got <value>`.
 */
import type { FakeSeed, SeedProblem, SeedResult } from "../Seed.js"

/** The statuses the 2026-05-12 spec lists for a session, in its order. */
export const KNOWN_STATUSES = ["active", "revoked", "ended", "expired", "removed", "abandoned", "replaced", "pending"]

/** What a problem says about the value it found: short, one line. */
const shown = (value: unknown): string => {
  let text: string
  try {
    text = JSON.stringify(value) ?? String(value)
  } catch {
    text = String(value)
  }
  return text.length > 40 ? `${text.slice(0, 39)}…` : text
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

type Check = (value: unknown, path: string, report: (path: string, message: string) => void) => void

const expected =
  (what: string, test: (value: unknown) => boolean): Check =>
  (value, path, report) => {
    if (!test(value)) report(path, `expected ${what}, got ${shown(value)}`)
  }

const text = expected("a string", (value) => typeof value === "string")
const millis = expected("a number", (value) => typeof value === "number")
const json = expected("an object", isRecord)
const status = expected(
  `one of ${KNOWN_STATUSES.map((s) => JSON.stringify(s)).join(", ")}`,
  (value) => typeof value === "string" && KNOWN_STATUSES.includes(value)
)
const lifetime = expected(
  "an integer from 30 to 315360000",
  (value) => typeof value === "number" && Number.isInteger(value) && value >= 30 && value <= 315_360_000
)
const nullable =
  (check: Check): Check =>
  (value, path, report) => {
    if (value !== null) check(value, path, report)
  }

/** An object whose fields are checked one by one; `required` fields must be present. */
const record =
  (fields: Record<string, Check>, required: ReadonlyArray<string> = []): Check =>
  (value, path, report) => {
    if (!isRecord(value)) return report(path, `expected an object, got ${shown(value)}`)
    for (const [name, check] of Object.entries(fields)) {
      const at = path === "" ? name : `${path}.${name}`
      if (!(name in value)) {
        if (required.includes(name)) report(at, "is missing")
      } else check(value[name], at, report)
    }
  }

const arrayOf =
  (item: Check): Check =>
  (value, path, report) => {
    if (!Array.isArray(value)) return report(path, `expected an array, got ${shown(value)}`)
    for (const [i, element] of value.entries()) item(element, `${path}[${i}]`, report)
  }

const id = record({ id: text }, ["id"])

// Like the SDK's model: `object` and `id` are what identify an activity; its
// descriptive fields are read as absent when they do not fit, so any value passes.
const activity = record({ object: text, id: text }, ["object", "id"])

const session = record(
  {
    object: expected('"session"', (value) => value === "session"),
    id: text,
    user_id: text,
    client_id: text,
    status,
    actor: nullable(json),
    last_active_organization_id: nullable(text),
    last_active_at: millis,
    latest_activity: nullable(activity),
    expire_at: millis,
    abandon_at: millis,
    updated_at: millis,
    created_at: millis,
    tasks: nullable(arrayOf(record({ key: text }, ["key"])))
  },
  ["user_id"]
)

const template = record({ name: text, claims: json, lifetime }, ["name"])

const seedCheck: Check = (value, path, report) => {
  if (!isRecord(value)) {
    return report(path, `expected a JSON object (users, clients, sessions, jwt_templates), got ${shown(value)}`)
  }
  record({
    users: arrayOf(id),
    clients: arrayOf(id),
    sessions: arrayOf(session),
    jwt_templates: arrayOf(template)
  })(value, path, report)
}

/** @internal */
export const validateSeed = (input: unknown): SeedResult => {
  const problems: Array<SeedProblem> = []
  const seen = new Set<string>()
  seedCheck(input, "", (path, message) => {
    const at = path === "" ? "the seed" : path
    // One problem per field: the first one found.
    if (seen.has(at)) return
    seen.add(at)
    problems.push({ path: at, message })
  })
  if (problems.length === 0) {
    const seed = input as FakeSeed
    // A template without claims has none: `{}`, so that the core never meets an absent `claims`.
    return {
      ok: true,
      seed:
        seed.jwt_templates === undefined
          ? seed
          : { ...seed, jwt_templates: seed.jwt_templates.map((t) => ({ ...t, claims: t.claims ?? {} })) }
    }
  }
  const lines = problems.map(({ message, path }) =>
    message === "is missing" ? `${path} is missing` : `${path}: ${message}`
  )
  const shownLines = lines.slice(0, 3)
  if (lines.length > 3) shownLines.push(`and ${lines.length - 3} more`)
  return { ok: false, message: shownLines.join("; "), problems }
}
