"""examples/go-fleet as an engine-test project: a copy whose go.mod and Pulumi.yaml point at this
checkout's generated Go SDK (sdk/go) and plugin, and the Go build the language host will do."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.engine import ROOT, EngineEnv
from tests.native.projects import fleet_copy, rewrite

GO_FLEET = ROOT / "examples" / "go-fleet"
GO_SDK = ROOT / "sdk" / "go"
_SDK_REPLACE = "=> ../../sdk/go"
# What the language host adds to the caller's environment (tools/pulumi-cli/langhost/golang.go).
GO_BUILD_ENV = {"GOFLAGS": "-mod=readonly", "GONOSUMDB": "github.com/pulumi"}


def go_fleet(
    engine: EngineEnv, plugin_dir: Path, docs: Path, name: str = "go-fleet", stack: str = "dev"
) -> tuple[Path, list[str]]:
    """A copy of examples/go-fleet reading the documents of ``docs``, with a stack ready to deploy.

    Its docs/ is a symbolic link to the YAML example's documents; the copy holds the files."""
    project, args = fleet_copy(engine, GO_FLEET, plugin_dir, name, stack)
    rewrite(project / "go.mod", _SDK_REPLACE, f"=> {GO_SDK}")
    engine.cli("config", "set", "docs", docs.as_uri(), *args, cwd=project)
    return project, args


def go_build(project: Path, timeout: float = 900) -> Path:
    """Build the program as the language host does, into the test's folder; the binary.

    The first build of the Pulumi Go SDK compiles for minutes on a cold Go cache, longer than the
    engine tests' per-command timeout; building here first fills GOCACHE (the language host's
    build then only links) and reports a compile error as such, not as a failed `pulumi up`.
    """
    go = shutil.which("go")
    if go is None:
        pytest.fail("go is not on PATH: Go programs need it (Go >= 1.25.11)", pytrace=False)
    binary = project.parent / f"{project.name}.bin"
    result = subprocess.run(
        [go, "build", "-o", str(binary), "."],
        cwd=project,
        env={**os.environ, **GO_BUILD_ENV},
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )
    assert result.returncode == 0, f"go build in {project} failed:\n{result.stdout}\n{result.stderr}"
    return binary
