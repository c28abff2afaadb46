"""``ConversationTest``: cases run on create and update; failures fail the deployment, not the agent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pulumi_did_agents.core import ConversationTestCore, ProviderError

from .conftest import EMULATOR, Cores, agent_inputs, urn

HANDBOOK = "# Warranty\n\nEvery R2 robot comes with a 37-month limited warranty.\n"
PASSING = """
cases:
  - name: warranty
    turns:
      - user: How long is the warranty?
        facts: ["37-month"]
        citations: ["Handbook"]
"""
FAILING = """
cases:
  - name: warranty
    turns:
      - user: How long is the warranty?
        facts: ["99-month"]
"""


@pytest.fixture
def agent_id(cores: Cores, tmp_path: Path) -> str:
    path = tmp_path / "handbook.md"
    path.write_text(HANDBOOK)
    kb_id = cores.make_kb()
    cores.make_doc(kb_id, path)
    agent = cores.agent.create(
        cores.checked(cores.agent, agent_inputs(knowledge_id=kb_id)), urn=urn("Agent", "a")
    )
    return agent.id


def core(cores: Cores) -> ConversationTestCore:
    return ConversationTestCore(cores.session)


def test_passing_cases_create_the_test(cores: Cores, agent_id: str, tmp_path: Path) -> None:
    cases = tmp_path / "conversations.yaml"
    cases.write_text(PASSING)
    inputs = cores.checked(core(cores), {"agent_id": agent_id, "cases_file": str(cases)})
    assert inputs["cases_hash"].startswith("sha256:")
    created = core(cores).create(inputs, urn=urn("ConversationTest", "gate"))
    assert created.outputs["passed"] is True and created.outputs["total_cases"] == 1
    assert created.outputs["summary"] == "warranty: passed (1.00)"


def test_failing_cases_fail_with_reasons_and_leave_the_agent(cores: Cores, agent_id: str) -> None:
    inputs: dict[str, Any] = cores.checked(
        core(cores),
        {
            "agent_id": agent_id,
            "cases": {
                "cases": [
                    {
                        "name": "warranty",
                        "turns": [{"user": "How long is the warranty?", "facts": ["99-month"]}],
                    }
                ]
            },
        },
    )
    with pytest.raises(ProviderError) as caught:
        core(cores).create(inputs, urn=urn("ConversationTest", "gate"))
    message = str(caught.value)
    assert message.startswith(f"ConversationTest: 1 of 1 case(s) failed on agent {agent_id}")
    assert "99-month" in message and "\n" not in message
    assert [a.id for a in cores.account()["agents"]] == [agent_id]


def test_editing_the_cases_is_a_change_that_runs_them_again(
    cores: Cores, agent_id: str, tmp_path: Path
) -> None:
    cases = tmp_path / "conversations.yaml"
    cases.write_text(PASSING)
    before = cores.checked(core(cores), {"agent_id": agent_id, "cases_file": str(cases)})
    cases.write_text(FAILING)
    after = cores.checked(core(cores), {"agent_id": agent_id, "cases_file": str(cases)})
    plan = core(cores).diff(before, after)
    assert set(plan.detailed) == {"cases_hash"} and not plan.replaces
    with pytest.raises(ProviderError, match="99-month"):
        core(cores).update("ct_x", before, after, urn=urn("ConversationTest", "gate"))


def test_bad_cases_are_refused_at_preview(cores: Cores, tmp_path: Path) -> None:
    cases = tmp_path / "conversations.yaml"
    cases.write_text("cases:\n  - name: x\n    turns:\n      - user: hi\n        fact: [a]\n")
    failures = core(cores).check({}, {"agent_id": "agt_1", "cases_file": str(cases)}).failures
    assert (
        len(failures) == 1
        and failures[0].path == "cases_file"
        and "did you mean 'facts'" in failures[0].reason
    )
    both = core(cores).check({}, {"agent_id": "agt_1", "cases_file": str(cases), "cases": {"cases": []}})
    assert [str(f) for f in both.failures] == ["cases: give either cases_file or cases, not both"]


CASES: dict[str, Any] = {"cases": [{"name": "hi", "turns": [{"user": "Hello?"}]}]}
TRIGGER_SHAPES: list[Any] = [
    "sha256:abc",
    7,
    2.5,
    True,
    ["doc_1", "doc_2"],
    {"handbook": "sha256:abc"},
    {"docs": ["doc_1", {"hash": "sha256:abc", "pages": [1, 2]}], "rev": 3},
]


@pytest.mark.parametrize("triggers", TRIGGER_SHAPES, ids=lambda t: type(t).__name__)
def test_triggers_take_any_json_value(triggers: Any) -> None:
    """The README's "any values": a string, a number, a list, a map or nested, kept as given."""
    core_ = ConversationTestCore(EMULATOR)
    result = core_.check({}, {"agent_id": "agt_1", "cases": CASES, "triggers": triggers})
    assert result.failures == []
    assert result.inputs["triggers"] == triggers
    assert type(result.inputs["triggers"]) is type(triggers)  # a map stays a map, a list a list


@pytest.mark.parametrize("triggers", TRIGGER_SHAPES, ids=lambda t: type(t).__name__)
def test_changed_triggers_of_any_shape_run_the_cases_again(triggers: Any) -> None:
    core_ = ConversationTestCore(EMULATOR)
    base = {"agent_id": "agt_1", "cases": CASES}
    old = core_.check({}, {**base, "triggers": triggers}).inputs
    assert not core_.diff(old, core_.check(old, {**base, "triggers": triggers}).inputs).changes
    for changed in (["other"], {"other": 1}, "other", [triggers]):
        plan = core_.diff(old, core_.check(old, {**base, "triggers": changed}).inputs)
        assert set(plan.detailed) == {"triggers"} and not plan.replaces, changed
    removed = core_.diff(old, core_.check(old, base).inputs)
    assert removed.detailed["triggers"].kind == "delete"


def test_a_list_trigger_change_is_seen_element_by_element() -> None:
    core_ = ConversationTestCore(EMULATOR)
    base = {"agent_id": "agt_1", "cases": CASES}
    old = core_.check({}, {**base, "triggers": ["doc_1", "doc_2"]}).inputs
    same = core_.check(old, {**base, "triggers": ["doc_1", "doc_2"]}).inputs
    reordered = core_.check(old, {**base, "triggers": ["doc_2", "doc_1"]}).inputs
    added = core_.check(old, {**base, "triggers": ["doc_1", "doc_2", "doc_3"]}).inputs
    assert not core_.diff(old, same).changes
    assert core_.diff(old, reordered).changed_keys == ["triggers"]
    assert core_.diff(old, added).changed_keys == ["triggers"]


def test_state_with_a_map_of_triggers_keeps_working() -> None:
    """Stacks deployed before ``triggers`` took any value hold a map: no diff, and it stays a map."""
    core_ = ConversationTestCore(EMULATOR)
    program = {"agent_id": "agt_1", "cases": CASES, "triggers": {"handbook": "sha256:abc"}}
    state = {**core_.check({}, program).inputs, "test_id": "ct_1", "passed": True}
    news = core_.check(state, program)
    assert not core_.diff(state, news.inputs).changes
    read = core_.read("ct_1", core_.known_inputs(state), state)
    assert read is not None and read.inputs["triggers"] == {"handbook": "sha256:abc"}
