"""A create that made its object but did not see it ready: the engine keeps it; the next `up` finishes it."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.engine import EngineEnv
from tests.native.projects import is_empty, latest, yaml_project

AGENT = {
    "type": "didagents:Agent",
    "properties": {
        "name": "support-agent",
        "presenter": {"type": "clip", "presenterId": "v2_public_Amber@0zSz8kflCN"},
        "llm": {"provider": "openai", "model": "gpt-4o-mini", "instructions": "Answer briefly."},
    },
}


def test_an_agent_not_ready_in_time_is_kept_and_finished_by_the_next_up(
    engine: EngineEnv, engine_tools: Path
) -> None:
    project, args = yaml_project(engine, engine_tools, "slow", {"support": AGENT})
    engine.cli("config", "set", "didagents:waitTimeout", "1", *args, cwd=project)
    engine.emulator.configure(agent_ready_delay=4)

    failed = engine.cli("up", "--yes", "--skip-preview", *args, cwd=project, check=False)
    output = failed.stdout + failed.stderr
    assert failed.returncode != 0
    assert "Agent create: agt_" in output and "is not ready" in output and "Traceback" not in output
    (agent,) = engine.list_account()["agents"]
    (recorded,) = [r for r in latest(engine, project, args) if r["type"] == "didagents:index:Agent"]
    assert recorded["id"] == agent["id"] and recorded["initErrors"]  # recorded, with why it is unfinished

    engine.cli("config", "rm", "didagents:waitTimeout", *args, cwd=project)  # wait as long as it takes
    engine.cli("up", "--yes", "--skip-preview", *args, cwd=project)
    assert [a["id"] for a in engine.list_account()["agents"]] == [agent["id"]]  # finished, not duplicated
    engine.cli("preview", "--expect-no-changes", *args, cwd=project)

    engine.cli("destroy", "--yes", "--skip-preview", *args, cwd=project)
    assert is_empty(engine)
