"""Polling until an asynchronously prepared object is usable.

Agents start as ``created`` and documents as ``processing``; both become usable later. Statuses
occur plain (``done``) and prefixed (``document/done``), so only the last segment is compared.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from ._exceptions import ResourceFailedError, WaitTimeoutError

__all__ = ["DEFAULT_WAIT_TIMEOUT", "Progress", "describe_error", "normalise_status", "wait_until"]

T = TypeVar("T")

Progress = Callable[[str, float], None]
"""Told ``(status, seconds waited so far)`` after every poll that is not yet final."""

DEFAULT_WAIT_TIMEOUT = 600.0
_INITIAL_INTERVAL = 0.1
_MAX_INTERVAL = 5.0


def normalise_status(status: str | None) -> str:
    return (status or "").rsplit("/", 1)[-1].strip().lower()


def describe_error(error: Any) -> str:
    """Render the server's ``error`` (a string for documents, ``{kind, description}`` for agents)."""
    if isinstance(error, dict):
        kind, description = error.get("kind"), error.get("description")
        return ": ".join(str(part) for part in (kind, description) if part) or str(error)
    return str(error) if error else "no reason given"


def wait_until(
    fetch: Callable[[], T],
    *,
    what: str,
    resource_id: str,
    status_of: Callable[[T], str | None],
    error_of: Callable[[T], Any],
    ready: frozenset[str],
    failed: frozenset[str],
    timeout: float,
    sleep: Callable[[float], None],
    clock: Callable[[], float] = time.monotonic,
    progress: Progress | None = None,
) -> T:
    """Call ``fetch`` until its status is in ``ready``; raise on ``failed`` or after ``timeout`` s.

    The interval starts short (objects are often ready almost at once) and grows to 5 s so a
    slow agent does not cost hundreds of requests.
    """
    started = clock()
    deadline = started + timeout
    interval = _INITIAL_INTERVAL
    while True:
        current = fetch()
        status = normalise_status(status_of(current))
        if status in ready:
            return current
        if status in failed:
            reason = describe_error(error_of(current))
            raise ResourceFailedError(
                f"{what} {resource_id} failed with status {status!r}: {reason}",
                resource_id=resource_id,
                status=status,
                reason=reason,
            )
        remaining = deadline - clock()
        if remaining <= 0:
            raise WaitTimeoutError(
                f"{what} {resource_id} was not ready after {timeout:g}s (status {status or 'empty'!r})",
                resource_id=resource_id,
                status=status,
            )
        if progress is not None:
            progress(status or "pending", clock() - started)
        sleep(min(interval, remaining))
        interval = min(interval * 2, _MAX_INTERVAL)
