"""Sessions (V2 create, list, get; expressive agents only) and client-key routes."""

from __future__ import annotations

import httpx

from did_agents_emulator.testing import EmulatorServer

from .conftest import EXPRESSIVE, browser, client_key, create_agent, user_message


def test_create_list_get_sessions(api: httpx.Client) -> None:
    agent = create_agent(api, presenter=EXPRESSIVE)
    r = api.post(
        f"/v2/agents/{agent['id']}/sessions",
        json={"transport": {"provider": "livekit"}, "chat_persist": True},
    )
    assert r.status_code == 201
    session = r.json()
    assert {"id", "session_url", "session_token", "interrupt_enabled"} <= set(session)
    assert session["session_url"].startswith("ws://127.0.0.1:") and session["interrupt_enabled"] is True
    assert session["chat_persist"] is True
    assert session["chat_id"] == f"cht_{session['id']}"  # the id the SDK gives the session's chat
    chat = api.get(f"/agents/{agent['id']}/chat/{session['chat_id']}").json()
    assert chat["persist"] is True  # chat_persist is honoured on the session's chat
    plain = api.post(f"/v2/agents/{agent['id']}/sessions")  # body is optional
    assert plain.status_code == 201 and plain.json()["chat_persist"] is False
    assert api.get(f"/agents/{agent['id']}/chat/{plain.json()['chat_id']}").json()["persist"] is False
    listed = api.get(f"/agents/{agent['id']}/sessions").json()
    assert [s["id"] for s in listed] == [session["id"], plain.json()["id"]]
    assert api.get(f"/agents/{agent['id']}/sessions/{session['id']}").json() == session
    missing = api.get(f"/agents/{agent['id']}/sessions/sess_missing")
    assert missing.status_code == 404 and missing.json()["description"] == "Session not found"
    assert api.post("/v2/agents/agt_missing/sessions", json={}).status_code == 404
    bad = api.post(f"/v2/agents/{agent['id']}/sessions", json={"chat_persist": "yes"})
    assert bad.status_code == 400 and bad.json()["description"].startswith("chat_persist:")
    webrtc = api.post(f"/v2/agents/{agent['id']}/sessions", json={"transport": {"provider": "webrtc"}})
    assert webrtc.status_code == 400 and webrtc.json()["kind"] == "BadRequest"


def test_sessions_are_for_expressive_agents(api: httpx.Client) -> None:
    talk = create_agent(api)
    r = api.post(f"/v2/agents/{talk['id']}/sessions", json={"transport": {"provider": "livekit"}})
    assert r.status_code == 400 and r.json()["kind"] == "BadRequest"
    assert r.json()["description"].startswith("Invalid request parameters")


def test_session_chat_takes_ratings_and_session_ids(did_emulator: EmulatorServer, api: httpx.Client) -> None:
    """The SDK (expressive, Playground) sends the session id as streamId and sessionId, and rates
    answers in the chat it names ``cht_{sessionId}``."""
    agent = create_agent(api, presenter=EXPRESSIVE)
    with browser(did_emulator, client_key(api, agent["id"])) as page:
        session = page.post(
            f"/v2/agents/{agent['id']}/sessions",
            json={"transport": {"provider": "livekit"}, "chat_persist": True},
        ).json()
        chat = f"cht_{session['id']}"
        ids = {"streamId": session["id"], "sessionId": session["id"], "chatMode": "Playground"}
        answer = page.post(
            f"/agents/{agent['id']}/chat/{chat}", json={**ids, "messages": [user_message("hi")]}
        )
        assert answer.status_code == 200
        rating = {"knowledge_id": "", "message_id": "m1", "matches": [], "score": 1}
        assert page.post(f"/agents/{agent['id']}/chat/{chat}/ratings", json=rating).status_code == 200


def test_account_client_key_is_one_per_account(api: httpx.Client, api2: httpx.Client) -> None:
    missing = api.get("/agents/client-key")
    assert missing.status_code == 404 and missing.json() == {
        "kind": "NotFound",
        "description": "Client key not found",
    }
    created = api.post("/agents/client-key", json={"allowed_domains": ["https://a.example"]})
    assert created.status_code == 201
    key = created.json()["client_key"]
    again = api.post("/agents/client-key", json={"allowed_domains": ["https://b.example"]})
    assert again.status_code == 400
    assert again.json() == {"kind": "BadRequest", "description": "User already has a client key for agents"}
    assert api.patch("/agents/client-key", json={"allowed_domains": ["https://b.example"]}).status_code == 204
    assert api.get("/agents/client-key").json() == {
        "client_key": key,
        "allowed_domains": ["https://b.example"],
    }
    assert api2.get("/agents/client-key").status_code == 404


def test_agent_client_keys(api: httpx.Client, api2: httpx.Client) -> None:
    agent = create_agent(api)
    assert api.get(f"/agents/{agent['id']}/client-keys").json() == []  # none until one is asked for
    r = api.post(f"/agents/{agent['id']}/client-keys", json={"allowed_domains": ["*"], "name": "web"})
    assert r.status_code == 201
    new = r.json()
    assert new["name"] == "web" and new["resource_id"] == agent["id"] and new["allowed_domains"] == ["*"]
    assert new["client_key"].startswith("ck_") and "created_at" in new
    url = f"/agents/{agent['id']}/client-keys/{new['client_key']}"
    assert api.patch(url, json={"allowed_domains": ["https://x.example"]}).status_code == 204
    assert api.patch(url, json={"name": "shop"}).status_code == 204  # both fields optional
    listed = api.get(f"/agents/{agent['id']}/client-keys").json()
    assert [(k["allowed_domains"], k["name"]) for k in listed] == [(["https://x.example"], "shop")]
    assert api2.delete(url).status_code == 404
    assert api.delete(url).status_code == 204
    gone = api.delete(url)
    assert gone.status_code == 404 and gone.json()["description"] == "Agent or client key not found"
    assert api.post("/agents/agt_missing/client-keys", json={"allowed_domains": []}).status_code == 404
    for _ in range(10):
        api.post(f"/agents/{agent['id']}/client-keys", json={"allowed_domains": ["*"]})
    limit = api.post(f"/agents/{agent['id']}/client-keys", json={"allowed_domains": ["*"]})
    assert limit.status_code == 400 and "Maximum number of client keys" in limit.json()["description"]
