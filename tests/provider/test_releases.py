"""Blue/green releases of an agent's knowledge, on the core against the real emulator: build beside
the live knowledge base, gate on a candidate, switch with one PATCH, keep and prune, pin, delete."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from pulumi_did_agents.client import ChatMessage, Client
from pulumi_did_agents.core import ProviderError, Session
from pulumi_did_agents.core.releases import LIVE_RELEASE, RELEASES, Releaser, release_id

from .conftest import Cores, agent_inputs, urn

AGENT = urn("Agent", "support")

CASES = {
    "cases": [
        {"name": "warranty", "turns": [{"user": "How long is the warranty?", "facts": ["37-month"]}]},
        {
            "name": "charging",
            "turns": [{"user": "How long does a full charge take?", "facts": ["140 minutes"]}],
        },
    ]
}


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text)
    return path


@pytest.fixture
def handbook(tmp_path: Path) -> Path:
    return write(
        tmp_path,
        "handbook.md",
        "# Handbook\n\nThe warranty lasts 37-month from delivery.\n\nA full charge takes 140 minutes.\n",
    )


def release_inputs(cores: Cores, *paths: Path, **release: Any) -> dict[str, Any]:
    documents = [{"source_url": p.as_uri(), "title": p.stem.capitalize()} for p in paths]
    news = agent_inputs(name="Support", release={"documents": documents, "cases": CASES, **release})
    return cores.checked(cores.agent, news)


def ask(client: Client, agent_id: str, question: str) -> tuple[str, set[str]]:
    chat = client.chats.create(agent_id)
    answer = client.chats.send_message(agent_id, chat.id, [ChatMessage.new("user", question)])
    return answer.result or "", {m.knowledge_id for m in answer.matches if m.knowledge_id}


def test_create_builds_the_release_gates_it_and_records_it(cores: Cores, handbook: Path) -> None:
    inputs = release_inputs(cores, handbook)
    created = cores.agent.create(inputs, urn=AGENT)
    releases = created.outputs[RELEASES]
    assert created.outputs[LIVE_RELEASE] == release_id(inputs["release"]) == releases[0]["id"]
    assert releases[0]["gate"]["passed"] and releases[0]["gate"]["cases"] == 2
    assert releases[0]["documents"][0]["content_hash"].startswith("sha256:")
    with cores.api() as client:
        live = client.agents.get(created.id)
        assert live.knowledge is not None and live.knowledge.id == releases[0]["knowledge_id"]
        _, sources = ask(client, created.id, "How long is the warranty?")
    assert sources == {releases[0]["knowledge_id"]}
    account = cores.account()
    assert [a.id for a in account["agents"]] == [created.id], "the candidate (here: the agent) is all"
    read = cores.agent.read(created.id, inputs, {**inputs, **created.outputs})
    assert read is not None and read.inputs == inputs
    assert not cores.agent.diff({**read.inputs, **read.outputs}, inputs, urn=AGENT).changes


def test_a_document_change_ships_a_new_knowledge_base_and_keeps_the_previous(
    cores: Cores, handbook: Path, tmp_path: Path
) -> None:
    first = release_inputs(cores, handbook)
    created = cores.agent.create(first, urn=AGENT)
    state = {**first, **created.outputs}
    write(tmp_path, "handbook.md", handbook.read_text() + "\nSupport answers at support@acme.example.\n")
    second = release_inputs(cores, handbook)
    plan = cores.agent.diff(state, second, urn=AGENT)
    assert plan.changes and set(plan.detailed) == {"release.documents"} and not plan.replaces
    outputs = cores.agent.update(created.id, state, second, urn=AGENT)
    old_kb, new_kb = (r["knowledge_id"] for r in outputs[RELEASES])
    assert outputs[LIVE_RELEASE] == release_id(second["release"]) != release_id(first["release"])
    assert old_kb == created.outputs[RELEASES][0]["knowledge_id"] and old_kb != new_kb
    account = cores.account()
    assert [a.id for a in account["agents"]] == [created.id], "the candidate agent was removed"
    assert {k.id for k in account["knowledge"]} == {old_kb, new_kb}, "one previous release is kept"
    with cores.api() as client:
        _, sources = ask(client, created.id, "How long does a full charge take?")
        assert client.agents.get(created.id).knowledge.id == new_kb  # type: ignore[union-attr]
    assert sources == {new_kb}


def test_a_failing_gate_changes_nothing_live_and_removes_the_candidate(
    cores: Cores, handbook: Path, tmp_path: Path
) -> None:
    first = release_inputs(cores, handbook)
    created = cores.agent.create(first, urn=AGENT)
    state = {**first, **created.outputs}
    live_kb = created.outputs[RELEASES][0]["knowledge_id"]
    original = handbook.read_text()
    write(tmp_path, "handbook.md", "# Handbook\n\nA full charge takes 140 minutes.\n")  # the warranty is lost
    broken = release_inputs(cores, handbook)
    with pytest.raises(ProviderError) as failure:
        cores.agent.update(created.id, state, broken, urn=AGENT)
    message = str(failure.value)
    assert "failed its gate, 1 of 2 case(s): warranty:" in message and "\n" not in message
    assert f"the live agent keeps release {created.outputs[LIVE_RELEASE]}" in message
    account = cores.account()
    assert [a.id for a in account["agents"]] == [created.id]
    assert [k.id for k in account["knowledge"]] == [live_kb]
    with cores.api() as client:
        text, sources = ask(client, created.id, "How long is the warranty?")
    assert "37-month" in text and sources == {live_kb}
    # the fix ships: the next update, from the same state, goes through
    write(tmp_path, "handbook.md", original + "\nThe docking station is included.\n")
    fixed = release_inputs(cores, handbook)
    outputs = cores.agent.update(created.id, state, fixed, urn=AGENT)
    assert outputs[LIVE_RELEASE] == release_id(fixed["release"])


def test_a_failed_candidate_is_kept_when_asked(cores: Cores, handbook: Path, tmp_path: Path) -> None:
    created = cores.agent.create(release_inputs(cores, handbook), urn=AGENT)
    state = {**release_inputs(cores, handbook), **created.outputs}
    write(tmp_path, "handbook.md", "# Handbook\n\nNothing useful.\n")
    with pytest.raises(ProviderError, match="kept for inspection: agt_"):
        cores.agent.update(created.id, state, release_inputs(cores, handbook, keep_candidate=True), urn=AGENT)
    assert len(cores.account()["agents"]) == 2


def test_keep_bounds_the_releases_and_older_ones_are_deleted(
    cores: Cores, handbook: Path, tmp_path: Path
) -> None:
    inputs = release_inputs(cores, handbook, keep=0)
    created = cores.agent.create(inputs, urn=AGENT)
    state = {**inputs, **created.outputs}
    for version in range(2):
        write(tmp_path, "handbook.md", handbook.read_text() + f"\nRevision {version}.\n")
        inputs = release_inputs(cores, handbook, keep=0)
        state = {**inputs, **state, **cores.agent.update(created.id, state, inputs, urn=AGENT)}
        assert len(state[RELEASES]) == 1
    assert [k.id for k in cores.account()["knowledge"]] == [state[RELEASES][0]["knowledge_id"]]


def test_a_pin_switches_back_without_rebuilding_and_holds(
    cores: Cores, handbook: Path, tmp_path: Path
) -> None:
    first = release_inputs(cores, handbook)
    created = cores.agent.create(first, urn=AGENT)
    write(tmp_path, "handbook.md", handbook.read_text() + "\nNew fact.\n")
    second = release_inputs(cores, handbook)
    state = {**second, **created.outputs}
    state.update(cores.agent.update(created.id, {**first, **created.outputs}, second, urn=AGENT))
    old = created.outputs[LIVE_RELEASE]
    pinned = dataclasses.replace(cores.session.settings, release_pins=(("support", old),))
    agent = type(cores.agent)(Session(pinned, client_options=dict(cores.session.client_options)))
    plan = agent.diff(state, second, urn=AGENT)
    assert set(plan.detailed) == {"release"} and not plan.replaces, "a pin is a change"
    knowledge_before = {k.id for k in cores.account()["knowledge"]}
    outputs = agent.update(created.id, state, second, urn=AGENT)
    assert outputs[LIVE_RELEASE] == old
    assert {k.id for k in cores.account()["knowledge"]} == knowledge_before, "nothing was rebuilt"
    with cores.api() as client:
        assert client.agents.get(created.id).knowledge.id == created.outputs[RELEASES][0]["knowledge_id"]  # type: ignore[union-attr]
    assert not agent.diff({**state, **outputs}, second, urn=AGENT).changes, "the pin holds"
    assert cores.agent.diff({**state, **outputs}, second, urn=AGENT).changes, "unpinned, it ships again"


def test_refresh_sees_a_hand_made_switch(cores: Cores, handbook: Path) -> None:
    inputs = release_inputs(cores, handbook)
    created = cores.agent.create(inputs, urn=AGENT)
    other = cores.make_kb("other")
    with cores.api() as client:
        client.agents.update(created.id, {"knowledge": {"id": other}})
    read = cores.agent.read(created.id, inputs, {**inputs, **created.outputs})
    assert read is not None and read.inputs["knowledge_id"] == other and read.outputs[LIVE_RELEASE] is None
    plan = cores.agent.diff({**read.inputs, **read.outputs}, inputs, urn=AGENT)
    assert "knowledge_id" in plan.detailed and not plan.replaces


def test_delete_removes_the_agent_and_every_release(cores: Cores, handbook: Path, tmp_path: Path) -> None:
    first = release_inputs(cores, handbook)
    created = cores.agent.create(first, urn=AGENT)
    write(tmp_path, "handbook.md", handbook.read_text() + "\nMore.\n")
    second = release_inputs(cores, handbook)
    outputs = cores.agent.update(created.id, {**first, **created.outputs}, second, urn=AGENT)
    cores.agent.delete(created.id, second, {**second, **outputs})
    account = cores.account()
    assert account["agents"] == [] and account["knowledge"] == [] and account["documents"] == []


def test_check_rejects_a_release_beside_a_knowledge_id_and_unparsable_cases(
    cores: Cores, handbook: Path
) -> None:
    doc = {"source_url": handbook.as_uri(), "title": "Handbook"}
    both = agent_inputs(knowledge_id="knl_x", release={"documents": [doc]})
    failures = [str(f) for f in cores.agent.check({}, both).failures]
    assert any(f.startswith("release: give knowledge_id or release, not both") for f in failures)
    bad_cases = agent_inputs(release={"documents": [doc], "cases": {"cases": "nope"}})
    failures = [str(f) for f in cores.agent.check({}, bad_cases).failures]
    assert len(failures) == 1 and failures[0].startswith("release.cases")
    missing = agent_inputs(release={"documents": [{**doc, "source_url": "file:///nowhere/x.md"}]})
    failures = [str(f) for f in cores.agent.check({}, missing).failures]
    assert len(failures) == 1 and failures[0].startswith("release.documents[0].source_url")


def test_settings_go_through_the_gate_when_asked(cores: Cores, handbook: Path) -> None:
    inputs = release_inputs(cores, handbook, gate_settings=True)
    created = cores.agent.create(inputs, urn=AGENT)
    state = {**inputs, **created.outputs}
    terse = {**inputs["llm"], "prompt_customization": {"max_response_length": 2}}  # loses the facts
    with pytest.raises(ProviderError, match="failed its gate"):
        cores.agent.update(created.id, state, {**inputs, "llm": terse}, urn=AGENT)
    with cores.api() as client:
        assert client.agents.get(created.id).llm.prompt_customization is None  # type: ignore[union-attr]
    reworded = {**inputs, "llm": {**inputs["llm"], "instructions": "Answer from the handbook, politely."}}
    outputs = cores.agent.update(created.id, state, reworded, urn=AGENT)
    assert outputs[RELEASES] == created.outputs[RELEASES], "a settings change is no new release"
    account = cores.account()
    assert len(account["agents"]) == 1 and len(account["knowledge"]) == 1
    with cores.api() as client:
        assert client.agents.get(created.id).llm.instructions == "Answer from the handbook, politely."  # type: ignore[union-attr]


def test_expect_fails_the_preview_unless_the_documents_make_that_release(
    cores: Cores, handbook: Path
) -> None:
    made = release_id(release_inputs(cores, handbook)["release"])
    news = agent_inputs(release={"documents": [{"source_url": handbook.as_uri(), "title": "Handbook"}]})
    news["release"]["expect"] = made
    assert cores.agent.check({}, news).failures == []
    news["release"]["expect"] = "r-000000000000"
    failures = [str(f) for f in cores.agent.check({}, news).failures]
    assert failures == [f"release.expect: the documents make release {made}, not the expected r-000000000000"]


def test_what_a_killed_release_left_is_swept_by_the_next_release_and_by_delete(
    cores: Cores, handbook: Path, tmp_path: Path
) -> None:
    first = release_inputs(cores, handbook)
    created = cores.agent.create(first, urn=AGENT)
    state = {**first, **created.outputs}

    def killed_release(text: str) -> None:
        """A release `up` killed after it built its knowledge base and started its candidate."""
        write(tmp_path, "handbook.md", text)
        abandoned = release_inputs(cores, handbook)
        releaser = Releaser(cores.agent, AGENT)
        rid = release_id(abandoned["release"])
        releaser.candidate(abandoned, releaser.build(abandoned, rid), rid)

    killed_release(handbook.read_text() + "\nAbandoned edit.\n")
    assert len(cores.account()["agents"]) == 2 and len(cores.account()["knowledge"]) == 2
    write(tmp_path, "handbook.md", handbook.read_text().replace("Abandoned edit.", "Another edit."))
    second = release_inputs(cores, handbook)
    outputs = cores.agent.update(created.id, state, second, urn=AGENT)
    account = cores.account()
    assert [a.id for a in account["agents"]] == [created.id], "the abandoned candidate was swept"
    assert {k.id for k in account["knowledge"]} == {r["knowledge_id"] for r in outputs[RELEASES]}

    other = cores.make_kb("someone-elses")  # not a release of this agent: never touched
    killed_release(handbook.read_text() + "\nYet another edit.\n")
    cores.agent.delete(created.id, second, {**second, **outputs}, urn=AGENT)
    account = cores.account()
    assert account["agents"] == [] and [k.id for k in account["knowledge"]] == [other]
