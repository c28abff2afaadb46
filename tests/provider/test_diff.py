"""Diff rules from the declarations: update vs replace per property, stables, delete-before-replace."""

from __future__ import annotations

from typing import Any

from pulumi_did_agents.core import UNKNOWN, AgentCore, ClientKeyCore, DocumentCore, KnowledgeBaseCore
from pulumi_did_agents.core.shapes import PropertyChange

from .conftest import CLIP_PRESENTER, EMULATOR, TALK_PRESENTER, agent_inputs, checked


def test_identical_inputs_give_no_diff_and_keep_everything_stable() -> None:
    core = AgentCore(EMULATOR)
    inputs = checked(core, agent_inputs())
    plan = core.diff(inputs, inputs)
    assert not plan.changes and plan.detailed == {} and plan.replaces == []
    assert {"agent_id", "created", "name", "presenter"} <= set(plan.stables)


def test_state_outputs_are_never_compared() -> None:
    core = AgentCore(EMULATOR)
    inputs = checked(core, agent_inputs())
    state = {**inputs, "agent_id": "agt_1", "status": "done", "__provider": "blob"}
    assert not core.diff(state, inputs).changes


def test_nested_change_is_a_detailed_in_place_update() -> None:
    core = AgentCore(EMULATOR)
    old = checked(core, agent_inputs())
    new = checked(core, agent_inputs(llm={**old["llm"], "instructions": "Answer in one sentence."}))
    plan = core.diff(old, new)
    assert plan.detailed == {"llm.instructions": PropertyChange("update", replace=False)}
    assert plan.replaces == [] and not plan.delete_before_replace
    assert "agent_id" in plan.stables and "llm" not in plan.stables and "name" in plan.stables


def test_added_and_removed_fields() -> None:
    core = AgentCore(EMULATOR)
    old = checked(core, agent_inputs(description=None))
    new = checked(core, agent_inputs(user_data=None))
    assert core.diff(old, new).detailed == {
        "description": PropertyChange("add", replace=False),
        "user_data": PropertyChange("delete", replace=False),
    }


def test_presenter_type_change_replaces_deleting_first() -> None:
    core = AgentCore(EMULATOR)
    old = checked(core, agent_inputs(presenter=TALK_PRESENTER))
    new = checked(core, agent_inputs(presenter=CLIP_PRESENTER))
    plan = core.diff(old, new)
    assert plan.detailed["presenter.type"] == PropertyChange("update", replace=True)
    assert plan.replaces == ["presenter"] and plan.delete_before_replace
    assert plan.stables == ()


def test_presenter_voice_change_is_in_place() -> None:
    core = AgentCore(EMULATOR)
    old = checked(core, agent_inputs())
    voice = {"type": "microsoft", "voice_id": "en-US-GuyNeural"}
    plan = core.diff(old, checked(core, agent_inputs(presenter={**CLIP_PRESENTER, "voice": voice})))
    assert plan.detailed == {"presenter.voice.voice_id": PropertyChange("update", replace=False)}


def test_unknown_values_count_as_changes_and_an_unknown_presenter_may_replace() -> None:
    core = AgentCore(EMULATOR)
    old = checked(core, agent_inputs(knowledge_id="knl_1"))
    plan = core.diff(old, agent_inputs(knowledge_id=UNKNOWN))
    assert plan.detailed == {"knowledge_id": PropertyChange("update", replace=False)}
    plan = core.diff(old, {**old, "presenter": UNKNOWN})
    assert plan.detailed == {"presenter": PropertyChange("update", replace=True)}
    plan = core.diff(old, {**old, "presenter": {**old["presenter"], "type": UNKNOWN}})
    assert plan.detailed == {"presenter.type": PropertyChange("update", replace=True)}


def test_adopt_id_never_causes_a_diff() -> None:
    core = AgentCore(EMULATOR)
    old = checked(core, agent_inputs(adopt_id="agt_1"))
    assert not core.diff(old, checked(core, agent_inputs())).changes


def test_knowledge_base_updates_in_place() -> None:
    core = KnowledgeBaseCore(EMULATOR)
    plan = core.diff({"name": "a", "description": "d"}, {"name": "b", "description": "d"})
    assert plan.detailed == {"name": PropertyChange("update", replace=False)}
    assert "knowledge_id" in plan.stables


def test_every_document_input_replaces_deleting_first() -> None:
    core = DocumentCore(EMULATOR)
    old = checked(core, {"knowledge_id": "knl_1", "source_url": "https://x/a.md", "title": "A"})
    for change in (
        {"title": "B"},
        {"source_url": "https://x/b.md"},
        {"knowledge_id": "knl_2"},
        {"webhook": "https://hooks.example/doc"},
        {"version": "2"},
        {"content_hash": "sha256:" + "0" * 64},
    ):
        plan = core.diff(old, checked(core, {**old, **change}))
        assert plan.changes and plan.replaces == [next(iter(change))], change
        assert plan.delete_before_replace


def test_document_type_inferred_again_is_no_change() -> None:
    core = DocumentCore(EMULATOR)
    news = {"knowledge_id": "knl_1", "source_url": "https://x/a.pdf", "title": "A"}
    assert not core.diff(checked(core, news), checked(core, news)).changes


def test_client_key_domains_update_in_place_and_a_new_agent_replaces() -> None:
    core = ClientKeyCore(EMULATOR)
    old = checked(core, {"agent_id": "agt_1", "allowed_domains": ["https://a.example"]})
    plan = core.diff(old, {**old, "allowed_domains": ["https://b.example"]})
    assert plan.detailed == {"allowed_domains": PropertyChange("update", replace=False)}
    assert "client_key" in plan.stables and "key_id" in plan.stables
    assert core.diff(old, {**old, "agent_id": "agt_2"}).replaces == ["agent_id"]


def test_a_local_file_at_another_path_with_the_same_bytes_is_the_same_document(tmp_path: Any) -> None:
    core = DocumentCore(EMULATOR)
    first, second = tmp_path / "a", tmp_path / "b"
    for folder in (first, second):
        folder.mkdir()
        (folder / "faq.md").write_text("Returns within 30 days.\n")
    old = checked(core, {"knowledge_id": "knl_1", "source_url": (first / "faq.md").as_uri(), "title": "FAQ"})
    moved = checked(core, {**old, "source_url": (second / "faq.md").as_uri()})
    assert not core.diff(old, moved).changes
    (second / "faq.md").write_text("Returns within 60 days.\n")
    edited = checked(core, {**old, "source_url": (second / "faq.md").as_uri()})
    assert "content_hash" in core.diff(old, edited).replaces


def test_a_default_declared_later_is_no_change_for_state_written_before_it() -> None:
    """``ClientKey.expose_key`` gained its declared default; states without it must preview clean."""
    core = ClientKeyCore(EMULATOR)
    old = {"agent_id": "agt_1", "allowed_domains": ["https://a.example"]}
    new = checked(core, dict(old))
    assert new["expose_key"] is True
    assert not core.diff(old, new).changes
    assert core.diff(old, {**new, "expose_key": False}).changed_keys == ["expose_key"]
