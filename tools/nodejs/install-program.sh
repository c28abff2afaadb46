#!/usr/bin/env bash
# Install a Node.js Pulumi program's dependencies, the didagents TypeScript SDK included:
#
#   tools/nodejs/install-program.sh [PROGRAM_DIR]     (default: examples/typescript-fleet)
#
# Builds the SDK (tools/nodejs/build-sdk.sh, cached per schema), then runs `npm ci` from the
# program's package-lock.json (exact pins, sha512-checked; --prefer-offline reuses npm's cache).
# npm ci reruns only when the manifest, the lock, .npmrc or the SDK changed: node_modules/.installed
# records the key of those inputs (like the Makefile's sdk-deps stamp). Install scripts are not run:
# the packages are plain JavaScript.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOL="install-program"
# shellcheck source=tools/pulumi-cli/artifacts.sh
source "$ROOT/tools/pulumi-cli/artifacts.sh" # say, die, hash_of

main() {
    local dir="${1:-$ROOT/examples/typescript-fleet}" key inputs=()
    dir="$(cd "$dir" && pwd)"
    [[ -f "$dir/package-lock.json" ]] || die "$dir has no package-lock.json"
    command -v npm >/dev/null || die "npm (Node.js >= 18) is needed for $dir"
    bash "$ROOT/tools/nodejs/build-sdk.sh"
    for f in package.json package-lock.json .npmrc; do [[ ! -f "$dir/$f" ]] || inputs+=("$dir/$f"); done
    key="$(hash_of "$(cat "$ROOT/.tools/sdk/nodejs/.key")" "${inputs[@]}")"
    if [[ -f "$dir/node_modules/.installed" && "$(cat "$dir/node_modules/.installed")" == "$key" ]]; then
        return 0
    fi
    say "npm ci in $dir"
    (cd "$dir" && npm ci --prefer-offline --no-audit --no-fund --ignore-scripts --loglevel=error)
    echo "$key" >"$dir/node_modules/.installed"
}

main "$@"
