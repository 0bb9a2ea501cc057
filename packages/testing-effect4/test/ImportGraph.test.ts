/**
 * The main entry loads on any runtime (Workers, browsers, Deno, Bun): its
 * static import graph reaches no Node builtin, and nothing Node-only of the
 * packages it builds on (`@clerk-effect/fake/server`, the SDK's
 * `NodeTransport`). The loopback face is the one module that needs Node; the
 * main entry reaches it only through a dynamic `import()`, run when a server
 * layer is built.
 */
import { readFileSync } from "node:fs"
import { builtinModules } from "node:module"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { assert, describe, it } from "@effect/vitest"

const src = fileURLToPath(new URL("../src", import.meta.url))

const STATIC = /(?:^|\n)\s*(?:import|export)\s[^"';]*?from\s*["']([^"']+)["']|(?:^|\n)\s*import\s*["']([^"']+)["']/g
const DYNAMIC = /import\s*\(\s*["']([^"']+)["']\s*\)/g

const matches = (code: string, pattern: RegExp): Array<string> =>
  Array.from(code.matchAll(pattern), (match) => match[1] ?? match[2]!)

/** Every module statically reached from `entry`, the external specifiers they import, and their dynamic imports. */
const graph = (entry: string) => {
  const modules = new Set<string>()
  const externals = new Set<string>()
  const dynamic = new Set<string>()
  const visit = (file: string) => {
    if (modules.has(file)) return
    modules.add(file)
    const code = readFileSync(file, "utf8")
    for (const specifier of matches(code, DYNAMIC))
      dynamic.add(resolve(dirname(file), specifier.replace(/\.js$/, ".ts")))
    for (const specifier of matches(code, STATIC)) {
      if (specifier.startsWith(".")) visit(resolve(dirname(file), specifier.replace(/\.js$/, ".ts")))
      else externals.add(specifier)
    }
  }
  visit(join(src, entry))
  return { modules, externals, dynamic }
}

const isNodeBuiltin = (specifier: string) =>
  specifier.startsWith("node:") || builtinModules.includes(specifier.split("/")[0]!)

describe("the main entry's import graph", () => {
  it("reaches no Node builtin, no loopback server and no NodeTransport", () => {
    const { externals, modules } = graph("index.ts")
    assert.isAbove(modules.size, 8, "the graph is walked (FakeClerk, faces, wire...)")
    for (const specifier of externals) {
      assert.isFalse(isNodeBuiltin(specifier), specifier)
      assert.isTrue(
        specifier === "effect" ||
          specifier.startsWith("effect/") ||
          specifier === "@clerk-effect/backend-effect4" ||
          specifier === "@clerk-effect/fake",
        specifier
      )
    }
    for (const module of modules) assert.notMatch(module, /serverFace\.ts$/)
  })

  it("its one dynamic import is the loopback face, which is what needs Node", () => {
    const { dynamic } = graph("index.ts")
    assert.deepStrictEqual(Array.from(dynamic), [join(src, "internal/serverFace.ts")])
    assert.include(Array.from(graph("internal/serverFace.ts").externals), "@clerk-effect/fake/server")
  })

  it("the scan sees what it must refuse: @clerk-effect/fake/server imports node:http", () => {
    const server = fileURLToPath(new URL("../../fake/src/server.ts", import.meta.url))
    assert.isTrue(matches(readFileSync(server, "utf8"), STATIC).some(isNodeBuiltin))
  })

  it("no effect-3 package comes in: effect 4 is the one peer", () => {
    const manifest = JSON.parse(readFileSync(join(src, "../package.json"), "utf8"))
    assert.deepStrictEqual(manifest.peerDependencies, { effect: "^4.1.0" })
    assert.deepStrictEqual(Object.keys(manifest.dependencies).sort(), [
      "@clerk-effect/backend-effect4",
      "@clerk-effect/fake"
    ])
    for (const module of graph("index.ts").modules) {
      assert.notMatch(readFileSync(module, "utf8"), /from "@effect\/platform|from "@clerk-effect\/backend"/)
    }
  })
})
