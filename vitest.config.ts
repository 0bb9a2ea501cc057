import { configDefaults, defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["packages/*/test/**/*.test.ts"],
    // Stryker's sandbox copies of the repo (pnpm test:mutation) are not tests of this checkout.
    exclude: [...configDefaults.exclude, "**/.stryker-tmp/**"],
    // Unhandled rejections fail the run: an SDK error must never escape as one.
    dangerouslyIgnoreUnhandledErrors: false,
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
})
