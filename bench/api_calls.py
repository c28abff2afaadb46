"""Count the API calls an in-process emulator serves, from its request log (a seam, not an edit).

The emulator writes one log record per request to ``did_agents_emulator.requests`` when that logger
is enabled for INFO; a handler on it sees every request the provider, a script or a test makes.
Admin calls (``/_emulator/…``) are not API calls and are left out.
"""

from __future__ import annotations

import json
import logging
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["ApiCalls", "count_api_calls"]

_LOGGER = "did_agents_emulator.requests"


class ApiCalls(logging.Handler):
    """Requests seen while installed, as ``"GET /agents/{id}"``-like lines (ids kept)."""

    def __init__(self) -> None:
        super().__init__(level=logging.INFO)
        self._lock_calls = threading.Lock()
        self.calls: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = json.loads(record.getMessage())
        except ValueError:
            return
        if str(line.get("path", "")).startswith("/_emulator"):
            return
        with self._lock_calls:
            self.calls.append(f"{line.get('method')} {line.get('path')}")

    def take(self) -> list[str]:
        """The calls so far, and start counting afresh."""
        with self._lock_calls:
            calls, self.calls = self.calls, []
        return calls

    def by_method(self) -> Counter[str]:
        with self._lock_calls:
            return Counter(call.split(" ", 1)[0] for call in self.calls)


@contextmanager
def count_api_calls() -> Iterator[ApiCalls]:
    logger = logging.getLogger(_LOGGER)
    handler = ApiCalls()
    level, propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate
