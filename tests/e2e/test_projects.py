"""The example project directories under the real CLI: `pulumi up`, a clean preview, `destroy`.

These run through the project's own language host (tools/pulumi-cli/langhost), as users do.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from tests.e2e.engine import ROOT, EngineEnv

EXAMPLES = ROOT / "examples"


def copy_project(engine: EngineEnv, example: str) -> Path:
    """A copy of the example in the test's directory, bound to this interpreter's environment."""
    project = engine.tmp / example
    shutil.copytree(EXAMPLES / example, project)
    settings = project / "Pulumi.yaml"
    venv = Path(sys.prefix)
    settings.write_text(settings.read_text().replace("virtualenv: ../../.venv", f"virtualenv: {venv}"))
    return project


def test_quickstart_up_answers_from_the_document_and_destroys(engine: EngineEnv) -> None:
    project = copy_project(engine, "quickstart")
    args = engine.init_stack(project, "e2e")

    engine.cli("up", "--yes", *args, cwd=project)
    engine.cli("preview", "--expect-no-changes", *args, cwd=project)

    outputs = json.loads(engine.cli("stack", "output", "--json", *args, cwd=project).stdout)
    assert outputs["client_key"] == "[secret]"
    assert outputs["document_status"] == "done"
    agent_id = outputs["agent_id"]
    reply = engine.ask(agent_id, "How long is the warranty?")
    assert "37-month" in reply["result"]
    assert reply["matches"][0]["document_id"] == outputs["document_id"]

    engine.cli("destroy", "--yes", *args, cwd=project)
    assert engine.list_account() == {"agents": [], "knowledge": [], "documents": []}


@pytest.mark.parametrize("example", ["fleet", "promotion"])
def test_example_projects_deploy_cleanly(engine: EngineEnv, example: str) -> None:
    project = copy_project(engine, example)
    args = engine.init_stack(project, "dev")

    engine.cli("up", "--yes", *args, cwd=project)
    engine.cli("preview", "--expect-no-changes", *args, cwd=project)
    assert engine.list_account()["agents"], "the example deployed no agent"
    engine.cli("destroy", "--yes", *args, cwd=project)
    assert engine.list_account()["agents"] == []
