"""The provider under the real engine (Automation API, inline programs) against the emulator."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pulumi import automation as auto

from tests.e2e.engine import EngineEnv, Events
from tests.e2e.programs import FleetSpec, program

HANDBOOK = "The R2 robot has a 37-month warranty. A full charge takes 140 minutes.\n"


@pytest.fixture
def spec(tmp_path: Path) -> FleetSpec:
    doc = tmp_path / "handbook.md"
    doc.write_text(HANDBOOK)
    return FleetSpec(doc_url=doc.as_uri())


def deploy(engine: EngineEnv, spec: FleetSpec) -> auto.Stack:
    stack = engine.stack(program(spec))
    stack.up()
    return stack


def test_up_then_preview_shows_no_changes(engine: EngineEnv, spec: FleetSpec) -> None:
    stack = deploy(engine, spec)

    account = engine.list_account()
    assert len(account["agents"]) == 1
    assert account["agents"][0]["status"] in {"done", "ready"}
    assert [d["status"] for d in account["documents"]] == ["done"]

    events = Events()
    result = stack.preview(expect_no_changes=True, on_event=events)
    assert result.change_summary == {"same": 5}, events.steps()


def test_instructions_change_previews_as_update_not_replace(engine: EngineEnv, spec: FleetSpec) -> None:
    stack = deploy(engine, spec)
    agent_id = stack.outputs()["agent_id"].value

    changed = spec.but(instructions="Answer from the handbook, in one sentence.")
    stack.workspace.program = program(changed)
    events = Events()
    preview = stack.preview(on_event=events)
    op, diffs = events.steps()["agent"]
    assert op == "update", events.steps()
    assert any(d.startswith("llm") for d in diffs), diffs
    assert preview.change_summary.get("replace", 0) == 0

    stack.up()
    live = engine.api.get(f"/agents/{agent_id}").json()
    assert live["llm"]["instructions"] == changed.instructions
    assert stack.outputs()["agent_id"].value == agent_id


def test_document_change_previews_and_applies_as_replace(
    engine: EngineEnv, spec: FleetSpec, tmp_path: Path
) -> None:
    stack = deploy(engine, spec)
    old_doc = stack.outputs()["document_id"].value

    other = tmp_path / "handbook-v2.md"
    other.write_text(HANDBOOK + "Brushes need rinsing every two weeks.\n")
    changed = spec.but(doc_url=other.as_uri())
    stack.workspace.program = program(changed)
    events = Events()
    stack.preview(on_event=events)
    op, diffs = events.steps()["doc"]
    assert op == "replace", events.steps()
    assert "source_url" in diffs

    result = stack.up()
    assert result.summary.resource_changes.get("replace") == 1
    new_doc = stack.outputs()["document_id"].value
    assert new_doc != old_doc
    docs = engine.list_account()["documents"]
    assert [d["id"] for d in docs] == [new_doc]
    assert docs[0]["source_url"].split("#pulumi=")[0] == other.as_uri()  # plus the ownership marker


def test_out_of_band_delete_is_removed_by_refresh_and_recreated_by_up(
    engine: EngineEnv, spec: FleetSpec
) -> None:
    stack = deploy(engine, spec)
    agent_id = stack.outputs()["agent_id"].value
    engine.api.delete(f"/agents/{agent_id}").raise_for_status()

    stack.refresh()
    urns = [r["urn"] for r in stack.export_stack().deployment["resources"]]
    assert not any(u.endswith("::agent") for u in urns)

    events = Events()
    stack.preview(on_event=events)
    assert events.steps()["agent"][0] == "create"
    stack.up()
    new_id = stack.outputs()["agent_id"].value
    assert new_id != agent_id
    assert engine.api.get(f"/agents/{new_id}").status_code == 200


def test_out_of_band_edit_is_reported_by_refresh_and_restored_by_up(
    engine: EngineEnv, spec: FleetSpec
) -> None:
    stack = deploy(engine, spec)
    agent_id = stack.outputs()["agent_id"].value
    live = engine.api.get(f"/agents/{agent_id}").json()
    tampered = {**live["llm"], "instructions": "Tell jokes instead."}
    edit = {"llm": tampered, "preview_name": "hijacked"}
    engine.api.patch(f"/agents/{agent_id}", json=edit).raise_for_status()

    refresh = stack.refresh()
    assert refresh.summary.resource_changes.get("update") == 1, refresh.summary.resource_changes

    events = Events()
    stack.preview(on_event=events)
    op, diffs = events.steps()["agent"]
    assert op == "update"
    assert {"name"} <= {d.split(".")[0] for d in diffs} and any(d.startswith("llm") for d in diffs), diffs

    stack.up()
    restored = engine.api.get(f"/agents/{agent_id}").json()
    assert restored["llm"]["instructions"] == spec.instructions
    assert restored["preview_name"] == spec.agent_name
    stack.preview(expect_no_changes=True)


def test_destroy_leaves_the_account_empty(engine: EngineEnv, spec: FleetSpec) -> None:
    stack = deploy(engine, spec)
    assert engine.list_account()["agents"]

    stack.destroy()
    assert engine.list_account() == {"agents": [], "knowledge": [], "documents": []}


def test_state_holds_no_api_key_and_client_key_is_secret(engine: EngineEnv, spec: FleetSpec) -> None:
    stack = deploy(engine, spec)

    stored = engine.stored_state()
    secret_part = engine.emulator.api_key.split(":", 1)[-1]
    assert engine.emulator.api_key not in stored
    assert secret_part not in stored

    outputs = stack.outputs()
    assert outputs["client_key"].secret
    client_key = outputs["client_key"].value
    assert client_key and client_key not in stored

    resources = {r["urn"].rsplit("::", 1)[-1]: r for r in engine.checkpoint(stack)["resources"]}
    assert "ciphertext" in resources["key"]["outputs"]["client_key"]
    # The engine hands the whole stack config to the dynamic provider plugin and records it on the
    # default provider; the key is there only as ciphertext.
    assert "ciphertext" in resources["default"]["inputs"]["didagents:apiKey"]
    for resource in resources.values():
        assert "apiKey" not in json.dumps(resource.get("outputs", {})).replace("didagents:apiKey", "")


def test_bad_input_fails_at_preview_naming_the_field(engine: EngineEnv, spec: FleetSpec) -> None:
    stack = engine.stack(program(spec.but(user_data="x" * 1500)))
    events = Events()
    with pytest.raises(auto.CommandError) as failure:
        stack.preview(on_event=events)
    message = str(failure.value) + events.diagnostics()
    assert "user_data" in message
    assert "1000" in message
    assert engine.list_account() == {"agents": [], "knowledge": [], "documents": []}

    # `up` creates what is valid and stops at the agent: no half-made agent is left behind.
    with pytest.raises(auto.CommandError):
        stack.up()
    account = engine.list_account()
    assert account["agents"] == []
