"""One structured JSON log line per request, never with a credential (pure ASGI).

API keys travel in headers, which are not logged; the account is a truncated SHA-256 of the key.
Client keys are also path segments (``/agents/{id}/client-keys/{clientKey}``): that segment is
replaced by ``[redacted]`` before the path is written.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger("did_agents_emulator.requests")

KEY_SEGMENT_AFTER = "client-keys"
REDACTED = "[redacted]"


def redact(path: str) -> str:
    """``/agents/a/client-keys/ck_x`` → ``/agents/a/client-keys/[redacted]``; other paths unchanged."""
    if KEY_SEGMENT_AFTER not in path:
        return path
    parts = path.split("/")
    for i in range(len(parts) - 1):
        if parts[i] == KEY_SEGMENT_AFTER and parts[i + 1]:
            parts[i + 1] = REDACTED
    return "/".join(parts)


class RequestLogMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not logger.isEnabledFor(logging.INFO):
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        # Shared with the routes' ``request.state``: the auth dependency records the account there.
        state: dict[str, Any] = scope.setdefault("state", {})
        status = 500
        logged = False

        def log() -> None:
            nonlocal logged
            logged = True
            logger.info(
                json.dumps(
                    {
                        "method": scope["method"],
                        "path": redact(scope["path"]),
                        "status": status,
                        "duration_ms": round((time.perf_counter() - start) * 1000, 2),
                        "account": state.get("account"),
                    }
                )
            )

        async def send_and_log(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body" and not message.get("more_body", False):
                log()  # before the last byte leaves: the line exists by the time the client has its answer
            await send(message)

        try:
            await self.app(scope, receive, send_and_log)
        finally:
            if not logged:
                log()


def configure_stderr_logging(level: int = logging.INFO) -> None:
    """Send request lines to stderr as bare JSON (used by the CLI)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.handlers[:] = [handler]
    logger.setLevel(level)
    logger.propagate = False
