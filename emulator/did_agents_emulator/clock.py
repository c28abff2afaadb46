"""The emulator's one source of time: every timestamp and every readiness transition reads it.

Agents and documents become ``done`` when the clock passes their ``ready_at``. The CLI runs on the
system clock; a test (``EmulatorServer(clock=ManualClock())``, ``serve --manual-clock``) moves a
manual clock forward instead of sleeping, as moto lets tests drive state transitions.
"""

from __future__ import annotations

import threading
import time
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Seconds since the epoch."""
        ...


class SystemClock:
    """The real clock (the default)."""

    def now(self) -> float:
        return time.time()


class ManualClock:
    """Stands still until ``advance``d: readiness changes exactly when a test says so."""

    def __init__(self, start: float | None = None) -> None:
        self._now = time.time() if start is None else start
        self._lock = threading.Lock()

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> float:
        """Move forward (never back: stored ``modified`` times must not go backwards); the new time."""
        if seconds < 0:
            raise ValueError("advance: seconds must be >= 0")
        with self._lock:
            self._now += seconds
            return self._now
