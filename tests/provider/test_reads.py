"""Reads that are not refreshes: ``<Kind>.get`` of a missing id, and ``pulumi import`` of a dynamic token.

A refresh of a deleted object answers "nothing" (it leaves the stack); a ``get`` of an id that is not
there (or is another account's: the API answers 404 for both) must fail with one line instead.
"""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.dynamic.dynamic import serialize_provider

import pulumi_did_agents as didagents
from did_agents_emulator.testing import EmulatorServer
from pulumi_did_agents.client import Client
from pulumi_did_agents.core.base import (
    MissingOnGetError,
    is_get,
    missing_on_get,
)
from pulumi_did_agents.grpc_support import one_line
from pulumi_did_agents.spec import AGENT, CLIENT_KEY, DOCUMENT, KNOWLEDGE_BASE

from .conftest import CLIP_PRESENTER, Cores, agent_inputs, configure_request, urn

# --- telling a get from a refresh ------------------------------------------------------------


def test_a_get_has_no_outputs_and_state_always_has_some() -> None:
    blob = "gASV..."
    assert is_get(AGENT, {})
    assert is_get(AGENT, {"__provider": blob})
    assert is_get(AGENT, {"__provider": blob, "agent_id": None, "name": None, "status": None})
    state = {"__provider": blob, "agent_id": "agt_1", "name": "Ada", "status": "done"}
    assert not is_get(AGENT, state)
    assert not is_get(DOCUMENT, {"document_id": "knl_1#doc_1", "knowledge_id": "knl_1"})


@pytest.mark.parametrize(
    ("spec", "ident", "expected"),
    [
        (AGENT, "agt_doesnotexist0", "Agent.get: agent agt_doesnotexist0 does not exist in this account"),
        (KNOWLEDGE_BASE, "knl_x", "KnowledgeBase.get: knowledge base knl_x does not exist in this account"),
        (DOCUMENT, "knl_x#doc_y", "Document.get: document knl_x#doc_y does not exist in this account"),
        (CLIENT_KEY, "agt_x/abc", "ClientKey.get: client key agt_x/abc does not exist in this account"),
    ],
)
def test_a_missing_id_on_get_is_one_line_naming_kind_and_id(spec: Any, ident: str, expected: str) -> None:
    error = missing_on_get(spec, ident)
    assert isinstance(error, didagents.ProviderError)
    assert str(error).startswith(expected) and "another account" in str(error)
    assert one_line(error) == str(error) and "\n" not in str(error)


# --- what the core answers for ids that are not there ------------------------------------------


def test_missing_and_other_accounts_ids_read_as_gone(cores: Cores, did_emulator: EmulatorServer) -> None:
    """The API (and the emulator) answers 404 for another account's id: a get must fail on both."""
    with Client(base_url=did_emulator.url, api_key=did_emulator.api_keys[1]) as other:
        theirs = other.agents.create({"presenter": CLIP_PRESENTER, "preview_name": "Theirs"})
        their_kb = other.knowledge.create({"name": "kb", "description": "d"})
    assert cores.agent.read("agt_doesnotexist0", {}, {}) is None
    assert cores.agent.read(theirs.id, {}, {}) is None
    assert cores.kb.read(their_kb.id, {}, {}) is None
    with pytest.raises(didagents.ProviderError, match=f"agent {theirs.id} does not exist"):
        didagents.get_agent(theirs.id, api_url=did_emulator.url, api_key=did_emulator.api_key)
    with pytest.raises(didagents.ProviderError, match=f"knowledge base {their_kb.id} does not exist"):
        didagents.get_knowledge_base(their_kb.id, api_url=did_emulator.url, api_key=did_emulator.api_key)
    with pytest.raises(didagents.ProviderError, match=f"agent {theirs.id} does not exist"):
        didagents.get_client_keys(theirs.id, api_url=did_emulator.url, api_key=did_emulator.api_key)


def configured(provider: Any, cores: Cores) -> Any:
    provider.configure(configure_request(cores.emulator.url, cores.emulator.api_key))
    provider.use_session(cores.session)
    return provider


def test_a_dynamic_get_of_a_missing_id_fails_with_one_line(cores: Cores) -> None:
    provider = configured(didagents.AgentProvider(), cores)
    props = {"__provider": serialize_provider(provider)}
    with pytest.raises(MissingOnGetError, match="Agent.get: agent agt_doesnotexist0 does not exist"):
        provider.read("agt_doesnotexist0", props)


def test_a_dynamic_refresh_of_a_deleted_object_still_drops_it(cores: Cores) -> None:
    """The other half of the rule, true before and after the hook: a refresh answers "gone"."""
    provider = configured(didagents.AgentProvider(), cores)
    from pulumi_did_agents.dynamic.provider import URN_KEY

    created = provider.create(provider.check({}, {**agent_inputs(), URN_KEY: urn("Agent", "ada")}).inputs)
    provider.delete(created.id, created.outs)
    gone = provider.read(created.id, created.outs)
    assert gone.id == "" and gone.outs == {}
