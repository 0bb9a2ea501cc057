/**
 * Benchmark 5: the SDK's own weight. Two tiny programs (one calls
 * `Sessions.get`, the other every operation) are bundled with esbuild
 * (minified, ESM, browser-neutral), `effect` and `@effect/platform` external,
 * and gzipped; the first once more without the compiled decoder, to show
 * what that one part weighs.
 *
 * @since 0.1.0
 */
import { gzipSync } from "node:zlib"
import type { Plugin } from "esbuild"
import { build } from "esbuild"

/**
 * @since 0.1.0
 * @category models
 */
export interface BundleResult {
  readonly name: string
  readonly minifiedBytes: number
  readonly gzipBytes: number
  /** Bundled inputs over 1 KB (minified contribution), largest first. */
  readonly largestInputs: ReadonlyArray<{ readonly path: string; readonly bytes: number }>
}

const header = `import { Effect, Layer, Redacted } from "effect"
import { FetchHttpClient } from "@effect/platform"
import { ClerkConfig, Sessions } from "@clerk-effect/backend"
const layer = Sessions.layer.pipe(
  Layer.provide(ClerkConfig.layer({ secretKey: Redacted.make("sk_test_x") })),
  Layer.provide(FetchHttpClient.layer)
)
`

const getOnly = `${header}Effect.runPromise(Effect.provide(Sessions.get("sess_1"), layer)).then(console.log)\n`

// The weight of the compiled decoder (what keeps benchmark 3 within its
// target): the same program with internal/fastDecode.ts swapped for
// `Schema.decodeUnknownEither` alone, i.e. the SDK as it would be without it.
const withoutFastDecoder: Plugin = {
  name: "without-fast-decoder",
  setup: (build) => {
    build.onLoad({ filter: /[\\/]internal[\\/]fastDecode\.ts$/ }, () => ({
      contents: `import * as Schema from "effect/Schema"
export const makeResponseDecoder = (schema) => Schema.decodeUnknownEither(schema)
export const makeOptionDecoder = (schema) => Schema.decodeUnknownOption(schema)
`,
      loader: "js"
    }))
  }
}

const programs: ReadonlyArray<{
  readonly name: string
  readonly source: string
  readonly plugins?: ReadonlyArray<Plugin>
}> = [
  { name: "Sessions.get only", source: getOnly },
  {
    name: "Sessions.get only, without the compiled decoder",
    source: getOnly,
    plugins: [withoutFastDecoder]
  },
  {
    name: "every Sessions operation",
    source: `${header}const program = Effect.gen(function* () {
  yield* Sessions.list({ userId: "user_1" })
  yield* Sessions.stream({ userId: "user_1" }).pipe((s) => s.pipe(Effect.succeed))
  yield* Sessions.create({ userId: "user_1" })
  yield* Sessions.get("sess_1")
  yield* Sessions.revoke("sess_1")
  yield* Sessions.refresh("sess_1", { expiredToken: "t", refreshToken: "r", requestOrigin: "https://a.example" })
  yield* Sessions.createToken("sess_1")
  yield* Sessions.createTokenFromTemplate("sess_1", "tpl")
  yield* Sessions.verify("sess_1", { token: "t" })
})
Effect.runPromise(Effect.provide(program, layer)).then(console.log)\n`
  }
]

/**
 * @since 0.1.0
 * @category benchmarks
 */
export const bundleBench = async (resolveDir: string): Promise<ReadonlyArray<BundleResult>> => {
  const results: Array<BundleResult> = []
  for (const program of programs) {
    const output = await build({
      stdin: { contents: program.source, resolveDir, loader: "ts", sourcefile: "program.ts" },
      bundle: true,
      minify: true,
      format: "esm",
      platform: "neutral",
      mainFields: ["module", "main"],
      target: "es2022",
      external: ["effect", "effect/*", "@effect/platform", "@effect/platform/*"],
      write: false,
      metafile: true,
      plugins: [...(program.plugins ?? [])],
      logLevel: "error"
    })
    const code = output.outputFiles[0]!.contents
    const inputs = Object.values(output.metafile.outputs)[0]!.inputs
    results.push({
      name: program.name,
      minifiedBytes: code.byteLength,
      gzipBytes: gzipSync(code, { level: 9 }).byteLength,
      largestInputs: Object.entries(inputs)
        .map(([path, info]) => ({ path: path.replace(/^.*?packages\//, "packages/"), bytes: info.bytesInOutput }))
        .filter((input) => input.bytes > 1024)
        .sort((a, b) => b.bytes - a.bytes)
    })
  }
  return results
}
