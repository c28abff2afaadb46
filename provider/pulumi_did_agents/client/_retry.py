"""Retry policy: which failures are worth another attempt, and how long to wait.

Kept free of I/O so the rules can be unit-tested and read in one place.
"""

from __future__ import annotations

import email.utils
import random
import time

import httpx

from ._constants import INITIAL_RETRY_DELAY, MAX_RETRY_AFTER, MAX_RETRY_DELAY

__all__ = [
    "backoff_delay",
    "is_replay_safe",
    "parse_retry_after",
    "should_retry_exception",
    "should_retry_status",
]

# PATCH is listed because this client always sends whole top-level values, so repeating it
# converges on the same object; DELETE repeated is at worst a 404, which callers treat as done.
_REPLAY_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH"})


def is_replay_safe(method: str, *, has_idempotency_key: bool) -> bool:
    """Whether the server may see this request twice without creating a second object.

    A POST qualifies only because it carries an ``Idempotency-Key`` that the server replays.
    """
    return method.upper() in _REPLAY_SAFE_METHODS or has_idempotency_key


def should_retry_status(status_code: int, *, replay_safe: bool) -> bool:
    """429 means "not processed", so it is always safe; 408 and 5xx may have been processed."""
    if status_code == 429:
        return True
    if status_code == 408 or status_code >= 500:
        return replay_safe
    return False


def should_retry_exception(exc: httpx.TransportError, *, replay_safe: bool) -> bool:
    """Connect failures never reached the server; anything later may have been processed."""
    if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
        return True
    return replay_safe


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
    """Exponential backoff (0.5 s, 1 s, 2 s … capped at 8 s) minus up to 25 % jitter.

    Jitter spreads out the many resources a ``pulumi up`` retries at the same moment.
    """
    base = min(INITIAL_RETRY_DELAY * (2**retries_taken), MAX_RETRY_DELAY)
    jitter = 1 - 0.25 * (rng or random).random()  # noqa: S311 - not cryptographic
    return float(base * jitter)
