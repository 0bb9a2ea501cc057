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
import type * as AST from "effect/SchemaAST"

// A local symbol: no value decoded from JSON can be it.
const FAIL: unique symbol = Symbol()
type Fail = typeof FAIL
type Compiled = (input: unknown) => unknown | Fail

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

const compileFields = (fields: ReadonlyArray<Field>): Compiled => {
  const n = fields.length
  return (input) => {
    if (!isPlainObject(input)) return FAIL
    const out: Record<string, unknown> = {}
    for (let i = 0; i < n; i++) {
      const field = fields[i]!
      if (hasOwn.call(input, field.from)) {
        const value = field.decode(input[field.from])
        if (value === FAIL) return FAIL
        if (field.transform === undefined) out[field.to] = value
        else {
          const o = field.transform(Option.some(value))
          if (Option.isSome(o)) out[field.to] = o.value
        }
      } else if (field.transform !== undefined) {
        const o = field.transform(Option.none())
        if (Option.isSome(o)) out[field.to] = o.value
        else if (!field.optional) return FAIL
      } else if (!field.optional) return FAIL
    }
    return out
  }
}

const stringKey = (name: PropertyKey): string | undefined => (typeof name === "string" ? name : undefined)

/** A struct without transformations (e.g. `Schema.Struct({ key: Schema.String })`). */
const compileTypeLiteral = (ast: AST.TypeLiteral): Compiled | undefined => {
  if (ast.indexSignatures.length > 0) {
    // Only `Record<string, unknown>`, with no fixed keys: a shallow copy of the own string keys.
    const [signature] = ast.indexSignatures
    if (
      ast.propertySignatures.length === 0 &&
      ast.indexSignatures.length === 1 &&
      signature!.parameter._tag === "StringKeyword" &&
      signature!.type._tag === "UnknownKeyword"
    ) {
      // An own "__proto__" key (JSON.parse makes one) is left to the schema,
      // which treats it differently from a spread copy: the answer stays the schema's.
      return (input) => (isPlainObject(input) && !hasOwn.call(input, "__proto__") ? { ...input } : FAIL)
    }
    return undefined
  }
  const fields: Array<Field> = []
  for (const ps of ast.propertySignatures) {
    const key = stringKey(ps.name)
    const decode = compile(ps.type)
    if (key === undefined || decode === undefined) return undefined
    fields.push({ from: key, to: key, optional: ps.isOptional, decode, transform: undefined })
  }
  return compileFields(fields)
}

/** A struct with `fromKey` renames or `optionalWith` defaults. */
const compileStructTransformation = (
  from: AST.TypeLiteral,
  to: AST.TypeLiteral,
  transformation: AST.TypeLiteralTransformation
): Compiled | undefined => {
  if (from.indexSignatures.length > 0 || to.indexSignatures.length > 0) return undefined
  const byFrom = new Map<string, AST.PropertySignatureTransformation>()
  for (const pst of transformation.propertySignatureTransformations) {
    const fromKey = stringKey(pst.from)
    if (fromKey === undefined || stringKey(pst.to) === undefined) return undefined
    byFrom.set(fromKey, pst)
  }
  const fields: Array<Field> = []
  for (const ps of from.propertySignatures) {
    const key = stringKey(ps.name)
    const decode = compile(ps.type)
    if (key === undefined || decode === undefined) return undefined
    const pst = byFrom.get(key)
    const toKey = pst === undefined ? key : (pst.to as string)
    const target = to.propertySignatures.find((p) => p.name === toKey)
    // The type side must hold nothing the fast path would skip (a refinement, a brand check...).
    if (target === undefined || compile(target.type) === undefined) return undefined
    fields.push({
      from: key,
      to: toKey,
      optional: ps.isOptional,
      decode,
      transform: pst === undefined || pst.decode === identity ? undefined : pst.decode
    })
  }
  return compileFields(fields)
}

const primitives: Readonly<Record<string, string>> = {
  StringKeyword: "string",
  NumberKeyword: "number",
  BooleanKeyword: "boolean"
}

const compileUnion = (ast: AST.Union): Compiled | undefined => {
  const members: Array<Compiled> = []
  for (const type of ast.types) {
    const member = compile(type)
    // Members are tried in order; past one we cannot run, an answer could differ from the schema's.
    if (member === undefined) break
    members.push(member)
  }
  if (members.length === 0) return undefined
  // Literals and primitive keywords decode to their input: one membership check replaces the loop
  // (e.g. a status is one of the known literals or any string).
  if (members.length === ast.types.length && ast.types.every((t) => t._tag === "Literal" || t._tag in primitives)) {
    const literals = new Set(ast.types.flatMap((t) => (t._tag === "Literal" ? [t.literal] : [])))
    const kinds = new Set(ast.types.flatMap((t) => (t._tag === "Literal" ? [] : [primitives[t._tag]!])))
    return (input) => (kinds.has(typeof input) || literals.has(input as AST.LiteralValue) ? input : FAIL)
  }
  return (input) => {
    for (let i = 0; i < members.length; i++) {
      const value = members[i]!(input)
      if (value !== FAIL) return value
    }
    return FAIL
  }
}

const compileArray = (ast: AST.TupleType): Compiled | undefined => {
  if (ast.elements.length > 0 || ast.rest.length !== 1) return undefined
  const item = compile(ast.rest[0]!.type)
  if (item === undefined) return undefined
  return (input) => {
    if (!Array.isArray(input)) return FAIL
    const n = input.length
    const out = new Array<unknown>(n)
    for (let i = 0; i < n; i++) {
      const value = item(input[i])
      if (value === FAIL) return FAIL
      out[i] = value
    }
    return out
  }
}

const cache = new WeakMap<AST.AST, Compiled | null>()

/** The fast decoder of a node, or `undefined` when its semantics are not reproduced here. */
const compile = (ast: AST.AST): Compiled | undefined => {
  const cached = cache.get(ast)
  if (cached !== undefined) return cached ?? undefined
  const compiled = compileUncached(ast)
  cache.set(ast, compiled ?? null)
  return compiled
}

const compileUncached = (ast: AST.AST): Compiled | undefined => {
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
    case "Union":
      return compileUnion(ast)
    case "TupleType":
      return compileArray(ast)
    case "TypeLiteral":
      return compileTypeLiteral(ast)
    case "Transformation":
      if (
        ast.transformation._tag === "TypeLiteralTransformation" &&
        ast.from._tag === "TypeLiteral" &&
        ast.to._tag === "TypeLiteral"
      ) {
        return compileStructTransformation(ast.from, ast.to, ast.transformation)
      }
      return undefined
    default:
      return undefined
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
): ((input: unknown) => Either.Either<A, ParseResult.ParseError>) => {
  const full = Schema.decodeUnknownEither(schema)
  const fast = compile(schema.ast)
  if (fast === undefined) return full
  return (input) => {
    const value = fast(input)
    return value === FAIL ? full(input) : Either.right(value as A)
  }
}
