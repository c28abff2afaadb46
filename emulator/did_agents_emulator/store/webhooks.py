"""``POST /agents/webhooks/test``: send a mock ``chat/end`` event to a webhook and report what it said.

The emulator has no network, so, as for document sources, only loopback hosts are really called;
any other host is reported as a failed delivery (``success: false``), not as an API error.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import httpx
from pydantic import ValidationError

from .. import ids
from ..errors import RefusedError, describe_validation_error
from ..ingestion.fetch import is_loopback_host
from ..models import WebhookTest

TIMEOUT = httpx.Timeout(5.0, connect=2.0)


def _mock_event(now: float) -> dict[str, Any]:
    """``ChatEndEventData`` for a made-up two-turn chat."""
    stamp = ids.iso(now)
    return {
        "agent_id": "agt_webhook_test",
        "chat_id": "cht_webhook_test",
        "event_type": "chat/end",
        "chat_history": [
            {"role": "user", "content": "Hello!", "created_at": stamp},
            {"role": "assistant", "content": "Hi, how can I help you today?", "created_at": stamp},
        ],
    }


def try_webhook(body: dict[str, Any], *, now: float) -> dict[str, Any]:
    """``TestWebhookResponseDto``. A malformed configuration is the API's 400 ``BadRequest``
    "Invalid webhook configuration" (with the field that failed)."""
    try:
        config = WebhookTest.model_validate(body)
    except ValidationError as exc:
        raise RefusedError(f"Invalid webhook configuration: {describe_validation_error(exc)}") from None
    payload = _mock_event(now)
    out: dict[str, Any] = {"request_payload": payload}
    host = urlsplit(config.url).hostname
    if not is_loopback_host(host):
        return {
            "success": False,
            "error_message": (
                f"delivery refused: host {host!r} is not a loopback address (the emulator has no network)"
            ),
            **out,
        }
    try:
        with httpx.Client(timeout=TIMEOUT, follow_redirects=False, trust_env=False) as client:
            response = client.post(config.url, json=payload, headers=config.headers or {})
    except httpx.HTTPError as exc:
        return {"success": False, "error_message": f"delivery failed: {type(exc).__name__}: {exc}", **out}
    success = 200 <= response.status_code < 300
    out.update(success=success, status_code=response.status_code)
    if success:
        try:
            out["response_data"] = response.json()
        except ValueError:
            out["response_data"] = response.text
    else:
        out["error_message"] = f"webhook answered HTTP {response.status_code}"
    return out
