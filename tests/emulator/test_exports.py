"""Chat exports: create, status, download through ``result_url``, delete, and their errors."""

from __future__ import annotations

from typing import Any

import httpx

from .conftest import create_agent, open_chat, user_message


def _export(api: httpx.Client, **body: Any) -> dict[str, Any]:
    created = api.post("/agents/chats/exports", json=body)
    assert created.status_code == 200, created.text
    export_id = created.json()["export_id"]
    got = api.get(f"/agents/chats/exports/{export_id}")
    assert got.status_code == 200
    data: dict[str, Any] = got.json()
    return data


def test_export_lifecycle(api: httpx.Client, api2: httpx.Client) -> None:
    agent, other = create_agent(api), create_agent(api)
    chat = open_chat(api, agent["id"])
    api.post(f"/agents/{agent['id']}/chat/{chat}", json={"messages": [user_message("hello")]})
    open_chat(api, other["id"])
    export = _export(api, agent_id=agent["id"])
    assert (
        export["status"] == "done"
        and export["agent_id"] == agent["id"]
        and export["persistent_chats"] is True
    )
    assert export["owner_id"] == agent["owner_id"] and export["total_files_count"] == 1
    for field in ("created_by", "created_at", "completed_at", "modified"):
        assert export[field], field
    file = httpx.get(export["result"]["result_url"], trust_env=False)  # no credentials, like a signed URL
    assert file.status_code == 200 and len(file.content) == export["total_files_size"]
    chats = file.json()["chats"]
    assert [c["id"] for c in chats] == [chat] and [m["role"] for m in chats[0]["messages"]] == [
        "user",
        "assistant",
    ]
    url = f"/agents/chats/exports/{export['export_id']}"
    assert api2.get(url).json() == {"kind": "NotFoundError", "description": "export not found"}
    deleted = api.delete(url)
    assert deleted.status_code == 200 and deleted.json()["export_id"] == export["export_id"]
    assert api.get(url).status_code == 404 and api.delete(url).status_code == 404
    assert httpx.get(export["result"]["result_url"], trust_env=False).status_code == 404


def test_export_filters_and_errors(api: httpx.Client) -> None:
    agent = create_agent(api)
    empty = _export(api, agent_id=agent["id"])
    assert empty["status"] == "error" and empty["error"] == "No chats found" and "result" not in empty
    kept = open_chat(api, agent["id"], persist=True)
    passing = open_chat(api, agent["id"], persist=False)
    assert [
        c["id"] for c in httpx.get(_export(api, agent_id=agent["id"])["result"]["result_url"]).json()["chats"]
    ] == [
        kept,
        passing,
    ]
    only_passing = _export(api, agent_id=agent["id"], persistent_chats=False)
    assert [c["id"] for c in httpx.get(only_passing["result"]["result_url"]).json()["chats"]] == [passing]
    past = _export(api, agent_id=agent["id"], to="2020-01-01T00:00:00Z")
    assert (
        past["status"] == "error"
        and past["error"] == "No chats found in range"
        and past["to"] == "2020-01-01T00:00:00Z"
    )
    for body, expected in (
        ({}, ("BadRequestError", "agent_id: Field required")),
        ({"agent_id": "agt_missing"}, ("BadRequestError", "Agent not found")),
        ({"agent_id": agent["id"], "from": "yesterday"}, ("BadRequestError", "Invalid date format")),
        (
            {"agent_id": agent["id"], "from": "2024-05-02T00:00:00Z", "to": "2024-05-01T00:00:00Z"},
            ("RangeError", "Invalid date range"),
        ),
    ):
        r = api.post("/agents/chats/exports", json=body)
        assert r.status_code == 400 and (r.json()["kind"], r.json()["description"]) == expected, body
