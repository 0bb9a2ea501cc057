import { describe, expect, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import { hasFastPath, makeOptionDecoder, makeResponseDecoder } from "../src/internal/fastDecode.js"
import { Cookies, Session, SessionList, SessionListResponse, SessionRefresh, Token } from "../src/Session.js"
import { sessionWire } from "./utils/fixtures.js"

// The fast path must answer exactly what the schema answers: same value on
// success, a failure whenever the schema fails (the error then comes from the
// schema itself).
const sameAsSchema = <A, I>(schema: Schema.Schema<A, I>, input: unknown) => {
  const fast = makeResponseDecoder(schema)(input)
  const full = Schema.decodeUnknownEither(schema)(input)
  expect(Either.isRight(fast)).toBe(Either.isRight(full))
  if (Either.isRight(fast) && Either.isRight(full)) expect(fast.right).toStrictEqual(full.right)
  if (Either.isLeft(fast) && Either.isLeft(full)) expect(fast.left.message).toBe(full.left.message)
}

const schemas = { Session, SessionList, SessionListResponse, SessionRefresh, Token, Cookies } as const

describe("every response schema has a fast path", () => {
  // Agreement alone cannot catch a schema the compiler gave up on: the
  // fallback agrees with the schema by definition. One field the compiler
  // could not read (a declared type) once sent every answer through Schema.
  // What the operations decode (`SessionRefresh`, the union of the last two,
  // is discriminated by `object` and left to Schema: no operation uses it).
  // `list` decodes a page as `Schema.Union(SessionList, Schema.Array(Session))` (Sessions.ts).
  const decodedByOperations = {
    Session,
    SessionList,
    SessionListResponse,
    "list's page": Schema.Union(SessionList, Schema.Array(Session)),
    Token,
    Cookies
  } as const
  for (const [name, schema] of Object.entries(decodedByOperations)) {
    it(name, () => {
      expect(hasFastPath(schema)).toBe(true)
    })
  }
  it("a declared type (actor's free-form JSON object) compiles, and so does a nullable one", () => {
    const Json = Schema.declare((u: unknown): u is object => typeof u === "object" && u !== null)
    expect(hasFastPath(Json)).toBe(true)
    expect(hasFastPath(Schema.NullOr(Json))).toBe(true)
  })
  it("a declared type with type parameters does not (its parameters would be decoded by Schema)", () => {
    expect(hasFastPath(Schema.Option(Schema.String))).toBe(false)
  })
})

describe("fast response decoding agrees with the schema", () => {
  for (const [name, schema] of Object.entries(schemas) as Array<[string, Schema.Schema<unknown, unknown>]>) {
    it(`${name}: every valid wire value`, () => {
      FastCheck.assert(
        FastCheck.property(Arbitrary.make(Schema.encodedSchema(schema)), (input) => sameAsSchema(schema, input)),
        { numRuns: 200 }
      )
    })
    it(`${name}: arbitrary JSON-ish values`, () => {
      FastCheck.assert(
        FastCheck.property(FastCheck.anything(), (input) => sameAsSchema(schema, input)),
        { numRuns: 200 }
      )
    })
  }

  const wire = sessionWire("sess_1", { last_active_at: 1, expire_at: 2, abandon_at: 3, updated_at: 4, created_at: 5 })

  it("near misses fall back to the schema's error", () => {
    for (const input of [
      { ...wire, user_id: 1 },
      { ...wire, status: null },
      { ...wire, latest_activity: { object: "session_activity", id: "a" } },
      { ...wire, tasks: [{ key: 1 }] },
      { ...wire, actor: [] },
      { data: [wire, { ...wire, object: "user" }], total_count: 2 },
      { data: [wire], total_count: "1" }
    ]) {
      sameAsSchema(Session, input)
      sameAsSchema(SessionListResponse, input)
    }
  })

  it("a '__proto__' key in a free-form record gets the schema's own answer", () => {
    sameAsSchema(Session, JSON.parse(JSON.stringify(wire).replace("{", '{"actor":{"__proto__":{"x":1},"sub":"u"},')))
  })

  it("renames, keeps unknown statuses, drops unknown fields, reads the bare-array form", () => {
    const decoded = makeResponseDecoder(Session)({ ...wire, status: "brand_new", extra: true, actor: { sub: "u" } })
    expect(decoded).toStrictEqual(
      Either.right({
        object: "session",
        id: "sess_1",
        userId: "user_1",
        clientId: "client_1",
        status: "brand_new",
        actor: { sub: "u" },
        lastActiveAt: 1,
        expireAt: 2,
        abandonAt: 3,
        updatedAt: 4,
        createdAt: 5
      })
    )
    const list = makeResponseDecoder(SessionListResponse)([wire])
    expect(Either.isRight(list) && list.right.totalCount).toBe(1)
    expect(makeResponseDecoder(Token)({ jwt: "x" })).toStrictEqual(Either.right({ object: "token", jwt: "x" }))
  })

  it("a union whose members have literal discriminators: the schema's member, not the first that fits", () => {
    const union = Schema.Union(
      Schema.Struct({ a: Schema.String }),
      Schema.Struct({ kind: Schema.Literal("x"), a: Schema.String })
    )
    sameAsSchema(union, { kind: "x", a: "1" })
    expect(makeResponseDecoder(union)({ kind: "x", a: "1" })).toStrictEqual(Either.right({ kind: "x", a: "1" }))
  })

  // Random unions over a pool of members: plain, discriminated, renamed,
  // optional, primitive. Whatever the mix and order, fast path == schema.
  const memberPool: ReadonlyArray<Schema.Schema.Any> = [
    Schema.Struct({ a: Schema.String }),
    Schema.Struct({ kind: Schema.Literal("x"), a: Schema.String }),
    Schema.Struct({ kind: Schema.Literal("y"), a: Schema.Number }),
    Schema.Struct({ kind: Schema.optionalWith(Schema.Literal("x"), { exact: true }), b: Schema.String }),
    Schema.Struct({ a: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("a_wire")) }),
    Schema.Struct({ object: Schema.Literal("x"), b: Schema.optionalWith(Schema.String, { default: () => "d" }) }),
    Schema.String,
    Schema.Literal("x"),
    Schema.Array(Schema.Struct({ kind: Schema.Literal("x") }))
  ]
  const inputs = FastCheck.oneof(
    FastCheck.anything(),
    FastCheck.record(
      {
        kind: FastCheck.constantFrom("x", "y", "z", 1),
        object: FastCheck.constantFrom("x", "y"),
        a: FastCheck.oneof(FastCheck.string(), FastCheck.integer()),
        a_wire: FastCheck.string(),
        b: FastCheck.string()
      },
      { requiredKeys: [] }
    ),
    FastCheck.array(FastCheck.record({ kind: FastCheck.constantFrom("x", "y") }, { requiredKeys: [] }))
  )

  it("random unions of discriminated, renamed and plain members agree with the schema on any input", () => {
    FastCheck.assert(
      FastCheck.property(
        FastCheck.array(FastCheck.constantFrom(...memberPool), { minLength: 2, maxLength: 4 }),
        FastCheck.array(inputs, { minLength: 1, maxLength: 10 }),
        (members, values) => {
          const union = Schema.Union(...members) as unknown as Schema.Schema<unknown, unknown>
          for (const value of values) sameAsSchema(union, value)
        }
      ),
      { numRuns: 500 }
    )
  })

  it("makeOptionDecoder answers Some(the schema's value) or None, as Schema.decodeUnknownOption", () => {
    for (const schema of [Session, SessionList, Token] as ReadonlyArray<Schema.Schema<unknown, unknown>>) {
      const optionDecoder = makeOptionDecoder(schema)
      const schemaDecoder = Schema.decodeUnknownOption(schema)
      FastCheck.assert(
        FastCheck.property(
          FastCheck.oneof(Arbitrary.make(Schema.encodedSchema(schema)), FastCheck.anything()),
          (input) => {
            expect(optionDecoder(input)).toStrictEqual(schemaDecoder(input))
          }
        ),
        { numRuns: 200 }
      )
    }
  })
})
