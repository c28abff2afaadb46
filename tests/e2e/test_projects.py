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


def test_config_mistakes_and_credentials_fail_the_dynamic_preview_in_one_line(engine: EngineEnv) -> None:
    """Checked in the program (strict config: only it knows what was set with --secret) and by the
    provider's one credential call; nothing is created."""
    project = copy_project(engine, "quickstart")
    args = engine.init_stack(project, "strict")

    def preview_fails_with(*expected: str) -> None:
        result = engine.cli("preview", *args, cwd=project, check=False)
        output = result.stdout + result.stderr
        assert result.returncode != 0, output
        for text in expected:
            assert text in output, output
        assert "Traceback" not in output and engine.emulator.api_key not in output

    engine.cli("config", "set", "didagents:apikey", "x", *args, cwd=project)
    preview_fails_with(
        "didagents:apikey is not a setting of pulumi-did-agents; did you mean didagents:apiKey?"
    )
    engine.cli("config", "rm", "didagents:apikey", *args, cwd=project)

    engine.cli("config", "set", "didagents:apiKey", engine.emulator.api_key, *args, cwd=project)  # plain
    preview_fails_with("didagents:apiKey is set in plain text", "pulumi config set --secret didagents:apiKey")

    engine.cli("config", "set", "--secret", "didagents:apiKey", "user:wrong", *args, cwd=project)
    preview_fails_with(f"didagents:apiKey: the API at {engine.emulator.url} refused the key (401")

    engine.cli("config", "set", "--secret", "didagents:apiKey", engine.emulator.api_key, *args, cwd=project)
    engine.cli("config", "set", "didagents:apiUrl", "http://127.0.0.1:9", *args, cwd=project)
    preview_fails_with("didagents:apiUrl: http://127.0.0.1:9 cannot be reached")
    assert engine.list_account() == {"agents": [], "knowledge": [], "documents": []}
