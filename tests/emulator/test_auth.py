"""Auth forms, the 401 shape, tenant isolation and client-key scope."""

from __future__ import annotations

import base64

import httpx
import pytest

from did_agents_emulator.testing import EmulatorServer

from .conftest import TALK, client_for, create_agent, create_kb

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
    assert (
        api2.post(
            f"/knowledge/{kb['id']}/documents", json={"source_url": "data:,x", "title": "t"}
        ).status_code
        == 404
    )
    assert api2.post(f"/agents/{agent['id']}/chat", json={}).status_code == 404
    assert api2.post(f"/v2/agents/{agent['id']}/sessions", json={}).status_code == 404
    assert api.get(f"/agents/{agent['id']}").status_code == 200  # still there for its owner


def test_client_key_reads_and_chats_but_never_modifies(
    did_emulator: EmulatorServer, api: httpx.Client
) -> None:
    agent = create_agent(api)
    other = create_agent(api)
    with client_for(did_emulator, f"Client-Key {agent['client_key']}.ext_conn1") as ck:
        assert ck.get(f"/agents/{agent['id']}").status_code == 200
        chat = ck.post(f"/agents/{agent['id']}/chat", json={"persist": True})
        assert chat.status_code == 201
        msg = {"messages": [{"role": "user", "content": "hello", "created_at": "2024-01-01T00:00:00Z"}]}
        assert ck.post(f"/agents/{agent['id']}/chat/{chat.json()['id']}", json=msg).status_code == 200
        assert ck.post(f"/v2/agents/{agent['id']}/sessions", json={}).status_code == 201
        for method, path, body in (
            ("PATCH", f"/agents/{agent['id']}", {"preview_name": "x"}),
            ("DELETE", f"/agents/{agent['id']}", None),
            ("POST", "/agents", {"presenter": TALK}),
            ("GET", "/agents", None),
            ("GET", "/knowledge", None),
            ("POST", "/knowledge", {"name": "n", "description": "d"}),
            ("GET", f"/agents/{agent['id']}/client-keys", None),
        ):
            r = ck.request(method, path, json=body)
            assert r.status_code == 403, (method, path)
            assert r.json()["kind"] == "PermissionError"
        # an agent-scoped key does not reach another agent of the same account
        assert ck.get(f"/agents/{other['id']}").status_code == 403
    assert api.get(f"/agents/{agent['id']}").json()["preview_name"] == "Alice"


def test_client_key_respects_allowed_domains(did_emulator: EmulatorServer, api: httpx.Client) -> None:
    agent = create_agent(api)
    key = api.post(
        f"/agents/{agent['id']}/client-keys", json={"allowed_domains": ["https://shop.example"]}
    ).json()
    with client_for(did_emulator, f"Client-Key {key['client_key']}") as ck:
        ok = ck.get(f"/agents/{agent['id']}", headers={"Origin": "https://shop.example"})
        bad = ck.get(f"/agents/{agent['id']}", headers={"Origin": "https://evil.example"})
    assert ok.status_code == 200 and bad.status_code == 403
