# shellcheck shell=bash
# Cache entries for the Go-built tools, shared by tools/build-pulumi-cli.sh and
# tools/sdkgen/gen-sdk.sh. Sourced, not run; the caller sets TOOL (the name in messages).
#
# Why: building the Pulumi CLI from Go modules takes minutes, the small tools next to it seconds.
# Each artifact gets its own cache entry, named <name>-<key>, whose key hashes only that
# artifact's own inputs (its recipe function and its files), so editing one never rebuilds
# another. Entries live outside the clone, in PULUMI_DID_CACHE, else $XDG_CACHE_HOME/
# pulumi-did-agents, else ~/.cache/pulumi-did-agents (/tmp/.cache/... without HOME), and only the
# current entry of each artifact is kept. Keys do not cover the Go version, so a cached build
# is reused without Go installed.

CACHE_ROOT="${PULUMI_DID_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/pulumi-did-agents}"
GO_MIN="1.25.11"
# The same environment and flags for every Go artifact (as in Pulumi's goreleaser); shared tags let
# the small tools reuse the packages Go already compiled for the CLI.
GO_ENV=(GOTOOLCHAIN=local "GOFLAGS=-mod=readonly -buildvcs=false" CGO_ENABLED=0)
GO_TAGS="osusergo,grpcnotrace"

say() { echo "$TOOL: $*"; }
die() { echo "$TOOL: $*" >&2; exit 1; }

# hash_of RECIPE FILE...: 16 hex digits over a recipe text (the build function and the values it
# uses) and the input files.
hash_of() {
    local recipe="$1"
    shift
    { printf '%s\n' "$recipe"; cat "$@"; } | sha256sum | cut -c1-16
}

# module_version GO_MOD MODULE: the version GO_MOD requires of MODULE.
module_version() {
    awk -v m="$2" '$1 == m { print $2; exit } $1 == "require" && $2 == m { print $3; exit }' "$1"
}

# has_files DIR FILE...: every FILE is an executable in DIR.
has_files() {
    local dir="$1" f
    shift
    for f in "$@"; do [[ -x "$dir/$f" ]] || return 1; done
}

# go_setup: a usable Go and the build environment; fails clearly without one.
go_setup() {
    command -v go >/dev/null \
        || die "Go >= $GO_MIN is needed to build $1, and there is no 'go' on PATH${GO_HINT:-}"
    local have
    have="$(go env GOVERSION)"
    have="${have#go}"
    [[ "$(printf '%s\n%s\n' "$GO_MIN" "$have" | sort -V | head -n1)" == "$GO_MIN" ]] \
        || die "Go >= $GO_MIN is needed to build $1; 'go' on PATH is $have"
    export "${GO_ENV[@]}"
    # Without HOME (and XDG_CACHE_HOME), Go has neither a build cache nor a module cache.
    if [[ "$(go env GOCACHE)" == "off" || -z "$(go env GOCACHE)" ]]; then
        export GOCACHE="$CACHE_ROOT/go/build"
    fi
    if [[ -z "$(go env GOMODCACHE)" ]]; then
        export GOPATH="$CACHE_ROOT/go"
    fi
}

# go_recipe: the part of every Go artifact's key that go_build and its environment make.
go_recipe() {
    declare -f go_build
    echo "${GO_ENV[*]} $GO_TAGS"
}

# go_build MODULE_DIR OUTPUT LDFLAGS PACKAGE: one static, trimmed, stripped binary.
go_build() {
    (cd "$1" && go build -trimpath -tags "$GO_TAGS" -ldflags "-s -w $3" -o "$2" "$4")
}

# ensure_entry NAME KEY BUILD FILE...: sets ENTRY to the cache entry NAME-KEY holding the
# executables FILE..., built by `BUILD DIR` into a temporary folder first if absent (a failed or
# interrupted build leaves no entry). Other entries of NAME are removed.
ensure_entry() {
    local name="$1" key="$2" build="$3"
    shift 3
    ENTRY="$CACHE_ROOT/$name-$key"
    if ! has_files "$ENTRY" "$@"; then
        local tmp="$CACHE_ROOT/.building-$name-$key.$$" started="$SECONDS"
        rm -rf "$tmp" && mkdir -p "$tmp"
        BUILDING+=("$tmp")
        "$build" "$tmp"
        has_files "$tmp" "$@" || die "building $name produced no $*"
        say "$name ready in $((SECONDS - started)) s"
        # -T: never move into an entry that a concurrent build just finished.
        rm -rf "$ENTRY"
        mv -T "$tmp" "$ENTRY" 2>/dev/null || has_files "$ENTRY" "$@" || die "could not store $ENTRY"
    fi
    find "$CACHE_ROOT" -mindepth 1 -maxdepth 1 -name "$name-*" ! -path "$ENTRY" -exec rm -rf {} +
}

BUILDING=()
cleanup_building() { ((${#BUILDING[@]} == 0)) || rm -rf "${BUILDING[@]}"; }
trap cleanup_building EXIT
