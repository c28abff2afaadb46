"""An agent with a kettle manual and a shipping note in the emulator, for running conversation cases.

The emulator prepares agents and documents after a short delay; set-ups poll until ``done``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote

import pytest

from did_agents_emulator.testing import EmulatorServer
from pulumi_did_agents.client import Client

MANUAL = (
    "Acme Kettle manual. The warranty lasts two years from the date of purchase. "
    "The warranty does not cover water damage caused by overfilling. "
    "Descale the kettle every month with white vinegar."
)
SHIPPING = "Shipping is free for orders above 50 euros. Delivery takes three working days."
PRESENTER = {"type": "clip", "presenter_id": "v2_public_Amber@0zSz8kflCN"}


@dataclass(frozen=True)
class Kettle:
    agent_id: str
    knowledge_id: str
    manual_id: str
    shipping_id: str


def text_url(text: str) -> str:
    return "data:text/plain," + quote(text)


def create_agent(client: Client, documents: dict[str, str]) -> tuple[str, str, dict[str, str]]:
    """A knowledge base with ``{source_url: title}`` documents and an agent on it, all ``done``."""
    kb = client.knowledge.create({"name": "kettle", "description": "Kettle support"})
    ids: dict[str, str] = {}
    for source_url, title in documents.items():
        document = client.documents.create(
            kb.id, {"source_url": source_url, "title": title, "document_type": "text"}
        )
        ids[title] = document.id
    for document_id in ids.values():
        client.documents.wait_until_ready(kb.id, document_id, timeout=30)
    agent = client.agents.create(
        {"presenter": PRESENTER, "preview_name": "Kettle helper", "knowledge": {"id": kb.id}}
    )
    client.agents.wait_until_ready(agent.id, timeout=30)
    return agent.id, kb.id, ids


@pytest.fixture
def emulator(did_emulator: EmulatorServer) -> EmulatorServer:
    """The emulator with short ready delays (still not instant: set-ups must poll)."""
    did_emulator.configure(agent_ready_delay=0.05, document_ready_delay=0.05)
    return did_emulator


@pytest.fixture
def client(emulator: EmulatorServer) -> Iterator[Client]:
    with Client(base_url=emulator.url, api_key=emulator.api_key) as api:
        yield api


@pytest.fixture
def kettle(client: Client) -> Kettle:
    agent_id, knowledge_id, ids = create_agent(
        client, {text_url(MANUAL): "Kettle manual", text_url(SHIPPING): "Shipping"}
    )
    return Kettle(agent_id, knowledge_id, ids["Kettle manual"], ids["Shipping"])


@pytest.fixture
def api_env(emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch) -> EmulatorServer:
    """``DID_API_URL``/``DID_API_KEY`` pointing at the emulator, as a user would export them."""
    monkeypatch.setenv("DID_API_URL", emulator.url)
    monkeypatch.setenv("DID_API_KEY", emulator.api_key)
    monkeypatch.delenv("DID_AGENT_ID", raising=False)
    monkeypatch.delenv("DID_AGENTS_DEBUG", raising=False)
    return emulator
