#!/usr/bin/env bash
# Generate a language SDK of the didagents package from a schema (default: the repo's schema.json).
#
#   tools/sdkgen/gen-sdk.sh nodejs|go OUTDIR [SCHEMA]
#
# Why not `pulumi package gen-sdk`: it hands code generation to the target language's host, and
# the Go module proxy we reach does not serve Pulumi's nodejs host. tools/sdkgen is a small Go
# program calling the code generators of github.com/pulumi/pulumi/pkg/v3 (the CLI's version)
# directly. It is its own module (go.mod/go.sum pin everything) and is built once into the tools
# cache (tools/pulumi-cli/artifacts.sh: entry sdkgen-<key>, keyed by its go.mod, go.sum and
# sources), so later runs and fresh clones only run it. OUTDIR is replaced; sdkgen refuses a
# non-empty folder it did not generate. The TypeScript SDK is built into .tools/sdk/nodejs
# (tools/nodejs/build-sdk.sh); the Go SDK is committed in sdk/go (`make generate`), because Go
# programs import it by a `replace` to that folder.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOL="gen-sdk"
# shellcheck source=tools/pulumi-cli/artifacts.sh
source "$ROOT/tools/pulumi-cli/artifacts.sh"
MODULE="$ROOT/tools/sdkgen"

# The key covers the recipe (not the messages), go.mod, go.sum and the sources.
sdkgen_recipe() { go_build "$MODULE" "$1/sdkgen" "" .; }
sdkgen_key() {
    local sources
    mapfile -t sources < <(find "$MODULE" -maxdepth 1 -name '*.go' ! -name '*_test.go' | LC_ALL=C sort)
    hash_of "$(declare -f sdkgen_recipe; go_recipe)" "$MODULE/go.mod" "$MODULE/go.sum" "${sources[@]}"
}

build_sdkgen() {
    go_setup "tools/sdkgen"
    say "building tools/sdkgen (cold Go cache: about 2 minutes on 2 cores; seconds after make cli)"
    sdkgen_recipe "$1"
}

main() {
    if (($# < 2 || $# > 3)); then
        echo "usage: tools/sdkgen/gen-sdk.sh nodejs|go OUTDIR [SCHEMA]" >&2
        exit 2
    fi
    local language="$1" out="$2" schema="${3:-$ROOT/schema.json}"
    [[ -f "$schema" ]] || die "no schema at $schema"
    ensure_entry sdkgen "$(sdkgen_key)" build_sdkgen sdkgen
    "$ENTRY/sdkgen" -language "$language" -schema "$schema" -out "$out"
}

main "$@"
