#!/usr/bin/env bash
# Packs @clerk-effect/core, backend, backend-effect4, fake, testing and testing-effect4 exactly as `pnpm publish`
# would (publishConfig applied, workspace:* rewritten) and lints the tarballs:
# publint must say "All good!" (no error, warning or suggestion) and
# @arethetypeswrong/cli must find no problem for any public entry point, the
# subpaths behind the "./*" wildcard included (attw skips wildcards by itself).
#
# Usage: scripts/pack-check.sh [--no-build] [--keep DIR]
#   --no-build  use the existing dist/ (after `pnpm build`)
#   --keep DIR  leave the tarballs in DIR (the consumer check reuses them)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build=1
keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --keep) keep="$2"; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

if [ "$build" = 1 ]; then
  (cd "$root" && pnpm build)
fi

out="${keep:-$(mktemp -d)}"
mkdir -p "$out"
[ -z "$keep" ] && trap 'rm -rf "$out"' EXIT

failed=0
for pkg in core backend backend-effect4 fake testing testing-effect4; do
  dir="$root/packages/$pkg"
  rm -f "$out"/clerk-effect-"$pkg"-*.tgz
  (cd "$dir" && pnpm pack --pack-destination "$out" >/dev/null)
  tarball="$(ls "$out"/clerk-effect-"$pkg"-*.tgz)"
  echo "== $(basename "$tarball")"

  # Every top-level module is a public subpath ("./Sessions"...); internal/ is not.
  entrypoints=()
  while IFS= read -r file; do
    name="${file#package/dist/esm/}"
    name="${name%.d.ts}"
    [ "$name" = "index" ] || entrypoints+=("./$name")
  done < <(tar tzf "$tarball" | grep -E '^package/dist/esm/[^/]+\.d\.ts$' | sort)

  publint_out="$("$root/node_modules/.bin/publint" run --level suggestion "$tarball" 2>&1)" || true
  echo "$publint_out"
  if ! grep -q "All good!" <<<"$publint_out"; then
    echo "publint reported problems for $pkg" >&2
    failed=1
  fi

  if ! "$root/node_modules/.bin/attw" "$tarball" --format table-flipped --no-color \
    ${entrypoints[@]+--include-entrypoints "${entrypoints[@]}"}; then
    echo "attw reported problems for $pkg" >&2
    failed=1
  fi
done

exit "$failed"
