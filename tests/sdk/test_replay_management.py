"""Replay: the management calls of SDK 1.2.10 (``createAgentsApi``), the knowledge client of D-ID's
agents-sdk (``src/api/knowledge.ts``; typed in the package, not exported) and the client-key calls a
back office makes before any page can use the SDK.

Paths are written as the SDK writes them: a trailing ``/`` on collection roots (``POST /agents/``,
``GET /knowledge/``), ids pasted in unencoded. A document id as the API returns it (``knl_…#doc_…``)
therefore loses everything from ``#`` on: fetch never sends a fragment. D-ID's docs say to use the
part after ``#``; both forms are replayed, and the second must fail cleanly, not reach another object.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from .replay import ReplayWorld
from .wire import ORIGIN, SdkWire, expect_error, fetch_path
from .world import (
    AGENT_NAME,
    CLIP_PRESENTER,
    HANDBOOK,
    HANDBOOK_TITLE,
    LLM,
    WARRANTY,
    api_client,
    expect_json,
    expect_ok,
)


@pytest.fixture
def api(replay_world: ReplayWorld) -> Iterator[httpx.Client]:
    """Set-up only (throwaway objects to delete or change)."""
    with api_client(replay_world.server) as client:
        yield client


def _throwaway_agent(api: httpx.Client) -> str:
    agent_id: str = expect_ok(api.post("/agents", json={"presenter": CLIP_PRESENTER, "llm": LLM}))["id"]
    return agent_id


def _throwaway_knowledge(api: httpx.Client) -> str:
    body = {"name": "Scratch", "description": "Replay scratch knowledge"}
    knowledge_id: str = expect_ok(api.post("/knowledge", json=body))["id"]
    return knowledge_id


def _throwaway_document(api: httpx.Client, knowledge_id: str) -> str:
    body = {"documentType": "text", "source_url": HANDBOOK.as_uri(), "title": HANDBOOK_TITLE}
    document_id: str = expect_ok(api.post(f"/knowledge/{knowledge_id}/documents", json=body))["id"]
    return document_id


# -- agents (1.2.10) ----------------------------------------------------------------------------------


def test_create_agent(wire: SdkWire, replay_world: ReplayWorld) -> None:
    """``create(payload)`` → ``POST /agents/``."""
    payload = {"preview_name": "Nimbus sales", "presenter": CLIP_PRESENTER, "llm": LLM}
    response = wire.send("POST", "/agents/", payload, authorization=replay_world.basic())
    agent = expect_json(response, 200)
    assert agent["id"] and agent["preview_name"] == "Nimbus sales"
    assert agent["presenter"]["type"] == "clip"
    assert "client_key" not in agent


@pytest.mark.parametrize("path", ["/agents/", "/agents/?tag=support"], ids=["all", "tag"])
def test_list_agents(path: str, wire: SdkWire, replay_world: ReplayWorld) -> None:
    """``getAgents(tag?)`` reads a plain array (``?? []``)."""
    agents = expect_json(wire.send("GET", path, authorization=replay_world.basic()), 200)
    assert isinstance(agents, list)
    assert all(agent["id"] and agent["presenter"]["type"] for agent in agents)
    if "tag" not in path:
        assert {replay_world.clip.agent_id, replay_world.expressive.agent_id} <= {a["id"] for a in agents}


def test_get_agent(wire: SdkWire, replay_world: ReplayWorld) -> None:
    """``getById`` with an API key: the full agent, llm included."""
    agent = expect_json(
        wire.send("GET", f"/agents/{replay_world.clip.agent_id}", authorization=replay_world.basic()), 200
    )
    assert agent["preview_name"] == AGENT_NAME
    assert agent["llm"]["model"] == LLM["model"]
    assert agent["knowledge"]["id"] == replay_world.clip.knowledge_id


def test_update_agent(wire: SdkWire, replay_world: ReplayWorld, api: httpx.Client) -> None:
    """``update(id, payload)`` → ``PATCH /agents/{id}``."""
    agent_id = _throwaway_agent(api)
    response = wire.send(
        "PATCH", f"/agents/{agent_id}", {"preview_name": "Renamed"}, authorization=replay_world.basic()
    )
    assert expect_json(response, 200)["preview_name"] == "Renamed"


def test_delete_agent(wire: SdkWire, replay_world: ReplayWorld, api: httpx.Client) -> None:
    """``delete(id)``: no body, JSON answer (the SDK parses it)."""
    agent_id = _throwaway_agent(api)
    response = wire.send("DELETE", f"/agents/{agent_id}", authorization=replay_world.basic())
    assert expect_json(response, 200)["id"] == agent_id
    expect_error(api.get(f"/agents/{agent_id}"), 404, "NotFound")


# -- knowledge (agents-sdk src/api/knowledge.ts) -----------------------------------------------------------


def test_create_knowledge(wire: SdkWire, replay_world: ReplayWorld) -> None:
    """``createKnowledge`` → ``POST /knowledge/``."""
    payload = {"name": "Nimbus FAQ", "description": "Frequently asked questions"}
    knowledge = expect_json(
        wire.send("POST", "/knowledge/", payload, authorization=replay_world.basic()), 200
    )
    assert knowledge["id"] and knowledge["name"] == "Nimbus FAQ"


def test_list_knowledge(wire: SdkWire, replay_world: ReplayWorld) -> None:
    """``getKnowledgeBase`` → ``GET /knowledge/``, a plain array."""
    bases = expect_json(wire.send("GET", "/knowledge/", authorization=replay_world.basic()), 200)
    assert replay_world.clip.knowledge_id in {k["id"] for k in bases}


def test_get_knowledge(wire: SdkWire, replay_world: ReplayWorld) -> None:
    knowledge_id = replay_world.clip.knowledge_id
    knowledge = expect_json(
        wire.send("GET", f"/knowledge/{knowledge_id}", authorization=replay_world.basic()), 200
    )
    assert (knowledge["id"], knowledge["status"]) == (knowledge_id, "done")


def test_delete_knowledge(wire: SdkWire, replay_world: ReplayWorld, api: httpx.Client) -> None:
    """``deleteKnowledge``: no body, JSON answer."""
    knowledge_id = _throwaway_knowledge(api)
    response = wire.send("DELETE", f"/knowledge/{knowledge_id}", authorization=replay_world.basic())
    assert expect_json(response, 200)["knowledge"] is True


def test_create_document(wire: SdkWire, replay_world: ReplayWorld, api: httpx.Client) -> None:
    """``createDocument``: ``{documentType, source_url, title}`` → ``DocumentData`` (the client reads no
    field itself; callers poll ``status`` until ``done``)."""
    knowledge_id = _throwaway_knowledge(api)
    payload = {"documentType": "text", "source_url": HANDBOOK.as_uri(), "title": HANDBOOK_TITLE}
    response = wire.send(
        "POST", f"/knowledge/{knowledge_id}/documents", payload, authorization=replay_world.basic()
    )
    document = expect_json(response, 200)
    assert document["id"].startswith(knowledge_id)
    assert {k: document[k] for k in payload} == payload
    assert isinstance(document["status"], str)


def test_list_documents(wire: SdkWire, replay_world: ReplayWorld) -> None:
    path = f"/knowledge/{replay_world.clip.knowledge_id}/documents"
    documents = expect_json(wire.send("GET", path, authorization=replay_world.basic()), 200)
    assert [d["id"] for d in documents] == [replay_world.clip.document_id]


def test_get_document(wire: SdkWire, replay_world: ReplayWorld) -> None:
    """``getDocument`` with the id part D-ID's docs say to use (after ``#``)."""
    clip = replay_world.clip
    path = f"/knowledge/{clip.knowledge_id}/documents/{clip.doc_part}"
    document = expect_json(wire.send("GET", path, authorization=replay_world.basic()), 200)
    assert (document["id"], document["status"]) == (clip.document_id, "done")


def test_get_records(wire: SdkWire, replay_world: ReplayWorld) -> None:
    """``getRecords``: the document's indexed chunks."""
    clip = replay_world.clip
    path = f"/knowledge/{clip.knowledge_id}/documents/{clip.doc_part}/records"
    records = expect_json(wire.send("GET", path, authorization=replay_world.basic()), 200)
    assert records and all(r["id"] and r["title"] == HANDBOOK_TITLE for r in records)
    assert WARRANTY in " ".join(" ".join(r["data"].split()) for r in records)


def test_delete_document(wire: SdkWire, replay_world: ReplayWorld, api: httpx.Client) -> None:
    """``deleteDocument`` with the part after ``#``: no body, JSON answer."""
    knowledge_id = _throwaway_knowledge(api)
    document_id = _throwaway_document(api, knowledge_id)
    path = f"/knowledge/{knowledge_id}/documents/{document_id.rpartition('#')[2]}"
    response = wire.send("DELETE", path, authorization=replay_world.basic())
    assert [d["id"] for d in expect_json(response, 200)] == [document_id]


@pytest.mark.parametrize(
    ("method", "suffix"), [("GET", ""), ("GET", "/records"), ("DELETE", "")], ids=["get", "records", "delete"]
)
def test_document_id_as_returned_loses_its_fragment(
    method: str, suffix: str, wire: SdkWire, replay_world: ReplayWorld, api: httpx.Client
) -> None:
    """``…/documents/knl_x#doc_y[/records]`` reaches the API as ``…/documents/knl_x``: a clean 404,
    and nothing is deleted."""
    knowledge_id = _throwaway_knowledge(api)
    document_id = _throwaway_document(api, knowledge_id)
    path = f"/knowledge/{knowledge_id}/documents/{document_id}{suffix}"
    assert fetch_path(path) == f"/knowledge/{knowledge_id}/documents/{knowledge_id}"
    expect_error(wire.send(method, path, authorization=replay_world.basic()), 404, "NotFound")
    expect_json(api.get(f"/knowledge/{knowledge_id}/documents/{document_id.rpartition('#')[2]}"), 200)


def test_query_knowledge(wire: SdkWire, replay_world: ReplayWorld) -> None:
    """``query(knowledgeId, query)`` → ``{documentIds, result, matches}``."""
    clip = replay_world.clip
    response = wire.send(
        "POST",
        f"/knowledge/{clip.knowledge_id}/query",
        {"query": "frame warranty"},
        authorization=replay_world.basic(),
    )
    answer = expect_json(response, 200)
    assert answer["documentIds"] == [clip.document_id]
    assert WARRANTY in answer["result"]
    assert {m["document_id"] for m in answer["matches"]} == {clip.document_id}


# -- client keys (what a page needs before the SDK can load) ---------------------------------------------


def test_create_agent_client_key(wire: SdkWire, replay_world: ReplayWorld) -> None:
    response = wire.send(
        "POST",
        f"/agents/{replay_world.clip.agent_id}/client-keys",
        {"allowed_domains": [ORIGIN]},
        authorization=replay_world.basic(),
    )
    key: dict[str, Any] = expect_json(response, 201)
    assert key["client_key"] and key["allowed_domains"] == [ORIGIN]


def test_list_agent_client_keys(wire: SdkWire, replay_world: ReplayWorld) -> None:
    path = f"/agents/{replay_world.clip.agent_id}/client-keys"
    keys = expect_json(wire.send("GET", path, authorization=replay_world.basic()), 200)
    assert replay_world.clip_key in {k["client_key"] for k in keys}


def test_create_account_client_key(wire: SdkWire, replay_world: ReplayWorld) -> None:
    """One per account: account 2 has none yet."""
    response = wire.send(
        "POST",
        "/agents/client-key",
        {"allowed_domains": [ORIGIN]},
        authorization=replay_world.basic(account=1),
    )
    assert expect_json(response, 201)["client_key"]


def test_get_account_client_key(wire: SdkWire, replay_world: ReplayWorld) -> None:
    key = expect_json(wire.send("GET", "/agents/client-key", authorization=replay_world.basic()), 200)
    assert (key["client_key"], key["allowed_domains"]) == (replay_world.account_key, [ORIGIN])
