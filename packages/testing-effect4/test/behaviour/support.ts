/**
 * Shared pieces of the behaviour suite: the seed, a raw request helper (for
 * what the SDK refuses to send), error-body checks and token verification.
 */
import { ClerkConfig, type ClerkErrors, type SDKError, type Sessions } from "@clerk-effect/backend-effect4"
import { assert, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import type * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as jose from "jose"
import type { FakeClerk, FakeClerkOptions } from "../../src/index.js"

export type FaceLayer = Layer.Layer<FakeClerk | Sessions | ClerkConfig | HttpClient.HttpClient, unknown>

export const USER = "user_alice"
export const HOUR = 3_600_000
export const T0 = 1_764_300_000_000

/** Six sessions of Alice over two clients, one of Bob; createdAt one hour apart. */
export const seed: FakeClerkOptions = {
  users: [{ id: USER }, { id: "user_bob" }, { id: "user_carol" }],
  sessions: [
    ...Array.from({ length: 6 }, (_, i) => ({
      id: `sess_a${i}`,
      userId: USER,
      clientId: i % 2 === 0 ? "client_even" : "client_odd",
      status: i === 5 ? ("revoked" as const) : ("active" as const),
      createdAt: T0 + i * HOUR
    })),
    { id: "sess_bob", userId: "user_bob", clientId: "client_bob", createdAt: T0 }
  ],
  jwtTemplates: [{ name: "hasura", claims: { role: "user", uid: "{{user.id}}" }, lifetime: 300 }]
}

export interface RawAnswer {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly text: string
}

export const raw = (
  method: "GET" | "POST",
  path: string,
  options: { readonly body?: string; readonly headers?: Record<string, string>; readonly secret?: string | null } = {}
) =>
  Effect.gen(function* () {
    const config = yield* ClerkConfig
    const client = yield* HttpClient.HttpClient
    let request = HttpClientRequest.make(method)(`${config.apiUrl}/v1${path}`).pipe(
      HttpClientRequest.setHeaders(options.headers ?? {})
    )
    if (options.secret !== null) {
      request = HttpClientRequest.bearerToken(request, options.secret ?? Redacted.value(config.secretKey))
    }
    if (options.body !== undefined) request = HttpClientRequest.bodyText(request, options.body, "application/json")
    const response = yield* client.execute(request)
    return { status: response.status, headers: response.headers, text: yield* response.text } satisfies RawAnswer
  })

export const errorCode = (answer: RawAnswer) => {
  const body = JSON.parse(answer.text)
  assert.isString(body.clerk_trace_id)
  assert.strictEqual(answer.headers["clerk-trace-id"], body.clerk_trace_id)
  return body.errors[0].code as string
}

export const failure = <A>(effect: Effect.Effect<A, ClerkErrors | SDKError, Sessions>) =>
  Effect.flip(effect).pipe(
    Effect.map((error) => {
      assert.strictEqual(error._tag, "ClerkErrors")
      return error as ClerkErrors
    })
  )

export const jwks = Effect.map(raw("GET", "/jwks"), (answer) => jose.createLocalJWKSet(JSON.parse(answer.text)))

export const verify = (token: string) =>
  Effect.flatMap(jwks, (keys) =>
    // The fake's clock is the TestClock (time 0); check the signature and read the claims.
    Effect.promise(() => jose.compactVerify(token, keys)).pipe(
      Effect.map((result) => JSON.parse(new TextDecoder().decode(result.payload)) as Record<string, unknown>)
    )
  )

/**
 * Runs the whole behaviour suite against one face. `makeLayer` is called per
 * test, so every test starts from the seed.
 */
/** What a behaviour test needs in context. */
export type FaceServices = FakeClerk | Sessions | ClerkConfig | HttpClient.HttpClient

/** Declares one test that runs against a fresh, seeded fake. */
export type FaceTest = <A, E>(name: string, body: () => Effect.Effect<A, E, FaceServices>) => void

/** A `FaceTest` for a face: every test gets its own fake, built from {@link seed}. */
export const faceTest =
  (makeLayer: (options: FakeClerkOptions) => FaceLayer): FaceTest =>
  (name, body) =>
    it.effect(name, () => body().pipe(Effect.provide(makeLayer(seed)), Effect.orDie) as Effect.Effect<unknown>)
