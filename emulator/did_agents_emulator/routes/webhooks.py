"""``POST /agents/webhooks/test``: try a trigger webhook with a mock event."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body

from ..auth import ApiCaller
from ..responses import WebhookTestResult
from ..store import webhooks

router = APIRouter(prefix="/agents", tags=["Agents"])


@router.post("/webhooks/test", response_model=WebhookTestResult, response_model_exclude_unset=True)
def test_webhook(caller: ApiCaller, body: dict[str, Any] = Body(...)) -> dict[str, Any]:  # noqa: B008
    """Send a mock ``chat/end`` event to ``url``; a bad configuration is 400 ``BadRequest``."""
    return webhooks.try_webhook(body, now=caller.ctx.clock.now())
