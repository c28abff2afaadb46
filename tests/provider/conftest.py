"""Fixtures for the provider tests: the cores against the emulator, and a loopback file server.

The emulator only fetches documents from loopback hosts (and ``file://``), so documents come from
a local server or temporary files.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pulumi.dynamic import Config, ConfigureRequest
from pydantic import SecretStr

from did_agents_emulator.testing import EmulatorServer
from pulumi_did_agents.client import Client
from pulumi_did_agents.core import (
    AgentCore,
    ClientKeyCore,
    DocumentCore,
    KnowledgeBaseCore,
    ProviderSettings,
    ResourceCore,
    Session,
)

CLIP_PRESENTER: dict[str, Any] = {
    "type": "clip",
    "presenter_id": "v2_public_Amber@0zSz8kflCN",
    "voice": {"type": "microsoft", "voice_id": "en-US-JennyMultilingualV2Neural"},
}
TALK_PRESENTER: dict[str, Any] = {
    "type": "talk",
    "source_url": "https://example.com/ada.png",
    "voice": {"type": "microsoft", "voice_id": "en-US-JennyMultilingualV2Neural"},
}


def agent_inputs(**overrides: Any) -> dict[str, Any]:
    """Raw (unchecked) Agent inputs, as a program would send them."""
    base: dict[str, Any] = {
        "name": "Ada",
        "description": "Support agent",
        "presenter": CLIP_PRESENTER,
        "llm": {"provider": "openai", "model": "gpt-4o-mini", "instructions": "Answer briefly."},
        "greetings": ["Hi!"],
        "user_data": "tier=gold",
    }
    base.update(overrides)
    return {key: value for key, value in base.items() if value is not None}


def urn(kind: str, name: str, stack: str = "dev") -> str:
    return f"urn:pulumi:{stack}::tests::pulumi-python:dynamic/didagents:{kind}::{name}"


OWNER = "tests.dev.0a1b2c3d"
"""The owner id (``didagents:owner``) of the stack instance these tests play."""


def configure_request(url: str, key: str) -> ConfigureRequest:
    """What the provider process builds from the engine's Configure call (full stack config)."""
    config = {"didagents:apiUrl": url, "didagents:apiKey": key, "didagents:owner": OWNER}
    return ConfigureRequest(Config(config, "proj"))


EMULATOR = Session(ProviderSettings(api_url="http://127.0.0.1:8790", owner=OWNER, offline=True))
"""A session with no API key, for checks and diffs that never call the API."""


def checked(core: ResourceCore, news: dict[str, Any]) -> dict[str, Any]:
    """``core.check`` of new inputs, which must pass: the inputs as checked."""
    result = core.check({}, news)
    assert result.failures == [], [str(f) for f in result.failures]
    return result.inputs


def short_sleep(seconds: float) -> None:
    """Polling and retry pauses capped at 50 ms: tests stay fast, the emulator's clock still moves."""
    threading.Event().wait(min(seconds, 0.05))


def settings_for(emulator: EmulatorServer, **overrides: Any) -> ProviderSettings:
    values: dict[str, Any] = {
        "api_url": emulator.url,
        "api_key": SecretStr(emulator.api_key),
        "retry_timeout": 5.0,
        "wait_timeout": 20.0,
        "owner": OWNER,
    }
    values.update(overrides)
    return ProviderSettings(**values)


@dataclass
class Cores:
    """The four cores over one session, as one provider process holds them."""

    session: Session
    emulator: EmulatorServer

    @property
    def agent(self) -> AgentCore:
        return AgentCore(self.session)

    @property
    def kb(self) -> KnowledgeBaseCore:
        return KnowledgeBaseCore(self.session)

    @property
    def doc(self) -> DocumentCore:
        return DocumentCore(self.session)

    @property
    def key(self) -> ClientKeyCore:
        return ClientKeyCore(self.session)

    def api(self) -> Client:
        """A client of the same account, for out-of-band edits and assertions."""
        return Client(base_url=self.emulator.url, api_key=self.emulator.api_key, sleep=short_sleep)

    checked = staticmethod(checked)  # cores.checked(core, news): the module's checked

    def make_kb(self, name: str = "kb") -> str:
        """A knowledge base made by this session; returns its id."""
        inputs = self.checked(self.kb, {"name": "Handbook", "description": "Product handbook"})
        return self.kb.create(inputs, urn=urn("KnowledgeBase", name)).id

    def make_doc(self, kb_id: str, path: Path, name: str = "doc") -> str:
        """A document of ``path`` (a local file) in the knowledge base; returns its id."""
        inputs = self.checked(
            self.doc, {"knowledge_id": kb_id, "source_url": path.as_uri(), "title": "Handbook"}
        )
        return self.doc.create(inputs, urn=urn("Document", name)).id

    def fresh(self) -> Cores:
        """A new provider process (an empty session), e.g. the next `pulumi up` after a kill."""
        return Cores(
            Session(self.session.settings, client_options=dict(self.session.client_options)), self.emulator
        )

    def account(self) -> dict[str, list[Any]]:
        with self.api() as client:
            agents = client.agents.list()
            knowledge = client.knowledge.list()
            documents = [d for kb in knowledge for d in client.documents.list(kb.id)]
        return {"agents": agents, "knowledge": knowledge, "documents": documents}


@pytest.fixture
def cores(did_emulator: EmulatorServer) -> Iterator[Cores]:
    session = Session(settings_for(did_emulator), client_options={"sleep": short_sleep})
    yield Cores(session, did_emulator)
    session.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture(scope="session")
def content_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Loopback HTTP server with an empty document (``/empty.txt``); returns its base URL."""
    root: Path = tmp_path_factory.mktemp("content")
    (root / "empty.txt").write_text("")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
