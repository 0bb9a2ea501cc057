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

export const MIN_LIFETIME = 30
export const MAX_LIFETIME = 315_360_000
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
    return Either.left(
      Reply.clerkError(400, {
        code: "request_body_invalid",
        message: "Request body invalid",
        longMessage: "The request body is not valid JSON."
      })
    )
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

export const lifetimeFrom = (request: FakeRequest, fallback: number): Either.Either<number, FakeReply> =>
  Either.flatMap(decodeBody(CreateTokenBody, request), ({ expiresInSeconds }) => {
    if (expiresInSeconds === undefined || expiresInSeconds === null) return Either.right(fallback)
    if (!Number.isInteger(expiresInSeconds)) {
      return Either.left(Reply.paramFormatInvalid("expires_in_seconds", "must be an integer."))
    }
    if (expiresInSeconds < MIN_LIFETIME || expiresInSeconds > MAX_LIFETIME) {
      return Either.left(
        Reply.paramValueInvalid("expires_in_seconds", `must be between ${MIN_LIFETIME} and ${MAX_LIFETIME}.`)
      )
    }
    return Either.right(expiresInSeconds)
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
