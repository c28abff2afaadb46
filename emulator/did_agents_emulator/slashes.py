"""Paths as clients write them: ``/agents/`` is ``/agents`` (pure ASGI, before routing).

SDK 1.2.10 writes ``POST /agents/``, ``GET /agents/?tag=``, ``GET /knowledge/``. The app is built
with ``redirect_slashes=False``: a redirect would turn a POST into a GET in some clients and, in a
browser, a redirected preflight fails; so the trailing slash is dropped and the same route answers.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send


class TrailingSlashMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path: str = scope["path"]
            if len(path) > 1 and path.endswith("/"):
                scope = dict(scope)
                scope["path"] = path.rstrip("/") or "/"
                raw: bytes | None = scope.get("raw_path")
                if raw:
                    scope["raw_path"] = raw.rstrip(b"/") or b"/"
        await self.app(scope, receive, send)
