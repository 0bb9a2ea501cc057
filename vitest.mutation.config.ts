import { configDefaults, defineConfig } from "vitest/config"

// The test files `pnpm test:mutation` (stryker.config.mjs) runs against the
// mutants: the unit tests of the core modules and the behaviour tests that
// drive them through the client, the token verifier and the fake's store.
// Stryker runs every test that covers a mutant, so each file here costs time
// for every mutant it reaches; the slow, end-to-end files (the CLI, real-time
// resilience, transports, tracing, property runs) stay out.
export default defineConfig({
  test: {
    include: [
      // validation
      "packages/backend/test/validation.test.ts",
      "packages/backend/test/invalid-input.test.ts",
      "packages/backend/test/invalid-input-types.test.ts",
      // Retry-After, responses, retry policy, the limiter
      "packages/backend/test/retryAfter.test.ts",
      "packages/backend/test/responses.test.ts",
      "packages/backend/test/retryPolicy.test.ts",
      "packages/backend/test/slidingWindowLimiter.test.ts",
      "packages/backend/test/errors.test.ts",
      "packages/backend/test/unexpected-responses.test.ts",
      "packages/backend/test/Resilience.test.ts",
      // the exchange, the wire request and the Effect-free core
      "packages/backend/test/core.test.ts",
      "packages/backend/test/exchange.test.ts",
      "packages/backend/test/core-requests.test.ts",
      "packages/backend/test/requests.test.ts",
      // token claim checks
      "packages/core/test/tokenRules.test.ts",
      "packages/core/test/tokenChecks.test.ts",
      "packages/core/test/jwksKeys.test.ts",
      "packages/backend/test/tokenClaimsVerify.test.ts",
      "packages/backend/test/SessionTokens.test.ts",
      "packages/backend/test/SessionTokensStrictness.test.ts",
      "packages/backend/test/SessionTokensJwks.test.ts",
      // the fake's store
      "packages/fake/test/Store.test.ts",
      "packages/fake/test/Fake.test.ts",
      "packages/testing/test/Store.test.ts",
      "packages/testing/test/Seed.test.ts"
    ],
    exclude: [...configDefaults.exclude, "**/.stryker-tmp/**"],
    dangerouslyIgnoreUnhandledErrors: false,
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
})
