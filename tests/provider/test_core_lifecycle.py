"""The four cores against the real emulator: create, refresh, drift, update, delete, adoption."""

from __future__ import annotations

from pathlib import Path

import pytest

from pulumi_did_agents.client import NotFoundError
from pulumi_did_agents.core import ProviderError
from pulumi_did_agents.core.markers import marker_for

from .conftest import CLIP_PRESENTER, OWNER, Cores, agent_inputs, checked, urn

# --- agents -------------------------------------------------------------------------------------


def test_agent_create_waits_until_ready_and_marks_ownership(cores: Cores) -> None:
    inputs = cores.checked(cores.agent, agent_inputs())
    created = cores.agent.create(inputs, urn=urn("Agent", "ada"))
    assert created.id.startswith("agt_") and created.outputs["agent_id"] == created.id
    assert created.outputs["status"] in ("done", "ready")
    assert "client_key" not in created.outputs
    with cores.api() as client:
        live = client.agents.get(created.id)
    assert live.preview_description == f"Support agent [pulumi:{marker_for(OWNER, urn('Agent', 'ada'))}]"


def test_no_diff_after_create_and_after_refresh(cores: Cores) -> None:
    inputs = cores.checked(cores.agent, agent_inputs())
    created = cores.agent.create(inputs, urn=urn("Agent", "ada"))
    state = {**inputs, **created.outputs}
    read = cores.agent.read(created.id, inputs, state)
    assert read is not None
    assert read.inputs == inputs, "refresh must rebuild exactly the declared inputs"
    assert not cores.agent.diff(read.inputs, inputs).changes


def test_refresh_sees_out_of_band_edits_and_update_restores_them(cores: Cores) -> None:
    inputs = cores.checked(cores.agent, agent_inputs())
    created = cores.agent.create(inputs, urn=urn("Agent", "ada"))
    with cores.api() as client:
        client.agents.update(created.id, {"preview_name": "Hijacked", "greetings": ["Yo"]})
    read = cores.agent.read(created.id, inputs, {**inputs, **created.outputs})
    assert read is not None and read.inputs["name"] == "Hijacked"
    plan = cores.agent.diff(read.inputs, inputs)
    assert set(plan.detailed) == {"name", "greetings"} and not plan.replaces
    cores.agent.update(created.id, {**read.inputs, **read.outputs}, inputs, urn=urn("Agent", "ada"))
    with cores.api() as client:
        live = client.agents.get(created.id)
    assert live.preview_name == "Ada" and live.greetings == ["Hi!"]


def test_update_clears_fields_no_longer_declared(cores: Cores) -> None:
    kb_id = cores.make_kb()
    inputs = cores.checked(cores.agent, agent_inputs(knowledge_id=kb_id))
    created = cores.agent.create(inputs, urn=urn("Agent", "ada"))
    without = cores.checked(cores.agent, agent_inputs())
    cores.agent.update(created.id, {**inputs, **created.outputs}, without, urn=urn("Agent", "ada"))
    with cores.api() as client:
        assert client.agents.get(created.id).knowledge is None


def test_write_only_fields_are_kept_on_refresh(cores: Cores) -> None:
    llm = {"provider": "custom", "custom": {"url": "https://llm.example/v1", "key": "sk-write-only"}}
    inputs = cores.checked(cores.agent, agent_inputs(llm=llm))
    created = cores.agent.create(inputs, urn=urn("Agent", "ada"))
    with cores.api() as client:
        live = client.agents.get(created.id).model_dump(mode="json")
    assert "sk-write-only" not in str(live) and "tier=gold" not in str(live)
    read = cores.agent.read(created.id, inputs, {**inputs, **created.outputs})
    assert read is not None and read.inputs == inputs


def test_deleted_out_of_band_is_gone_and_delete_is_idempotent(cores: Cores) -> None:
    inputs = cores.checked(cores.agent, agent_inputs())
    created = cores.agent.create(inputs, urn=urn("Agent", "ada"))
    cores.agent.delete(created.id, inputs, created.outputs)
    cores.agent.delete(created.id, inputs, created.outputs)
    assert cores.agent.read(created.id, inputs, created.outputs) is None


def test_import_rebuilds_inputs_from_the_live_agent(cores: Cores) -> None:
    inputs = cores.checked(cores.agent, agent_inputs(user_data=None))
    created = cores.agent.create(inputs, urn=urn("Agent", "ada"))
    imported = cores.agent.read(created.id, {}, {})
    assert imported is not None
    assert not cores.agent.diff(imported.inputs, inputs).changes


def test_adopt_patches_an_existing_agent(cores: Cores) -> None:
    with cores.api() as client:
        existing = client.agents.create({"presenter": CLIP_PRESENTER, "preview_name": "Old"})
    inputs = cores.checked(cores.agent, agent_inputs(adopt_id=existing.id))
    created = cores.agent.create(inputs, urn=urn("Agent", "ada"))
    assert created.id == existing.id
    assert [a.preview_name for a in cores.account()["agents"]] == ["Ada"]


def test_adopt_of_a_missing_agent_fails_at_preview_and_at_create(cores: Cores) -> None:
    result = cores.agent.check({}, agent_inputs(adopt_id="agt_missing1"))
    assert [str(f) for f in result.failures] == ["adopt_id: agent agt_missing1 does not exist"]
    with pytest.raises(ProviderError, match="adopt_id: agent agt_missing1 does not exist"):
        cores.agent.create(result.inputs, urn=urn("Agent", "ada"))
    assert cores.account()["agents"] == []


def test_api_refusal_is_one_line_in_the_users_words(cores: Cores) -> None:
    inputs = cores.checked(cores.agent, agent_inputs())
    inputs["knowledge_id"] = "knl_doesNotExist1"  # as if checked before the knowledge base vanished
    with pytest.raises(ProviderError) as caught:
        cores.agent.create(inputs, urn=urn("Agent", "ada"))
    message = str(caught.value)
    assert message.startswith("Agent create: knowledge_id: 400 ") and "\n" not in message
    assert cores.emulator.api_key not in message
    assert cores.account()["agents"] == []


# --- knowledge bases and documents --------------------------------------------------------------


def test_knowledge_base_lifecycle_and_drift(cores: Cores) -> None:
    inputs = cores.checked(cores.kb, {"name": "Handbook", "description": "Product handbook"})
    created = cores.kb.create(inputs, urn=urn("KnowledgeBase", "kb"))
    read = cores.kb.read(created.id, inputs, created.outputs)
    assert read is not None and read.inputs == inputs
    with cores.api() as client:
        client.knowledge.update(created.id, {"name": "Renamed"})
    drifted = cores.kb.read(created.id, inputs, created.outputs)
    assert drifted is not None and drifted.inputs["name"] == "Renamed"
    cores.kb.update(created.id, drifted.inputs, inputs, urn=urn("KnowledgeBase", "kb"))
    restored = cores.kb.read(created.id, inputs, created.outputs)
    assert restored is not None and restored.inputs == inputs
    cores.kb.delete(created.id, inputs, created.outputs)
    assert cores.kb.read(created.id, inputs, created.outputs) is None


def test_document_lifecycle(cores: Cores, tmp_path: Path) -> None:
    path = tmp_path / "handbook.md"
    path.write_text("The R2 robot has a 37-month warranty.\n")
    kb_id = cores.make_kb()
    inputs = cores.checked(
        cores.doc, {"knowledge_id": kb_id, "source_url": path.as_uri(), "title": "Handbook"}
    )
    created = cores.doc.create(inputs, urn=urn("Document", "doc"))
    assert created.id.startswith(f"{kb_id}#doc_") and created.outputs["status"] == "done"
    read = cores.doc.read(created.id, inputs, created.outputs)
    assert read is not None and read.inputs == inputs
    with cores.api() as client:
        live = client.documents.get(kb_id, created.id)
    assert live.source_url == f"{path.as_uri()}#pulumi={marker_for(OWNER, urn('Document', 'doc'))}"
    cores.doc.delete(created.id, inputs, created.outputs)
    assert cores.doc.read(created.id, inputs, created.outputs) is None


def test_failed_ingestion_is_reported_and_removed(cores: Cores, content_server: str) -> None:
    kb_id = cores.make_kb()
    inputs = cores.checked(
        cores.doc, {"knowledge_id": kb_id, "source_url": f"{content_server}/empty.txt", "title": "Empty"}
    )
    with pytest.raises(ProviderError) as caught:
        cores.doc.create(inputs, urn=urn("Document", "doc"))
    assert "failed" in str(caught.value) and "it was deleted" in str(caught.value)
    assert cores.account()["documents"] == []


def test_document_is_gone_with_its_knowledge_base(cores: Cores, tmp_path: Path) -> None:
    path = tmp_path / "handbook.md"
    path.write_text("Warranty: 37 months.\n")
    kb_id = cores.make_kb()
    doc_id = cores.make_doc(kb_id, path)
    with cores.api() as client:
        client.knowledge.delete(kb_id)
    assert cores.doc.read(doc_id, {}, {}) is None


def test_agent_answers_from_an_ingested_document(cores: Cores, tmp_path: Path) -> None:
    path = tmp_path / "handbook.md"
    path.write_text("# Warranty\n\nEvery R2 robot comes with a 37-month limited warranty.\n")
    kb_id = cores.make_kb()
    doc_id = cores.make_doc(kb_id, path)
    agent = cores.agent.create(
        cores.checked(cores.agent, agent_inputs(knowledge_id=kb_id)), urn=urn("Agent", "a")
    )
    with cores.api() as client:
        chat = client.chats.create(agent.id)
        reply = client.chats.send_message(agent.id, chat.id, "How long is the warranty?")
    assert "37-month" in (reply.result or "")
    assert reply.matches and reply.matches[0].document_id == doc_id


# --- client keys --------------------------------------------------------------------------------


def test_client_key_lifecycle_never_exposes_the_key_in_its_id(cores: Cores) -> None:
    agent = cores.agent.create(cores.checked(cores.agent, agent_inputs()), urn=urn("Agent", "a"))
    inputs = cores.checked(
        cores.key, {"agent_id": agent.id, "allowed_domains": ["http://localhost:8000"], "name": "web"}
    )
    created = cores.key.create(inputs, urn=urn("ClientKey", "web"))
    key = created.outputs["client_key"]
    assert key and key not in created.id and created.id.startswith(f"{agent.id}/")
    read = cores.key.read(created.id, inputs, created.outputs)
    assert read is not None and read.inputs == inputs and read.outputs["client_key"] == key
    by_name = cores.key.read(f"{agent.id}/web", {}, {})
    assert by_name is not None and by_name.id == created.id

    wider = {**inputs, "allowed_domains": ["http://localhost:8000", "https://www.example.com"]}
    cores.key.update(created.id, {**inputs, **created.outputs}, wider, urn=urn("ClientKey", "web"))
    with cores.api() as client:
        assert client.client_keys.list(agent.id)[0].allowed_domains == wider["allowed_domains"]

    cores.key.delete(created.id, inputs, created.outputs)
    cores.key.delete(created.id, inputs, created.outputs)
    with cores.api() as client:
        assert client.client_keys.list(agent.id) == []


def test_client_key_of_a_deleted_agent_is_gone(cores: Cores) -> None:
    agent = cores.agent.create(cores.checked(cores.agent, agent_inputs()), urn=urn("Agent", "a"))
    inputs = cores.checked(cores.key, {"agent_id": agent.id, "allowed_domains": ["*"]})
    created = cores.key.create(inputs, urn=urn("ClientKey", "k"))
    with cores.api() as client:
        client.agents.delete(agent.id)
        with pytest.raises(NotFoundError):
            client.agents.get(agent.id)
    assert cores.key.read(created.id, inputs, created.outputs) is None
    cores.key.delete(created.id, inputs, created.outputs)  # already gone: done


def test_a_fractional_max_response_length_the_schema_allows_deploys(cores: Cores) -> None:
    """`max_response_length` is a number (a double in the docs contract): 75.5 passes check and up."""
    llm = {
        "provider": "openai",
        "model": "gpt-4o-mini",
        "prompt_customization": {"max_response_length": 75.5},
    }
    inputs = checked(cores.agent, agent_inputs(llm=llm))
    created = cores.agent.create(inputs, urn=urn("Agent", "fraction"))
    live = cores.api().agents.get(created.id)
    assert live.llm is not None and live.llm.prompt_customization is not None
    assert live.llm.prompt_customization.max_response_length == 75.5
    read = cores.agent.read(created.id, inputs, created.outputs)
    assert read is not None and not cores.agent.diff(inputs, read.inputs).changes


def test_a_stack_that_holds_an_object_marked_by_another_re_marks_it_on_its_next_up(cores: Cores) -> None:
    """After `pulumi state move` (or from a version before owner ids), the holder's diff plans an
    update of `owner_marker`, and the update makes the object carry the holder's marker."""
    from pulumi_did_agents.core import AgentCore, Session
    from pulumi_did_agents.core.markers import marker_in_text

    from .conftest import settings_for

    made_here = urn("Agent", "moved")
    inputs = checked(cores.agent, agent_inputs())
    created = cores.agent.create(inputs, urn=made_here)
    state = {**inputs, **created.outputs}
    assert state["owner_marker"] == marker_for(OWNER, made_here)
    assert not cores.agent.diff(state, inputs, urn=made_here).changes

    holder = AgentCore(Session(settings_for(cores.emulator, owner="tests.other.0000beef")))
    moved_to = urn("Agent", "moved", stack="other")
    plan = holder.diff(state, inputs, urn=moved_to)
    assert list(plan.detailed) == ["owner_marker"] and not plan.replaces
    legacy = {**state, "owner_marker": "1a2b3c4d5e6f"}  # as refresh reads a marker of an older version
    assert list(cores.agent.diff(legacy, inputs, urn=made_here).detailed) == ["owner_marker"]
    renamed = urn("Agent", "moved", stack="renamed")  # same owner, another URN: nothing to re-mark
    assert not cores.agent.diff(state, inputs, urn=renamed).changes
    unmarked = {k: v for k, v in state.items() if k != "owner_marker"}  # imported, or not refreshed
    assert not cores.agent.diff(unmarked, inputs, urn=made_here).changes

    outputs = holder.update(created.id, state, inputs, urn=moved_to)
    assert outputs["owner_marker"] == marker_for("tests.other.0000beef", moved_to)
    live = cores.api().agents.get(created.id)
    assert marker_in_text(live.preview_description) == outputs["owner_marker"]
    assert not holder.diff({**state, **outputs}, inputs, urn=moved_to).changes
