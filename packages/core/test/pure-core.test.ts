/**
 * `@clerk-effect/core` is the part of the SDK that needs no Effect: request
 * building, the transports' direct paths, error-body reading, claim
 * mapping... Both editions (effect 3 and effect 4) share it unchanged, so
 * nothing in it may import `effect`, `@effect/*`, or any module outside the
 * package.
 */
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

const coreDir = join(import.meta.dirname, "../src")

const importsOf = (source: string): ReadonlyArray<string> =>
  [...source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+["']([^"']+)["']/g)].map((match) => match[1]!)

describe("the Effect-free core", () => {
  const files = readdirSync(coreDir).filter((file) => file.endsWith(".ts"))

  it("holds the modules it is meant to hold", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        "wire.ts",
        "nodeHttpSend.ts",
        "fetchSend.ts",
        "bodyCollector.ts",
        "clerkErrorBody.ts",
        "claimMapping.ts",
        "cut.ts",
        "configRules.ts",
        "inputRules.ts",
        "retryRules.ts",
        "retryAfter.ts",
        "answers.ts",
        "tokenRules.ts",
        "tokenChecks.ts",
        "jwksKeys.ts",
        "tokenRequest.ts"
      ])
    )
  })

  for (const file of files) {
    it(`${file} imports nothing from Effect, nor from outside the core`, () => {
      const imports = importsOf(readFileSync(join(coreDir, file), "utf8"))
      for (const specifier of imports) {
        const allowed = specifier.startsWith("./") || specifier.startsWith("node:")
        expect(allowed, `${file} imports ${specifier}`).toBe(true)
      }
    })
  }

  it("its unit tests (test/core.test.ts) import nothing from Effect either", () => {
    const imports = importsOf(readFileSync(join(import.meta.dirname, "core.test.ts"), "utf8"))
    expect(imports.length).toBeGreaterThan(5)
    for (const specifier of imports) {
      expect(specifier === "vitest" || specifier.startsWith("../src/"), specifier).toBe(true)
    }
  })

  it("the import scan sees imports (a scan that finds none would pass anything)", () => {
    expect(importsOf(readFileSync(join(coreDir, "nodeHttpSend.ts"), "utf8"))).toContain("node:http")
    expect(importsOf('import * as Effect from "effect/Effect"\nexport { x } from "@effect/platform"')).toEqual([
      "effect/Effect",
      "@effect/platform"
    ])
  })
})
