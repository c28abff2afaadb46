"""Error shapes: 400 naming the field (never 422), 404 for unknown ids and routes."""

from __future__ import annotations

import httpx
import pytest

from .conftest import TALK, create_agent


def _assert_error(response: httpx.Response, status: int, kind: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"kind", "description"} and body["kind"] == kind
    description: str = body["description"]
    return description


def test_malformed_json_is_400(api: httpx.Client) -> None:
    r = api.post("/agents", content=b'{"presenter": ', headers={"Content-Type": "application/json"})
    assert _assert_error(r, 400, "BadRequestError").startswith("body: Invalid JSON")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "presenter"),
        ({"presenter": {"type": "video"}}, "presenter.type"),
        ({"presenter": TALK, "embed": "yes"}, "embed"),
        ({"presenter": TALK, "greetings": "hi"}, "greetings"),
        ({"presenter": TALK, "preview_name": 5}, "preview_name"),
        ({"presenter": TALK, "llm": {"provider": "openai", "temperature": 3}}, "llm.temperature"),
        ({"presenter": TALK, "llm": {"temperature": 0.5}}, "llm.provider"),
        ({"presenter": TALK, "knowledge": {}}, "knowledge.id"),
    ],
)
def test_invalid_agent_body_names_the_field(api: httpx.Client, body: dict[str, object], field: str) -> None:
    description = _assert_error(api.post("/agents", json=body), 400, "BadRequestError")
    assert description.startswith(f"{field}:"), description


def test_non_object_body(api: httpx.Client) -> None:
    _assert_error(api.post("/agents", json=[1, 2]), 400, "BadRequestError")
    _assert_error(api.post("/knowledge", json={"name": "n"}), 400, "BadRequestError")


def test_missing_and_wrong_type_fields_elsewhere(api: httpx.Client) -> None:
    assert _assert_error(
        api.post("/knowledge", json={"description": "d"}), 400, "BadRequestError"
    ).startswith("name:")
    agent = create_agent(api)
    chat = api.post(f"/agents/{agent['id']}/chat", json={}).json()
    r = api.post(f"/agents/{agent['id']}/chat/{chat['id']}", json={"messages": "hi"})
    assert _assert_error(r, 400, "BadRequestError").startswith("messages:")
    r = api.post(f"/agents/{agent['id']}/chat/{chat['id']}", json={"messages": [{"role": "user"}]})
    assert _assert_error(r, 400, "BadRequestError").startswith("messages.0.content:")
    r = api.get("/agents/me", params={"limit": "many"})
    assert _assert_error(r, 400, "BadRequestError").startswith("limit:")


def test_unknown_ids_and_routes_are_404(api: httpx.Client) -> None:
    assert _assert_error(api.get("/agents/agt_missing"), 404, "NotFound") == "Agent not found"
    assert _assert_error(api.get("/knowledge/knl_missing"), 404, "NotFound") == "Knowledge not found"
    _assert_error(api.get("/no/such/route"), 404, "NotFound")
    _assert_error(api.post("/agents/x/y/z/w", json={}), 404, "NotFound")
