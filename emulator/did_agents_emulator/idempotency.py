"""``Idempotency-Key`` replay for POST: the first answer per (account, key) is stored and replayed.

This makes a client's retry after a lost response (e.g. ``fault_phase="after"``) safe: the retried
create returns the original object instead of making a second one.
"""

from __future__ import annotations

import asyncio
import hashlib
import json

from starlette.concurrency import run_in_threadpool
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import Response

from . import ids
from .auth import client_key_in, resolve_api_key
from .context import AppContext
from .errors import error_response

HEADER = "idempotency-key"


def _account(request: Request, ctx: AppContext) -> str | None:
    header = request.headers.get("authorization", "")
    key = client_key_in(header)
    if key is not None:
        return "ck_" + hashlib.sha256(key.encode()).hexdigest()[:16]
    return resolve_api_key(header, ctx.accounts)


class IdempotencyMiddleware(BaseHTTPMiddleware):
    def __init__(self, app: object) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self._locks: dict[tuple[str, str], asyncio.Lock] = {}

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        key = request.headers.get(HEADER)
        if request.method != "POST" or not key or request.url.path.startswith("/_emulator"):
            return await call_next(request)
        ctx: AppContext = request.app.state.ctx
        account = _account(request, ctx)
        if account is None:
            return await call_next(request)  # unauthenticated: the route answers 401
        body = await request.body()
        fingerprint = hashlib.sha256(
            b"\n".join([request.method.encode(), request.url.path.encode(), request.url.query.encode(), body])
        ).hexdigest()
        lock = self._locks.setdefault((account, key), asyncio.Lock())
        async with lock:  # a concurrent duplicate waits for the first and then replays it
            stored = await run_in_threadpool(self._lookup, ctx, account, key)
            if stored is not None:
                if stored[0] != fingerprint:
                    return error_response(
                        400, "BadRequest", "Idempotency-Key was already used with a different request"
                    )
                status, headers, content = stored[1], stored[2], stored[3]
                return Response(
                    content, status_code=status, headers={**headers, "Idempotent-Replayed": "true"}
                )
            response = await call_next(request)
            content = b"".join([chunk async for chunk in response.body_iterator])  # type: ignore[attr-defined]
            headers = {
                k: v for k, v in response.headers.items() if k.lower() in {"content-type", "retry-after"}
            }
            if response.status_code < 500 and response.status_code not in (401, 429):
                await run_in_threadpool(
                    self._save, ctx, account, key, fingerprint, response.status_code, headers, content
                )
        self._locks.pop((account, key), None)
        return Response(content, status_code=response.status_code, headers=dict(response.headers))

    @staticmethod
    def _lookup(ctx: AppContext, account: str, key: str) -> tuple[str, int, dict[str, str], bytes] | None:
        with ctx.db.read() as conn:
            row = conn.execute(
                "SELECT fingerprint, status, headers, body FROM idempotency WHERE account = ? AND key = ?",
                (account, key),
            ).fetchone()
        if row is None:
            return None
        return row["fingerprint"], row["status"], json.loads(row["headers"]), bytes(row["body"])

    @staticmethod
    def _save(
        ctx: AppContext,
        account: str,
        key: str,
        fingerprint: str,
        status: int,
        headers: dict[str, str],
        body: bytes,
    ) -> None:
        with ctx.db.tx() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO idempotency "
                "(account, key, fingerprint, status, headers, body, created_ts) VALUES (?,?,?,?,?,?,?)",
                (account, key, fingerprint, status, json.dumps(headers), body, ids.now()),
            )
