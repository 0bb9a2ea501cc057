/**
 * The runtime-neutral program of the matrix for the effect-4 edition: the
 * same checks as the effect-3 program (packages/runtimes/src/effect3), through
 * the BUILT `@clerk-effect/backend-effect4` (the driver places this file
 * beside a `node_modules` holding the packed form of the package, so it
 * resolves to `dist/esm` as it would for a user). Web APIs only: no `node:`
 * import, no `process`, no runtime global.
 *
 * Every check answers a small JSON value the driver compares with
 * `EXPECTED_CHECKS` (fixtures.ts, shared by both editions). A typed failure
 * where a success is expected becomes its tag with its status or reason, a
 * defect `{ unexpected: "..." }`; neither ever matches.
 */
import {
  ClerkConfig,
  type ClerkErrors,
  Clerk as ClerkModule,
  FetchTransport,
  type SessionClaims,
  Sessions,
  SessionTokens
} from "@clerk-effect/backend-effect4"
import * as Cause from "effect/Cause"
import type * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import type * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { type CheckResults, FIXTURES, jwtPayload, TIMEOUT_MILLIS } from "../fixtures.js"

/** The SDK services over one transport and one configuration source. */
export type SdkLayer = Layer.Layer<Sessions | SessionTokens | ClerkConfig, Config.ConfigError>

/** How the checks reach the fake: the SDK, and the raw base URL and key for the JWKS-to-PEM step. */
export interface Target {
  /** `Sessions`, `SessionTokens` (JWKS mode) and `ClerkConfig`. */
  readonly sdk: SdkLayer
  /** The fake's public key as PEM, fetched however this target can. */
  readonly pem: () => Promise<string>
  /** A unique suffix for the timeout check's session id (per transport). */
  readonly label: string
}

// Two lines: effect 4 puts where a `ConfigError` happened (`at ["CLERK_SECRET_KEY"]`) on the second.
const describe = (cause: Cause.Cause<unknown>): { readonly unexpected: string } => ({
  unexpected:
    Cause.pretty(cause)
      .split("\n")
      .slice(0, 2)
      .map((line) => line.trim())
      .join(" ") || "unknown failure"
})

/** What a typed failure looks like in the results: its tag, and status or reason. */
const failureShape = (error: unknown): Record<string, unknown> => {
  const tagged = error as { readonly _tag?: unknown }
  if (tagged._tag === "ClerkErrors") {
    const clerk = error as ClerkErrors
    return { _tag: "ClerkErrors", status: clerk.status, codes: clerk.codes }
  }
  if (tagged._tag === "SDKError") return { _tag: "SDKError", reason: (error as { readonly reason: unknown }).reason }
  return { _tag: String(tagged._tag), message: String(error) }
}

/** Runs `effect`; a typed failure becomes its shape (which never matches a success), a defect `{ unexpected }`. */
const attempt = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A | Record<string, unknown>, never, R> =>
  Effect.map(Effect.exit(effect), (exit) => {
    if (Exit.isSuccess(exit)) return exit.value
    const failure = Cause.findErrorOption(exit.cause)
    return Option.isSome(failure) ? failureShape(failure.value) : describe(exit.cause)
  })

/**
 * The checks, in order: list, get, create, token minting (plain and from a
 * template), `SessionTokens.verify` with the JWKS and with a PEM key, revoke,
 * a typed 404, and a timeout (the driver delays every `sess_timeout_*` path).
 */
export const runChecks = (target: Target): Effect.Effect<CheckResults> =>
  Effect.gen(function* () {
    const results: CheckResults = {}

    results.list = yield* attempt(
      Effect.map(Sessions.list({ userId: FIXTURES.listUser, status: "active" }), (page) => ({
        totalCount: page.totalCount,
        ids: page.data.map((s) => s.id).sort()
      }))
    )

    results.get = yield* attempt(
      Effect.map(Sessions.get(FIXTURES.getSession), (s) => ({ id: s.id, userId: s.userId, status: s.status }))
    )

    // effect 4: `Effect.result` and `Result` (effect 3's `Effect.either` and `Either`).
    const created = yield* Effect.result(Sessions.create({ userId: FIXTURES.createUser }))
    results.create =
      created._tag === "Success"
        ? {
            userId: created.success.userId,
            status: created.success.status,
            idIsSession: created.success.id.startsWith("sess_")
          }
        : failureShape(created.failure)
    if (created._tag === "Failure") return results
    const sessionId = created.success.id

    const token = yield* Effect.result(Sessions.createToken(sessionId))
    results.createToken =
      token._tag === "Success"
        ? { parts: token.success.jwt.split(".").length, sidMatches: jwtPayload(token.success.jwt).sid === sessionId }
        : failureShape(token.failure)

    results.createTokenFromTemplate = yield* attempt(
      Effect.map(Sessions.createTokenFromTemplate(sessionId, FIXTURES.template), (t) => {
        const payload = jwtPayload(t.jwt)
        return { parts: t.jwt.split(".").length, role: payload.role, user: payload.user }
      })
    )

    const claimsShape = (claims: SessionClaims) => ({
      sidMatches: claims.sid === sessionId,
      sub: claims.sub
    })

    if (token._tag === "Success") {
      const jwt = token.success.jwt
      results.verifyJwks = yield* attempt(Effect.map(SessionTokens.verify(jwt), claimsShape))
      results.verifyPem = yield* attempt(
        Effect.gen(function* () {
          const pem = yield* Effect.tryPromise(() => target.pem())
          return yield* Effect.map(SessionTokens.verify(jwt), claimsShape).pipe(
            Effect.provide(SessionTokens.layer({ jwtKey: pem }))
          )
        })
      )
    }

    results.revoke = yield* attempt(
      Effect.map(Sessions.revoke(sessionId), (s) => ({ sameId: s.id === sessionId, status: s.status }))
    )

    results.notFound = yield* Sessions.get(FIXTURES.missingSession).pipe(
      Effect.match({ onFailure: failureShape, onSuccess: () => ({ unexpected: "a session was found" }) })
    )

    const started = Date.now()
    results.timeout = yield* Sessions.get(`${FIXTURES.timeoutPrefix}${target.label}`).pipe(
      ClerkConfig.withRequestOptions({ retry: false, timeout: `${TIMEOUT_MILLIS} millis` }),
      Effect.match({
        onFailure: (error) => ({ ...failureShape(error), withinFiveSeconds: Date.now() - started < 5_000 }),
        onSuccess: () => ({ unexpected: "answered although the fake delays this path" })
      })
    )

    return results
  }).pipe(
    Effect.provide(target.sdk),
    // effect 4: `catchCause` (effect 3's `catchAllCause`).
    Effect.catchCause((cause) => Effect.succeed<CheckResults>({ layer: describe(cause) }))
  )

/** `Clerk.detectRuntime()` of the built package, as the results report it. */
export const detectedRuntime = (): string => ClerkModule.detectRuntime()

/** `Sessions`, `SessionTokens` and `ClerkConfig` from an explicit config over `httpClient`. */
export const sdkFromOptions = (
  httpClient: Layer.Layer<HttpClient.HttpClient>,
  options: { readonly apiUrl: string; readonly secretKey: string }
): SdkLayer => {
  const config = ClerkConfig.layer({ apiUrl: options.apiUrl, secretKey: Redacted.make(options.secretKey) })
  const transport = Layer.merge(httpClient, config)
  return Layer.provideMerge(Layer.merge(Sessions.layer, SessionTokens.layer()), transport)
}

/** `Clerk.layerConfig()` over `httpClient`: configuration from the `ConfigProvider` in place. */
export const sdkFromConfig = (httpClient: Layer.Layer<HttpClient.HttpClient>): SdkLayer =>
  ClerkModule.layerConfig({ httpClient })

/** The transports every runtime runs the checks through (NodeTransport apart: cli.ts). */
export const FETCH_TRANSPORTS = {
  FetchTransport: FetchTransport.layer,
  FetchHttpClient: FetchHttpClient.layer,
  /** What `Clerk.layerConfig()` uses by default: the runtime's own choice. */
  "Clerk.transport": ClerkModule.transport
} as const satisfies Record<string, Layer.Layer<HttpClient.HttpClient>>

/**
 * Runs the checks once per transport, one after the other (the fake's state is
 * shared: each run creates and revokes its own session).
 */
export const runTransports = (
  transports: Readonly<Record<string, Layer.Layer<HttpClient.HttpClient>>>,
  targetFor: (name: string, httpClient: Layer.Layer<HttpClient.HttpClient>) => Target
): Promise<Record<string, CheckResults>> =>
  Effect.runPromise(
    Effect.forEach(
      Object.entries(transports),
      ([name, httpClient]) => Effect.map(runChecks(targetFor(name, httpClient)), (results) => [name, results] as const),
      { concurrency: 1 }
    ).pipe(Effect.map((entries) => Object.fromEntries(entries)))
  )
