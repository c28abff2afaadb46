"""Lookups read live objects for programs and fail with one clear line on a missing id."""

from __future__ import annotations

import pytest

import pulumi_did_agents as didagents
from did_agents_emulator.testing import EmulatorServer
from pulumi_did_agents.client import Client

from .conftest import CLIP_PRESENTER


@pytest.fixture
def env(did_emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch) -> EmulatorServer:
    monkeypatch.setenv("DID_API_URL", did_emulator.url)
    monkeypatch.setenv("DID_API_KEY", did_emulator.api_key)
    monkeypatch.setenv("DID_RETRY_TIMEOUT", "1")
    return did_emulator


def test_lookups_return_typed_live_objects(env: EmulatorServer) -> None:
    with Client(base_url=env.url, api_key=env.api_key) as client:
        kb = client.knowledge.create({"name": "kb", "description": "d"})
        agent = client.agents.create({"presenter": CLIP_PRESENTER, "preview_name": "Ada"})
        key = client.client_keys.create(agent.id, allowed_domains=["*"])
    assert didagents.get_agent(agent.id).preview_name == "Ada"
    assert didagents.get_knowledge_base(kb.id).name == "kb"
    assert [k.client_key for k in didagents.get_client_keys(agent.id)] == [key.client_key]


@pytest.mark.parametrize(
    ("lookup", "ident", "expected"),
    [
        (didagents.get_agent, "agt_missing1", "get_agent: agent agt_missing1 does not exist"),
        (
            didagents.get_knowledge_base,
            "knl_missing1",
            "get_knowledge_base: knowledge base knl_missing1 does not exist",
        ),
        (
            didagents.get_document,
            "knl_missing1#doc_x",
            "get_document: document knl_missing1#doc_x does not exist",
        ),
        (didagents.get_agent, "", "get_agent: the id must be a non-empty string without spaces"),
        (didagents.get_document, "doc_x", "get_document: document id 'doc_x' is not of the form"),
    ],
)
def test_missing_ids_fail_clearly(env: EmulatorServer, lookup: object, ident: str, expected: str) -> None:
    with pytest.raises(didagents.ProviderError) as caught:
        lookup(ident)  # type: ignore[operator]
    assert str(caught.value).startswith(expected)
    assert env.api_key not in str(caught.value)


def test_lookup_without_a_key_says_how_to_configure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DID_API_KEY", raising=False)
    with pytest.raises(didagents.ProviderError, match="didagents:apiKey"):
        didagents.get_agent("agt_1", api_url="http://127.0.0.1:9")
