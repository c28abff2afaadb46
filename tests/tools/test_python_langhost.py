"""The project's Python language host (tools/pulumi-cli/langhost) under the real CLI.

A stack without any config reaches the host as no config at all; the host must still hand the
program `{}` (PULUMI_CONFIG=null made the SDK's set_all_config crash).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.tools.cli import Cli

pytestmark = pytest.mark.engine

PROGRAM = """\
import pulumi

config = pulumi.Config()
pulumi.export("answer", 42)
pulumi.export("greeting", config.get("greeting") or "none")
pulumi.export("token", config.get_secret("token") or "none")
"""


def python_project(project: Callable[[str, dict[str, str]], Path]) -> Path:
    return project("constant", {
        "Pulumi.yaml": "name: constant\nruntime: python\n",
        "__main__.py": PROGRAM,
    })


def test_a_stack_without_config_runs(cli: Cli, project: Callable[[str, dict[str, str]], Path]) -> None:
    folder = python_project(project)
    cli("stack", "init", "dev", "--secrets-provider", "passphrase", cwd=folder)
    assert json.loads(cli("config", "--json", cwd=folder)) == {}

    cli("up", "--yes", "--skip-preview", cwd=folder)

    outputs = json.loads(cli("stack", "output", "--json", "--show-secrets", cwd=folder))
    assert outputs == {"answer": 42, "greeting": "none", "token": "none"}


def test_config_and_secrets_still_reach_the_program(
    cli: Cli, project: Callable[[str, dict[str, str]], Path],
) -> None:
    folder = python_project(project)
    cli("stack", "init", "dev", "--secrets-provider", "passphrase", cwd=folder)
    cli("config", "set", "greeting", "hello", cwd=folder)
    cli("config", "set", "--secret", "token", "s3cret", cwd=folder)

    cli("up", "--yes", "--skip-preview", cwd=folder)

    outputs = json.loads(cli("stack", "output", "--json", cwd=folder))
    assert outputs == {"answer": 42, "greeting": "hello", "token": "[secret]"}
    shown = json.loads(cli("stack", "output", "--json", "--show-secrets", cwd=folder))
    assert shown["token"] == "s3cret"
