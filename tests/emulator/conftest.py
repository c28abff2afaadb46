"""Shared helpers for the emulator tests: HTTP clients per account and a loopback file server.

The session emulator runs on a manual clock: time stands still until a test advances it
(``did_emulator.advance_clock``), so no test sleeps for agents or documents to become ready. The
``api``/``api2`` clients come with instant readiness (agent and document delays 0), which most tests
need; the tests of the ready delays restore the defaults themselves.
"""

from __future__ import annotations

import functools
import http.server
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from did_agents_emulator.clock import ManualClock
from did_agents_emulator.testing import EmulatorServer, default_api_keys

# Built once: an httpx.Client builds a TLS context per instance otherwise (~50 ms), even for http://.
TLS = ssl.create_default_context()

TALK = {
    "type": "talk",
    "source_url": "https://example.com/alice.png",
    "thumbnail": "https://example.com/alice-thumb.png",
}
EXPRESSIVE = {"type": "expressive", "presenter_id": "v2_public_Amber@0zSz8kflCN"}
PAGE = "http://localhost:3000"  # the origin a test page would be served from


def client_for(server: EmulatorServer, authorization: str | None) -> httpx.Client:
    headers = {"Authorization": authorization} if authorization else {}
    return httpx.Client(base_url=server.url, headers=headers, timeout=15, trust_env=False, verify=TLS)


@pytest.fixture(scope="session")
def did_emulator_session() -> Iterator[EmulatorServer]:
    """The plugin's session emulator (two accounts, default delays), on a clock the tests move."""
    with EmulatorServer(api_keys=default_api_keys(2), clock=ManualClock()) as server:
        yield server


@pytest.fixture
def ready_now(did_emulator: EmulatorServer) -> EmulatorServer:
    """The session emulator with agents and documents ready at once (delays 0)."""
    did_emulator.configure(agent_ready_delay=0, document_ready_delay=0)
    return did_emulator


@pytest.fixture
def api(ready_now: EmulatorServer) -> Iterator[httpx.Client]:
    """Client of account 1 (raw Basic key, as D-ID documents it); instant readiness."""
    with client_for(ready_now, f"Basic {ready_now.api_keys[0]}") as client:
        yield client


@pytest.fixture
def api2(ready_now: EmulatorServer) -> Iterator[httpx.Client]:
    """Client of account 2; instant readiness."""
    with client_for(ready_now, f"Basic {ready_now.api_keys[1]}") as client:
        yield client


def create_agent(api: httpx.Client, **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"presenter": TALK, "preview_name": "Alice", **fields}
    response = api.post("/agents", json=body)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def client_key(api: httpx.Client, agent_id: str, *domains: str) -> str:
    """A new client key of the agent, allowed from ``domains`` (default: the test page's origin)."""
    response = api.post(f"/agents/{agent_id}/client-keys", json={"allowed_domains": list(domains or (PAGE,))})
    assert response.status_code == 201, response.text
    return str(response.json()["client_key"])


def browser(server: EmulatorServer, key: str, origin: str = PAGE) -> httpx.Client:
    """A client-key client sending an ``Origin``, as the SDK in a page does (external id ``user-1``)."""
    client = client_for(server, f"Client-Key {key}.user-1_conn1")
    client.headers["Origin"] = origin
    return client


def create_kb(api: httpx.Client, name: str = "Docs") -> dict[str, Any]:
    response = api.post("/knowledge", json={"name": name, "description": f"{name} knowledge"})
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def add_document(
    api: httpx.Client,
    kb_id: str,
    source_url: str,
    title: str = "Doc",
    document_type: str = "text",
    **extra: Any,
) -> dict[str, Any]:
    response = api.post(
        f"/knowledge/{kb_id}/documents",
        json={"documentType": document_type, "source_url": source_url, "title": title, **extra},
    )
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def doc_part(document_id: str) -> str:
    return document_id.split("#", 1)[1]


def user_message(content: str, **extra: Any) -> dict[str, Any]:
    return {"role": "user", "content": content, "created_at": "2024-05-01T12:00:00Z", **extra}


def open_chat(
    api: httpx.Client, agent_id: str, persist: bool = True, headers: dict[str, str] | None = None
) -> str:
    response = api.post(f"/agents/{agent_id}/chat", json={"persist": persist}, headers=headers)
    assert response.status_code == 200, response.text
    return str(response.json()["id"])


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture
def file_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A loopback HTTP server over ``tmp_path``: returns (base_url, directory)."""
    handler = functools.partial(_QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", tmp_path
    finally:
        server.shutdown()
        server.server_close()


def make_pdf(text: str) -> bytes:
    """A minimal one-page PDF with ``text`` in Helvetica, written by hand (valid xref offsets)."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out
