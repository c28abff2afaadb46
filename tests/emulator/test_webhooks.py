"""``POST /agents/webhooks/test``: a mock ``chat/end`` event to a loopback webhook."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest


class _Hook(http.server.BaseHTTPRequestHandler):
    received: list[tuple[dict[str, str], dict[str, Any]]] = []
    status = 200

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _Hook.received.append((dict(self.headers), body))
        payload = json.dumps({"ok": True}).encode()
        self.send_response(_Hook.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture
def hook() -> Iterator[str]:
    _Hook.received, _Hook.status = [], 200
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hook)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/chat-end"
    finally:
        server.shutdown()
        server.server_close()


def test_webhook_is_called_with_a_chat_end_event(api: httpx.Client, hook: str) -> None:
    r = api.post(
        "/agents/webhooks/test", json={"event_type": "chat/end", "url": hook, "headers": {"X-Secret": "s3"}}
    )
    assert r.status_code == 200
    body = r.json()
    assert body["success"] is True and body["status_code"] == 200 and body["response_data"] == {"ok": True}
    event = body["request_payload"]
    assert event["event_type"] == "chat/end" and {"agent_id", "chat_id", "chat_history"} <= set(event)
    headers, received = _Hook.received[0]
    assert received == event and headers["X-Secret"] == "s3"


def test_failed_deliveries_are_reported_not_raised(api: httpx.Client, hook: str) -> None:
    _Hook.status = 500
    failed = api.post("/agents/webhooks/test", json={"event_type": "chat/end", "url": hook}).json()
    assert (
        failed["success"] is False and failed["status_code"] == 500 and "HTTP 500" in failed["error_message"]
    )
    remote = api.post(
        "/agents/webhooks/test", json={"event_type": "chat/end", "url": "https://hooks.example/x"}
    )
    assert remote.status_code == 200 and remote.json()["success"] is False
    assert "not a loopback address" in remote.json()["error_message"]


def test_invalid_configuration(api: httpx.Client) -> None:
    for body, field in (
        ({"event_type": "chat/start", "url": "https://x.example"}, "event_type"),
        ({"event_type": "chat/end", "url": "ftp://x.example"}, "url"),
        ({"event_type": "chat/end"}, "url"),
        ({"event_type": "chat/end", "url": "https://x.example", "auth": {}}, "auth.secret_id"),
    ):
        r = api.post("/agents/webhooks/test", json=body)
        assert r.status_code == 400 and r.json()["kind"] == "BadRequest", body
        assert r.json()["description"].startswith(f"Invalid webhook configuration: {field}:"), r.json()
