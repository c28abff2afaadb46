"""Chat: grounded answers from the agent's knowledge, memory, history and export."""

from __future__ import annotations

from typing import Any

import httpx

from did_agents_emulator.responder import NO_INFORMATION, Passage, answer
from did_agents_emulator.retrieval import build_query

from .conftest import add_document, create_agent, create_kb

WARRANTY = (
    "data:text/plain,"
    "Acme Kettle manual. The warranty lasts two years from the date of purchase. "
    "The warranty does not cover water damage caused by overfilling. "
    "Descale the kettle every month with white vinegar."
)
SHIPPING = "data:text/plain,Shipping is free for orders above 50 euros. Delivery takes three working days."


def _msg(content: str) -> dict[str, Any]:
    return {"role": "user", "content": content, "created_at": "2024-05-01T12:00:00Z"}


def _agent_with_docs(api: httpx.Client) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    kb = create_kb(api)
    docs = [
        add_document(api, kb["id"], WARRANTY, title="Kettle manual")["id"],
        add_document(api, kb["id"], SHIPPING, title="Shipping")["id"],
    ]
    agent = create_agent(
        api, knowledge={"id": kb["id"]}, llm={"provider": "openai", "instructions": "Be helpful"}
    )
    return agent, kb, docs


def _chat(api: httpx.Client, agent_id: str, persist: bool = True) -> str:
    r = api.post(f"/agents/{agent_id}/chat", json={"persist": persist})
    assert r.status_code == 201, r.text
    chat: dict[str, Any] = r.json()
    assert chat["id"].startswith("cht_") and chat["agent_id"] == agent_id and chat["messages"] == []
    return str(chat["id"])


def test_answer_quotes_the_document(api: httpx.Client) -> None:
    agent, kb, docs = _agent_with_docs(api)
    chat_id = _chat(api, agent["id"])
    r = api.post(
        f"/agents/{agent['id']}/chat/{chat_id}", json={"messages": [_msg("How long is the warranty?")]}
    )
    assert r.status_code == 200
    body = r.json()
    assert "The warranty lasts two years from the date of purchase." in body["result"]
    assert body["chatMode"] == "Functional"
    assert body["documentIds"][0] == docs[0]
    top = body["matches"][0]
    assert top["document_id"] == docs[0] and top["knowledge_id"] == kb["id"]
    assert top["title"] == "Kettle manual" and top["source_url"] == WARRANTY and "two years" in top["data"]
    again = api.post(
        f"/agents/{agent['id']}/chat/{chat_id}", json={"messages": [_msg("How long is the warranty?")]}
    )
    assert again.json()["result"] == body["result"]  # deterministic


def test_no_knowledge_or_no_match_gives_polite_refusal(api: httpx.Client) -> None:
    bare = create_agent(api)
    chat_id = _chat(api, bare["id"])
    r = api.post(
        f"/agents/{bare['id']}/chat/{chat_id}", json={"messages": [_msg("How long is the warranty?")]}
    )
    assert r.json() == {"result": NO_INFORMATION, "documentIds": [], "matches": [], "chatMode": "Functional"}
    agent, _, _ = _agent_with_docs(api)
    chat_id = _chat(api, agent["id"])
    r = api.post(
        f"/agents/{agent['id']}/chat/{chat_id}", json={"messages": [_msg("What is the capital of Peru?")]}
    )
    assert r.json()["result"] == NO_INFORMATION and r.json()["matches"] == []


def test_memory_uses_previous_turn_for_pronouns(api: httpx.Client) -> None:
    agent, _, _ = _agent_with_docs(api)
    chat_id = _chat(api, agent["id"])
    url = f"/agents/{agent['id']}/chat/{chat_id}"
    api.post(url, json={"messages": [_msg("Tell me about the warranty")]})
    follow = api.post(url, json={"messages": [_msg("Does it cover water damage?")]}).json()
    assert "does not cover water damage" in follow["result"]
    api.post(url, json={"messages": [_msg("How should I descale the kettle?")]})
    short = api.post(url, json={"messages": [_msg("How often?")]}).json()
    assert "Descale the kettle every month" in short["result"]


def test_history_is_stored_and_exported(api: httpx.Client, api2: httpx.Client) -> None:
    agent, _, _ = _agent_with_docs(api)
    chat_id = _chat(api, agent["id"])
    url = f"/agents/{agent['id']}/chat/{chat_id}"
    first = api.post(url, json={"messages": [_msg("How long is the warranty?")]}).json()
    history = [_msg("How long is the warranty?"), {"role": "assistant", "content": first["result"]}]
    api.post(url, json={"messages": [*history, _msg("Is shipping free?")]})
    chat = api.get(url).json()
    assert [(m["role"], m["content"][:12]) for m in chat["messages"]] == [
        ("user", "How long is "),
        ("assistant", first["result"][:12]),
        ("user", "Is shipping "),
        ("assistant", "According to"),
    ]
    assert "free for orders" in chat["messages"][3]["content"]
    export = api.post("/agents/chats/exports", json={"agent_id": agent["id"]})
    assert export.status_code == 200
    export_id = export.json()["export_id"]
    data = api.get(f"/agents/chats/exports/{export_id}").json()
    assert data["export_id"] == export_id
    assert [c["id"] for c in data["chats"]] == [chat_id]
    assert data["chats"][0]["messages"] == chat["messages"]
    assert api2.get(f"/agents/chats/exports/{export_id}").status_code == 404
    bad = api.post("/agents/chats/exports", json={"agent_id": "agt_missing"})
    assert bad.status_code == 400 and bad.json()["description"] == "Agent not found"


def test_chat_not_found(api: httpx.Client) -> None:
    agent = create_agent(api)
    r = api.post(f"/agents/{agent['id']}/chat/cht_missing", json={"messages": [_msg("hi")]})
    assert r.status_code == 404 and r.json() == {"kind": "NotFound", "description": "Chat not found"}
    assert api.post("/agents/agt_missing/chat", json={}).status_code == 404


def test_headings_are_never_quoted_as_answers() -> None:
    paragraphs = [
        "Acme R2 handbook",
        "Warranty",
        "Every R2 comes with a 37-month warranty.",
        "Charging",
        "A charge takes 140 minutes.",
    ]
    text = "\n\n".join(paragraphs)
    reply = answer(build_query("How long is the warranty?", None), [Passage("Handbook", text)])
    assert reply == 'According to "Handbook": "Every R2 comes with a 37-month warranty."'
