"""tools/build-pulumi-cli.sh without building: cache keys, reuse, assembly and the messages.

Each test runs a copy of the script and its inputs in its own directory, with a fake cache
(small shell scripts in place of the binaries) and a PATH without Go, so nothing is built and
the real .tools/pulumi/bin and cache are never touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.tools.cli import ROOT

INPUTS = [
    "tools/build-pulumi-cli.sh",
    "tools/pulumi-cli/artifacts.sh",
    "tools/pulumi-cli/go.mod",
    "tools/pulumi-cli/go.sum",
    "tools/pulumi-cli/langhost",
    "tools/pulumi-yaml/go.mod",
    "tools/pulumi-yaml/go.sum",
]
# What the script runs, besides bash builtins. No go, no pulumi.
COMMANDS = [
    "bash",
    "cat",
    "sha256sum",
    "cut",
    "awk",
    "find",
    "sort",
    "tr",
    "grep",
    "paste",
    "dirname",
    "rm",
    "mkdir",
    "ln",
    "cp",
    "mv",
    "head",
    "comm",
    "install",
    "chmod",
    "env",
]
FILES = {
    "cli": ["pulumi"],
    "langhosts": ["pulumi-language-python", "pulumi-language-nodejs", "pulumi-language-go"],
    "shims-python": [
        "pulumi-language-python-exec",
        "pulumi-resource-pulumi-python",
        "pulumi-analyzer-policy-python",
    ],
    "langhost-yaml": ["pulumi-language-yaml"],
    "converter-yaml": ["pulumi-converter-yaml"],
}
ALL_FILES = sorted(f for files in FILES.values() for f in files)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for rel in INPUTS:
        src, dst = ROOT / rel, root / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst)
        else:
            shutil.copy2(src, dst)
    return root


@pytest.fixture
def sysbin(tmp_path: Path) -> Path:
    folder = tmp_path / "sysbin"
    folder.mkdir()
    for name in COMMANDS:
        path = shutil.which(name)
        if path is None:
            pytest.fail(f"{name} is needed by tools/build-pulumi-cli.sh and is not on PATH", pytrace=False)
        (folder / name).symlink_to(path)
    return folder


def executable(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\n{text}\n")
    path.chmod(0o755)


def entries(repo: Path) -> dict[str, str]:
    """Artifact entry name -> its current cache entry (name-key), as the script computes them."""
    out = subprocess.run(
        [
            "bash",
            "-c",
            'source tools/build-pulumi-cli.sh; for a in "${ALL[@]}"; do '
            'echo "$(entry_name "$a")-$(entry_key "$a")"; done',
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return {name: entry for entry in out for name in FILES if entry.startswith(name + "-")}


def fake_cache(cache: Path, repo: Path) -> dict[str, str]:
    current = entries(repo)
    for name, entry in current.items():
        for f in FILES[name]:
            executable(cache / entry / f, "echo v3.259.0" if f == "pulumi" else f"echo {f}")
    return current


def run(repo: Path, path: list[Path], **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PULUMI_DID_CACHE", "PULUMI_DID_FORCE_BUILD", "XDG_CACHE_HOME"}
    }
    clean["PATH"] = os.pathsep.join(str(p) for p in path)
    return subprocess.run(
        ["bash", str(repo / "tools/build-pulumi-cli.sh")],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def out_dir(repo: Path) -> Path:
    return repo / ".tools" / "pulumi" / "bin"


def test_each_artifact_is_keyed_by_its_own_inputs(repo: Path) -> None:
    before = entries(repo)
    assert set(before) == set(FILES)

    with (repo / "tools/pulumi-cli/langhost/main.go").open("a") as f:
        f.write("\n// an edit\n")
    after_langhost = entries(repo)
    assert {n for n in FILES if before[n] != after_langhost[n]} == {"langhosts"}

    with (repo / "tools/pulumi-yaml/go.sum").open("a") as f:
        f.write("example.invalid/x v1.0.0 h1:x=\n")
    after_yaml = entries(repo)
    # Both are built from the pulumi-yaml module.
    assert {n for n in FILES if after_langhost[n] != after_yaml[n]} == {"langhost-yaml", "converter-yaml"}

    with (repo / "tools/pulumi-cli/go.sum").open("a") as f:
        f.write("example.invalid/x v1.0.0 h1:x=\n")
    after_wrapper = entries(repo)
    assert {n for n in FILES if after_yaml[n] != after_wrapper[n]} == {"cli", "langhosts"}

    test_file = repo / "tools/pulumi-cli/langhost/main_test.go"
    test_file.write_text("package main\n")
    assert entries(repo) == after_wrapper, "a _test.go file is no input of the language host"


def test_cached_entries_are_assembled_without_go(repo: Path, sysbin: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    current = fake_cache(cache, repo)
    executable(cache / "langhosts-0123456789abcdef" / "pulumi-language-python", "echo stale")
    executable(cache / "pulumi-cli-v3.259.0-0123456789abcdef" / "pulumi", "echo legacy")

    first = run(repo, [sysbin], PULUMI_DID_CACHE=str(cache))
    assert first.returncode == 0, first.stderr
    assert f"pulumi v3.259.0, pulumi-language-yaml v1.25.0 in {out_dir(repo)}" in first.stdout
    assert sorted(p.name for p in out_dir(repo).iterdir()) == sorted([*ALL_FILES, ".key"])
    assert (out_dir(repo) / ".key").read_text().split() == list(current.values())
    # Only the current entry of each artifact is kept, and the former layout goes.
    assert sorted(p.name for p in cache.iterdir()) == sorted(current.values())

    again = run(repo, [sysbin], PULUMI_DID_CACHE=str(cache))
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")


def test_an_edited_langhost_is_the_only_thing_rebuilt(repo: Path, sysbin: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    fake_cache(cache, repo)
    assert run(repo, [sysbin], PULUMI_DID_CACHE=str(cache)).returncode == 0
    with (repo / "tools/pulumi-cli/langhost/main.go").open("a") as f:
        f.write("\n// an edit\n")

    rebuilt = run(repo, [sysbin], PULUMI_DID_CACHE=str(cache))

    assert rebuilt.returncode == 1
    assert rebuilt.stderr.strip() == (
        "build-pulumi-cli: Go >= 1.25.11 is needed to build the language hosts, and there is "
        "no 'go' on PATH (install Go, or put a pulumi on PATH)"
    )


def test_without_go_and_without_a_cache_the_failure_says_why(
    repo: Path,
    sysbin: Path,
    tmp_path: Path,
) -> None:
    result = run(repo, [sysbin], PULUMI_DID_CACHE=str(tmp_path / "empty"))
    assert result.returncode == 1
    assert "Go >= 1.25.11 is needed to build pulumi v3.259.0, and there is no 'go' on PATH" in result.stderr
    assert not out_dir(repo).exists()


def test_the_cache_location(repo: Path, tmp_path: Path) -> None:
    def root(*unset: str, **env: str) -> str:
        base = {k: v for k, v in os.environ.items() if k not in unset}
        return subprocess.run(
            ["bash", "-c", 'source tools/build-pulumi-cli.sh; echo "$CACHE_ROOT"'],
            cwd=repo,
            env={**base, **env},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    assert root(PULUMI_DID_CACHE="/c/x", XDG_CACHE_HOME="/xdg") == "/c/x"
    assert root("PULUMI_DID_CACHE", XDG_CACHE_HOME="/xdg") == "/xdg/pulumi-did-agents"
    assert root("PULUMI_DID_CACHE", "XDG_CACHE_HOME", HOME="/home/u") == "/home/u/.cache/pulumi-did-agents"
    assert root("PULUMI_DID_CACHE", "XDG_CACHE_HOME", "HOME") == "/tmp/.cache/pulumi-did-agents"


def test_a_pulumi_on_path_with_a_yaml_host_is_used_as_is(repo: Path, sysbin: Path, tmp_path: Path) -> None:
    own = tmp_path / "own"
    executable(own / "pulumi", "echo v3.300.0")
    executable(own / "pulumi-language-yaml", "exit 0")
    executable(own / "pulumi-converter-yaml", "exit 0")
    executable(out_dir(repo) / "pulumi", "echo stale")

    result = run(repo, [own, sysbin], PULUMI_DID_CACHE=str(tmp_path / "empty"))

    assert result.returncode == 0, result.stderr
    assert f"using pulumi already on PATH: {own / 'pulumi'} (v3.300.0)" in result.stdout
    assert f"using its pulumi-language-yaml: {own / 'pulumi-language-yaml'}" in result.stdout
    assert f"using its pulumi-converter-yaml: {own / 'pulumi-converter-yaml'}" in result.stdout
    assert not out_dir(repo).exists(), "nothing of ours may shadow the user's pulumi"


def test_a_pulumi_on_path_without_a_yaml_host_gets_the_pinned_one(
    repo: Path,
    sysbin: Path,
    tmp_path: Path,
) -> None:
    own = tmp_path / "own"
    executable(own / "pulumi", "echo v3.300.0")
    cache = tmp_path / "cache"
    fake_cache(cache, repo)

    result = run(repo, [own, sysbin], PULUMI_DID_CACHE=str(cache))

    assert result.returncode == 0, result.stderr
    assert "no pulumi-language-yaml on PATH or next to" in result.stdout
    assert "no pulumi-converter-yaml on PATH or next to" in result.stdout
    assert sorted(p.name for p in out_dir(repo).iterdir()) == [
        ".key",
        "pulumi-converter-yaml",
        "pulumi-language-yaml",
    ]


def test_a_pulumi_on_path_with_a_yaml_host_and_no_converter_gets_the_pinned_converter(
    repo: Path,
    sysbin: Path,
    tmp_path: Path,
) -> None:
    own = tmp_path / "own"
    executable(own / "pulumi", "echo v3.300.0")
    executable(own / "pulumi-language-yaml", "exit 0")
    cache = tmp_path / "cache"
    fake_cache(cache, repo)

    result = run(repo, [own, sysbin], PULUMI_DID_CACHE=str(cache))

    assert result.returncode == 0, result.stderr
    assert f"using its pulumi-language-yaml: {own / 'pulumi-language-yaml'}" in result.stdout
    assert sorted(p.name for p in out_dir(repo).iterdir()) == [".key", "pulumi-converter-yaml"]


def test_force_build_ignores_a_pulumi_on_path(repo: Path, sysbin: Path, tmp_path: Path) -> None:
    own = tmp_path / "own"
    executable(own / "pulumi", "echo v3.300.0")
    cache = tmp_path / "cache"
    fake_cache(cache, repo)

    result = run(repo, [own, sysbin], PULUMI_DID_CACHE=str(cache), PULUMI_DID_FORCE_BUILD="1")

    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out_dir(repo).iterdir()) == sorted([*ALL_FILES, ".key"])
