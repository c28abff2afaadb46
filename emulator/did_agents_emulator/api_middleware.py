"""The base of the emulator's pure ASGI middlewares (faults and latency, the rate limiter).

They act on the API's own routes only: the admin routes (``/_emulator``) and non-HTTP scopes pass
through untouched, and with nothing configured a request costs one attribute lookup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.types import ASGIApp, Receive, Scope, Send

if TYPE_CHECKING:
    from .context import AppContext

__all__ = ["ApiMiddleware"]


class ApiMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/_emulator"):
            await self.app(scope, receive, send)
            return
        await self.handle(scope, receive, send, scope["app"].state.ctx)

    async def handle(self, scope: Scope, receive: Receive, send: Send, ctx: AppContext) -> None:
        """An API request; subclasses pass it on with ``self.app`` or answer it themselves."""
        raise NotImplementedError
