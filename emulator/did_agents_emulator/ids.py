"""Identifier and timestamp helpers, so every module formats ids and times the same way."""

from __future__ import annotations

import secrets
import string
from datetime import UTC, datetime
from functools import lru_cache

# Alphanumeric only: ids end up in paths and document ids are split on '#', client keys on '.'.
_ALPHABET = string.ascii_letters + string.digits


_UNBIASED = 256 - 256 % len(_ALPHABET)  # bytes below this map onto the alphabet uniformly


def token(length: int) -> str:
    """Random alphanumeric string from a CSPRNG (one ``token_bytes`` call, not one call per character)."""
    out: list[str] = []
    while len(out) < length:
        out += [_ALPHABET[b % len(_ALPHABET)] for b in secrets.token_bytes(2 * length) if b < _UNBIASED]
    return "".join(out[:length])


def new_id(prefix: str, length: int = 12) -> str:
    """``prefix`` + ``_`` + random token, e.g. ``agt_Cx3zdEIKa1b2``."""
    return f"{prefix}_{token(length)}"


def document_id(knowledge_id: str) -> str:
    """Composite document id ``knl_…#doc_…`` as the real API returns it."""
    return f"{knowledge_id}#{new_id('doc')}"


def created_by(account: str) -> str:
    """``created_by`` of what an account makes (the real API shows a login, e.g. ``google-oauth2|…``)."""
    return f"emulator|{account}"


def after(ts: float, now: float) -> float:
    """``now``, but strictly later than ``ts``: an update always moves ``modified``, even within a clock
    tick (or on a manual clock that has not moved)."""
    return max(now, ts + 0.001)


@lru_cache(maxsize=8192)
def iso(ts: float) -> str:
    """RFC 3339 UTC timestamp with milliseconds (``2024-05-01T12:00:00.000Z``).

    Cached: every object answered carries stored timestamps, and formatting one took ~3 µs, a few
    per cent of a GET."""
    return datetime.fromtimestamp(ts, tz=UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{int(ts * 1000) % 1000:03d}Z"
