/**
 * Test fixtures for SessionTokens (effect-4 edition): RSA keys, a token minter
 * on jose, and a tiny JWKS transport that counts its requests and can rotate
 * keys or fail. The jose part is the effect-3 fixture's (packages/backend/test/
 * SessionTokensFixtures.ts), ported: that file imports effect 3 throughout.
 */

import type { MintOptions, TestKey } from "@clerk-effect/behaviour-cases/tokenKeys"
import { keyA, keyB, mint, NOW } from "@clerk-effect/behaviour-cases/tokenKeys"
import { assert, expect } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientResponse from "effect/http/HttpClientResponse"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Result from "effect/Result"
import { TestClock } from "effect/testing"
import type { JWK, JWTPayload } from "jose"
import { ClerkConfig } from "../src/ClerkConfig.js"
import type { SessionTokensOptions, TokenVerificationErrorReason, VerifyOptions } from "../src/SessionTokens.js"
import { SessionTokens, TokenVerificationError } from "../src/SessionTokens.js"

export const SECRET = "sk_test_token_verification_secret_42"

export type { MintOptions, TestKey } from "@clerk-effect/behaviour-cases/tokenKeys"
export { intruderKey, keyA, keyB, makeKey, mint, NOW, sessionClaims } from "@clerk-effect/behaviour-cases/tokenKeys"

export const atNow = TestClock.setTime(NOW * 1000)

export const mintEffect = (payload?: JWTPayload, options?: MintOptions) => Effect.promise(() => mint(payload, options))

/** What the fake JWKS endpoint serves and what it saw. */
export interface JwksServer {
  keys: Array<JWK>
  status: number
  body: string | undefined
  readonly requests: Array<{ readonly url: string; readonly headers: Readonly<Record<string, string>> }>
  /** When set, each request waits for it: lets a test hold the fetch while callers pile up. */
  gate: Deferred.Deferred<void> | undefined
}

export const makeJwksServer = (keys: Array<JWK> = [keyA.publicJwk]): JwksServer => ({
  keys,
  status: 200,
  body: undefined,
  requests: [],
  gate: undefined
})

export const jwksClient = (server: JwksServer) =>
  HttpClient.make((request, url) =>
    Effect.gen(function* () {
      server.requests.push({ url: url.toString(), headers: { ...request.headers } })
      if (server.gate !== undefined) yield* Deferred.await(server.gate)
      const body = server.body ?? JSON.stringify({ keys: server.keys })
      return HttpClientResponse.fromWeb(
        request,
        new Response(body, { status: server.status, headers: { "content-type": "application/json" } })
      )
    })
  )

export const clerkConfigLayer = ClerkConfig.layer({
  secretKey: Redacted.make(SECRET),
  apiUrl: "https://api.clerk.test"
})

/** A JWKS-backed `SessionTokens` on the fake endpoint. */
export const jwksLayer = (server: JwksServer, options: SessionTokensOptions = {}) =>
  SessionTokens.layer(options).pipe(
    Layer.provide(clerkConfigLayer),
    Layer.provide(Layer.succeed(HttpClient.HttpClient, jwksClient(server)))
  )

/** Every way the token or key could leak into an error's text. */
export const leakCandidates = (token: string, ...keys: Array<TestKey>): Array<string> =>
  [
    token,
    ...token.split("."),
    SECRET,
    ...keys.flatMap((key) => [key.publicJwk.n!, key.publicJwk.n!.slice(0, 32), key.publicPem.split("\n")[1]!])
  ].filter((candidate) => candidate.length >= 8)

/** Verifies and expects a rejection with `reason`, whose text leaks neither token nor key nor secret. */
export const expectRejected = (token: string, reason: TokenVerificationErrorReason, options?: VerifyOptions) =>
  Effect.gen(function* () {
    const result = yield* Effect.result(SessionTokens.verify(token, options))
    assert(Result.isFailure(result), `expected ${reason}, the token verified`)
    const error = result.failure
    expect(error).toBeInstanceOf(TokenVerificationError)
    expect(error.reason).toBe(reason)
    const texts = [error.message, String(error), JSON.stringify(error), JSON.stringify(error.toJSON())]
    for (const secret of leakCandidates(token, keyA, keyB)) {
      for (const text of texts) expect(text).not.toContain(secret)
    }
    return error
  })
