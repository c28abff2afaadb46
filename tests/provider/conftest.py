"""Fixtures for the provider tests: configured providers against the emulator, and a file server.

The emulator only fetches documents from loopback hosts, so documents come from a local server.
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

import pulumi_did_agents as didagents
from did_agents_emulator.testing import EmulatorServer
from pulumi_did_agents.client import Client

TALK_PRESENTER: dict[str, Any] = {
    "type": "talk",
    "source_url": "https://example.com/ada.png",
    "voice": {"type": "microsoft", "voice_id": "en-US-JennyMultilingualV2Neural"},
}


def agent_inputs(**overrides: Any) -> dict[str, Any]:
    """Raw (unchecked) Agent inputs, as the SDK would send them."""
    base: dict[str, Any] = {
        "name": "Ada",
        "description": "Support agent",
        "presenter": TALK_PRESENTER,
        "llm": {"provider": "openai", "model": "gpt-4o-mini", "instructions": "Answer briefly."},
        "greetings": ["Hi!"],
        "user_data": "tier=gold",
    }
    base.update(overrides)
    return {key: value for key, value in base.items() if value is not None}


def configure_request(url: str, key: str, **extra: str) -> ConfigureRequest:
    """What the provider process builds from the engine's Configure call (full stack config)."""
    return ConfigureRequest(Config({"didagents:apiUrl": url, "didagents:apiKey": key, **extra}, "proj"))


def no_sleep(_seconds: float) -> None:
    """Injected instead of time.sleep so retries and polling cost no wall time."""


@dataclass
class Providers:
    agent: didagents.AgentProvider
    knowledge_base: didagents.KnowledgeBaseProvider
    document: didagents.DocumentProvider
    emulator: EmulatorServer

    def api(self) -> Client:
        """A client of the same account, for out-of-band edits and assertions."""
        return Client(base_url=self.emulator.url, api_key=self.emulator.api_key, sleep=no_sleep)

    def checked(
        self,
        provider: didagents.AgentProvider | didagents.KnowledgeBaseProvider | didagents.DocumentProvider,
        news: dict[str, Any],
    ) -> dict[str, Any]:
        result = provider.check({}, news)
        assert result.failures == [], [f.reason for f in result.failures]
        return result.inputs


@pytest.fixture
def providers(did_emulator: EmulatorServer) -> Providers:
    """The three providers, configured like the provider process does, with instant retries."""
    request = configure_request(did_emulator.url, did_emulator.api_key, **{"didagents:waitTimeout": "20"})
    made = Providers(
        agent=didagents.AgentProvider(),
        knowledge_base=didagents.KnowledgeBaseProvider(),
        document=didagents.DocumentProvider(),
        emulator=did_emulator,
    )
    for provider in (made.agent, made.knowledge_base, made.document):
        provider.configure(request)
        # Polling intervals are tiny anyway; a short real sleep keeps the emulator's clock moving.
        provider.client_options = {"sleep": _short_sleep}
    return made


def _short_sleep(seconds: float) -> None:
    threading.Event().wait(min(seconds, 0.05))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture(scope="session")
def content_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Loopback HTTP server with a few documents; returns its base URL."""
    root: Path = tmp_path_factory.mktemp("content")
    (root / "guide.md").write_text(
        "# Returns\n\nItems can be returned within 30 days of delivery with the receipt.\n"
    )
    (root / "faq.txt").write_text("Shipping takes three to five business days to most countries.\n")
    (root / "empty.txt").write_text("")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
