"""Emulator extension: a token bucket per account (``--rate-limit N/s``), off by default.

D-ID publishes no thresholds and no 429 body (facts §0); the SDK retries a 429 after 1 s. Over the
limit the answer is ``429 {"kind": "TooManyRequests", "description": …}`` with an integer
``Retry-After`` of at least 1 s, after which at least one request of the account passes again.

Every authenticated request counts against its account (a client key's against the key's owner);
requests without valid credentials pass through uncounted to their 401, CORS preflights are answered
before this middleware, and the ``/_emulator`` admin routes are exempt. The clock is injectable
(``RateLimiter.clock``, a monotonic-seconds callable) so tests need not sleep.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from starlette.responses import JSONResponse
from starlette.types import Receive, Scope, Send

from .api_middleware import ApiMiddleware
from .errors import AuthorizationError, error_body
from .settings import parse_rate_limit

if TYPE_CHECKING:
    from .context import AppContext

# A bucket short of a whole token by less than this has one: float refills (0.05 s × 20/s) must not
# leave a client that waited exactly the advertised time one rounding error short.
_EPSILON = 1e-9


class TokenBucket:
    """``capacity`` tokens, refilled continuously at ``rate`` per second; a request takes one."""

    __slots__ = ("capacity", "rate", "tokens", "updated")

    def __init__(self, capacity: float, rate: float, now: float) -> None:
        self.capacity = max(1.0, capacity)
        self.rate = rate
        self.tokens = self.capacity
        self.updated = now

    def take(self, now: float) -> float:
        """Take a token: ``0.0`` if there was one, else the seconds until there is (nothing taken)."""
        if now > self.updated:
            self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
            self.updated = now
        if self.tokens >= 1 - _EPSILON:
            self.tokens = max(0.0, self.tokens - 1)
            return 0.0
        return (1 - self.tokens) / self.rate


def retry_after_seconds(wait: float) -> int:
    """``Retry-After`` for a wait: whole seconds (RFC 9110 delay-seconds), rounded up, at least 1."""
    return max(1, math.ceil(wait - _EPSILON))


class RateLimiter:
    """Buckets per account for the current ``rate_limit`` spec, and accepted/rejected counts."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._lock = threading.Lock()
        self._spec: str | None = None
        self._buckets: dict[str, TokenBucket] = {}
        self._accepted: dict[str, int] = {}
        self._rejected: dict[str, int] = {}

    def check(self, spec: str, account: str) -> int | None:
        """``None`` if ``account`` may make a request now (counted), else its ``Retry-After`` seconds."""
        with self._lock:
            if spec != self._spec:  # a new limit starts with full buckets
                self._spec = spec
                self._buckets.clear()
            now = self.clock()
            bucket = self._buckets.get(account)
            if bucket is None:
                capacity, rate = parse_rate_limit(spec)
                bucket = self._buckets[account] = TokenBucket(capacity, rate, now)
            wait = bucket.take(now)
            if wait == 0.0:
                self._accepted[account] = self._accepted.get(account, 0) + 1
                return None
            self._rejected[account] = self._rejected.get(account, 0) + 1
            return retry_after_seconds(wait)

    def reset(self) -> None:
        """Full buckets and zero counts (``POST /_emulator/reset``)."""
        with self._lock:
            self._buckets.clear()
            self._accepted.clear()
            self._rejected.clear()

    def stats(self) -> dict[str, Any]:
        """Requests admitted and refused since the last reset, in total and per account."""
        with self._lock:
            accounts = sorted(set(self._accepted) | set(self._rejected))
            return {
                "accepted": sum(self._accepted.values()),
                "rejected": sum(self._rejected.values()),
                "accounts": {
                    a: {"accepted": self._accepted.get(a, 0), "rejected": self._rejected.get(a, 0)}
                    for a in accounts
                },
            }


def too_many_requests(spec: str, retry_after: int) -> JSONResponse:
    """The 429 answer (body inferred: no official 429 body is known, facts §0)."""
    description = f"rate limit of {spec} exceeded, retry after {retry_after} s"
    return JSONResponse(
        error_body("TooManyRequests", description),
        status_code=429,
        headers={"Retry-After": str(retry_after)},
    )


class RateLimitMiddleware(ApiMiddleware):
    async def handle(self, scope: Scope, receive: Receive, send: Send, ctx: AppContext) -> None:
        spec = ctx.config.current.rate_limit
        if spec is None:
            await self.app(scope, receive, send)
            return
        from .auth import resolve  # imported here: auth → context → this module

        header = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"authorization"), None)
        try:
            account = resolve(header, ctx).account
        except AuthorizationError:
            await self.app(scope, receive, send)  # the route answers its 401; not counted
            return
        scope.setdefault("state", {})["account"] = account  # for the request log line of a 429
        retry_after = ctx.rate_limiter.check(spec, account)
        if retry_after is None:
            await self.app(scope, receive, send)
        else:
            await too_many_requests(spec, retry_after)(scope, receive, send)
