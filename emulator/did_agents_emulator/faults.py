"""Fault injection and latency, for exercising client retries.

``fault_phase="before"`` answers the fault without touching the request; ``"after"`` processes and
commits it first, then answers the fault — the case only an idempotency key makes safe to retry.
"""

from __future__ import annotations

import asyncio
import random
import re

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from .context import AppContext
from .errors import error_body
from .settings import RuntimeConfig

_KINDS = {
    429: ("TooManyRequests", "too many requests, retry later"),
    500: ("InternalServerError", "injected internal error"),
    503: ("ServiceUnavailable", "service temporarily unavailable"),
}
_rng = random.Random()  # noqa: S311 - fault sampling, not security


def fault_response(config: RuntimeConfig) -> JSONResponse:
    kind, description = _KINDS.get(config.fault_status, ("InternalServerError", "injected error"))
    headers = {}
    if config.fault_status in (429, 503):
        headers["Retry-After"] = f"{config.retry_after:g}"
    return JSONResponse(error_body(kind, description), status_code=config.fault_status, headers=headers)


def _should_fault(config: RuntimeConfig, path: str) -> bool:
    if config.fault_rate <= 0:
        return False
    if config.fault_paths is not None and re.search(config.fault_paths, path) is None:
        return False
    return config.fault_rate >= 1 or _rng.random() < config.fault_rate


class FaultMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if request.url.path.startswith("/_emulator"):
            return await call_next(request)
        ctx: AppContext = request.app.state.ctx
        config = ctx.config.current
        if config.latency_ms > 0:
            await asyncio.sleep(config.latency_ms / 1000)
        if not _should_fault(config, request.url.path):
            return await call_next(request)
        if config.fault_phase == "before":
            return fault_response(config)
        response = await call_next(request)
        async for _ in response.body_iterator:  # type: ignore[attr-defined]
            pass  # let the real response finish (it is committed already) before discarding it
        return fault_response(config)
