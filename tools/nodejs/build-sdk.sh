#!/usr/bin/env bash
# Build the TypeScript SDK of the didagents package as an installable npm package folder:
#
#   tools/nodejs/build-sdk.sh            -> .tools/sdk/nodejs (git-ignored): package.json, *.js, *.d.ts
#
# Programs depend on it with "@pulumi-did-agents/didagents": "file:<path to .tools/sdk/nodejs>"
# (examples/typescript-fleet), installed as a copy (install-links, see that example's .npmrc).
#
# Why generated here rather than committed: schema.json is itself generated from the provider's
# spec and changes with it; a committed TypeScript copy would be one more file set to keep in step,
# and it must be compiled before use anyway. Generating (tools/sdkgen, cached) takes a fraction of
# a second and compiling (the pinned toolchain of tools/sdkgen/typescript) a few seconds, once per
# schema: the folder records the key of its inputs in .key and is rebuilt only when it differs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOL="build-sdk"
# shellcheck source=tools/pulumi-cli/artifacts.sh
source "$ROOT/tools/pulumi-cli/artifacts.sh" # say, die, hash_of, BUILDING cleanup
OUT="$ROOT/.tools/sdk/nodejs"
SCHEMA="$ROOT/schema.json"

# The inputs: the schema, the generator's sources and pins, the compiler's pins and this script.
sdk_key() {
    local inputs
    mapfile -t inputs < <(find "$ROOT/tools/sdkgen" -maxdepth 1 \( -name '*.go' -o -name 'go.mod' -o -name 'go.sum' -o -name '*.sh' \) \
        ! -name '*_test.go' | LC_ALL=C sort)
    hash_of "" "$SCHEMA" "${inputs[@]}" "$ROOT/tools/sdkgen/typescript/package.json" \
        "$ROOT/tools/sdkgen/typescript/package-lock.json" "${BASH_SOURCE[0]}"
}

main() {
    local key work
    key="$(sdk_key)"
    if [[ -f "$OUT/index.js" && -f "$OUT/.key" && "$(cat "$OUT/.key")" == "$key" ]]; then
        return 0
    fi
    work="$(dirname "$OUT")/.building-nodejs.$$"
    rm -rf "$work" && mkdir -p "$work" && BUILDING+=("$work")
    bash "$ROOT/tools/sdkgen/gen-sdk.sh" nodejs "$work/src" "$SCHEMA" >/dev/null
    bash "$ROOT/tools/sdkgen/typecheck-sdk.sh" "$work/src" >/dev/null
    # The package is the compiled output plus the manifest, as Pulumi's providers publish it
    # (their `cp package.json bin/`): index.js and index.d.ts at the root.
    mv "$work/src/bin" "$work/pkg"
    cp "$work/src/package.json" "$work/src/README.md" "$work/pkg/"
    echo "$key" >"$work/pkg/.key"
    rm -rf "$OUT.old.$$"
    mv -T "$OUT" "$OUT.old.$$" 2>/dev/null || true
    mv -T "$work/pkg" "$OUT"
    rm -rf "$OUT.old.$$"
    say "$(node -p "const p = require(process.argv[1]); p.name + ' ' + p.version" "$OUT/package.json") built in $OUT"
}

main "$@"
