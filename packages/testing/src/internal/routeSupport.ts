/**
 * What every route needs: the context it runs in, body decoding with the
 * SDK's own schemas, and the session lookup with Clerk's 404.
 */
import { CreateTokenBody, type Session } from "@clerk-effect/backend"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import type * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import * as SynchronizedRef from "effect/SynchronizedRef"
import type { FakeReply, FakeRequest } from "../FakeExchange.js"
import * as Reply from "./replies.js"
import { type StoreData, sessionById } from "./store.js"
import type { SigningKey } from "./tokens.js"

/** @internal */
export interface RouteContext {
  readonly store: SynchronizedRef.SynchronizedRef<StoreData>
  readonly key: Ref.Ref<SigningKey>
  readonly issuer: string
}

export const DEFAULT_LIFETIME = 60

export type Handler = (
  ctx: RouteContext,
  request: FakeRequest,
  params: ReadonlyArray<string>
) => Effect.Effect<FakeReply>

// ---------------------------------------------------------------- bodies

export const parseBody = (request: FakeRequest): Either.Either<unknown, FakeReply> => {
  if (request.body === undefined || request.body.trim() === "") return Either.right({})
  try {
    return Either.right(JSON.parse(request.body))
  } catch {
    return Either.left(Reply.bodyInvalid())
  }
}

/** Decodes a body with an SDK schema; a failure becomes the 4xx Clerk answers. */
export const decodeBody = <A, I>(
  schema: Schema.Schema<A, I>,
  request: FakeRequest,
  status = 422
): Either.Either<A, FakeReply> =>
  Either.flatMap(parseBody(request), (json) =>
    Either.mapLeft(Schema.decodeUnknownEither(schema)(json), (error) => {
      const issue = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
      const param = issue?.path.map(String).join(".") || "body"
      return issue?._tag === "Missing"
        ? Reply.paramMissing(param, status)
        : Reply.paramFormatInvalid(param, issue?.message ?? "is invalid", status)
    })
  )

// A number written with a fraction or an exponent (`60.0`, `6e1`): JSON.parse
// makes an integer of some, Clerk's decoder refuses them all.
const notIntegerLiteral = /"expires_in_seconds"\s*:\s*-?\d+(?:\.\d*|(?:\.\d*)?[eE][+-]?\d+)/

/**
 * The lifetime a token body asks for. Clerk answers 400 `request_body_invalid`
 * to a body its decoder refuses, `{"expires_in_seconds": 60.0}` included
 * (clerk/clerk-sdk-python#85). The spec's bounds (30..315360000) come with no
 * error status for these operations (only 200, 401, 404) and no answer of
 * Clerk to a value outside them is known, so such a value is minted as asked.
 */
export const lifetimeFrom = (request: FakeRequest, fallback: number): Either.Either<number, FakeReply> =>
  Either.flatMap(parseBody(request), (json) => {
    if (json === null) return Either.right(fallback)
    if (typeof json !== "object" || Array.isArray(json)) return Either.left(Reply.bodyInvalid())
    return Either.flatMap(
      Either.mapLeft(Schema.decodeUnknownEither(CreateTokenBody)(json), () => Reply.bodyInvalid()),
      ({ expiresInSeconds }) => {
        if (expiresInSeconds === undefined || expiresInSeconds === null) return Either.right(fallback)
        return Number.isSafeInteger(expiresInSeconds) && !notIntegerLiteral.test(request.body ?? "")
          ? Either.right(expiresInSeconds)
          : Either.left(Reply.bodyInvalid())
      }
    )
  })

export const respond = <A>(either: Either.Either<A, FakeReply>, f: (a: A) => Effect.Effect<FakeReply>) =>
  Either.match(either, { onLeft: Effect.succeed, onRight: f })

// ---------------------------------------------------------------- sessions

export const findSession = (ctx: RouteContext, id: string) =>
  Effect.map(SynchronizedRef.get(ctx.store), (data) => sessionById(data, id))

export const sessionNotFound = (id: string) =>
  Reply.notFound(`No session was found with id ${id}`, { param_name: "session_id" })

export const withSession = (ctx: RouteContext, id: string, f: (session: Session) => Effect.Effect<FakeReply>) =>
  Effect.flatMap(findSession(ctx, id), (session) =>
    session === undefined ? Effect.succeed(sessionNotFound(id)) : f(session)
  )
