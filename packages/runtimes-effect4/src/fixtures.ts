/**
 * The matrix's edition-free expectations (packages/runtimes/src/fixtures.ts:
 * no Effect, jose and web APIs only), re-exported so that the programs in
 * src/effect4 import `../fixtures.js` exactly as they do in the consumer
 * folder the driver makes, where fixtures.js sits beside effect4/. This file
 * is only for the type-checker: the driver transpiles the runtimes package's
 * fixtures.ts itself, so both editions are held to one expectation.
 */
export * from "../../runtimes/src/fixtures.js"
