"""One adaptive request rate for every call of a provider process: backs off on 429, probes back up.

The real API rate-limits without publishing its numbers (docs/api-decisions.md). Without a shared
limiter, every resource of a large fleet retries its own 429s: together they keep hammering the
API, or crawl. This limiter is free until the first 429; then the whole process waits out the
``Retry-After`` once and continues at half the rate it was observed to send, adding a little after
every accepted request (additive increase, multiplicative decrease) until no limit is left.
Waits here are throttling, not failures: they never use the retry budget of a call.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

__all__ = ["AdaptiveLimiter"]

WINDOW = 2.0
"""Seconds of recent requests from which the rate sent before a 429 is estimated."""
FLOOR = 0.5
"""Requests per second below which the limiter never goes."""
UNLIMITED_AFTER = 200.0
"""A rate probed back up beyond this many requests per second is no limit at all."""


class AdaptiveLimiter:
    """Thread-safe; ``clock`` and ``sleep`` are injectable for tests."""

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
        """A 429: pause everyone for ``Retry-After`` (1 s when absent) and halve the rate."""
        with self._lock:
            now = self._clock()
            self._paused_until = max(self._paused_until, now + (retry_after if retry_after else 1.0))
            sent = len([t for t in self._sent if t >= now - WINDOW]) / WINDOW
            current = self._rate if self._rate is not None else max(sent, 2 * FLOOR)
            self._rate = max(FLOOR, min(current, max(sent, FLOOR)) / 2)
            self._next_slot = self._paused_until

    def accepted(self) -> None:
        """An answer that was not a 429: probe the rate back up (one more request per second for
        every ``rate`` requests accepted)."""
        with self._lock:
            if self._rate is None:
                return
            self._rate += 1.0 / self._rate
            if self._rate > UNLIMITED_AFTER:
                self._rate = None
