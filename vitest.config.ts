import { configDefaults, defineConfig } from "vitest/config"

/**
 * The suites of the core's behaviour (exact requests, every error status,
 * unexpected answers, outcomes, retries under TestClock, invalid input,
 * redaction, decoding, the stream). They run twice: on the platform
 * exchange (any `HttpClient`) and on the direct exchange (NodeTransport's
 * and FetchTransport's path); see packages/backend/test/utils/exchangePath.ts.
 */
const behaviourSuites = [
  "requests",
  "errors",
  "unexpected-responses",
  "outcomes.property",
  "Resilience",
  "hostile-answers",
  "invalid-input",
  "invalid-input-types",
  "redaction",
  "decoding",
  "stream",
  "path-params.property",
  "config",
  "core-requests"
].map((name) => `packages/backend/test/${name}.test.ts`)

const shared = {
  // Stryker's sandbox copies of the repo (pnpm test:mutation) are not tests of this checkout;
  // the effect-4 packages run under their own vitest 5 (their `test` script).
  exclude: [...configDefaults.exclude, "**/.stryker-tmp/**", "packages/*-effect4/**"],
  // Unhandled rejections fail the run: an SDK error must never escape as one.
  dangerouslyIgnoreUnhandledErrors: false,
  testTimeout: 30_000,
  hookTimeout: 30_000
}

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: "all", include: ["packages/*/test/**/*.test.ts"] } },
      {
        test: {
          ...shared,
          name: "behaviour on the direct exchange",
          include: behaviourSuites,
          env: { CLERK_EFFECT_TEST_EXCHANGE: "direct" }
        }
      }
    ]
  }
})
