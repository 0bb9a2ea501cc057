/**
 * Every public export of @clerk-effect/backend, @clerk-effect/backend-effect4, @clerk-effect/fake, @clerk-effect/testing
 * and @clerk-effect/testing-effect4 has
 * a doc comment with `@since` and `@category` (docgen only enforces `@since`,
 * and only on the modules it documents). Public means: a top-level export of a
 * module under `src/` other than `internal/` (the published `exports` map
 * serves every such module as a subpath). `index.ts` only re-exports.
 *
 * Usage: tsx scripts/check-api-docs.ts
 */
import { readdirSync, readFileSync, statSync } from "node:fs"
import { dirname, join, relative } from "node:path"
import { fileURLToPath } from "node:url"
import ts from "typescript"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const packages = ["backend", "backend-effect4", "fake", "testing", "testing-effect4"]

const sources = (dir: string): Array<string> =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === "internal" ? [] : sources(path)
    return name.endsWith(".ts") && name !== "index.ts" ? [path] : []
  })

const tagsOf = (node: ts.Node): Set<string> =>
  new Set(
    ts
      .getJSDocTags(node)
      .map((tag) => tag.tagName.text)
      .concat(
        // A variable's doc comment sits on its statement, not on the declaration.
        ts.isVariableStatement(node)
          ? node.declarationList.declarations.flatMap((d) => ts.getJSDocTags(d).map((tag) => tag.tagName.text))
          : []
      )
  )

const isExported = (node: ts.Node): boolean =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)

const nameOf = (node: ts.Statement): string => {
  if (ts.isVariableStatement(node)) return node.declarationList.declarations.map((d) => d.name.getText()).join(", ")
  const named = node as ts.Statement & { readonly name?: ts.Node }
  return named.name?.getText() ?? "(anonymous)"
}

const problems: Array<string> = []
let checked = 0
for (const pkg of packages) {
  for (const file of sources(join(root, "packages", pkg, "src"))) {
    const text = readFileSync(file, "utf8")
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
    for (const statement of source.statements) {
      if (!isExported(statement)) continue
      checked++
      const tags = tagsOf(statement)
      const missing = ["since", "category"].filter((tag) => !tags.has(tag))
      if (missing.length > 0) {
        const { line } = source.getLineAndCharacterOfPosition(statement.getStart())
        problems.push(
          `${relative(root, file)}:${line + 1}: ${nameOf(statement)} lacks ${missing.map((t) => `@${t}`).join(" and ")}`
        )
      }
      // Public static members of an exported class need @since (as docgen requires).
      if (ts.isClassDeclaration(statement)) {
        for (const member of statement.members) {
          const modifiers = ts.canHaveModifiers(member) ? (ts.getModifiers(member) ?? []) : []
          const isStatic = modifiers.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)
          const isHidden = modifiers.some(
            (m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword
          )
          if (!isStatic || isHidden || member.name === undefined || ts.isPrivateIdentifier(member.name)) continue
          if (!ts.getJSDocTags(member).some((tag) => tag.tagName.text === "since")) {
            const { line } = source.getLineAndCharacterOfPosition(member.getStart())
            problems.push(
              `${relative(root, file)}:${line + 1}: ${nameOf(statement)}.${member.name.getText()} lacks @since`
            )
          }
        }
      }
    }
  }
}

console.log(`${checked} public exports checked for @since and @category`)
if (problems.length > 0) {
  for (const problem of problems) console.error(problem)
  process.exit(1)
}
