#!/usr/bin/env bash
# Build the pinned Pulumi CLI (and the small pieces the engine needs for Python programs, dynamic
# providers and policy packs) from Go modules into .tools/pulumi/bin, which is git-ignored.
#
# Why from source: no registry we reach ships Pulumi's prebuilt CLI. The Go module proxy serves
# github.com/pulumi/pulumi/pkg/v3 at v3.259.0, so we build that. It does not serve Pulumi's own
# Python language host, so tools/pulumi-cli/langhost is a small one of ours.
#
# Reuse: a finished build is kept in a cache outside the clone (PULUMI_DID_CACHE, default
# ~/.cache/pulumi-did-agents) keyed by the inputs' hash, so a fresh clone on the same machine only
# copies it. A `pulumi` already on PATH is used as it is, and nothing is built.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WRAPPER="$ROOT/tools/pulumi-cli"
OUT="$ROOT/.tools/pulumi/bin"
VERSION="v3.259.0"
REQUIRED=(pulumi pulumi-language-python pulumi-language-python-exec pulumi-resource-pulumi-python
          pulumi-analyzer-policy-python)

if [[ "${PULUMI_DID_FORCE_BUILD:-}" != "1" ]]; then
    existing="$(PATH="$(echo "$PATH" | tr ':' '\n' | grep -v -F "$OUT" | paste -sd:)" command -v pulumi || true)"
    if [[ -n "$existing" ]]; then
        echo "build-pulumi-cli: using pulumi already on PATH: $existing ($("$existing" version))"
        exit 0
    fi
fi

complete() {
    local dir="$1" f
    for f in "${REQUIRED[@]}"; do [[ -x "$dir/$f" ]] || return 1; done
}

key="$(cat "$WRAPPER/go.mod" "$WRAPPER/go.sum" "$WRAPPER"/langhost/*.go "${BASH_SOURCE[0]}" | sha256sum | cut -c1-16)"
CACHE="${PULUMI_DID_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/pulumi-did-agents}/pulumi-cli-$VERSION-$key"

if complete "$OUT" && [[ -f "$OUT/.key" && "$(cat "$OUT/.key")" == "$key" ]]; then
    exit 0
fi

if ! complete "$CACHE"; then
    command -v go >/dev/null || { echo "build-pulumi-cli: Go >= 1.25 is needed to build the Pulumi CLI" >&2; exit 1; }
    echo "build-pulumi-cli: building Pulumi CLI $VERSION from Go modules (cold: about 7 minutes on 2 cores, plus ~1 GB of module downloads)"
    tmp="$CACHE.tmp.$$"
    rm -rf "$tmp" && mkdir -p "$tmp"
    export GOTOOLCHAIN=local GOFLAGS="-mod=readonly -buildvcs=false" CGO_ENABLED=0
    (
        cd "$WRAPPER"
        go build -trimpath -tags osusergo,grpcnotrace \
            -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$VERSION" \
            -o "$tmp/" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
        go build -trimpath -ldflags "-s -w -X main.version=${VERSION#v}" \
            -o "$tmp/pulumi-language-python" ./langhost
        sdk="$(go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)"
        # The SDK module ships the executor script and the dynamic-provider shim; the module cache
        # is read-only and drops the exec bit, hence copy + chmod.
        install -m 0755 "$sdk/python/cmd/pulumi-language-python-exec" "$tmp/pulumi-language-python-exec"
        install -m 0755 "$sdk/python/dist/pulumi-resource-pulumi-python" "$tmp/pulumi-resource-pulumi-python"
    )
    # Used by the engine only when no python language plugin is found (see README).
    cat > "$tmp/pulumi-analyzer-policy-python" <<'EOF'
#!/bin/sh
exec "${PULUMI_PYTHON_CMD:-python3}" -u -m pulumi.policy "$@"
EOF
    chmod 0755 "$tmp/pulumi-analyzer-policy-python"
    rm -rf "$CACHE" && mkdir -p "$(dirname "$CACHE")" && mv "$tmp" "$CACHE"
    # Older builds (other inputs) are ~130 MB each: keep only this one.
    find "$(dirname "$CACHE")" -maxdepth 1 -name "pulumi-cli-*" ! -path "$CACHE" -exec rm -rf {} +
fi

rm -rf "$OUT" && mkdir -p "$OUT"
cp -p "$CACHE"/* "$OUT/"
echo "$key" > "$OUT/.key"
echo "build-pulumi-cli: $("$OUT/pulumi" version) in $OUT"
