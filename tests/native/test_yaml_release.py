"""An agent's release declared in Pulumi YAML, under the real engine and the native plugin: deployed
behind its gate, previewed as an update with a detailed diff naming the release's documents (never a
replace), shipped blue/green to the same agent, and destroyed with every knowledge base it made."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.e2e.engine import EngineEnv
from tests.native.projects import detailed, is_empty, latest, preview_steps, yaml_project
from tests.release_handbook import CASES, EDIT, HANDBOOK

PROGRAM = """\
name: yaml-release
runtime: yaml
plugins:
  providers:
    - name: didagents
      path: {plugin_dir}
resources:
  support:
    type: didagents:Agent
    properties:
      name: support
      presenter:
        type: clip
        presenterId: v2_public_Amber@0zSz8kflCN
      llm:
        provider: openai
        model: gpt-4o-mini
        instructions: Answer from the handbook.
      release:
        documents:
          - sourceUrl: file://${{pulumi.cwd}}/docs/handbook.md
            title: Handbook
        casesFile: conversations.yaml  # relative to the project, as the program's own files are
        keep: 1
outputs:
  agentId: ${{support.agentId}}
"""


def agent_state(engine: EngineEnv, project: Path, args: list[str]) -> dict[str, Any]:
    (agent,) = [r for r in latest(engine, project, args) if r["type"] == "didagents:index:Agent"]
    return agent


def live_agent(engine: EngineEnv) -> dict[str, Any]:
    (agent,) = engine.list_account()["agents"]
    return dict(agent)


def test_yaml_release_previews_as_an_update_and_ships_blue_green(
    engine: EngineEnv, engine_tools: Path
) -> None:
    project, args = yaml_project(engine, engine_tools, "yaml-release", {})
    (project / "Pulumi.yaml").write_text(PROGRAM.format(plugin_dir=engine_tools))
    docs = project / "docs"
    docs.mkdir()
    (docs / "handbook.md").write_text(HANDBOOK)
    (project / "conversations.yaml").write_text(CASES)

    planned = preview_steps(engine, project, args)
    assert planned["support"]["op"] == "create", planned
    engine.cli("up", "--yes", "--skip-preview", *args, cwd=project)
    engine.cli("preview", "--expect-no-changes", *args, cwd=project)

    # The live agent answers from the release's knowledge base, and the state records the release.
    agent_id = json.loads(engine.cli("stack", "output", "agentId", "--json", *args, cwd=project).stdout)
    first = live_agent(engine)
    assert first["id"] == agent_id
    (kb,) = engine.list_account()["knowledge"]
    assert first["knowledge"]["id"] == kb["id"]
    outputs = agent_state(engine, project, args)["outputs"]
    (shipped,) = outputs["releases"]
    assert outputs["liveRelease"] == shipped["id"] and shipped["id"].startswith("r-")
    assert shipped["knowledge_id"] == kb["id"]
    assert shipped["gate"]["passed"] is True
    assert outputs["release"]["documents"][0]["contentHash"].startswith("sha256:")
    assert "37-month" in engine.ask(agent_id, "How long is the warranty?")["result"]

    # An edited document: an update of the agent naming the release's documents, nothing replaced.
    (docs / "handbook.md").write_text(HANDBOOK + EDIT)
    steps = preview_steps(engine, project, args)
    assert list(steps) == ["support"], steps
    step = steps["support"]
    diff = detailed(step)
    assert step["op"] == "update", step
    assert diff and all(kind == "update" for kind in diff.values()), diff
    assert all(path.startswith("release.documents") for path in diff), diff
    assert not step.get("replaces"), step
    text = engine.cli("preview", "--diff", *args, cwd=project).stdout
    assert "~ didagents:index:Agent: (update)" in text and "~ contentHash" in text, text
    assert "replace" not in text, text

    engine.cli("up", "--yes", "--skip-preview", *args, cwd=project)
    second = live_agent(engine)
    assert second["id"] == agent_id, "the release switched the same agent"
    assert second["knowledge"]["id"] != first["knowledge"]["id"]
    assert {k["id"] for k in engine.list_account()["knowledge"]} == {kb["id"], second["knowledge"]["id"]}
    outputs = agent_state(engine, project, args)["outputs"]
    assert [r["knowledge_id"] for r in outputs["releases"]] == [kb["id"], second["knowledge"]["id"]]
    assert outputs["liveRelease"] == outputs["releases"][-1]["id"] != shipped["id"]
    assert "docking station" in engine.ask(agent_id, "Is the docking station included?")["result"]
    engine.cli("preview", "--expect-no-changes", *args, cwd=project)
    # A refresh reads the release back as it is: the live knowledge base is the live release's.
    engine.cli("refresh", "--yes", "--skip-preview", "--expect-no-changes", *args, cwd=project)
    assert agent_state(engine, project, args)["outputs"] == outputs

    # An edit of the cases file is a change of the release too (its hash), still not a replace.
    (project / "conversations.yaml").write_text(CASES.replace('["140 minutes"]', '["140"]'))
    steps = preview_steps(engine, project, args)
    assert {name: (step["op"], detailed(step)) for name, step in steps.items()} == {
        "support": ("update", {"release.casesHash": "update"})
    }
    (project / "conversations.yaml").write_text(CASES)
    engine.cli("preview", "--expect-no-changes", *args, cwd=project)

    engine.cli("destroy", "--yes", "--skip-preview", *args, cwd=project)
    assert is_empty(engine)
