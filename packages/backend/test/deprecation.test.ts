import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { assert, describe, it } from "@effect/vitest"
import ts from "typescript"

// TypeScript cannot assert a deprecation in a type test (dtslint/Sessions.ts),
// so the JSDoc that makes editors strike `verify` through is checked here.
const path = fileURLToPath(new URL("../src/Sessions.ts", import.meta.url))
const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.ES2022, true)

const members = (predicate: (node: ts.Node) => node is ts.InterfaceDeclaration | ts.ClassDeclaration, name: string) => {
  const found = new Map<string, boolean>()
  const visit = (node: ts.Node) => {
    if (predicate(node) && node.name?.text === name) {
      for (const member of node.members) {
        if (member.name !== undefined && ts.isIdentifier(member.name)) {
          found.set(member.name.text, ts.getJSDocDeprecatedTag(member) !== undefined)
        }
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

const operations = ["list", "stream", "create", "get", "revoke", "refresh", "createToken", "createTokenFromTemplate"]

describe("verify is marked @deprecated, and only verify", () => {
  it("on the service interface", () => {
    const service = members(ts.isInterfaceDeclaration, "SessionsService")
    assert.strictEqual(service.get("verify"), true)
    for (const operation of operations) assert.strictEqual(service.get(operation), false, operation)
  })

  it("on the accessor", () => {
    const accessors = members(ts.isClassDeclaration, "Sessions")
    assert.strictEqual(accessors.get("verify"), true)
    for (const operation of operations) assert.strictEqual(accessors.get(operation), false, operation)
  })
})
