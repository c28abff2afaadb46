"""Namespaces build the right requests and parse the answers; waiters poll and fail clearly."""

from __future__ import annotations

import time

import httpx
import pytest

from pulumi_did_agents.client import ResourceFailedError, WaitTimeoutError, split_document_id

from ._mock_api import MockAPI, agent_json


def test_agents_crud_paths_and_bodies() -> None:
    api = MockAPI().queue(
        httpx.Response(200, json=agent_json(status="created")),
        httpx.Response(200, json=agent_json()),
        httpx.Response(200, json=agent_json()),
        httpx.Response(200, json={"agents": [agent_json()]}),
        httpx.Response(200, json=agent_json()),
    )
    with api.client() as client:
        created = client.agents.create(
            {"presenter": {"type": "talk", "source_url": "https://x/a.png"}, "preview_name": "Ada"}
        )
        client.agents.get(created.id)
        client.agents.update(created.id, {"preview_name": "Bea", "knowledge": None})
        listed = client.agents.list()
        client.agents.delete(created.id)
    assert [(r.method, r.url.path) for r in api.requests] == [
        ("POST", "/agents"),
        ("GET", "/agents/agt_abc12345"),
        ("PATCH", "/agents/agt_abc12345"),
        ("GET", "/agents/me"),
        ("DELETE", "/agents/agt_abc12345"),
    ]
    assert api.requests[3].url.params["limit"] == "100"
    assert api.body(0) == {
        "presenter": {"type": "talk", "source_url": "https://x/a.png"},
        "preview_name": "Ada",
    }
    assert api.body(2) == {"preview_name": "Bea", "knowledge": None}  # explicit null clears
    assert [a.id for a in listed] == ["agt_abc12345"]


def test_agent_list_follows_cursor_pages() -> None:
    api = MockAPI().queue(
        httpx.Response(200, json={"agents": [agent_json("agt_1")], "token": "page2"}),
        httpx.Response(200, json={"agents": [agent_json("agt_2")]}),
    )
    with api.client() as client:
        listed = client.agents.list()
    assert [a.id for a in listed] == ["agt_1", "agt_2"]
    assert "token" not in api.requests[0].url.params and api.requests[1].url.params["token"] == "page2"


def test_client_keys_never_show_the_key_in_errors() -> None:
    key = "ck_0123456789abcdef"
    api = MockAPI().queue(
        httpx.Response(
            201, json={"client_key": key, "allowed_domains": ["https://a.example"], "name": "web"}
        ),
        httpx.Response(200, json=[{"client_key": key, "allowed_domains": ["https://a.example"]}]),
        httpx.Response(204),
        httpx.Response(404, json={"kind": "NotFound", "description": "Agent or client key not found"}),
    )
    with api.client() as client:
        created = client.client_keys.create("agt_1", allowed_domains=["https://a.example"], name="web")
        assert [k.client_key for k in client.client_keys.list("agt_1")] == [key]
        client.client_keys.update("agt_1", key, allowed_domains=["https://b.example"])
        with pytest.raises(Exception) as caught:  # noqa: PT011 - the text is what matters
            client.client_keys.delete("agt_1", key)
    assert api.body(0) == {"allowed_domains": ["https://a.example"], "name": "web"}
    assert api.body(2) == {"allowed_domains": ["https://b.example"]}
    assert api.requests[3].url.path == f"/agents/agt_1/client-keys/{key}"
    assert key not in str(caught.value) and "***" in str(caught.value)
    assert key not in repr(created)


def test_documents_send_wire_names() -> None:
    api = MockAPI().queue(
        httpx.Response(200, json={"id": "knl_a#doc_b", "documentType": "pdf", "status": "processing"})
    )
    with api.client() as client:
        doc = client.documents.create(
            "knl_a", {"source_url": "https://x/a.pdf", "title": "A", "document_type": "pdf"}
        )
    assert api.body() == {"source_url": "https://x/a.pdf", "title": "A", "documentType": "pdf"}
    assert doc.document_type == "pdf"


def test_chats_create_and_send_message() -> None:
    api = MockAPI().queue(
        httpx.Response(200, json={"id": "cht_1", "agent_id": "agt_1", "messages": []}),
        httpx.Response(
            200, json={"result": "30 days", "documentIds": ["d"], "matches": [], "chatMode": "Functional"}
        ),
    )
    with api.client() as client:
        chat = client.chats.create("agt_1")
        answer = client.chats.send_message("agt_1", chat.id, "How long do returns take?")
    assert api.requests[1].url.path == "/agents/agt_1/chat/cht_1"
    message = api.body(1)["messages"][0]
    assert message["role"] == "user" and message["content"] == "How long do returns take?"
    assert answer.result == "30 days" and answer.chat_mode == "Functional" and answer.document_ids == ["d"]


def test_agent_waiter_polls_until_done() -> None:
    api = MockAPI().queue(
        httpx.Response(200, json=agent_json(status="created")),
        httpx.Response(200, json=agent_json(status="started")),
        httpx.Response(200, json=agent_json(status="done")),
    )
    with api.client() as client:
        agent = client.agents.wait_until_ready("agt_abc12345", timeout=30)
    assert agent.status == "done" and len(api.sleeps) == 2


def test_document_waiter_accepts_prefixed_status() -> None:
    api = MockAPI().queue(httpx.Response(200, json={"id": "knl_a#doc_b", "status": "document/done"}))
    with api.client() as client:
        assert client.documents.wait_until_ready("knl_a", "knl_a#doc_b").status == "document/done"


def test_waiter_raises_server_error() -> None:
    api = MockAPI().queue(
        httpx.Response(200, json={"id": "knl_a#doc_b", "status": "error", "error": "fetch failed: 404"})
    )
    with api.client() as client, pytest.raises(ResourceFailedError, match="fetch failed: 404") as caught:
        client.documents.wait_until_ready("knl_a", "knl_a#doc_b")
    assert caught.value.status == "error"


def test_agent_waiter_renders_error_object() -> None:
    api = MockAPI().queue(
        httpx.Response(
            200,
            json=agent_json(
                status="rejected", error={"kind": "ModerationError", "description": "image rejected"}
            ),
        )
    )
    with api.client() as client, pytest.raises(ResourceFailedError, match="ModerationError: image rejected"):
        client.agents.wait_until_ready("agt_abc12345")


def test_waiter_times_out() -> None:
    api = MockAPI().queue(*[httpx.Response(200, json=agent_json(status="created")) for _ in range(50)])
    with (
        api.client(sleep=time.sleep, clock=time.monotonic) as client,
        pytest.raises(WaitTimeoutError, match="not ready after 0.3s"),
    ):
        client.agents.wait_until_ready("agt_abc12345", timeout=0.3)
    assert 2 <= len(api.requests) <= 5


def test_split_document_id() -> None:
    assert split_document_id("knl_a#doc_b") == ("knl_a", "doc_b")
    with pytest.raises(ValueError, match="knl_"):
        split_document_id("doc_b")
