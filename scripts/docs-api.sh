#!/usr/bin/env bash
# Generates the API reference of @clerk-effect/backend, @clerk-effect/backend-effect4, @clerk-effect/fake,
# @clerk-effect/testing and @clerk-effect/testing-effect4
# from their doc comments with @effect/docgen (each package's docgen.json),
# into packages/<name>/build/modules/*.md. docgen fails on any public export
# without @since; scripts/check-api-docs.ts adds the @category rule.
#
# DOCGEN_RUN_EXAMPLES=false: docgen 0.5.2 can only type-check @example blocks
# together with running them under tsx, and some examples are test code
# (@effect/vitest) that only runs under vitest; it also skips class-level
# examples. scripts/check-doc-blocks.ts type-checks every @example block
# instead, the class-level ones included.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export PATH="$root/node_modules/.bin:$PATH"
export DOCGEN_RUN_EXAMPLES=false
for pkg in backend backend-effect4 fake testing testing-effect4; do
  echo "== docgen @clerk-effect/$pkg"
  (cd "$root/packages/$pkg" && docgen)
done
echo "API reference: packages/{backend,backend-effect4,fake,testing,testing-effect4}/build/modules/"
