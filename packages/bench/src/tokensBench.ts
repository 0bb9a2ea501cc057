/**
 * Benchmark 6: token verification. The benchmark itself lives in
 * `./tokens.ts`, owned by the token-verification work; this module only loads
 * it (dynamically, so the rest of `pnpm bench` runs when it is absent) and
 * calls the function it exports.
 *
 * The contract: `tokens.ts` exports a function `tokensBench` (or a default
 * export) taking `{ quick: boolean }` and resolving to any JSON-serialisable
 * result, printed as is.
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 * @category models
 */
export type TokensResult =
  | { readonly status: "ran"; readonly result: unknown }
  | { readonly status: "missing"; readonly message: string }

type TokensModule = { readonly tokensBench?: unknown; readonly default?: unknown }

/**
 * @since 0.1.0
 * @category benchmarks
 */
export const tokensBench = async (quick: boolean): Promise<TokensResult> => {
  // A computed specifier: the file may not exist yet, and tsc must not resolve it.
  const specifier = "./tokens.js"
  let module: TokensModule
  try {
    module = (await import(specifier)) as TokensModule
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === "ERR_MODULE_NOT_FOUND") {
      return {
        status: "missing",
        message: "packages/bench/src/tokens.ts does not exist yet (token-verification benchmark not written)"
      }
    }
    throw error
  }
  const run = module.tokensBench ?? module.default
  if (typeof run !== "function") {
    return { status: "missing", message: "packages/bench/src/tokens.ts exports neither tokensBench nor a default" }
  }
  return { status: "ran", result: await (run as (options: { quick: boolean }) => Promise<unknown>)({ quick }) }
}
