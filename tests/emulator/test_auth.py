"""Auth forms, the 401 shape, tenant isolation and client-key scope."""

from __future__ import annotations

import base64

import httpx
import pytest

from did_agents_emulator.testing import EmulatorServer

from .conftest import PAGE, TALK, browser, client_for, client_key, create_agent, create_kb, user_message

UNAUTH = {"kind": "AuthorizationError", "description": "user unauthenticated"}


def _b64(value: str) -> str:
    return base64.b64encode(value.encode()).decode()


@pytest.mark.parametrize(
    "form",
    [
        lambda k: f"Basic {k}",
        lambda k: f"Basic {_b64(k)}",
        lambda k: f"Basic {_b64(k + ':')}",
        lambda k: f"Bearer {k}",
        lambda k: f"Basic {k}~conn_123",
        lambda k: f"Bearer {k}~conn_123",
        lambda k: f"Basic {_b64(k)}~conn_123",
    ],
    ids=["raw", "base64", "base64-colon", "bearer", "basic-tilde", "bearer-tilde", "base64-tilde"],
)
def test_auth_forms_reach_the_same_account(
    did_emulator: EmulatorServer, api: httpx.Client, form: object
) -> None:
    agent = create_agent(api)
    assert callable(form)
    with client_for(did_emulator, form(did_emulator.api_key)) as client:
        r = client.get(f"/agents/{agent['id']}")
    assert r.status_code == 200 and r.json()["id"] == agent["id"]


@pytest.mark.parametrize(
    "header", [None, "Basic wrong:key", "Bearer nope", "Token abc", "Basic", "Client-Key ck_nope"]
)
def test_401_shape(did_emulator: EmulatorServer, header: str | None) -> None:
    with client_for(did_emulator, header) as client:
        for method, path in (("GET", "/agents"), ("POST", "/knowledge"), ("GET", "/agents/agt_x")):
            r = client.request(method, path, json={})
            assert r.status_code == 401 and r.json() == UNAUTH


def test_accounts_are_isolated(api: httpx.Client, api2: httpx.Client) -> None:
    agent = create_agent(api)
    kb = create_kb(api)
    assert api2.get("/agents").json() == [] and api2.get("/knowledge").json() == []
    assert api2.get(f"/agents/{agent['id']}").status_code == 404
    assert api2.patch(f"/agents/{agent['id']}", json={"preview_name": "x"}).status_code == 404
    assert api2.delete(f"/agents/{agent['id']}").status_code == 404
    assert api2.get(f"/knowledge/{kb['id']}").json() == {
        "kind": "NotFound",
        "description": "Knowledge not found",
    }
    document = {"documentType": "text", "source_url": "data:,x", "title": "t"}
    assert api2.post(f"/knowledge/{kb['id']}/documents", json=document).status_code == 404
    assert api2.post(f"/agents/{agent['id']}/chat", json={}).status_code == 404
    assert api2.post(f"/v2/agents/{agent['id']}/sessions", json={}).status_code == 404
    assert api2.post(f"/agents/{agent['id']}/streams", json={}).status_code == 404
    assert api2.get(f"/agents/{agent['id']}/runtime").status_code == 404
    assert api.get(f"/agents/{agent['id']}").status_code == 200  # still there for its owner


def test_client_key_reads_and_chats_but_never_modifies(
    did_emulator: EmulatorServer, api: httpx.Client
) -> None:
    agent = create_agent(api)
    other = create_agent(api)
    with browser(did_emulator, client_key(api, agent["id"])) as ck:
        assert ck.get(f"/agents/{agent['id']}").status_code == 200
        assert ck.get(f"/agents/{agent['id']}/runtime").status_code == 200
        chat = ck.post(f"/agents/{agent['id']}/chat", json={"persist": True})
        assert chat.status_code == 200
        msg = {"messages": [user_message("hello")]}
        assert ck.post(f"/agents/{agent['id']}/chat/{chat.json()['id']}", json=msg).status_code == 200
        assert ck.post(f"/agents/{agent['id']}/streams", json={}).status_code == 201
        for method, path, body in (
            ("PATCH", f"/agents/{agent['id']}", {"preview_name": "x"}),
            ("DELETE", f"/agents/{agent['id']}", None),
            ("POST", "/agents", {"presenter": TALK}),
            ("GET", "/agents", None),
            ("GET", "/knowledge", None),
            ("POST", "/knowledge", {"name": "n", "description": "d"}),
            ("GET", f"/agents/{agent['id']}/client-keys", None),
            ("DELETE", f"/agents/{agent['id']}/chats", None),
            ("POST", "/agents/chats/exports", {"agent_id": agent["id"]}),
            ("POST", "/agents/webhooks/test", {"event_type": "chat/end", "url": "https://x.example"}),
        ):
            r = ck.request(method, path, json=body)
            assert r.status_code == 403, (method, path)
            assert r.json()["kind"] == "PermissionError"
        # an agent-scoped key does not reach another agent of the same account
        assert ck.get(f"/agents/{other['id']}").status_code == 403
    assert api.get(f"/agents/{agent['id']}").json()["preview_name"] == "Alice"


@pytest.mark.parametrize(
    ("allowed", "origin", "expected"),
    [
        ("https://shop.example", "https://shop.example", 200),
        ("https://shop.example", "https://shop.example:443", 200),
        ("https://shop.example/", "https://shop.example", 200),
        ("https://shop.example", "http://shop.example", 403),
        ("https://shop.example", "https://evil.example", 403),
        ("https://shop.example", "https://www.shop.example", 403),
        ("https://shop.example", None, 403),
        ("http://localhost:3000", "http://localhost:3000", 200),
        ("http://localhost:3000", "http://localhost:3001", 403),
        ("shop.example", "http://shop.example:8080", 200),
        ("shop.example", "https://a.shop.example", 403),
        ("localhost:3000", "http://localhost:3000", 200),
        ("localhost:3000", "http://localhost:3001", 403),
        ("*.shop.example", "https://a.shop.example", 200),
        ("*.shop.example", "https://shop.example.evil", 403),
        ("*", "https://anything.example", 200),
        ("*", None, 200),
    ],
)
def test_client_key_works_only_from_its_allowed_domains(
    did_emulator: EmulatorServer, api: httpx.Client, allowed: str, origin: str | None, expected: int
) -> None:
    agent = create_agent(api)
    key = client_key(api, agent["id"], allowed)
    with client_for(did_emulator, f"Client-Key {key}.user-1_conn1") as ck:
        r = ck.get(f"/agents/{agent['id']}/runtime", headers={"Origin": origin} if origin else {})
    assert r.status_code == expected, r.text
    if expected == 403:
        assert r.json() == {
            "kind": "PermissionError",
            "description": "user has no permission for this origin",
        }


def test_api_keys_are_not_origin_restricted(api: httpx.Client) -> None:
    agent = create_agent(api)
    r = api.get(f"/agents/{agent['id']}", headers={"Origin": "https://anywhere.example"})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "https://anywhere.example"


def test_account_client_key_reaches_every_agent_of_the_account(
    did_emulator: EmulatorServer, api: httpx.Client, api2: httpx.Client
) -> None:
    mine, theirs = create_agent(api), create_agent(api2)
    key = api.post("/agents/client-key", json={"allowed_domains": [PAGE]}).json()["client_key"]
    with browser(did_emulator, key) as page:
        assert page.get(f"/agents/{mine['id']}/runtime").status_code == 200
        assert page.get(f"/agents/{theirs['id']}/runtime").status_code == 404
    revoked = client_key(api, mine["id"])
    assert api.delete(f"/agents/{mine['id']}/client-keys/{revoked}").status_code == 204
    with browser(did_emulator, revoked) as page:
        assert page.get(f"/agents/{mine['id']}/runtime").json() == UNAUTH
