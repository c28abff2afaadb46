"""Read-only lookups: explicit credentials, stack config, then environment."""

from __future__ import annotations

import json
from typing import Any

import pulumi
import pytest

import pulumi_did_agents as didagents
from did_agents_emulator.testing import EmulatorServer
from pulumi_did_agents.client import Client, ConfigurationError, NotFoundError


@pytest.fixture
def objects(did_emulator: EmulatorServer, content_server: str) -> tuple[str, str, str]:
    with Client(base_url=did_emulator.url, api_key=did_emulator.api_key) as api:
        kb = api.knowledge.create({"name": "Docs", "description": "d"})
        doc = api.documents.create(kb.id, {"source_url": f"{content_server}/faq.txt", "title": "FAQ"})
        agent = api.agents.create(
            {
                "presenter": {"type": "clip", "presenter_id": "v2_public_Amber"},
                "preview_name": "Looked up",
                "knowledge": {"id": kb.id},
            }
        )
    return agent.id, kb.id, doc.id


@pytest.fixture(autouse=True)
def _no_ambient_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DID_API_URL", "DID_API_KEY", "PULUMI_CONFIG"):
        monkeypatch.delenv(name, raising=False)


def test_lookups_with_explicit_credentials(
    did_emulator: EmulatorServer, objects: tuple[str, str, str]
) -> None:
    agent_id, kb_id, doc_id = objects
    creds = {"api_url": did_emulator.url, "api_key": did_emulator.api_key}
    agent = didagents.get_agent(agent_id, **creds)
    assert agent.preview_name == "Looked up" and agent.knowledge is not None and agent.knowledge.id == kb_id
    assert didagents.get_knowledge_base(kb_id, **creds).name == "Docs"
    assert didagents.get_document(doc_id, **creds).title == "FAQ"
    with pytest.raises(NotFoundError):
        didagents.get_agent("agt_missing", **creds)


def test_lookups_from_environment(
    did_emulator: EmulatorServer, objects: tuple[str, str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DID_API_URL", did_emulator.url)
    monkeypatch.setenv("DID_API_KEY", did_emulator.api_key)
    assert didagents.get_agent(objects[0]).id == objects[0]


def test_lookups_from_stack_config_win_over_environment(
    did_emulator: EmulatorServer, objects: tuple[str, str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DID_API_URL", "http://127.0.0.1:9")  # would fail if used
    monkeypatch.setenv(
        "PULUMI_CONFIG",
        json.dumps({"didagents:apiUrl": did_emulator.url, "didagents:apiKey": did_emulator.api_key}),
    )
    assert didagents.get_knowledge_base(objects[1]).id == objects[1]


def test_lookup_without_key_says_how_to_configure() -> None:
    with pytest.raises(ConfigurationError, match="didagents:apiKey"):
        didagents.get_agent("agt_x")


class _NoResources(pulumi.runtime.Mocks):
    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str | None, dict[str, Any]]:
        raise AssertionError("a lookup registers no resource")

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        raise AssertionError("a lookup invokes nothing")


@pulumi.runtime.test
def test_output_lookup(
    did_emulator: EmulatorServer, objects: tuple[str, str, str], monkeypatch: pytest.MonkeyPatch
) -> pulumi.Output[None]:
    monkeypatch.setenv("DID_API_URL", did_emulator.url)
    monkeypatch.setenv("DID_API_KEY", did_emulator.api_key)
    pulumi.runtime.set_mocks(_NoResources(), preview=False)

    def check(title: str) -> None:
        assert title == "FAQ"

    return didagents.get_document_output(pulumi.Output.from_input(objects[2])).apply(
        lambda d: check(d.title or "")
    )
