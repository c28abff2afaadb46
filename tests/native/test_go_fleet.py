"""examples/go-fleet (Go, the generated SDK sdk/go, the native plugin) under the real engine and the
project's Go language host: it deploys the fleet, then has nothing to change, and destroy leaves the
account empty; build errors reach the user."""

from __future__ import annotations

import json
from pathlib import Path

from bench.api_calls import ApiCalls
from tests.e2e.engine import EngineEnv
from tests.native.go_projects import go_build, go_fleet
from tests.native.projects import PARTNER_KEY, YAML_FLEET, account, is_empty, preview_steps


def test_go_fleet_deploys_then_has_nothing_to_change(
    engine: EngineEnv, engine_tools: Path, api_calls: ApiCalls
) -> None:
    # That it sends what the other four front ends send: test_front_ends.py.
    project, args = go_fleet(engine, engine_tools, YAML_FLEET / "docs")
    go_build(project)

    engine.cli("up", "--yes", "--skip-preview", *args, cwd=project)
    deployed = account(engine)
    assert len(deployed["agents"]) == 4 and len(deployed["knowledge"]) == 2
    api_calls.take()
    # A second run changes nothing: the program's inputs match the provider's state exactly.
    again = engine.cli("up", "--yes", "--skip-preview", "--expect-no-changes", *args, cwd=project).stdout
    assert "12 unchanged" in again, again
    assert api_calls.take() == ["GET /credits"]  # the credential check; unchanged resources cost none
    assert account(engine) == deployed

    outputs = json.loads(engine.cli("stack", "output", "--json", *args, cwd=project).stdout)
    assert sorted(outputs["agentIds"]) == ["hr", "partner", "sales", "support"]
    assert sorted(outputs["knowledgeBaseIds"]) == ["hr", "product"]
    assert outputs["supportClientKey"] == "[secret]"
    stored = engine.stored_state()
    assert PARTNER_KEY not in stored and engine.emulator.api_key not in stored

    engine.cli("destroy", "--yes", "--skip-preview", *args, cwd=project)
    assert is_empty(engine)


BROKEN = '\nvar broken int = "not a number"\n'


def test_go_build_errors_show_and_a_prebuilt_binary_runs_as_it_is(
    engine: EngineEnv, engine_tools: Path
) -> None:
    project, args = go_fleet(engine, engine_tools, YAML_FLEET / "docs")
    main = project / "main.go"
    source = main.read_text()

    # The compiler's message reaches the user; nothing is deployed.
    main.write_text(source + BROKEN)
    result = engine.cli("preview", *args, cwd=project, check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"go build in {project} failed" in output and 'cannot use "not a number"' in output, output

    # With the `binary` runtime option the host runs that program and builds nothing: the broken
    # source beside it does not matter.
    main.write_text(source)
    binary = go_build(project)
    main.write_text(source + BROKEN)
    settings = project / "Pulumi.yaml"
    text = settings.read_text()
    assert "\nruntime: go\n" in text
    settings.write_text(
        text.replace("\nruntime: go\n", f"\nruntime:\n  name: go\n  options:\n    binary: ../{binary.name}\n")
    )
    steps = preview_steps(engine, project, args)
    assert sorted(step["op"] for step in steps.values()) == ["create"] * 12  # the stack and 11 resources
    assert is_empty(engine)
