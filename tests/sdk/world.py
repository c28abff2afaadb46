"""Set-up through the management API with an API key, as a customer's back office would do it.

A knowledge base holding the rider handbook, an agent bound to it, both polled until ``done`` (the API
makes neither usable at once), and client keys for the origins the SDK will be used from.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from did_agents_emulator.testing import EmulatorServer
from tests.emulator.conftest import TLS as TLS  # re-exported: wire.py's client shares it
from tests.emulator.conftest import client_for

HANDBOOK = Path(__file__).resolve().parent / "docs" / "rider-handbook.md"
HANDBOOK_TITLE = "Nimbus Bikes rider handbook"
AGENT_NAME = "Nimbus help"
STARTERS = ["How long is the frame warranty?", "Is my first service free?"]
# Two questions and the handbook sentence a grounded answer must quote for each.
WARRANTY = "Every Nimbus frame carries a twelve-year warranty against manufacturing defects."
SERVICE = "Your first service is free when it is booked within sixty days of delivery."
TURNS = [(STARTERS[0], WARRANTY), (STARTERS[1], SERVICE)]
CLIP_PRESENTER = {"type": "clip", "presenter_id": "v2_public_Amber@0zSz8kflCN"}
EXPRESSIVE_PRESENTER = {"type": "expressive", "presenter_id": "v2_public_Amber@0zSz8kflCN"}
LLM = {
    "provider": "openai",
    "model": "gpt-4o-mini",
    "instructions": "You are the Nimbus Bikes help agent. Answer only from the rider handbook.",
}
READY_TIMEOUT = 15.0


@dataclass(frozen=True)
class GroundedAgent:
    """The ids a test needs: the agent, its knowledge base and the one ingested document."""

    agent_id: str
    knowledge_id: str
    document_id: str
    """As the API returns it (``knl_…#doc_…``)."""

    @property
    def doc_part(self) -> str:
        """The part after ``#``, which D-ID's docs say to use in document paths."""
        return self.document_id.rpartition("#")[2]


def api_client(server: EmulatorServer, api_key: str | None = None) -> httpx.Client:
    """A management client with the raw Basic key, as D-ID documents it."""
    return client_for(server, f"Basic {api_key or server.api_key}")


def expect_json(response: httpx.Response, status: int) -> Any:
    """The JSON body of a response that must have ``status``; the failure shows what came back."""
    assert response.status_code == status, (
        f"{response.request.method} {response.request.url.raw_path.decode()} → "
        f"{response.status_code} {response.text[:500]}"
    )
    return response.json()


def expect_ok(response: httpx.Response) -> Any:
    """The JSON body of any 2xx (the SDK's ``response.ok``): for set-up steps, whose exact status is
    checked by the test of that call, so one status mismatch does not fail every test that needs it."""
    assert response.is_success, (
        f"set-up {response.request.method} {response.request.url.raw_path.decode()} → "
        f"{response.status_code} {response.text[:500]}"
    )
    return response.json()


def wait_until_done(api: httpx.Client, path: str) -> dict[str, Any]:
    """Poll ``GET path`` until ``status == "done"``; fail at once on ``error``/``rejected``."""
    deadline = time.monotonic() + READY_TIMEOUT
    while True:
        body: dict[str, Any] = expect_json(api.get(path), 200)
        if body.get("status") == "done":
            return body
        assert body.get("status") not in {"error", "rejected"}, f"{path} failed: {body}"
        assert time.monotonic() < deadline, f"{path} not done after {READY_TIMEOUT} s: {body}"
        time.sleep(0.05)


def create_grounded_agent(
    api: httpx.Client, source_url: str, *, presenter: dict[str, Any] = CLIP_PRESENTER
) -> GroundedAgent:
    """Knowledge base + handbook document + agent bound to it, each waited on until ``done``."""
    knowledge = expect_ok(
        api.post("/knowledge", json={"name": "Nimbus", "description": "Nimbus Bikes rider handbook"})
    )
    document = expect_ok(
        api.post(
            f"/knowledge/{knowledge['id']}/documents",
            json={"documentType": "text", "source_url": source_url, "title": HANDBOOK_TITLE},
        )
    )
    wait_until_done(api, f"/knowledge/{knowledge['id']}/documents/{document['id'].rpartition('#')[2]}")
    wait_until_done(api, f"/knowledge/{knowledge['id']}")
    agent = expect_ok(
        api.post(
            "/agents",
            json={
                "preview_name": AGENT_NAME,
                "presenter": presenter,
                "llm": LLM,
                "knowledge": {"id": knowledge["id"]},
                "starter_message": STARTERS,
            },
        )
    )
    wait_until_done(api, f"/agents/{agent['id']}")
    return GroundedAgent(agent_id=agent["id"], knowledge_id=knowledge["id"], document_id=document["id"])


def create_client_key(api: httpx.Client, agent_id: str, allowed_domains: list[str]) -> str:
    """A client key for one agent, usable only from ``allowed_domains``."""
    body = expect_ok(api.post(f"/agents/{agent_id}/client-keys", json={"allowed_domains": allowed_domains}))
    key: str = body["client_key"]
    return key
