"""Fixtures for the tests of the Pulumi CLI tooling (tools/build-pulumi-cli.sh, tools/sdkgen)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.tools.cli import VENV_PYTHON, Cli


@pytest.fixture
def cli(pulumi_cli: str, tmp_path: Path) -> Cli:
    if not VENV_PYTHON.is_file():
        pytest.fail(f"{VENV_PYTHON} is missing: run `make install` first", pytrace=False)
    return Cli(tmp=tmp_path, pulumi=pulumi_cli)


@pytest.fixture
def project(tmp_path: Path) -> Callable[[str, dict[str, str]], Path]:
    """Write a project directory: project("name", {"Pulumi.yaml": ..., "__main__.py": ...})."""

    def write(name: str, files: dict[str, str]) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        for rel, text in files.items():
            (folder / rel).write_text(text)
        return folder

    return write
