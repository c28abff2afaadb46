"""CORS for browser clients (the official SDK runs in a page): pure ASGI, a header scan per request.

Preflights are answered for any origin: a preflight carries no credentials, so whether an origin may
use a client key is only known on the real request, where ``auth`` refuses it with a 403. Every
answer to a request with an ``Origin`` (refusals, faults and 404s included) reflects that origin, so
the browser lets the page read the API's ``{kind, description}`` instead of a bare network error.
API keys are not origin-restricted.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

ALLOW_METHODS = b"GET, POST, PATCH, PUT, DELETE, OPTIONS"
# What the SDK sends (Authorization, Content-Type, X-Playground-Chat) and the docs' TTS key header.
ALLOW_HEADERS = b"Authorization, Content-Type, X-Playground-Chat, x-api-key-external"
# Listed only while the emulator honours Idempotency-Key (an emulator extension).
IDEMPOTENCY_HEADER = b", Idempotency-Key"
MAX_AGE = b"600"


class CorsMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        origin = preflight = private_network = None
        for name, value in scope["headers"]:
            if name == b"origin":
                origin = value
            elif name == b"access-control-request-method":
                preflight = value
            elif name == b"access-control-request-private-network":
                private_network = value
        if origin is None:
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS" and preflight is not None:
            await self._preflight(scope, send, origin, private_network == b"true")
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"access-control-allow-origin", origin),
                    (b"access-control-expose-headers", b"Retry-After"),
                    (b"vary", b"Origin"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_cors)

    @staticmethod
    async def _preflight(scope: Scope, send: Send, origin: bytes, private_network: bool) -> None:
        allow_headers = ALLOW_HEADERS
        ctx = getattr(scope["app"].state, "ctx", None) if "app" in scope else None
        if ctx is not None and ctx.config.current.honour_idempotency_key:
            allow_headers += IDEMPOTENCY_HEADER
        headers = [
            (b"access-control-allow-origin", origin),
            (b"access-control-allow-methods", ALLOW_METHODS),
            (b"access-control-allow-headers", allow_headers),
            (b"access-control-max-age", MAX_AGE),
            (b"vary", b"Origin, Access-Control-Request-Method, Access-Control-Request-Headers"),
            (b"content-length", b"0"),
        ]
        if private_network:  # Chrome's Private Network Access: a page may call a loopback API
            headers.append((b"access-control-allow-private-network", b"true"))
        await send({"type": "http.response.start", "status": 204, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
