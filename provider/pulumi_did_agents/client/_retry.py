"""Pacing and retrying: one adaptive request rate per process, and which failures are worth another
attempt after how long a wait.

Retry policy. Kept free of I/O so the rules can be unit-tested and read in one place. The D-ID API
shows no sign of idempotency, so a POST is repeated only when it provably never reached the server;
the resources recover from an ambiguous POST themselves (they look for what they may have made).

Pacing. The real API rate-limits without publishing its numbers (docs/api-decisions.md). Without a
shared limiter, every resource of a large fleet retries its own 429s: together they keep hammering
the API, or crawl. :class:`AdaptiveLimiter` is free until the first 429; then the whole process
waits out the ``Retry-After`` once and continues a little under the rate it was observed to send,
adding a little after every accepted request (slower near the rate that drew the 429) until no
limit is left. Waits there are throttling, not failures: they never use the retry budget of a call.

httpx is imported only where an httpx error is already in hand: a provider builds its limiter
before it needs the HTTP client.
"""

from __future__ import annotations

import email.utils
import random
import socket
import ssl
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

from ._defaults import INITIAL_RETRY_DELAY, MAX_RETRY_AFTER, MAX_RETRY_DELAY

if TYPE_CHECKING:
    import httpx

__all__ = [
    "AdaptiveLimiter",
    "backoff_delay",
    "cannot_succeed",
    "never_reached_server",
    "parse_retry_after",
    "should_retry_exception",
    "should_retry_status",
]

# Repeating these converges on the same result: PATCH always sends whole top-level values, and a
# repeated DELETE is at worst a 404, which callers treat as done.
_REPLAY_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH"})


def never_reached_server(exc: httpx.TransportError) -> bool:
    """No connection was made (refused, unresolvable, timed out connecting, no pool slot)."""
    import httpx

    return isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)


def should_retry_status(status_code: int, *, method: str) -> bool:
    """429 means "not processed": always safe. 408 and 5xx may have been processed: not for POST."""
    if status_code == 429:
        return True
    if status_code == 408 or status_code >= 500:
        return method.upper() in _REPLAY_SAFE_METHODS
    return False


def cannot_succeed(exc: httpx.TransportError) -> bool:
    """A name that does not resolve or a TLS failure: asking again gives the same answer."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, socket.gaierror | ssl.SSLError):
            return True
        cause = cause.__cause__ or cause.__context__
    return False


def should_retry_exception(exc: httpx.TransportError, *, method: str) -> bool:
    """A request that never reached the server is safe to send again, unless it cannot succeed
    (DNS, TLS); anything else only for methods whose repetition converges."""
    if cannot_succeed(exc):
        return False
    return never_reached_server(exc) or method.upper() in _REPLAY_SAFE_METHODS


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or HTTP date), capped; ``None`` if absent."""
    if value is None or not value.strip():
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            parsed = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = parsed.timestamp() - (time.time() if now is None else now)
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def backoff_delay(retries_taken: int, *, rng: random.Random | None = None) -> float:
    """Exponential backoff (0.5 s, 1 s, 2 s … capped at 10 s) minus up to 25 % jitter.

    Jitter spreads out the many resources a ``pulumi up`` retries at the same moment.
    """
    base = min(INITIAL_RETRY_DELAY * (2 ** min(retries_taken, 10)), MAX_RETRY_DELAY)
    jitter = 1 - 0.25 * (rng or random).random()  # noqa: S311 - not cryptographic
    return float(base * jitter)


WINDOW = 2.0
"""Seconds of recent requests from which the rate sent before a 429 is estimated."""
FLOOR = 0.5
"""Requests per second below which the limiter never goes."""
UNLIMITED_AFTER = 200.0
"""A rate probed back up beyond this many requests per second is no limit at all."""
BACKOFF = 0.9
"""A 429 sets the rate to this share of what was sent: close under the limit, not half of it (each
429 also pauses every call for its ``Retry-After``, so fewer of them matter more than caution)."""
NEAR_CEILING = 0.95
"""Above this share of the rate that last drew a 429, the rate is probed up five times slower."""


class AdaptiveLimiter:
    """One adaptive request rate for every call of a provider process: backs off on 429, probes back
    up. Thread-safe; ``clock`` and ``sleep`` are injectable for tests."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._rate: float | None = None
        self._next_slot = 0.0
        self._paused_until = 0.0
        self._sent: deque[float] = deque()
        self._ceiling: float | None = None

    @property
    def rate(self) -> float | None:
        """Requests per second allowed now (``None``: no limit)."""
        with self._lock:
            return self._rate

    def acquire(self) -> float:
        """Wait for this request's slot; returns how long it waited (0 when not throttled)."""
        with self._lock:
            now = self._clock()
            start = max(now, self._paused_until)
            if self._rate is not None:
                start = max(start, self._next_slot)
                self._next_slot = start + 1.0 / self._rate
            self._sent.append(start)
            while self._sent and self._sent[0] < start - WINDOW:
                self._sent.popleft()
        wait = start - now
        if wait > 0:
            self._sleep(wait)
        return max(wait, 0.0)

    def throttled(self, retry_after: float | None) -> None:
        """A 429: pause everyone for ``Retry-After`` (1 s when absent) and go a little below the rate
        that was being sent, remembered as the ceiling to probe carefully near. The 429s answering
        requests already in flight belong to the same episode and lower nothing more: counted one
        by one, a burst of 16 parallel calls cut the rate to a third (simulated: 1.43× the bound;
        one cut per episode: 1.05×)."""
        with self._lock:
            now = self._clock()
            pause = now + (retry_after if retry_after else 1.0)
            if now < self._paused_until:
                # An answer to a request sent before the pause: the same episode, already counted;
                # only a longer Retry-After is honoured.
                self._paused_until = max(self._paused_until, pause)
                self._next_slot = max(self._next_slot, self._paused_until)
                return
            self._paused_until = pause
            sent = len([t for t in self._sent if t >= now - WINDOW]) / WINDOW
            current = self._rate if self._rate is not None else max(sent, 2 * FLOOR)
            self._ceiling = min(current, max(sent, FLOOR))
            self._rate = max(FLOOR, self._ceiling * BACKOFF)
            self._next_slot = self._paused_until

    def accepted(self) -> None:
        """An answer that was not a 429: probe the rate back up, one more request per second for
        every ``rate`` requests accepted (five times slower near the last 429's rate)."""
        with self._lock:
            if self._rate is None:
                return
            near = self._ceiling is not None and self._rate >= NEAR_CEILING * self._ceiling
            self._rate += (0.2 if near else 1.0) / self._rate
            if self._rate > UNLIMITED_AFTER:
                self._rate = None
