import { defineConfig } from "vitest/config"

// The effect-4 examples' own run: vitest 5 and @effect/vitest 4 (the root
// config is vitest 3, for the effect-3 edition). vitest 5 needs Node 22.12+,
// so `pnpm test` runs this through scripts/node22.mjs.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    dangerouslyIgnoreUnhandledErrors: false,
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
})
