"""The project's Python language host (tools/pulumi-cli/langhost) under the real CLI.

A stack without any config reaches the host as no config at all; the host must still hand the
program `{}` (PULUMI_CONFIG=null made the SDK's set_all_config crash).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.tools.cli import VENV_PYTHON, Cli

pytestmark = pytest.mark.engine

PROGRAM = """\
import pulumi

config = pulumi.Config()
pulumi.export("answer", 42)
pulumi.export("greeting", config.get("greeting") or "none")
pulumi.export("token", config.get_secret("token") or "none")
"""


def python_project(project: Callable[[str, dict[str, str]], Path]) -> Path:
    return project(
        "constant",
        {
            "Pulumi.yaml": "name: constant\nruntime: python\n",
            "__main__.py": PROGRAM,
        },
    )


def test_a_stack_without_config_runs(cli: Cli, project: Callable[[str, dict[str, str]], Path]) -> None:
    folder = python_project(project)
    cli("stack", "init", "dev", "--secrets-provider", "passphrase", cwd=folder)
    assert json.loads(cli("config", "--json", cwd=folder)) == {}

    cli("up", "--yes", "--skip-preview", cwd=folder)

    outputs = json.loads(cli("stack", "output", "--json", "--show-secrets", cwd=folder))
    assert outputs == {"answer": 42, "greeting": "none", "token": "none"}


def test_config_and_secrets_still_reach_the_program(
    cli: Cli,
    project: Callable[[str, dict[str, str]], Path],
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


FAILING = """\
import pulumi_did_agents as didagents

kb = didagents.KnowledgeBase("kb", name="kb", description="passes its check")
didagents.Document("doc", knowledge_id=kb.id, source_url="https://example.com/a.md", title="")
"""


def _running_in(folder: Path) -> list[str]:
    """Command lines of live processes whose working directory is ``folder``."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and Path(proc / "cwd").resolve() == folder.resolve():
                found.append((proc / "cmdline").read_bytes().replace(b"\0", b" ").decode())
        except OSError:
            continue
    return found


def test_a_failing_preview_ends_with_its_program(
    cli: Cli, project: Callable[[str, dict[str, str]], Path]
) -> None:
    """The program runs in its own process group and dies with the host. A program that outlived
    the host kept the engine's pipes open, and the engine waited 5 s for them after a failing
    preview (4 of 9 runs before); the time itself is a `make bench` figure."""
    venv = VENV_PYTHON.parents[1]
    settings = f"name: failing\nruntime:\n  name: python\n  options:\n    virtualenv: {venv}\n"
    folder = project("failing", {"Pulumi.yaml": settings, "__main__.py": FAILING})
    cli("stack", "init", "dev", "--secrets-provider", "passphrase", cwd=folder)
    cli("config", "set", "didagents:owner", "failing.dev.00000001", cwd=folder)
    cli("config", "set", "didagents:offline", "true", cwd=folder)
    for _ in range(3):
        with pytest.raises(AssertionError, match="title: must not be empty"):
            cli("preview", cwd=folder)
        assert _running_in(folder) == [], "the program outlived the preview"
