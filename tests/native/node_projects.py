"""examples/typescript-fleet as a test project: its npm dependencies installed once in the example
(tools/nodejs/install-program.sh, stamp-cached), and copies of it that share them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.e2e.engine import ROOT, EngineEnv
from tests.native.projects import YAML_FLEET, fleet_copy

TYPESCRIPT_FLEET = ROOT / "examples" / "typescript-fleet"


def install_typescript_fleet() -> Path:
    """The example's node_modules (the generated SDK built first); reruns only when an input changed."""
    result = subprocess.run(
        ["bash", str(ROOT / "tools" / "nodejs" / "install-program.sh"), str(TYPESCRIPT_FLEET)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, f"installing {TYPESCRIPT_FLEET} failed:\n{result.stdout}\n{result.stderr}"
    return TYPESCRIPT_FLEET / "node_modules"


def typescript_fleet(
    engine: EngineEnv, plugin_dir: Path, name: str = "typescript-fleet", stack: str = "dev"
) -> tuple[Path, list[str]]:
    """A copy of examples/typescript-fleet using this environment's plugin, with a stack ready to deploy.

    The copy links the example's node_modules rather than installing its own (seconds, not a fresh
    npm ci), so node loads one @pulumi/pulumi for the runner, the program and the SDK. The program
    reads ``../yaml-fleet/docs``: beside a ``yaml_fleet`` copy, both deploy the same document URLs.
    """
    node_modules = install_typescript_fleet()
    docs = engine.tmp / "yaml-fleet" / "docs"
    if not docs.exists():  # alone: the YAML example's documents where the program looks for them
        shutil.copytree(YAML_FLEET / "docs", docs)
    project, args = fleet_copy(engine, TYPESCRIPT_FLEET, plugin_dir, name, stack, "node_modules", "bin")
    (project / "node_modules").symlink_to(node_modules, target_is_directory=True)
    return project, args
