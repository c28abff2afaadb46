"""Emulator extension, off by default: ``Idempotency-Key`` replay for POST (pure ASGI).

Nothing shows the real API honouring the header, so by default it is ignored like any unknown header
and a retried POST creates twice, as it would against D-ID. With ``honour_idempotency_key`` on
(``--honour-idempotency-key``, ``PATCH /_emulator/config``) the first answer per (account, key) is
stored and replayed, and the same key with a different request is refused.
"""

from __future__ import annotations

import asyncio
import hashlib

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .auth import client_key_in, resolve_api_key
from .context import AppContext
from .errors import error_response
from .store import idempotency

HEADER = b"idempotency-key"
REPLAYED = (b"idempotent-replayed", b"true")
_KEPT_HEADERS = {"content-type", "retry-after"}


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return str(value.decode("latin-1"))
    return None


def _account(scope: Scope, ctx: AppContext) -> str | None:
    header = _header(scope, b"authorization") or ""
    key = client_key_in(header)
    if key is not None:
        return "ck_" + hashlib.sha256(key.encode()).hexdigest()[:16]
    return resolve_api_key(header, ctx.accounts)


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._locks: dict[tuple[str, str], asyncio.Lock] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        ctx: AppContext = scope["app"].state.ctx
        key = _header(scope, HEADER) if ctx.config.current.honour_idempotency_key else None
        account = _account(scope, ctx) if key and not scope["path"].startswith("/_emulator") else None
        if key is None or account is None:  # off, no key, or unauthenticated (the route answers 401)
            await self.app(scope, receive, send)
            return
        body = await _read_body(receive)
        fingerprint = hashlib.sha256(
            b"\n".join([scope["path"].encode(), scope.get("query_string", b""), body])
        ).hexdigest()
        lock = self._locks.setdefault((account, key), asyncio.Lock())
        async with lock:  # a concurrent duplicate waits for the first and then replays it
            stored = await run_in_threadpool(idempotency.lookup, ctx.db, account=account, key=key)
            if stored is not None:
                if stored.fingerprint != fingerprint:
                    response = error_response(
                        400, "BadRequest", "Idempotency-Key was already used with a different request"
                    )
                    await response(scope, receive, send)
                else:
                    await _send(send, stored.status, [*stored.headers, REPLAYED], stored.body)
                return
            status, headers, content = await _capture(self.app, scope, body)
            if status < 500 and status not in (401, 429):
                kept = [(k, v) for k, v in headers if k.decode("latin-1").lower() in _KEPT_HEADERS]
                answer = idempotency.StoredAnswer(fingerprint, status, kept, content)
                await run_in_threadpool(idempotency.save, ctx.db, account=account, key=key, answer=answer)
        self._locks.pop((account, key), None)
        await _send(send, status, headers, content)


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


async def _capture(app: ASGIApp, scope: Scope, body: bytes) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    """Run the request with its already-read body and collect the whole answer."""
    sent = False
    status = 500
    headers: list[tuple[bytes, bytes]] = []
    chunks: list[bytes] = []

    async def replay_body() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def collect(message: Message) -> None:
        nonlocal status, headers
        if message["type"] == "http.response.start":
            status, headers = message["status"], list(message.get("headers", []))
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, replay_body, collect)
    return status, headers, b"".join(chunks)


async def _send(send: Send, status: int, headers: list[tuple[bytes, bytes]], content: bytes) -> None:
    headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
    headers.append((b"content-length", str(len(content)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": content})
