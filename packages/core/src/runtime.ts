/**
 * Which JavaScript runtime this is, for choosing a transport. No Effect here.
 *
 * @internal
 */

/**
 * The runtime a transport is chosen for.
 * @internal
 */
export type Runtime = "node" | "bun" | "deno" | "other"

/**
 * Node, Bun and Deno by their own globals; everything else (Cloudflare
 * Workers, browsers, edge runtimes) is `other`.
 * @internal
 */
export const detectRuntime = (): Runtime => {
  const global = globalThis as {
    readonly Bun?: unknown
    readonly Deno?: unknown
    readonly process?: { readonly versions?: { readonly node?: string } }
  }
  if (global.Bun !== undefined) return "bun"
  if (global.Deno !== undefined) return "deno"
  return global.process?.versions?.node !== undefined ? "node" : "other"
}
