"""Replay: the CORS preflight Chromium sends before each cross-origin call of the SDK.

Every SDK call has ``Authorization`` and ``Content-Type: application/json``, so none is a "simple"
request: without a 2xx preflight that allows the origin, the method and both headers the browser never
sends the call, and the SDK only sees ``NetworkError: Network request failed``. ``Authorization`` is
never covered by a ``*`` in ``Access-Control-Allow-Headers``; it must be named.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .replay import ReplayWorld
from .wire import ORIGIN, SdkWire

# (method, path) of every call a page makes with a client key; ids stand in for live objects (a
# preflight carries no credentials, so it cannot depend on them).
CALLS: dict[str, tuple[str, Callable[[ReplayWorld], str]]] = {
    "runtime": ("GET", lambda w: f"/agents/{w.clip.agent_id}/runtime"),
    "agent-1.2.10": ("GET", lambda w: f"/agents/{w.clip.agent_id}"),
    "new-chat": ("POST", lambda w: f"/agents/{w.clip.agent_id}/chat"),
    "chat": ("POST", lambda w: f"/agents/{w.clip.agent_id}/chat/cht_x"),
    "create-rating": ("POST", lambda w: f"/agents/{w.clip.agent_id}/chat/cht_x/ratings"),
    "update-rating": ("PATCH", lambda w: f"/agents/{w.clip.agent_id}/chat/cht_x/ratings/rat_x"),
    "delete-rating": ("DELETE", lambda w: f"/agents/{w.clip.agent_id}/chat/cht_x/ratings/rat_x"),
    "feedback": ("POST", lambda w: f"/agents/{w.clip.agent_id}/chat/cht_x/feedback"),
    "stt-token": ("GET", lambda w: f"/agents/{w.clip.agent_id}/stt-token"),
    "create-stream": ("POST", lambda w: f"/agents/{w.clip.agent_id}/streams"),
    "sdp": ("POST", lambda w: f"/agents/{w.clip.agent_id}/streams/strm_x/sdp"),
    "ice": ("POST", lambda w: f"/agents/{w.clip.agent_id}/streams/strm_x/ice"),
    "talk": ("POST", lambda w: f"/agents/{w.clip.agent_id}/streams/strm_x"),
    "close-stream": ("DELETE", lambda w: f"/agents/{w.clip.agent_id}/streams/strm_x"),
    "v2-session": ("POST", lambda w: f"/v2/agents/{w.expressive.agent_id}/sessions"),
}


def _listed(header: str | None) -> set[str]:
    return {item.strip() for item in (header or "").split(",") if item.strip()}


@pytest.mark.parametrize("call", CALLS)
def test_preflight(call: str, wire: SdkWire, replay_world: ReplayWorld) -> None:
    method, path = CALLS[call]
    playground = call in {"new-chat", "chat"}  # Playground mode adds X-Playground-Chat to these two
    response = wire.preflight(method, path(replay_world), playground=playground)
    assert 200 <= response.status_code < 300, f"{response.status_code} {response.text[:300]}"
    headers = response.headers
    assert headers.get("access-control-allow-origin") in {ORIGIN, "*"}, dict(headers)
    methods = _listed(headers.get("access-control-allow-methods"))
    assert method in methods or "*" in methods, dict(headers)  # compared case-sensitively (PATCH)
    allowed = {name.lower() for name in _listed(headers.get("access-control-allow-headers"))}
    assert "authorization" in allowed, dict(headers)
    wanted = {"content-type"} | ({"x-playground-chat"} if playground else set())
    assert wanted <= allowed or "*" in allowed, dict(headers)
