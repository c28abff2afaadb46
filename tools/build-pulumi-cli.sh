#!/usr/bin/env bash
# Build the pinned Pulumi CLI, and what the engine needs next to it for Python programs, dynamic
# providers, policy packs and YAML programs, into .tools/pulumi/bin (git-ignored).
#
# Why from source: no registry we reach ships Pulumi's prebuilt CLI or its language hosts. The Go
# module proxy serves github.com/pulumi/pulumi/pkg/v3 at v3.259.0 and github.com/pulumi/pulumi-yaml
# at v1.25.0, so we build those; it does not serve Pulumi's own Python language host, so
# tools/pulumi-cli/langhost is a small one of ours. Versions come from the go.mod files.
#
# Cache: each artifact is its own entry (tools/pulumi-cli/artifacts.sh), keyed by its own inputs,
# so that editing the small Python host never rebuilds pulumi:
#   cli-<ver>-<key>              pulumi                  tools/pulumi-cli/go.mod, go.sum
#   langhosts-<key>              pulumi-language-python, the same + tools/pulumi-cli/langhost/*.go
#                                pulumi-language-nodejs, (one binary; the name it runs under picks
#                                pulumi-language-go      the language)
#   shims-python-<ver>-<key>     pulumi-language-python-exec, pulumi-resource-pulumi-python (both
#                                from the SDK module), pulumi-analyzer-policy-python (written here)
#                                                        the SDK requirement of tools/pulumi-cli
#   langhost-yaml-<ver>-<key>    pulumi-language-yaml    tools/pulumi-yaml/go.mod, go.sum
#   converter-yaml-<ver>-<key>   pulumi-converter-yaml   the same (`pulumi convert --from yaml`)
# and each key also covers its recipe function here. .tools/pulumi/bin is assembled from the entries
# (hard links where possible) and lists them in .key: when that matches, nothing is done. An entry
# of the former one-folder layout (pulumi-cli-*) seeds the cli entry when its pulumi was built from
# the same modules and flags (checked with `go version -m`), then goes.
#
# A pulumi already on PATH is used as it is, and nothing of ours shadows it: .tools/pulumi/bin is
# emptied. Pulumi's own distributions bundle pulumi-language-yaml, other installs may lack it, and
# YAML programs (the native provider's examples and tests) need it: when neither PATH nor that
# pulumi's folder has one, the pinned YAML host alone is built into .tools/pulumi/bin, which make
# and the tests put on PATH; likewise pulumi-converter-yaml (`pulumi convert --from yaml`), which
# installs may lack too. PULUMI_DID_FORCE_BUILD=1 builds and uses everything of ours.
#
# Changing a pin: edit the go.mod, then in its folder run
#   GONOSUMDB=github.com/pulumi GOFLAGS=-mod=mod go mod tidy
# (the checksum database answers 404 for Pulumi's modules, and `go install …@version` refuses
# modules with replace directives) and commit go.mod and go.sum. Never commit built binaries.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOL="build-pulumi-cli"
GO_HINT=" (install Go, or put a pulumi on PATH)"
# shellcheck source=tools/pulumi-cli/artifacts.sh
source "$ROOT/tools/pulumi-cli/artifacts.sh"

WRAPPER="$ROOT/tools/pulumi-cli"
YAML_MODULE="$ROOT/tools/pulumi-yaml"
OUT="$ROOT/.tools/pulumi/bin"
VERSION="$(module_version "$WRAPPER/go.mod" github.com/pulumi/pulumi/pkg/v3)"
SDK_VERSION="$(module_version "$WRAPPER/go.mod" github.com/pulumi/pulumi/sdk/v3)"
YAML_VERSION="$(module_version "$YAML_MODULE/go.mod" github.com/pulumi/pulumi-yaml)"
ALL=(cli langhosts shims_python langhost_yaml converter_yaml)

# --- the artifacts ---
# For each artifact <a>: <a>_recipe DIR makes its files in DIR, and only the recipe's text (with
# the values it uses) and the input files go into <a>_key, so messages can change freely;
# build_<a> DIR announces and runs the recipe; <a>_files lists what it makes. Cache entries are
# named after <a>.

cli_recipe() {
    go_build "$WRAPPER" "$1/pulumi" "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$VERSION" \
        github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
}
cli_key() { hash_of "$(declare -f cli_recipe; go_recipe) $VERSION" "$WRAPPER/go.mod" "$WRAPPER/go.sum"; }
cli_files() { echo pulumi; }
build_cli() {
    go_setup "pulumi $VERSION"
    say "building pulumi $VERSION (cold Go cache: about 4 minutes on 2 cores, plus ~1 GB of module downloads)"
    cli_recipe "$1"
}

# One binary under the three names, hard links where the file system allows.
langhosts_recipe() {
    go_build "$WRAPPER" "$1/pulumi-language-python" "-X main.version=${VERSION#v}" ./langhost
    local name
    for name in pulumi-language-nodejs pulumi-language-go; do
        ln -f "$1/pulumi-language-python" "$1/$name" 2>/dev/null || cp -p "$1/pulumi-language-python" "$1/$name"
    done
}
langhosts_key() {
    local sources
    mapfile -t sources < <(find "$WRAPPER/langhost" -name '*.go' ! -name '*_test.go' | LC_ALL=C sort)
    hash_of "$(declare -f langhosts_recipe; go_recipe) $VERSION" \
        "$WRAPPER/go.mod" "$WRAPPER/go.sum" "${sources[@]}"
}
langhosts_files() { echo pulumi-language-python pulumi-language-nodejs pulumi-language-go; }
build_langhosts() {
    go_setup "the language hosts"
    say "building pulumi-language-{python,nodejs,go} from tools/pulumi-cli/langhost (about 1 minute on a cold Go cache, seconds after pulumi)"
    langhosts_recipe "$1"
}

shims_python_recipe() {
    local sdk
    sdk="$(cd "$WRAPPER" && go mod download github.com/pulumi/pulumi/sdk/v3 \
        && go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)"
    # The executor script (it must sit next to the language host) and the dynamic-provider shim;
    # the module cache is read-only and drops the exec bit, hence install -m.
    install -m 0755 "$sdk/python/cmd/pulumi-language-python-exec" "$1/pulumi-language-python-exec"
    install -m 0755 "$sdk/python/dist/pulumi-resource-pulumi-python" "$1/pulumi-resource-pulumi-python"
    # Used by the engine only when no python language plugin is found.
    cat >"$1/pulumi-analyzer-policy-python" <<'EOF'
#!/bin/sh
exec "${PULUMI_PYTHON_CMD:-python3}" -u -m pulumi.policy "$@"
EOF
    chmod 0755 "$1/pulumi-analyzer-policy-python"
}
shims_python_key() {
    hash_of "$(declare -f shims_python_recipe) $SDK_VERSION
$(grep -F "github.com/pulumi/pulumi/sdk/v3 $SDK_VERSION" "$WRAPPER/go.sum")"
}
shims_python_files() {
    echo pulumi-language-python-exec pulumi-resource-pulumi-python pulumi-analyzer-policy-python
}
build_shims_python() {
    go_setup "the Python SDK shims"
    say "copying the Python shims of the SDK module $SDK_VERSION"
    shims_python_recipe "$1"
}

langhost_yaml_recipe() {
    go_build "$YAML_MODULE" "$1/pulumi-language-yaml" "-X github.com/pulumi/pulumi-yaml/pkg/version.Version=$YAML_VERSION" \
        github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml
}
langhost_yaml_key() {
    hash_of "$(declare -f langhost_yaml_recipe; go_recipe) $YAML_VERSION" "$YAML_MODULE/go.mod" "$YAML_MODULE/go.sum"
}
langhost_yaml_files() { echo pulumi-language-yaml; }
build_langhost_yaml() {
    go_setup "pulumi-language-yaml $YAML_VERSION"
    say "building pulumi-language-yaml $YAML_VERSION (cold Go cache: about 1 minute on 2 cores, plus ~400 MB of module cache)"
    langhost_yaml_recipe "$1"
}

# `pulumi convert --from yaml` runs the converter plugin (YAML to PCL), which the engine looks for
# beside pulumi or on PATH; the language host of --language then writes the program from the PCL.
converter_yaml_recipe() {
    go_build "$YAML_MODULE" "$1/pulumi-converter-yaml" "-X github.com/pulumi/pulumi-yaml/pkg/version.Version=$YAML_VERSION" \
        github.com/pulumi/pulumi-yaml/cmd/pulumi-converter-yaml
}
converter_yaml_key() {
    hash_of "$(declare -f converter_yaml_recipe; go_recipe) $YAML_VERSION" "$YAML_MODULE/go.mod" "$YAML_MODULE/go.sum"
}
converter_yaml_files() { echo pulumi-converter-yaml; }
build_converter_yaml() {
    go_setup "pulumi-converter-yaml $YAML_VERSION"
    say "building pulumi-converter-yaml $YAML_VERSION (seconds after pulumi-language-yaml)"
    converter_yaml_recipe "$1"
}

# --- assembling .tools/pulumi/bin ---

entry_name() { echo "${1//_/-}"; }
entry_key() {
    case "$1" in
        cli) echo "$VERSION-$(cli_key)" ;;
        shims_python) echo "$SDK_VERSION-$(shims_python_key)" ;;
        langhost_yaml) echo "$YAML_VERSION-$(langhost_yaml_key)" ;;
        converter_yaml) echo "$YAML_VERSION-$(converter_yaml_key)" ;;
        *) "$1_key" ;;
    esac
}

# assemble ARTIFACT...: .tools/pulumi/bin holds exactly these artifacts' files, from their cache
# entries, built first where missing.
assemble() {
    local a f entry want entries=() files=()
    want="$(for a; do echo "$(entry_name "$a")-$(entry_key "$a")"; done)"
    for a; do read -ra f <<<"$("${a}_files")" && files+=("${f[@]}"); done
    if has_files "$OUT" "${files[@]}" && [[ -f "$OUT/.key" && "$(cat "$OUT/.key")" == "$want" ]]; then
        return 0
    fi
    for a; do
        [[ "$a" != cli ]] || seed_cli_from_legacy
        read -ra f <<<"$("${a}_files")"
        ensure_entry "$(entry_name "$a")" "$(entry_key "$a")" "build_$a" "${f[@]}"
        entries+=("$ENTRY")
    done
    # Filled aside and swapped in, so that a running engine test sees its binaries vanish only
    # for the instant of two renames.
    local new="$OUT.new.$$"
    rm -rf "$new" && mkdir -p "$new" && BUILDING+=("$new" "$OUT.old.$$")
    for entry in "${entries[@]}"; do
        for f in "$entry"/*; do ln -f "$f" "$new/" 2>/dev/null || cp -p "$f" "$new/"; done
    done
    echo "$want" >"$new/.key"
    # A concurrent `make cli` may swap first: then its result must be this one.
    mv -T "$OUT" "$OUT.old.$$" 2>/dev/null || true
    if ! mv -T "$new" "$OUT" 2>/dev/null; then
        [[ "$(cat "$OUT/.key" 2>/dev/null)" == "$want" ]] || die "could not replace $OUT"
    fi
    say "$(describe "$@") in $OUT (cache: $CACHE_ROOT)"
}

# describe ARTIFACT...: the versions, for the closing message.
describe() {
    local a text=""
    for a; do
        case "$a" in
            cli) text+="${text:+, }pulumi $("$CACHE_ROOT/cli-$(entry_key cli)/pulumi" version)" ;;
            langhost_yaml) text+="${text:+, }pulumi-language-yaml $YAML_VERSION" ;;
        esac
    done
    echo "$text"
}

# --- the former layout: one pulumi-cli-<ver>-<key> folder for everything ---

seed_cli_from_legacy() {
    local entry legacy
    entry="$CACHE_ROOT/cli-$(entry_key cli)"
    has_files "$entry" pulumi && return 0
    command -v go >/dev/null || return 0
    for legacy in "$CACHE_ROOT"/pulumi-cli-"$VERSION"-*/; do
        if ! [[ -x "$legacy/pulumi" ]] || ! legacy_matches "$legacy/pulumi"; then continue; fi
        say "reusing the pulumi of the former cache layout: ${legacy%/}"
        local tmp="$CACHE_ROOT/.building-cli-seed.$$"
        mkdir -p "$tmp" && BUILDING+=("$tmp")
        cp -p "$legacy/pulumi" "$tmp/" && mv -T "$tmp" "$entry" 2>/dev/null || true
        return 0
    done
}

# legacy_matches BIN: BIN reports VERSION and was built with our flags from exactly the module
# versions (and replacements) that tools/pulumi-cli/go.mod requires.
legacy_matches() {
    local info
    [[ "$("$1" version 2>/dev/null)" == "$VERSION" ]] || return 1
    info="$(go version -m "$1" 2>/dev/null)" || return 1
    grep -qxF $'\tbuild\t-tags='"$GO_TAGS" <<<"$info" || return 1
    grep -qxF $'\tbuild\tCGO_ENABLED=0' <<<"$info" || return 1
    grep -qxF $'\tbuild\t-trimpath=true' <<<"$info" || return 1
    [[ -z "$(LC_ALL=C comm -23 <(binary_modules <<<"$info") <(required_modules "$WRAPPER/go.mod"))" ]]
}

# binary_modules: "path version[ => path version]" of each module in `go version -m` output.
binary_modules() {
    awk '$1 == "mod" || $1 == "dep" { if (m) print m; m = $2 " " $3; next }
         $1 == "=>" { m = m " => " $2 " " $3 }
         END { if (m) print m }' | LC_ALL=C sort
}

# required_modules GO_MOD: the same for each requirement of a go.mod.
required_modules() {
    awk '/^require \($/ { r = 1; next }
         r && /^\)$/ { r = 0; next }
         r { req[$1] = $2; next }
         $1 == "require" { req[$2] = $3; next }
         $1 == "replace" && $3 == "=>" { rep[$2] = $4 " " $5 }
         END { for (m in req) print m " " req[m] ((m in rep) ? " => " rep[m] : "") }' "$1" | LC_ALL=C sort
}

drop_legacy_layout() {
    find "$CACHE_ROOT" -mindepth 1 -maxdepth 1 -name "pulumi-cli-*" -exec rm -rf {} + 2>/dev/null || true
}

# --- a pulumi already on PATH ---

# path_without_out: PATH without .tools/pulumi/bin, however it is spelled.
path_without_out() {
    local dir dirs kept=()
    IFS=: read -ra dirs <<<"$PATH"
    for dir in "${dirs[@]}"; do
        if ! [[ -n "$dir" && "$dir" -ef "$OUT" ]]; then kept+=("$dir"); fi
    done
    (IFS=: && echo "${kept[*]}")
}

external_pulumi() { PATH="$(path_without_out)" command -v pulumi; }

# plugin_for PULUMI NAME: the plugin executable NAME the engine will find with that pulumi.
plugin_for() {
    local bundled
    bundled="$(dirname "$1")/$2"
    if [[ -x "$bundled" ]]; then echo "$bundled"; else PATH="$(path_without_out)" command -v "$2"; fi
}

use_external() {
    local pulumi="$1" a name found missing=()
    say "using pulumi already on PATH: $pulumi ($("$pulumi" version))"
    for a in langhost_yaml converter_yaml; do
        name="$("${a}_files")"
        if found="$(plugin_for "$pulumi" "$name")"; then
            say "using its $name: $found"
        else
            say "no $name on PATH or next to $pulumi: adding the pinned one"
            missing+=("$a")
        fi
    done
    if ((${#missing[@]} == 0)); then
        rm -rf "$OUT"
        return 0
    fi
    assemble "${missing[@]}"
}

main() {
    local pulumi
    if [[ "${PULUMI_DID_FORCE_BUILD:-}" != "1" ]] && pulumi="$(external_pulumi)"; then
        use_external "$pulumi"
    else
        assemble "${ALL[@]}"
        drop_legacy_layout
    fi
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then main "$@"; fi
