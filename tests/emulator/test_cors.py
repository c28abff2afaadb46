"""CORS as a browser needs it: preflights for the page's origin, readable answers and refusals."""

from __future__ import annotations

import httpx
import pytest

from did_agents_emulator.testing import EmulatorServer

from .conftest import PAGE, browser, client_for, client_key, create_agent

SDK_HEADERS = "authorization,content-type,x-playground-chat"


def _preflight(client: httpx.Client, path: str, method: str = "POST", **extra: str) -> httpx.Response:
    headers = {
        "Origin": PAGE,
        "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": SDK_HEADERS,
        **extra,
    }
    return client.options(path, headers=headers)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/agents/agt_x/runtime"),
        ("POST", "/agents/agt_x/chat"),
        ("POST", "/agents/agt_x/chat/cht_y"),
        ("PATCH", "/agents/agt_x/chat/cht_y/ratings/rat_z"),
        ("DELETE", "/agents/agt_x/streams/strm_s"),
        ("POST", "/agents/"),
        ("GET", "/knowledge/"),
    ],
)
def test_preflight_is_answered_for_the_page(did_emulator: EmulatorServer, method: str, path: str) -> None:
    with client_for(did_emulator, None) as anon:  # a preflight carries no credentials
        r = _preflight(anon, path, method)
    assert r.status_code == 204 and r.content == b""
    assert r.headers["access-control-allow-origin"] == PAGE
    assert method in r.headers["access-control-allow-methods"].split(", ")
    allowed = {h.strip().lower() for h in r.headers["access-control-allow-headers"].split(",")}
    assert set(SDK_HEADERS.split(",")) <= allowed and "x-api-key-external" in allowed
    assert "idempotency-key" not in allowed  # an emulator extension, off by default
    assert int(r.headers["access-control-max-age"]) > 0 and "Origin" in r.headers["vary"]


def test_preflight_lists_idempotency_key_only_when_honoured(did_emulator: EmulatorServer) -> None:
    did_emulator.configure(honour_idempotency_key=True)
    with client_for(did_emulator, None) as anon:
        r = _preflight(anon, "/agents")
    assert "Idempotency-Key" in r.headers["access-control-allow-headers"]


def test_private_network_preflight(did_emulator: EmulatorServer) -> None:
    with client_for(did_emulator, None) as anon:
        asked = _preflight(
            anon, "/agents/agt_x/runtime", "GET", **{"Access-Control-Request-Private-Network": "true"}
        )
        plain = _preflight(anon, "/agents/agt_x/runtime", "GET")
    assert asked.headers["access-control-allow-private-network"] == "true"
    assert "access-control-allow-private-network" not in plain.headers


def test_answers_and_refusals_are_readable_by_the_page(
    did_emulator: EmulatorServer, api: httpx.Client
) -> None:
    agent = create_agent(api)
    key = client_key(api, agent["id"])
    with browser(did_emulator, key) as page:
        ok = page.get(f"/agents/{agent['id']}/runtime")
        missing = page.get(f"/agents/{agent['id']}/chat/cht_missing")
    with browser(did_emulator, key, origin="https://evil.example") as evil:
        refused = evil.get(f"/agents/{agent['id']}/runtime")
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == PAGE
    assert missing.status_code == 404 and missing.headers["access-control-allow-origin"] == PAGE
    assert refused.status_code == 403
    assert refused.headers["access-control-allow-origin"] == "https://evil.example"  # readable, still refused
    assert refused.json() == {
        "kind": "PermissionError",
        "description": "user has no permission for this origin",
    }
    for response in (ok, missing, refused):
        assert "Origin" in response.headers["vary"]


def test_faults_carry_cors_headers(did_emulator: EmulatorServer, api: httpx.Client) -> None:
    did_emulator.configure(fault_rate=1, fault_status=429, retry_after=2)
    r = api.get("/agents", headers={"Origin": PAGE})
    assert r.status_code == 429 and r.headers["access-control-allow-origin"] == PAGE
    assert r.headers["access-control-expose-headers"] == "Retry-After"


def test_no_origin_no_cors_headers(api: httpx.Client) -> None:
    r = api.get("/agents")
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers
    not_preflight = api.options("/agents", headers={"Origin": PAGE})  # no Access-Control-Request-Method
    assert not_preflight.status_code == 405 and not_preflight.json()["kind"] == "MethodNotAllowed"
