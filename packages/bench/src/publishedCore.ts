/**
 * Makes `@clerk-effect/core/*` resolve to the core's BUILT `dist/esm`, as it
 * does in a user's install (the package's `publishConfig.exports`), in the
 * benchmark children that load an edition's built `dist`. In the workspace,
 * the core's `exports` point at its TypeScript sources (for tsc and vitest),
 * which plain node cannot load (Node 20: "Unknown file extension .ts"; Node
 * 22 strips types but the sources import `./x.js` siblings that only exist
 * once built). A module resolve hook, registered before any dist is
 * imported. No import of Effect: the edition-free runner uses it too.
 *
 * @since 0.1.0
 */
import { register } from "node:module"
import { pathToFileURL } from "node:url"

const hook = (base: string) => `
const BASE = ${JSON.stringify(base)}
export async function resolve(specifier, context, next) {
  const match = /^@clerk-effect\\/core\\/(.+)$/.exec(specifier)
  if (match !== null) return { url: BASE + match[1] + ".js", shortCircuit: true }
  return next(specifier, context)
}
`

/**
 * Registers the hook: `@clerk-effect/core/<name>` is `<coreDistDir>/<name>.js`.
 *
 * @since 0.1.0
 * @category utils
 */
export const usePublishedCore = (coreDistDir: string): void => {
  const base = pathToFileURL(coreDistDir).href.replace(/\/?$/, "/")
  register(`data:text/javascript,${encodeURIComponent(hook(base))}`)
}
