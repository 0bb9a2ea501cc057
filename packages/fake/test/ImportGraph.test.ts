/**
 * The main entry loads on any runtime (Workers, browsers, Deno, Bun): its
 * import graph reaches no Node builtin and no Effect, only `jose`. The
 * server and the command are the Node-only modules, outside that graph.
 */
import { readFileSync } from "node:fs"
import { builtinModules } from "node:module"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { assert, describe, it } from "vitest"

const src = fileURLToPath(new URL("../src", import.meta.url))

// Static imports and re-exports (`import ... from`, `export ... from`, `import "x"`) and dynamic `import("x")`.
const specifiers = (code: string): Array<string> =>
  Array.from(
    code.matchAll(/(?:^|\n)\s*(?:import|export)\s[^"';]*?from\s*["']([^"']+)["']|import\s*\(?\s*["']([^"']+)["']/g),
    (match) => match[1] ?? match[2]!
  )

/** Every module reached from `entry` (relative imports followed) and the external specifiers they import. */
const graph = (entry: string) => {
  const modules = new Set<string>()
  const externals = new Set<string>()
  const visit = (file: string) => {
    if (modules.has(file)) return
    modules.add(file)
    for (const specifier of specifiers(readFileSync(file, "utf8"))) {
      if (specifier.startsWith(".")) visit(resolve(dirname(file), specifier.replace(/\.js$/, ".ts")))
      else externals.add(specifier)
    }
  }
  visit(join(src, entry))
  return { modules, externals }
}

const isNodeBuiltin = (specifier: string) =>
  specifier.startsWith("node:") || builtinModules.includes(specifier.split("/")[0]!)

describe("the main entry's import graph", () => {
  it("reaches no Node builtin and no Effect: jose is its one dependency", () => {
    const { externals, modules } = graph("index.ts")
    assert.isAbove(modules.size, 10, "the graph is walked (routes, store, tokens...)")
    assert.deepStrictEqual(Array.from(externals), ["jose"])
    for (const module of modules) assert.notMatch(module, /(server|cli|bin)\.ts$/)
  })

  it("the scan sees what it must refuse: the server module imports node:http, the command node:util", () => {
    assert.isTrue(Array.from(graph("server.ts").externals).some(isNodeBuiltin))
    assert.include(Array.from(graph("cli.ts").externals), "node:util")
  })

  it("no module of the package imports effect or @effect/*", () => {
    const { externals } = graph("cli.ts")
    for (const specifier of [...externals, ...graph("index.ts").externals]) {
      assert.isFalse(specifier === "effect" || specifier.startsWith("effect/") || specifier.startsWith("@effect/"))
    }
    const manifest = JSON.parse(readFileSync(join(src, "../package.json"), "utf8"))
    assert.deepStrictEqual(Object.keys(manifest.dependencies), ["jose"])
    assert.isUndefined(manifest.peerDependencies)
  })
})
