"""Running the pulumi CLI that `make cli` assembled (or the pulumi already on PATH) in project
directories, on a `file://` backend in the test's own directory.

A missing tool fails the test with a clear message: these tests never skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".tools" / "pulumi" / "bin"
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
PASSPHRASE = "tools-passphrase"


def require_tool(name: str, hint: str) -> str:
    """The path of an executable on PATH (where tests/conftest.py put the built CLI's folder), or a
    clear failure."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not on PATH nor in {BIN}: {hint}", pytrace=False)
    return path


@dataclass
class Cli:
    """The pulumi CLI with an isolated PULUMI_HOME and a file backend under `tmp`."""

    tmp: Path
    pulumi: str

    @property
    def env(self) -> dict[str, str]:
        (self.tmp / "state").mkdir(exist_ok=True)
        (self.tmp / "home").mkdir(exist_ok=True)
        return {
            **os.environ,
            "PULUMI_CONFIG_PASSPHRASE": PASSPHRASE,
            "PULUMI_BACKEND_URL": (self.tmp / "state").as_uri(),
            "PULUMI_HOME": str(self.tmp / "home"),
            "PULUMI_SKIP_UPDATE_CHECK": "true",
            "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
            "PULUMI_PYTHON_CMD": str(VENV_PYTHON),
        }

    def __call__(self, *args: str, cwd: Path) -> str:
        """Run `pulumi ARGS` in a project directory; its stdout, or an assertion with both streams."""
        result = subprocess.run(
            [self.pulumi, *args, "--non-interactive", "--cwd", str(cwd)],
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert result.returncode == 0, (
            f"pulumi {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
        return result.stdout
