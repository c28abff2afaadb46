"""The pulumi.dynamic adapters: pickling, configuration, and the engine calls mapped onto the core."""

from __future__ import annotations

import base64
import logging
import pickle
from typing import Any

import pytest
from pulumi.dynamic import Config, ConfigureRequest, DiffResult, ReadResult
from pulumi.dynamic.dynamic import serialize_provider
from pulumi.output import Unknown

import pulumi_did_agents as didagents
from pulumi_did_agents.core import ConfigError, Session
from pulumi_did_agents.core.settings import OWNER_MISSING
from pulumi_did_agents.dynamic import provider as dynamic_provider
from pulumi_did_agents.dynamic.provider import URN_KEY

from .conftest import OWNER, Cores, agent_inputs, configure_request, urn


def configured(provider: didagents.AgentProvider, cores: Cores) -> didagents.AgentProvider:
    provider.configure(configure_request(cores.emulator.url, cores.emulator.api_key))
    provider.use_session(cores.session)
    return provider


def test_serialized_provider_is_a_tiny_reference_without_secrets() -> None:
    provider = didagents.AgentProvider()
    provider.configure(configure_request("http://127.0.0.1:1", "user:TOPSECRET-KEY"))
    blob = serialize_provider(provider)
    raw = base64.b64decode(blob)
    assert len(blob) < 200 and b"TOPSECRET" not in raw
    assert type(pickle.loads(raw)) is didagents.AgentProvider  # noqa: S301 - our own blob
    assert "TOPSECRET" not in repr(provider)
    assert didagents.AgentProvider.serialize_as_secret_always is False


def test_old_state_pickles_still_load() -> None:
    """Stacks written before the dynamic/ package pickled ``pulumi_did_agents.resources.agent``."""
    from pulumi_did_agents.resources.agent import AgentProvider

    assert AgentProvider is didagents.AgentProvider


def test_configuration_mistakes_name_the_key() -> None:
    provider = didagents.AgentProvider()
    with pytest.raises(ConfigError, match="didagents:apiUrl must be an http"):
        provider.configure(configure_request("not a url", "u:p"))


def offline() -> didagents.AgentProvider:
    """A provider configured with an owner id and an API nobody answers (checks need no API)."""
    provider = didagents.AgentProvider()
    config = {"didagents:apiUrl": "http://127.0.0.1:1", "didagents:owner": OWNER, "didagents:offline": "true"}
    provider.configure(ConfigureRequest(Config(config, "proj")))
    return provider


def test_check_failures_are_one_line_each_without_the_property_value() -> None:
    provider = offline()
    result = provider.check({}, {**agent_inputs(user_data="x" * 1001), "agent_id": None, "status": None})
    assert [(f.property, f.reason) for f in result.failures] == [
        ("", "user_data: must be at most 1000 characters (got 1001)")
    ]


def test_preview_unknowns_pass_check_and_are_returned_as_unknowns() -> None:
    provider = offline()
    result = provider.check({}, agent_inputs(knowledge_id=Unknown()))  # type: ignore[no-untyped-call]
    assert result.failures == [] and isinstance(result.inputs["knowledge_id"], Unknown)


def test_diff_is_the_sdks_plain_result() -> None:
    """Changed or not and the replacing keys: all the SDK's servicer forwards to the engine."""
    provider = offline()
    old = provider.check({}, agent_inputs()).inputs
    new = provider.check({}, agent_inputs(name="Bea")).inputs
    result = provider.diff("agt_1", {**old, "agent_id": "agt_1"}, new)
    assert type(result) is DiffResult
    assert result.changes and result.replaces == [] and "agent_id" in (result.stables or [])


def test_the_urn_input_passes_check_and_never_reaches_the_core_or_the_diff() -> None:
    provider = offline()
    ada = urn("Agent", "ada")
    checked = provider.check({}, {**agent_inputs(), URN_KEY: ada}).inputs
    assert checked[URN_KEY] == ada
    assert URN_KEY not in provider._inputs(checked)
    state = {k: v for k, v in checked.items() if k != URN_KEY}  # state written before __urn existed
    assert not provider.diff("agt_1", {**state, "agent_id": "agt_1"}, checked).changes
    moved = provider.check({}, {**agent_inputs(), URN_KEY: urn("Agent", "bea")}).inputs
    assert not provider.diff("agt_1", {**checked, "agent_id": "agt_1"}, moved).changes


def test_errors_keep_their_type_outside_the_provider_process() -> None:
    """One-line conversion is for the servicer's process only; direct callers see our errors."""
    assert not dynamic_provider.installed()
    error = ValueError("boom")
    assert dynamic_provider.for_engine(error) is error


def test_without_an_owner_id_check_fails_with_one_line_and_nothing_is_created() -> None:
    provider = didagents.AgentProvider()
    provider.configure(ConfigureRequest(Config({"didagents:apiUrl": "http://127.0.0.1:1"}, "proj")))
    result = provider.check({}, agent_inputs())
    assert [(f.property, f.reason) for f in result.failures] == [("", OWNER_MISSING)]
    assert "did-agents init --stack" in OWNER_MISSING and "\n" not in OWNER_MISSING


def test_create_needs_the_resources_urn(cores: Cores) -> None:
    provider = configured(didagents.AgentProvider(), cores)
    with pytest.raises(didagents.ProviderError, match="the resource's URN is unknown"):
        provider.create(provider.check({}, agent_inputs()).inputs)
    assert cores.account()["agents"] == []


def test_lifecycle_through_the_adapter(cores: Cores, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    provider = configured(didagents.AgentProvider(), cores)
    inputs = provider.check({}, {**agent_inputs(), URN_KEY: urn("Agent", "ada")}).inputs
    created = provider.create(inputs)
    state: dict[str, Any] = created.outs
    assert state["agent_id"] == created.id and state["name"] == "Ada" and state["status"] == "done"

    read = provider.read(created.id, state)
    assert isinstance(read, ReadResult) and read.id == created.id and read.inputs is not None
    assert not provider.diff(created.id, state, read.inputs).changes

    renamed = provider.check(inputs, {**agent_inputs(name="Bea"), URN_KEY: urn("Agent", "ada")}).inputs
    updated = provider.update(created.id, state, renamed)
    assert (
        updated.outs is not None and updated.outs["name"] == "Bea" and updated.outs["agent_id"] == created.id
    )

    provider.delete(created.id, updated.outs)
    gone = provider.read(created.id, updated.outs)
    assert gone.id == "" and gone.outs == {}
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert cores.emulator.api_key not in logged


def test_sessions_are_shared_across_kinds_in_a_process() -> None:
    from pulumi_did_agents.dynamic.provider import shared_session

    kb, doc = didagents.KnowledgeBaseProvider(), didagents.DocumentProvider()
    for provider in (kb, doc):
        provider.configure(configure_request("http://127.0.0.1:1", "u:p"))
    assert isinstance(kb.core.session, Session) and kb.core.session is doc.core.session
    assert shared_session(kb.core.session.settings) is kb.core.session
