/**
 * The differential harness of this edition: the shared one
 * (@clerk-effect/behaviour-cases/tokenDifferential: token building, the
 * `@clerk/backend` oracle, `whyStricter`) with this edition's `SessionTokens`
 * as the other side, on the TestClock.
 */

import type { DiffOptions, Mode, Outcome } from "@clerk-effect/behaviour-cases/tokenDifferential"
import { makeClerkOracle } from "@clerk-effect/behaviour-cases/tokenDifferential"
import { vi } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { TestClock } from "effect/testing"
import type { JWK } from "jose"
import type { SessionTokensService, VerifyOptions } from "../../src/SessionTokens.js"
import { SessionTokens } from "../../src/SessionTokens.js"
import { jwksLayer, keyA, makeJwksServer, NOW } from "../SessionTokensFixtures.js"

export * from "@clerk-effect/behaviour-cases/tokenDifferential"

export interface Differential {
  readonly clerk: (token: string, options: DiffOptions, mode: Mode) => Promise<Outcome>
  readonly ours: (token: string, options: DiffOptions, mode: Mode) => Promise<Outcome>
  readonly close: () => Promise<void>
}

const ourOptions = (options: DiffOptions): VerifyOptions => ({
  ...(options.authorizedParties !== undefined ? { authorizedParties: options.authorizedParties } : {}),
  ...(options.issuer !== undefined ? { issuer: options.issuer } : {}),
  ...(options.skewMs !== undefined ? { clockSkew: Duration.millis(options.skewMs) } : {})
})

/** Both verifiers, PEM (`pem`, key A's by default) and JWKS (`jwks`: to us in memory). */
export const makeDifferential = async (jwks: Array<JWK>, pem: string = keyA.publicPem): Promise<Differential> => {
  const oracle = await makeClerkOracle(jwks, pem, (millis) => vi.setSystemTime(millis))
  const services: Record<Mode, SessionTokensService> = {
    pem: await Effect.runPromise(SessionTokens.make({ jwtKey: pem })),
    jwks: await Effect.runPromise(Effect.provide(Effect.service(SessionTokens), jwksLayer(makeJwksServer(jwks))))
  }
  return {
    clerk: oracle.clerk,
    ours: (token, options, mode) =>
      Effect.gen(function* () {
        yield* TestClock.setTime(options.nowMs ?? NOW * 1000)
        const result = yield* Effect.result(services[mode].verify(token, ourOptions(options)))
        return Result.isSuccess(result)
          ? { accepted: true, reason: "accepted" }
          : { accepted: false, reason: `${result.failure.reason}: ${result.failure.message}` }
      }).pipe(Effect.provide(TestClock.layer()), Effect.runPromise),
    close: oracle.close
  }
}
