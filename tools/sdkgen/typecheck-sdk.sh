#!/usr/bin/env bash
# Compile a generated TypeScript SDK (tools/sdkgen/gen-sdk.sh nodejs DIR) with tsc.
#
#   tools/sdkgen/typecheck-sdk.sh SDKDIR
#
# Why: a generated SDK that binds may still not compile. The toolchain (typescript, the
# @pulumi/pulumi matching the CLI, @types/node) is pinned by tools/sdkgen/typescript/
# package-lock.json and installed with `npm ci` into .tools/sdkgen/typescript (git-ignored), once
# per lock file; npm's own cache makes the install of a fresh clone quick. Install scripts are not
# run: tsc needs only the packages' type declarations.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PINS="$ROOT/tools/sdkgen/typescript"
DEST="$ROOT/.tools/sdkgen/typescript"
TOOL="typecheck-sdk"
# shellcheck source=tools/pulumi-cli/artifacts.sh
source "$ROOT/tools/pulumi-cli/artifacts.sh" # say, die, hash_of

install_toolchain() {
    local key
    key="$(hash_of "" "$PINS/package.json" "$PINS/package-lock.json")" # no recipe: the pins alone
    if [[ -x "$DEST/node_modules/.bin/tsc" && -f "$DEST/.key" && "$(cat "$DEST/.key")" == "$key" ]]; then
        return 0
    fi
    command -v npm >/dev/null || die "npm (Node.js >= 18) is needed to compile the TypeScript SDK"
    say "installing the pinned TypeScript toolchain into $DEST"
    rm -rf "$DEST" && mkdir -p "$DEST"
    cp "$PINS/package.json" "$PINS/package-lock.json" "$DEST/"
    (cd "$DEST" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
    echo "$key" >"$DEST/.key"
}

main() {
    (($# == 1)) || { echo "usage: tools/sdkgen/typecheck-sdk.sh SDKDIR" >&2; exit 2; }
    local sdk="$1"
    [[ -f "$sdk/tsconfig.json" ]] || die "$sdk has no tsconfig.json: not a generated TypeScript SDK"
    install_toolchain
    # tsc resolves @pulumi/pulumi and @types/node from the SDK's own node_modules.
    ln -sfn "$DEST/node_modules" "$sdk/node_modules"
    "$DEST/node_modules/.bin/tsc" -p "$sdk"
    say "$sdk compiles ($("$DEST/node_modules/.bin/tsc" --version))"
}

main "$@"
