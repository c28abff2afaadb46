"""Count the API calls an in-process emulator serves, from its request log (a seam, not an edit).

The emulator writes one log record per request to ``did_agents_emulator.requests`` when that logger
is enabled for INFO; a handler on it sees every request the provider, a script or a test makes.
Admin calls (``/_emulator/…``) are not API calls and are left out.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["ApiCalls", "api_call", "count_api_calls"]

_LOGGER = "did_agents_emulator.requests"


def api_call(line: str) -> str | None:
    """``"GET /agents/{id}"`` for a request log line; ``None`` for an admin call or any other line."""
    try:
        record = json.loads(line)
    except ValueError:
        return None
    if not isinstance(record, dict) or "method" not in record or record["path"].startswith("/_emulator"):
        return None
    return f"{record['method']} {record['path']}"


class ApiCalls(logging.Handler):
    """Requests seen while installed, as ``"GET /agents/{id}"``-like lines (ids kept)."""

    def __init__(self) -> None:
        super().__init__(level=logging.INFO)
        self._lock_calls = threading.Lock()
        self.calls: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        call = api_call(record.getMessage())
        if call is not None:
            with self._lock_calls:
                self.calls.append(call)

    def take(self) -> list[str]:
        """The calls so far, and start counting afresh."""
        with self._lock_calls:
            calls, self.calls = self.calls, []
        return calls


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
