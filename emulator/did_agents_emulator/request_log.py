"""One structured JSON log line per request (never credentials: only a hashed account id)."""

from __future__ import annotations

import json
import logging
import sys
import time

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import Response

logger = logging.getLogger("did_agents_emulator.requests")


class RequestLogMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        start = time.perf_counter()
        status = 500
        try:
            response = await call_next(request)
            status = response.status_code
            return response
        finally:
            if logger.isEnabledFor(logging.INFO):
                logger.info(
                    json.dumps(
                        {
                            "method": request.method,
                            "path": request.url.path,
                            "status": status,
                            "duration_ms": round((time.perf_counter() - start) * 1000, 2),
                            # account ids are a truncated SHA-256 of the key: safe to log
                            "account": getattr(request.state, "account", None),
                        }
                    )
                )


def configure_stderr_logging(level: int = logging.INFO) -> None:
    """Send request lines to stderr as bare JSON (used by the CLI)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.handlers[:] = [handler]
    logger.setLevel(level)
    logger.propagate = False
