"""The pinned pulumi-language-yaml (tools/pulumi-yaml) runs YAML programs under the real CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.tools.cli import Cli, require_tool

pytestmark = pytest.mark.engine

PROGRAM = """\
name: yaml-smoke
runtime: yaml
config:
  greeting:
    type: string
    default: hello
variables:
  message: ${greeting}, world
outputs:
  answer: 42
  message: ${message}
  stack: ${pulumi.stack}
"""


def test_a_yaml_program_deploys_and_reports_its_outputs(
    cli: Cli,
    project: Callable[[str, dict[str, str]], Path],
) -> None:
    require_tool("pulumi-language-yaml", "run `make cli`: it builds the pinned one next to pulumi")
    folder = project("yaml-smoke", {"Pulumi.yaml": PROGRAM})
    cli("stack", "init", "dev", "--secrets-provider", "passphrase", cwd=folder)

    cli("up", "--yes", "--skip-preview", cwd=folder)
    assert json.loads(cli("stack", "output", "--json", cwd=folder)) == {
        "answer": 42,
        "message": "hello, world",
        "stack": "dev",
    }

    cli("config", "set", "greeting", "hi", cwd=folder)
    cli("up", "--yes", "--skip-preview", cwd=folder)
    assert json.loads(cli("stack", "output", "message", "--json", cwd=folder)) == "hi, world"
    cli("preview", "--expect-no-changes", cwd=folder)
