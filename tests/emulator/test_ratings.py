"""Ratings (thumbs up/down on an answer) and end-of-chat feedback, as the SDK sends them."""

from __future__ import annotations

from typing import Any

import httpx

from did_agents_emulator.testing import EmulatorServer

from .conftest import add_document, browser, client_key, create_agent, create_kb, open_chat, user_message


def _answered_chat(api: httpx.Client) -> tuple[dict[str, Any], str, dict[str, Any]]:
    kb = create_kb(api)
    add_document(api, kb["id"], "data:,The%20warranty%20lasts%20two%20years%20from%20purchase.")
    agent = create_agent(api, knowledge={"id": kb["id"]})
    chat = open_chat(api, agent["id"])
    answer = api.post(f"/agents/{agent['id']}/chat/{chat}", json={"messages": [user_message("warranty?")]})
    return agent, chat, answer.json()


def test_rating_lifecycle_from_the_browser(did_emulator: EmulatorServer, api: httpx.Client) -> None:
    agent, chat, answer = _answered_chat(api)
    matches = [[m["document_id"], m["id"]] for m in answer["matches"]]  # what the SDK sends
    base = f"/agents/{agent['id']}/chat/{chat}/ratings"
    payload = {
        "knowledge_id": agent["knowledge"]["id"],
        "message_id": "5f2a9c1e0b3d4",
        "matches": matches,
        "score": 1,
    }
    with browser(did_emulator, client_key(api, agent["id"])) as page:
        created = page.post(base, json=payload)
        assert created.status_code == 200
        rating = created.json()
        assert rating["id"].startswith("rat_") and rating["score"] == 1 and rating["matches"] == matches
        assert (rating["agent_id"], rating["chat_id"], rating["message_id"]) == (
            agent["id"],
            chat,
            "5f2a9c1e0b3d4",
        )
        assert rating["external_id"] == "user-1"  # from Client-Key {key}.{externalId}_{connectionId}
        assert rating["owner_id"] == agent["owner_id"] and rating["created_at"] == rating["modified_at"]
        updated = page.patch(f"{base}/{rating['id']}", json={**payload, "score": -1}).json()
        assert updated["score"] == -1 and updated["modified_at"] > rating["modified_at"]
        assert updated["created_at"] == rating["created_at"]
        deleted = page.delete(f"{base}/{rating['id']}")  # bodiless, with Content-Type: application/json
        assert deleted.status_code == 200 and deleted.json() == updated
        gone = page.patch(f"{base}/{rating['id']}", json={"score": 1})
        assert gone.status_code == 404 and gone.json() == {
            "kind": "NotFound",
            "description": "Rating not found",
        }


def test_rating_rules(api: httpx.Client, api2: httpx.Client) -> None:
    agent, chat, _ = _answered_chat(api)
    base = f"/agents/{agent['id']}/chat/{chat}/ratings"
    by_api_key = api.post(
        base, json={"knowledge_id": "", "matches": [], "score": -1}
    )  # agent without knowledge
    assert by_api_key.status_code == 200 and by_api_key.json()["external_id"].startswith("emulator|")
    for body, field in (
        ({"knowledge_id": "", "matches": []}, "score"),
        ({"score": 1, "matches": []}, "knowledge_id"),
        ({"score": 1, "knowledge_id": ""}, "matches"),
        ({"score": 1, "knowledge_id": "", "matches": [["only-one"]]}, "matches.0"),
        ({"score": "up", "knowledge_id": "", "matches": []}, "score"),
    ):
        r = api.post(base, json=body)
        assert r.status_code == 400 and r.json()["description"].startswith(f"{field}:"), body
    missing_chat = api.post(
        f"/agents/{agent['id']}/chat/cht_missing/ratings",
        json={"knowledge_id": "", "matches": [], "score": 1},
    )
    assert missing_chat.json() == {"kind": "NotFound", "description": "Chat not found"}
    assert api2.post(base, json={"knowledge_id": "", "matches": [], "score": 1}).status_code == 404


def test_feedback(did_emulator: EmulatorServer, api: httpx.Client) -> None:
    agent, chat, _ = _answered_chat(api)
    url = f"/agents/{agent['id']}/chat/{chat}/feedback"
    with browser(did_emulator, client_key(api, agent["id"])) as page:
        first = page.post(url, json={"rating": 4, "answer": "Helpful"})
        assert first.status_code == 200
        assert set(first.json()) == {"chat_id", "rating", "submitted_at"}
        assert first.json()["chat_id"] == chat and first.json()["rating"] == 4
        assert page.post(url, json={"rating": 5}).json()["rating"] == 5  # a second one replaces it
    assert api.post(url, json={"answer": "no rating"}).json()["description"].startswith("rating:")
    assert api.post(f"/agents/{agent['id']}/chat/cht_missing/feedback", json={"rating": 1}).status_code == 404
    api.delete(f"/agents/{agent['id']}/chats")
    assert api.post(url, json={"rating": 1}).status_code == 404
