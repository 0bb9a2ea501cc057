// Mutation testing of the core modules (docs/testing.md, "Mutation testing").
// Run with `pnpm test:mutation`; not part of `.ci/run` (too slow for 2 cores).
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  packageManager: "pnpm",
  testRunner: "vitest",
  vitest: {
    configFile: "vitest.mutation.config.ts",
    // Only the test files that import a mutated module (vitest's `related`).
    related: true
  },
  plugins: ["@stryker-mutator/vitest-runner"],
  // Each Effect-free rule module next to the effect-3 module that wraps it.
  mutate: [
    "packages/core/src/inputRules.ts",
    "packages/backend/src/internal/validation.ts",
    "packages/core/src/retryAfter.ts",
    "packages/backend/src/internal/retryAfter.ts",
    "packages/core/src/answers.ts",
    "packages/backend/src/internal/responses.ts",
    "packages/core/src/retryRules.ts",
    "packages/backend/src/internal/retryPolicy.ts",
    "packages/backend/src/internal/exchange.ts",
    "packages/core/src/wire.ts",
    "packages/backend/src/internal/slidingWindowLimiter.ts",
    "packages/core/src/tokenRules.ts",
    "packages/core/src/tokenChecks.ts",
    "packages/core/src/jwksKeys.ts",
    "packages/backend/src/internal/tokenClaimsVerify.ts",
    "packages/fake/src/internal/store.ts"
  ],
  coverageAnalysis: "perTest",
  // Static mutants (module-level constants) would need the whole related suite per mutant.
  ignoreStatic: false,
  concurrency: 2,
  timeoutMS: 30_000,
  dryRunTimeoutMinutes: 20,
  reporters: ["clear-text", "progress", "json"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  clearTextReporter: {
    allowColor: false,
    logTests: false,
    reportTests: false,
    reportScoreTable: true,
    reportMutants: true
  },
  thresholds: { high: 95, low: 90, break: 90 },
  tempDirName: ".stryker-tmp",
  cleanTempDir: true
}
