"""Releases under the real engine: blue/green knowledge behind a gate, a chat that never sees a
half-made knowledge base, a failing release that changes nothing live, and a pinned rollback."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pulumi
import pytest
from pulumi import automation as auto

import pulumi_did_agents as didagents
from tests.e2e.engine import EngineEnv, Events
from tests.release_handbook import CASES, EDIT, HANDBOOK

CLIP = didagents.PresenterArgs(type="clip", presenter_id="v2_public_Amber@0zSz8kflCN")
LLM = didagents.LlmArgs(provider="openai", model="gpt-4o-mini", instructions="Answer from the handbook.")


def program(folder: Path) -> Callable[[], None]:
    def run() -> None:
        agent = didagents.Agent(
            "support",
            name="support",
            presenter=CLIP,
            llm=LLM,
            release=didagents.ReleaseArgs(
                documents=[
                    didagents.ReleaseDocumentArgs(
                        source_url=(folder / "handbook.md").as_uri(), title="Handbook"
                    )
                ],
                cases_file=str(folder / "cases.yaml"),
            ),
        )
        pulumi.export("agent_id", agent.agent_id)

    return run


def live_knowledge(engine: EngineEnv) -> str:
    (agent,) = engine.list_account()["agents"]
    return str(agent["knowledge"]["id"])


class ChatLoop(threading.Thread):
    """Asks the live agent a question both releases answer, again and again, recording each answer's
    sources (the knowledge bases its matches come from) and whether it held the fact."""

    def __init__(self, engine: EngineEnv, agent_id: str) -> None:
        super().__init__(daemon=True)
        self.engine, self.agent_id = engine, agent_id
        self.stop = threading.Event()
        self.answers: list[tuple[frozenset[str], bool]] = []

    def run(self) -> None:
        while not self.stop.is_set():
            answer = self.engine.ask(self.agent_id, "How long is the warranty?")
            sources = frozenset(m["knowledge_id"] for m in answer["matches"])
            self.answers.append((sources, "37-month" in answer["result"]))


def test_releases_ship_behind_the_gate_and_roll_back_in_one_step(engine: EngineEnv, tmp_path: Path) -> None:
    folder, project = tmp_path / "docs", tmp_path / "project"
    folder.mkdir()
    project.mkdir()
    (project / "Pulumi.yaml").write_text("name: e2e\nruntime: python\n")
    (folder / "handbook.md").write_text(HANDBOOK)
    (folder / "cases.yaml").write_text(CASES)
    stack = engine.stack(program(folder), work_dir=project)
    agent_id = stack.up().outputs["agent_id"].value
    first = live_knowledge(engine)

    # A new release: previewed as an update of the agent, shipped beside the live knowledge base.
    (folder / "handbook.md").write_text(HANDBOOK + EDIT)
    events = Events()
    stack.preview(on_event=events)
    op, changed = events.steps()["support"]
    assert op == "update" and any(path.startswith("release") for path in changed), events.steps()
    loop = ChatLoop(engine, agent_id)
    loop.start()
    try:
        result = stack.up()
    finally:
        loop.stop.set()
        loop.join()
    assert result.summary.resource_changes == {"update": 1, "same": 1}
    second = live_knowledge(engine)
    assert second != first
    assert loop.answers, "the chat loop ran during the release"
    assert all(len(sources) == 1 and sources <= {first, second} for sources, _ in loop.answers), loop.answers
    assert all(held for _, held in loop.answers), "a fact both releases hold was answered every time"
    assert len(engine.list_account()["agents"]) == 1, "the candidate agent is gone"
    stack.preview(expect_no_changes=True)

    # A release that loses a fact fails its gate: nothing live changes.
    (folder / "handbook.md").write_text("# Handbook\n\nA full charge takes 140 minutes.\n")
    with pytest.raises(auto.CommandError) as failure:
        stack.up()
    assert "failed its gate, 1 of 2 case(s): warranty" in str(failure.value)
    assert live_knowledge(engine) == second
    assert "37-month" in engine.ask(agent_id, "How long is the warranty?")["result"]
    assert len(engine.list_account()["agents"]) == 1 and len(engine.list_account()["knowledge"]) == 2
    (folder / "handbook.md").write_text(HANDBOOK + EDIT)  # reverted
    stack.preview(expect_no_changes=True)

    # Listing, then a rollback outside `pulumi up`, pinned so that `up` keeps it.
    listed = engine.did_agents("releases", "dev", cwd=project)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.count("passed 2/2") == 2 and first in listed.stdout and second in listed.stdout
    rolled = engine.did_agents("rollback", "dev", cwd=project)
    assert rolled.returncode == 0, rolled.stderr
    assert "pinned with didagents:releasePins.support" in rolled.stdout
    assert live_knowledge(engine) == first
    events = Events()
    stack.up(on_event=events)
    assert live_knowledge(engine) == first, "up did not switch forward again"
    assert "release pinned to r-" in events.diagnostics()
    stack.preview(expect_no_changes=True)
    orphans = engine.did_agents("orphans", "--stack", "dev", cwd=project)
    assert orphans.returncode == 0, orphans.stdout + orphans.stderr

    stack.destroy()
    account = engine.list_account()
    assert account == {"agents": [], "knowledge": [], "documents": []}
