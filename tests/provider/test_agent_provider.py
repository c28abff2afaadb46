"""AgentProvider against the emulator: every method, drift, adoption and transactional create."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_did_agents.client import NotFoundError
from pulumi_did_agents.resources import ProvisioningError

from .conftest import TALK_PRESENTER, Providers, agent_inputs


def create_agent(providers: Providers, **overrides: Any) -> tuple[str, dict[str, Any], dict[str, Any]]:
    inputs = providers.checked(providers.agent, agent_inputs(**overrides))
    result = providers.agent.create({**inputs, "__provider": "blob"})
    assert result.outs is not None
    return result.id, inputs, {**result.outs, "__provider": "blob"}


def test_create_waits_until_ready_and_returns_outputs(providers: Providers) -> None:
    providers.emulator.configure(agent_ready_delay=0.2)
    agent_id, inputs, outs = create_agent(providers)
    assert agent_id.startswith("agt_")
    assert outs["agent_id"] == agent_id and outs["status"] == "done"
    assert outs["client_key"] and outs["owner_id"] and outs["created"] and outs["modified"]
    assert {key: outs[key] for key in inputs} == inputs  # the declared inputs are outputs too
    with providers.api() as api:
        live = api.agents.get(agent_id)
    assert live.preview_name == "Ada" and live.preview_description == "Support agent"
    assert live.presenter is not None and live.presenter.voice is not None
    assert live.llm is not None and live.llm.model == "gpt-4o-mini"


def test_create_binds_knowledge_base(providers: Providers) -> None:
    kb = providers.knowledge_base.create(
        providers.checked(providers.knowledge_base, {"name": "K", "description": "D"})
    )
    agent_id, _, outs = create_agent(providers, knowledge_id=kb.id, starter_messages=["Returns?"])
    with providers.api() as api:
        live = api.agents.get(agent_id)
    assert live.knowledge is not None and live.knowledge.id == kb.id
    assert live.starter_message == ["Returns?"] and outs["knowledge_id"] == kb.id


def test_create_rejected_by_api_leaves_nothing(providers: Providers) -> None:
    inputs = providers.checked(providers.agent, agent_inputs(knowledge_id="knl_doesnotexist"))
    with pytest.raises(Exception, match="knowledge.id"):
        providers.agent.create(inputs)
    with providers.api() as api:
        assert api.agents.list() == []


def test_no_diff_after_create_and_after_refresh(providers: Providers) -> None:
    agent_id, _, outs = create_agent(providers)
    news = providers.checked(providers.agent, agent_inputs())
    assert providers.agent.diff(agent_id, outs, news).changes is False
    read = providers.agent.read(agent_id, outs)
    assert read.id == agent_id and read.inputs is not None and read.outs is not None
    assert providers.agent.diff(agent_id, {**read.outs, "__provider": "blob"}, news).changes is False
    assert read.inputs["user_data"] == "tier=gold"  # write-only: kept from state


def test_update_in_place_sends_whole_objects(providers: Providers) -> None:
    agent_id, _, outs = create_agent(providers)
    new_llm = {"provider": "openai", "model": "gpt-4.1", "instructions": "Be precise."}
    new_presenter = {**TALK_PRESENTER, "voice": {"type": "microsoft", "voice_id": "en-US-GuyNeural"}}
    news = providers.checked(
        providers.agent,
        agent_inputs(
            name="Bea",
            llm=new_llm,
            presenter=new_presenter,
            greetings=["Hello"],
            embed=True,
            description=None,
        ),
    )
    diff = providers.agent.diff(agent_id, outs, news)
    assert diff.changes is True and diff.replaces == []
    result = providers.agent.update(agent_id, outs, {**news, "__provider": "blob"})
    assert result.outs is not None and result.outs["name"] == "Bea" and result.outs["agent_id"] == agent_id
    assert result.outs["client_key"] and result.outs["status"] == "done"
    with providers.api() as api:
        live = api.agents.get(agent_id)
    assert live.preview_name == "Bea" and live.preview_description is None  # removed input is cleared
    assert live.llm is not None and live.llm.model == "gpt-4.1" and live.llm.instructions == "Be precise."
    assert live.presenter is not None and live.presenter.voice is not None
    assert live.presenter.voice.voice_id == "en-US-GuyNeural" and live.presenter.source_url
    assert live.greetings == ["Hello"] and live.embed is True
    assert providers.agent.diff(agent_id, {**result.outs, "__provider": "b"}, news).changes is False


def test_presenter_type_change_is_a_replace(providers: Providers) -> None:
    agent_id, _, outs = create_agent(providers)
    news = providers.checked(
        providers.agent, agent_inputs(presenter={"type": "clip", "presenter_id": "v2_public_Amber"})
    )
    assert providers.agent.diff(agent_id, outs, news).replaces == ["presenter"]


def test_refresh_after_out_of_band_delete_removes_it(providers: Providers) -> None:
    agent_id, _, outs = create_agent(providers)
    with providers.api() as api:
        api.agents.delete(agent_id)
    read = providers.agent.read(agent_id, outs)
    assert read.id == "" and read.outs == {}


def test_refresh_after_out_of_band_edit_reports_drift(providers: Providers) -> None:
    agent_id, inputs, outs = create_agent(providers)
    with providers.api() as api:
        api.agents.update(
            agent_id,
            {
                "preview_name": "Edited in the studio",
                "llm": {"provider": "openai", "model": "gpt-4o-mini", "instructions": "Changed by hand."},
            },
        )
    read = providers.agent.read(agent_id, outs)
    assert read.inputs is not None and read.outs is not None
    assert read.inputs["name"] == "Edited in the studio"
    assert read.inputs["llm"]["instructions"] == "Changed by hand."
    assert read.inputs["user_data"] == inputs["user_data"]
    # The next preview compares the program (unchanged) against live values: an update, not a replace.
    diff = providers.agent.diff(agent_id, {**read.outs, "__provider": "blob"}, inputs)
    assert diff.changes is True and diff.replaces == []
    providers.agent.update(agent_id, {**read.outs, "__provider": "blob"}, inputs)
    with providers.api() as api:
        assert api.agents.get(agent_id).preview_name == "Ada"


def test_write_only_custom_llm_key_is_kept_on_refresh(providers: Providers) -> None:
    llm = {
        "provider": "custom",
        "custom": {"url": "https://llm.test/v1", "key": "sk-user-llm", "streaming": True},
    }
    agent_id, inputs, outs = create_agent(providers, llm=llm)
    with providers.api() as api:
        echoed = api.agents.get(agent_id).llm
    assert echoed is not None and echoed.custom is not None and echoed.custom.key is None  # never echoed
    read = providers.agent.read(agent_id, outs)
    assert read.inputs is not None and read.inputs["llm"]["custom"]["key"] == "sk-user-llm"
    assert providers.agent.diff(agent_id, {**read.outs, "__provider": "b"}, inputs).changes is False  # type: ignore[dict-item]


def test_delete_and_delete_again(providers: Providers) -> None:
    agent_id, _, outs = create_agent(providers)
    providers.agent.delete(agent_id, outs)
    with providers.api() as api, pytest.raises(NotFoundError):
        api.agents.get(agent_id)
    providers.agent.delete(agent_id, outs)  # already gone: success


def test_read_by_id_only_as_agent_get_does(providers: Providers) -> None:
    agent_id, _, _ = create_agent(providers)
    read = providers.agent.read(agent_id, {"__provider": "blob"})
    assert read.outs is not None and read.outs["name"] == "Ada" and read.outs["agent_id"] == agent_id
    assert read.outs["presenter"]["type"] == "talk"


def test_adopt_patches_existing_agent_instead_of_creating(providers: Providers) -> None:
    with providers.api() as api:
        existing = api.agents.create(
            {
                "presenter": {"type": "talk", "source_url": "https://x.test/old.png"},
                "preview_name": "Legacy",
                "greetings": ["Yo"],
            }
        )
    agent_id, inputs, outs = create_agent(providers, adopt_id=existing.id)
    assert agent_id == existing.id and outs["adopt_id"] == existing.id
    with providers.api() as api:
        assert [a.id for a in api.agents.list()] == [existing.id]
        live = api.agents.get(existing.id)
    assert live.preview_name == "Ada" and live.greetings == ["Hi!"]
    # Dropping adopt_id from the program afterwards changes nothing.
    assert (
        providers.agent.diff(agent_id, outs, {k: v for k, v in inputs.items() if k != "adopt_id"}).changes
        is False
    )


def test_adopt_missing_agent_fails_clearly(providers: Providers) -> None:
    inputs = providers.checked(providers.agent, agent_inputs(adopt_id="agt_nothere"))
    with pytest.raises(ProvisioningError, match="cannot adopt agent agt_nothere"):
        providers.agent.create(inputs)


def test_chat_with_created_agent(providers: Providers) -> None:
    agent_id, _, _ = create_agent(providers)
    with providers.api() as api:
        chat = api.chats.create(agent_id)
        answer = api.chats.send_message(agent_id, chat.id, "Hello there")
    assert answer.result
