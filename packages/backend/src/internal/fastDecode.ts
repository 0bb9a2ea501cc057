/**
 * A fast path for decoding response bodies, compiled once from a schema's AST.
 *
 * `Schema.decodeUnknownEither` on a `Struct` with `fromKey` renames walks a
 * generic interpreter: per field it builds `Option`s, per object a
 * transformation step and a second validation of the type side, and it keeps
 * enough bookkeeping to report every issue. On a 500-session page that costs
 * several times `JSON.parse` itself (see docs/performance.md). Responses are
 * almost always valid, so this module compiles, from the very same schema,
 * a plain function that checks and renames in one pass, and falls back to
 * the real decoder whenever it meets anything it does not prove valid.
 *
 * Schema stays the single source of truth: the fast path is derived from the
 * AST, supports only node kinds whose decode semantics it reproduces exactly
 * (string, number, boolean, unknown, literals, unions, arrays, structs, `fromKey` renames,
 * `optionalWith` defaults, string-keyed records of `unknown`), and says "not
 * sure" (`FAIL`) rather than guess. A `FAIL` reruns the full decoder, which
 * produces the canonical value or `ParseError`; so the result is always the
 * schema's, only sooner.
 *
 * @internal
 */
import * as Either from "effect/Either"
import { identity } from "effect/Function"
import * as Option from "effect/Option"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"

// A local symbol: no value decoded from JSON can be it.
const FAIL: unique symbol = Symbol()
type Compiled = (input: unknown) => unknown

const hasOwn = Object.prototype.hasOwnProperty
const isPlainObject = (input: unknown): input is Record<string, unknown> =>
  typeof input === "object" && input !== null && !Array.isArray(input)

interface Field {
  readonly from: string
  readonly to: string
  readonly optional: boolean
  readonly decode: Compiled
  /** `undefined` for a plain rename; else the property transformation's `decode` over `Option`. */
  readonly transform: ((o: Option.Option<unknown>) => Option.Option<unknown>) | undefined
}

const compileFields =
  (fields: ReadonlyArray<Field>): Compiled =>
  (input) => {
    if (!isPlainObject(input)) return FAIL
    const out: Record<string, unknown> = {}
    for (const field of fields) {
      const present = hasOwn.call(input, field.from)
      const value = present ? field.decode(input[field.from]) : undefined
      if (value === FAIL) return FAIL
      if (field.transform !== undefined) {
        const o = field.transform(present ? Option.some(value) : Option.none())
        if (Option.isSome(o)) out[field.to] = o.value
        else if (!present && !field.optional) return FAIL
      } else if (present) out[field.to] = value
      else if (!field.optional) return FAIL
    }
    return out
  }

/**
 * A struct: `from` is its encoded side; for one with `fromKey` renames or
 * `optionalWith` defaults, `to` is its type side and `renames` the
 * property transformations between them.
 */
const compileStruct = (
  from: AST.TypeLiteral,
  to: AST.TypeLiteral = from,
  renames: ReadonlyArray<AST.PropertySignatureTransformation> = []
): Compiled | undefined => {
  if (from.indexSignatures.length > 0 || to.indexSignatures.length > 0) {
    // Only `Record<string, unknown>`, with no fixed keys: a shallow copy of the own string keys.
    const [signature, ...more] = from.indexSignatures
    // An own "__proto__" key (JSON.parse makes one) is left to the schema,
    // which treats it differently from a spread copy: the answer stays the schema's.
    return from === to &&
      more.length === 0 &&
      from.propertySignatures.length === 0 &&
      signature!.parameter._tag === "StringKeyword" &&
      signature!.type._tag === "UnknownKeyword"
      ? (input) => (isPlainObject(input) && !hasOwn.call(input, "__proto__") ? { ...input } : FAIL)
      : undefined
  }
  const fields: Array<Field> = []
  for (const ps of from.propertySignatures) {
    const key = ps.name
    const rename = renames.find((r) => r.from === key)
    const toKey = rename === undefined ? key : rename.to
    const decode = compile(ps.type)
    // The type side must hold nothing the fast path would skip (a refinement, a brand check...).
    const target = from === to ? ps : to.propertySignatures.find((p) => p.name === toKey)
    if (typeof key !== "string" || typeof toKey !== "string" || decode === undefined) return undefined
    if (target === undefined || (target !== ps && compile(target.type) === undefined)) return undefined
    fields.push({
      from: key,
      to: toKey,
      optional: ps.isOptional,
      decode,
      transform: rename === undefined || rename.decode === identity ? undefined : rename.decode
    })
  }
  return compileFields(fields)
}

const primitives: Readonly<Record<string, string>> = {
  StringKeyword: "string",
  NumberKeyword: "number",
  BooleanKeyword: "boolean"
}

/**
 * Whether Schema's union decoder would file this member under a literal
 * property: a required property whose encoded type is a literal (what
 * `ParseResult`'s search tree looks for, through refinements, suspensions
 * and transformations).
 */
const hasLiteralProperty = (ast: AST.AST): boolean => {
  switch (ast._tag) {
    case "TypeLiteral":
      return ast.propertySignatures.some((ps) => !ps.isOptional && AST.encodedAST(ps.type)._tag === "Literal")
    case "Refinement":
      return hasLiteralProperty(ast.from)
    case "Suspend":
      return hasLiteralProperty(ast.f())
    case "Transformation":
      return hasLiteralProperty(ast.from)
    case "Declaration": {
      // As `ParseResult.getLiterals`: a declaration shows literals only through its surrogate.
      const surrogate = AST.getSurrogateAnnotation(ast)
      return Option.isSome(surrogate) && hasLiteralProperty(surrogate.value)
    }
    default:
      return false
  }
}

/** The fast decoder of a node, or `undefined` when its semantics are not reproduced here. */
const compile = (ast: AST.AST): Compiled | undefined => {
  switch (ast._tag) {
    case "StringKeyword":
    case "NumberKeyword":
    case "BooleanKeyword": {
      const kind = primitives[ast._tag]
      return (input) => (typeof input === kind ? input : FAIL)
    }
    case "UnknownKeyword":
      return identity
    case "Literal": {
      const literal = ast.literal
      return (input) => (input === literal ? input : FAIL)
    }
    case "Union": {
      // Schema tries members with a literal property (a discriminator) whose
      // literal matches the input first, whatever their order; the fast path
      // tries them in order, so it could pick another member (issue 13).
      if (ast.types.some(hasLiteralProperty)) return undefined
      const members: Array<Compiled> = []
      for (const type of ast.types) {
        const member = compile(type)
        // Members are tried in order; past one we cannot run, an answer could differ from the schema's.
        if (member === undefined) break
        members.push(member)
      }
      if (members.length === 0) return undefined
      return (input) => {
        for (const member of members) {
          const value = member(input)
          if (value !== FAIL) return value
        }
        return FAIL
      }
    }
    case "TupleType": {
      // Arrays only (no fixed elements).
      const item = ast.elements.length === 0 && ast.rest.length === 1 ? compile(ast.rest[0]!.type) : undefined
      if (item === undefined) return undefined
      return (input) => {
        if (!Array.isArray(input)) return FAIL
        const out = new Array<unknown>(input.length)
        for (let i = 0; i < input.length; i++) {
          const value = item(input[i])
          if (value === FAIL) return FAIL
          out[i] = value
        }
        return out
      }
    }
    case "Declaration": {
      // A declared type without type parameters (`Schema.declare(is)`, such
      // as the free-form JSON object of `actor`): its own decode, called the
      // way Schema calls it; only a synchronous success is taken.
      if (ast.typeParameters.length > 0) return undefined
      const parse = ast.decodeUnknown()
      return (input) => {
        const result = parse(input, AST.defaultParseOption, ast)
        return Either.isEither(result) && Either.isRight(result) ? result.right : FAIL
      }
    }
    case "TypeLiteral":
      return compileStruct(ast)
    case "Transformation":
      return ast.transformation._tag === "TypeLiteralTransformation" &&
        ast.from._tag === "TypeLiteral" &&
        ast.to._tag === "TypeLiteral"
        ? compileStruct(ast.from, ast.to, ast.transformation.propertySignatureTransformations)
        : undefined
    default:
      return undefined
  }
}

/**
 * `full` behind the compiled fast path of `schema`: the fast path's value,
 * wrapped by `succeed`, when it proves the input valid; `full` otherwise.
 */
const withFastPath = <A, I, R>(
  schema: Schema.Schema<A, I>,
  full: (input: unknown) => R,
  succeed: (value: A) => R
): ((input: unknown) => R) => {
  const fast = compile(schema.ast)
  if (fast === undefined) return full
  return (input) => {
    const value = fast(input)
    return value === FAIL ? full(input) : succeed(value as A)
  }
}

/**
 * The decoder of a response schema: the compiled fast path when the schema
 * allows one, with the full `Schema.decodeUnknownEither` behind it for
 * anything the fast path does not accept (and for the error message).
 *
 * @internal
 */
export const makeResponseDecoder = <A, I>(
  schema: Schema.Schema<A, I>
): ((input: unknown) => Either.Either<A, ParseResult.ParseError>) =>
  withFastPath(schema, Schema.decodeUnknownEither(schema), Either.right)

/**
 * {@link makeResponseDecoder} for a value that may be dropped: `Some` of the
 * schema's answer, `None` when the schema fails it. The fast path's success
 * costs one `Option`, no `Either` (this runs per field of every session).
 *
 * @internal
 */
export const makeOptionDecoder = <A, I>(schema: Schema.Schema<A, I>): ((input: unknown) => Option.Option<A>) =>
  withFastPath(schema, Schema.decodeUnknownOption(schema), Option.some)

/**
 * Whether `schema` compiles to a fast path at all. Every decoder above
 * falls back to Schema silently when it does not, which is correct but
 * costs what the fast path exists to save (decode 500 went from 1.7x to
 * 9x `JSON.parse` when one field of `Session` became a declared type), so
 * the tests hold every response schema to it.
 *
 * @internal
 */
export const hasFastPath = (schema: Schema.Schema.Any): boolean => compile(schema.ast) !== undefined
