"""Retry policy: which failures are worth another attempt, and how long to wait.

Kept free of I/O so the rules can be unit-tested and read in one place. The D-ID API shows no sign
of idempotency, so a POST is repeated only when it provably never reached the server; the
resources recover from an ambiguous POST themselves (they look for what they may have made).
"""

from __future__ import annotations

import email.utils
import random
import socket
import ssl
import time

import httpx

from ._defaults import INITIAL_RETRY_DELAY, MAX_RETRY_AFTER, MAX_RETRY_DELAY

__all__ = [
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
