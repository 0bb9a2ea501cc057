/**
 * No example that does not compile: type-checks every TypeScript code block
 * of README.md, docs/*.md and packages/<name>/README.md, and every ```ts block
 * of an `@example` in packages/<name>/src (docgen skips class-level ones).
 *
 * Rules for a fenced block in Markdown:
 * - ```ts / ```typescript: written to its own module under
 *   packages/examples/build/doc-blocks (so that it resolves the workspace
 *   packages like the examples do) and type-checked with the repository's
 *   strict options. It must be self-contained (its own imports).
 * - ```ts effect4, a block importing @clerk-effect/backend-effect4, and every
 *   @example of an effect-4 package: the same,
 *   against the effect-4 edition (packages/examples-effect4, or
 *   packages/backend-effect4 until that exists).
 * - preceded by `<!-- from: path/to/file.ts -->` (or `path#region`): the block
 *   must be exactly that file (or the lines between `// #region name` and
 *   `// #endregion name`); the file itself is type-checked by `pnpm check`.
 * - ```ts fragment: an explicit, counted exception (an incomplete excerpt).
 * - ```json: must parse. ```sh, ```bash, ```text, ```console: not code to compile.
 * - any other language, or no language: an error (say what it is).
 *
 * Relative links of those Markdown files must point at files that exist.
 *
 * Usage: tsx scripts/check-doc-blocks.ts
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join, relative } from "node:path"
import { fileURLToPath } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const outDir = join(root, "packages/examples/build/doc-blocks")
const PROSE_LANGUAGES = new Set(["sh", "bash", "shell", "text", "console", "txt"])

interface Block {
  readonly source: string
  readonly line: number
  readonly info: string
  readonly code: string
  readonly from: string | undefined
}

const problems: Array<string> = []

const listFiles = (dir: string, keep: (file: string) => boolean): Array<string> =>
  existsSync(dir)
    ? readdirSync(dir).flatMap((name) => {
        const path = join(dir, name)
        if (statSync(path).isDirectory()) return name === "node_modules" ? [] : listFiles(path, keep)
        return keep(path) ? [path] : []
      })
    : []

const markdownBlocks = (file: string): Array<Block> => {
  const lines = readFileSync(file, "utf8").split("\n")
  const blocks: Array<Block> = []
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})(.*)$/.exec(lines[i]!)
    if (open === null) continue
    const [, indent, fence, info] = open
    const start = i
    const body: Array<string> = []
    i++
    while (i < lines.length && !lines[i]!.trimStart().startsWith(fence!)) {
      body.push(lines[i]!.startsWith(indent!) ? lines[i]!.slice(indent!.length) : lines[i]!)
      i++
    }
    let previous = start - 1
    while (previous >= 0 && lines[previous]!.trim() === "") previous--
    const marker = previous >= 0 ? /^<!--\s*from:\s*(\S+)\s*-->$/.exec(lines[previous]!.trim()) : null
    blocks.push({
      source: relative(root, file),
      line: start + 1,
      info: info!.trim(),
      code: `${body.join("\n")}\n`,
      from: marker?.[1]
    })
  }
  return blocks
}

// ```ts fences inside the doc comments of a source file (the leading " * " removed).
const exampleBlocks = (file: string): Array<Block> => {
  const lines = readFileSync(file, "utf8").split("\n")
  const blocks: Array<Block> = []
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s*\*\s?```(ts|typescript)\s*$/.exec(lines[i]!)
    if (open === null) continue
    const start = i
    const body: Array<string> = []
    i++
    while (i < lines.length && !/^\s*\*\s?```\s*$/.test(lines[i]!)) {
      body.push(lines[i]!.replace(/^\s*\*( |$)/, ""))
      i++
    }
    blocks.push({
      source: relative(root, file),
      line: start + 1,
      info: "ts",
      code: `${body.join("\n")}\n`,
      from: undefined
    })
  }
  return blocks
}

const region = (path: string, name: string | undefined): string | undefined => {
  const file = join(root, path)
  if (!existsSync(file)) return undefined
  const text = readFileSync(file, "utf8")
  if (name === undefined) return text
  const lines = text.split("\n")
  const start = lines.findIndex((line) => line.trim() === `// #region ${name}`)
  const end = lines.findIndex((line) => line.trim() === `// #endregion ${name}`)
  if (start < 0 || end < start) return undefined
  return `${lines.slice(start + 1, end).join("\n")}\n`
}

const markdownFiles = [
  join(root, "README.md"),
  ...listFiles(join(root, "docs"), (file) => file.endsWith(".md")),
  ...readdirSync(join(root, "packages")).map((name) => join(root, "packages", name, "README.md"))
].filter((file) => existsSync(file))

const sourceFiles = readdirSync(join(root, "packages")).flatMap((name) =>
  listFiles(join(root, "packages", name, "src"), (file) => file.endsWith(".ts"))
)

// Relative links (outside code blocks) must resolve: a renamed recipe or page breaks the check, not the reader.
for (const file of markdownFiles) {
  const text = readFileSync(file, "utf8").replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, "")
  for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = match[1]!.split("#")[0]!
    if (target === "" || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue
    if (!existsSync(join(dirname(file), decodeURIComponent(target)))) {
      problems.push(`${relative(root, file)}: broken link ${match[1]}`)
    }
  }
}

const toCheck: Array<Block> = []
let fragments = 0
let included = 0
let prose = 0
for (const block of markdownFiles.flatMap(markdownBlocks)) {
  const [language = "", ...flags] = block.info.split(/\s+/)
  const where = `${block.source}:${block.line}`
  if (block.from !== undefined) {
    const [path, name] = block.from.split("#")
    const expected = region(path!, name)
    if (expected === undefined) problems.push(`${where}: <!-- from: ${block.from} --> does not exist`)
    else if (expected.trim() !== block.code.trim()) problems.push(`${where}: differs from ${block.from}; copy it again`)
    else included++
  } else if (language === "ts" || language === "typescript") {
    if (flags.includes("fragment")) fragments++
    else toCheck.push(block)
  } else if (language === "json") {
    try {
      JSON.parse(block.code)
      prose++
    } catch (error) {
      problems.push(`${where}: invalid JSON: ${(error as Error).message}`)
    }
  } else if (PROSE_LANGUAGES.has(language)) {
    prose++
  } else {
    problems.push(`${where}: code block without a known language ("${block.info}"): use ts, json, sh or text`)
  }
}
const examples = sourceFiles.flatMap(exampleBlocks)
toCheck.push(...examples)

// Each edition's blocks compile against its own Effect: a block from an
// effect-4 package (packages/*-effect4), or a Markdown block marked
// ```ts effect4, is checked where the effect-4 packages resolve.
const isEffect4 = (block: Block): boolean =>
  /^packages\/[^/]+-effect4\//.test(block.source) ||
  block.info.split(/\s+/).includes("effect4") ||
  block.code.includes("@clerk-effect/backend-effect4")

const effect4Dir = existsSync(join(root, "packages/examples-effect4"))
  ? join(root, "packages/examples-effect4/build/doc-blocks")
  : join(root, "packages/backend-effect4/build/doc-blocks")

const typeCheck = (dir: string, blocks: ReadonlyArray<Block>, paths: Record<string, Array<string>>) => {
  rmSync(dir, { recursive: true, force: true })
  if (blocks.length === 0) return
  mkdirSync(dir, { recursive: true })
  const origin = new Map<string, Block>()
  blocks.forEach((block, index) => {
    const name = `${String(index).padStart(3, "0")}-${block.source.replace(/[^A-Za-z0-9]+/g, "_")}-L${block.line}.ts`
    origin.set(name, block)
    // `export {}` keeps a block without imports a module of its own.
    writeFileSync(join(dir, name), `${block.code}\nexport {}\n`)
  })
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify(
      {
        compilerOptions: {
          target: "ES2022",
          lib: ["ES2022", "DOM", "DOM.Iterable"],
          module: "NodeNext",
          moduleResolution: "NodeNext",
          types: ["node"],
          strict: true,
          exactOptionalPropertyTypes: true,
          noImplicitOverride: true,
          verbatimModuleSyntax: true,
          skipLibCheck: true,
          noEmit: true,
          paths
        },
        include: ["*.ts"]
      },
      null,
      2
    )
  )
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc")
  const result = spawnSync(process.execPath, [tsc, "-p", join(dir, "tsconfig.json"), "--pretty", "false"], {
    cwd: dir,
    encoding: "utf8"
  })
  const before = problems.length
  for (const line of `${result.stdout}${result.stderr}`.split("\n")) {
    const match = /^([^(]+)\((\d+),(\d+)\): (.*)$/.exec(line.trim())
    if (match === null) {
      if (line.trim() !== "") problems.push(line.trim())
      continue
    }
    const block = origin.get(match[1]!.split("/").pop()!)
    problems.push(
      block === undefined
        ? line.trim()
        : `${block.source}:${block.line + Number(match[2])}: ${match[4]} (block line ${match[2]}, col ${match[3]})`
    )
  }
  if (result.status !== 0 && problems.length === before) problems.push(`tsc exited with ${result.status}`)
}

const effect4Blocks = toCheck.filter(isEffect4)
// Docs may show Clerk's own SDK calling the fake; only @clerk-effect/testing depends on it.
typeCheck(
  outDir,
  toCheck.filter((block) => !isEffect4(block)),
  { "@clerk/backend": ["../../../testing/node_modules/@clerk/backend/dist/index.d.ts"] }
)
typeCheck(effect4Dir, effect4Blocks, {})

console.log(
  `${toCheck.length - examples.length} Markdown TypeScript blocks and ${examples.length} @example blocks type-checked, ` +
    `${included} included from checked files, ${fragments} marked fragment, ${prose} shell/text/JSON blocks ` +
    `(${effect4Blocks.length} of them against the effect-4 edition)`
)
if (problems.length > 0) {
  for (const problem of problems) console.error(problem)
  process.exit(1)
}
