"""examples/typescript-fleet under the real engine, through the project's Node.js language host and
the generated TypeScript SDK: the program is type-checked against the SDK, it deploys the fleet, a
second ``up`` changes nothing, and ``destroy`` leaves the account empty."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.engine import EngineEnv
from tests.native.node_projects import typescript_fleet
from tests.native.projects import PARTNER_KEY, account, is_empty, latest


def test_typescript_fleet_type_checks_deploys_and_has_nothing_to_change(
    engine: EngineEnv, engine_tools: Path
) -> None:
    # That it sends what the other four front ends send: test_front_ends.py.
    project, args = typescript_fleet(engine, engine_tools)

    # The runner type-checks the program against the SDK's declarations (ts-node): a wrong type fails
    # the preview with tsc's message, before any resource is registered.
    program = project / "index.ts"
    source = program.read_text()
    good = 'greetings: ["Hello! Looking for the right plan?"]'
    assert good in source
    program.write_text(source.replace(good, 'greetings: "Hello!"'))
    result = engine.cli("preview", *args, cwd=project, check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Unable to compile TypeScript" in output and "is not assignable to type" in output, output
    program.write_text(source)

    engine.cli("up", "--yes", "--skip-preview", *args, cwd=project)
    second = engine.cli("up", "--yes", "--skip-preview", "--expect-no-changes", *args, cwd=project)
    assert "12 unchanged" in second.stdout, second.stdout  # the stack and its 11 resources

    deployed = account(engine)
    assert len(deployed["agents"]) == 4 and len(deployed["knowledge"]) == 2
    outputs = json.loads(engine.cli("stack", "output", "--json", *args, cwd=project).stdout)
    assert sorted(outputs["agentIds"]) == ["hr", "partner", "sales", "support"]
    assert sorted(outputs["knowledgeBaseIds"]) == ["hr", "product"]
    assert outputs["supportClientKey"] == "[secret]"
    resources = latest(engine, project, args)
    assert sorted(r["type"] for r in resources if r["type"].startswith("didagents:index:")) == sorted(
        ["didagents:index:KnowledgeBase"] * 2
        + ["didagents:index:Document"] * 4
        + ["didagents:index:Agent"] * 4
        + ["didagents:index:ClientKey"]
    )
    stored = engine.stored_state()
    assert PARTNER_KEY not in stored and engine.emulator.api_key not in stored

    engine.cli("destroy", "--yes", "--skip-preview", *args, cwd=project)
    assert is_empty(engine)
