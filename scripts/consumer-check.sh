#!/usr/bin/env bash
# The consumer check: what a user gets from `npm install`.
#
# Packs @clerk-effect/backend, @clerk-effect/fake and @clerk-effect/testing as
# `pnpm publish` would,
# installs the tarballs with plain npm into a scratch project OUTSIDE the
# workspace (with effect, @effect/platform and @effect/platform-node at the
# pinned versions from the registry), then:
#   1. runs scripts/consumer/program.mjs under plain `node` (ESM entry points);
#   2. runs scripts/consumer/program.cjs under plain `node` (CJS entry points);
#   3. type-checks scripts/consumer/consumer.ts as .mts and .cts with
#      moduleResolution NodeNext, and as .ts with moduleResolution Bundler;
#   4. checks that internal/ is not importable and that the `clerk-fake` bin
#      starts under plain node from the installed package;
#   5. installs @clerk-effect/fake alone in a second scratch project: no Effect
#      comes with it, and its `clerk-fake` bin serves;
#   6. the effect-4 edition: installs core, backend-effect4, fake and
#      testing-effect4 with effect@4.1.0 in a third scratch project (npm must
#      print no warning: the peer dependencies install cleanly), runs
#      scripts/consumer-effect4/program.mjs and program.cjs under Node 22
#      (scripts/node22.mjs; effect 4 asks for 22.19+) and reports whether they
#      also run under this Node, and type-checks consumer-effect4/consumer.ts
#      as .mts + .cts (NodeNext) and .ts (Bundler).
#
# Usage: scripts/consumer-check.sh [--no-build] [--tarballs DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build=1
tarballs=""
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --tarballs) tarballs="$2"; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

# Versions a user would pick; keep in step with the workspace pins.
EFFECT=3.22.4
PLATFORM=0.97.2
PLATFORM_NODE=0.108.2
TYPESCRIPT=5.9.3
EFFECT4=4.1.0

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
case "$scratch" in "$root"*) echo "scratch dir must be outside the workspace" >&2; exit 1 ;; esac

if [ -z "$tarballs" ]; then
  [ "$build" = 1 ] && (cd "$root" && pnpm build)
  tarballs="$scratch/tarballs"
  mkdir -p "$tarballs"
  for pkg in core backend backend-effect4 fake testing testing-effect4; do
    (cd "$root/packages/$pkg" && pnpm pack --pack-destination "$tarballs" >/dev/null)
  done
fi
# [0-9]: the version, so that clerk-effect-backend-* does not also match clerk-effect-backend-effect4-*.
core_tgz="$(ls "$tarballs"/clerk-effect-core-[0-9]*.tgz)"
backend_tgz="$(ls "$tarballs"/clerk-effect-backend-[0-9]*.tgz)"
fake_tgz="$(ls "$tarballs"/clerk-effect-fake-[0-9]*.tgz)"
testing_tgz="$(ls "$tarballs"/clerk-effect-testing-[0-9]*.tgz)"
backend4_tgz="$(ls "$tarballs"/clerk-effect-backend-effect4-[0-9]*.tgz)"
testing4_tgz="$(ls "$tarballs"/clerk-effect-testing-effect4-[0-9]*.tgz)"

app="$scratch/app"
mkdir -p "$app"
cp "$root"/scripts/consumer/* "$app"/
cp "$app/consumer.ts" "$app/consumer.mts"
cp "$app/consumer.ts" "$app/consumer.cts"
cd "$app"
# No "type" field: .mjs/.mts are ESM, .cjs/.cts are CommonJS, by extension only.
printf '{ "name": "clerk-effect-consumer", "version": "0.0.0", "private": true }\n' > package.json

echo "== npm install (scratch project: $app)"
# --userconfig /dev/null style isolation is not needed: the scratch dir has no .npmrc.
npm install --no-audit --no-fund --loglevel=error --save-exact \
  "$core_tgz" "$backend_tgz" "$fake_tgz" "$testing_tgz" \
  "effect@$EFFECT" "@effect/platform@$PLATFORM" "@effect/platform-node@$PLATFORM_NODE" \
  "typescript@$TYPESCRIPT"

failed=0
step() {
  local name="$1"
  shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; failed=1; fi
}

echo "== run"
step "ESM program under node" node program.mjs
step "CJS program under node" node program.cjs

echo "== type-check"
step "tsc NodeNext (.mts + .cts)" ./node_modules/.bin/tsc -p tsconfig.nodenext.json
step "tsc Bundler (.ts)" ./node_modules/.bin/tsc -p tsconfig.bundler.json

echo "== published surface"
internal_hidden() {
  node --input-type=module -e 'import("@clerk-effect/backend/internal/validation").then(() => process.exit(1), (e) => process.exit(e.code === "ERR_PACKAGE_PATH_NOT_EXPORTED" ? 0 : 1))' &&
    node -e 'try { require("@clerk-effect/backend/internal/validation"); process.exit(1) } catch (e) { process.exit(e.code === "ERR_PACKAGE_PATH_NOT_EXPORTED" ? 0 : 1) }' &&
    node -e 'try { require("@clerk-effect/fake/internal/store"); process.exit(1) } catch (e) { process.exit(e.code === "ERR_PACKAGE_PATH_NOT_EXPORTED" ? 0 : 1) }'
}
step "internal/ not importable (ESM and CJS)" internal_hidden

# The bin must start under plain node, print its "listening on" line and answer.
fake_bin() {
  local log="$scratch/clerk-fake.log"
  ./node_modules/.bin/clerk-fake --port 0 --secret-key sk_test_consumer --seed "$scratch/seed.json" >"$log" 2>&1 &
  local pid=$!
  local url=""
  for _ in $(seq 1 100); do
    url="$(sed -n 's/^listening on \(http:[^ ]*\).*/\1/p' "$log" | head -n 1)"
    [ -n "$url" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  local ok=1
  if [ -n "$url" ]; then
    # An unauthenticated request must get Clerk's 401, an authenticated one a 200.
    local anon auth
    anon="$(node -e 'fetch(process.argv[1] + "/v1/sessions?user_id=user_1").then((r) => console.log(r.status))' "$url")"
    auth="$(node -e 'fetch(process.argv[1] + "/v1/sessions?user_id=user_1", { headers: { authorization: "Bearer sk_test_consumer" } }).then((r) => console.log(r.status))' "$url")"
    echo "     clerk-fake at $url: anonymous $anon, authenticated $auth"
    [ "$anon" = 401 ] && [ "$auth" = 200 ] && ok=0
  else
    cat "$log"
  fi
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  return "$ok"
}
printf '{ "users": [{ "id": "user_1" }] }\n' >"$scratch/seed.json"
step "clerk-fake bin under node" fake_bin

echo "== @clerk-effect/fake alone (no Effect)"
plain="$scratch/plain"
mkdir -p "$plain"
cd "$plain"
printf '{ "name": "clerk-fake-consumer", "version": "0.0.0", "private": true }\n' > package.json
npm install --no-audit --no-fund --loglevel=error --save-exact "$fake_tgz"
no_effect() {
  [ ! -e node_modules/effect ] && [ ! -e node_modules/@effect ] &&
    node --input-type=module -e 'import("@clerk-effect/fake").then((m) => process.exit(typeof m.createFake === "function" ? 0 : 1))'
}
step "installed without effect; the main entry loads" no_effect
step "its clerk-fake bin under node" fake_bin

echo "== the effect-4 edition (effect@$EFFECT4)"
app4="$scratch/app-effect4"
mkdir -p "$app4"
cp "$root"/scripts/consumer-effect4/* "$app4"/
cp "$app4/consumer.ts" "$app4/consumer.mts"
cp "$app4/consumer.ts" "$app4/consumer.cts"
cd "$app4"
printf '{ "name": "clerk-effect-consumer-effect4", "version": "0.0.0", "private": true }\n' > package.json
install_log="$scratch/npm-install-effect4.log"
# The default log level: npm's warnings (peer dependencies, engines, deprecations) are printed, and must not be.
# Without the npm_config_* variables a package manager running this script (pnpm) exports: npm
# would warn about the ones it does not know, which says nothing about these packages.
clean_env=()
while IFS= read -r name; do clean_env+=(-u "$name"); done < <(env | sed -n 's/^\([Nn][Pp][Mm]_[Cc][Oo][Nn][Ff][Ii][Gg]_[^=]*\)=.*/\1/p')
# npm itself runs on Node 22, as on a machine this edition supports: under
# Node 20 it would rightly warn that the effect-4 packages want 22.19+ (engines).
npm_cli="$(env "${clean_env[@]}" npm root -g)/npm/bin/npm-cli.js"
if env "${clean_env[@]}" node "$root/scripts/node22.mjs" "$npm_cli" install --no-audit --no-fund --save-exact \
  "$core_tgz" "$backend4_tgz" "$fake_tgz" "$testing4_tgz" "effect@$EFFECT4" "typescript@$TYPESCRIPT" \
  >"$install_log" 2>&1; then
  cat "$install_log"
  step "npm install printed no warning" bash -c '! grep -qi "warn" "$1"' _ "$install_log"
else
  cat "$install_log"
  echo "FAIL npm install of the effect-4 packages"
  failed=1
fi
no_effect3() { [ "$(node -p 'require("effect/package.json").version')" = "$EFFECT4" ] && [ ! -e node_modules/@effect/platform ]; }
step "effect $EFFECT4 is the one effect installed, no @effect/platform" no_effect3

step "ESM program under Node 22" node "$root/scripts/node22.mjs" program.mjs
step "CJS program under Node 22" node "$root/scripts/node22.mjs" program.cjs
# Reported, not required: effect 4 asks for Node 22.19+, and so does this edition (engines).
# Node 20 is looked for among every `node` on PATH.
node20=""
while IFS= read -r candidate; do
  if [ "$("$candidate" -p 'process.versions.node.split(".")[0]' 2>/dev/null)" = 20 ]; then node20="$candidate"; break; fi
done < <(which -a node 2>/dev/null)
if [ -z "$node20" ]; then
  echo "info no Node 20 on PATH: the effect-4 programs were run under Node 22 only"
else
  for program in program.mjs program.cjs; do
    if "$node20" "$program" >"$scratch/node20.log" 2>&1; then
      echo "info $program also runs under Node $("$node20" --version) ($node20)"
    else
      echo "info $program does not run under Node $("$node20" --version): $(tail -n 1 "$scratch/node20.log")"
    fi
  done
fi
step "tsc NodeNext (.mts + .cts)" ./node_modules/.bin/tsc -p tsconfig.nodenext.json
step "tsc Bundler (.ts)" ./node_modules/.bin/tsc -p tsconfig.bundler.json
internal4_hidden() {
  node --input-type=module -e 'import("@clerk-effect/testing-effect4/internal/core").then(() => process.exit(1), (e) => process.exit(e.code === "ERR_PACKAGE_PATH_NOT_EXPORTED" ? 0 : 1))'
}
step "internal/ of testing-effect4 not importable" internal4_hidden

exit "$failed"
