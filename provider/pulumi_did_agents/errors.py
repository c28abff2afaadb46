"""The package's error classes that programs meet, importable without the HTTP client.

``DidAgentsError`` is the base of every error raised on purpose; ``ProviderError`` is one already
worded for the user (one line naming the resource, the field and the API's answer).
"""

from __future__ import annotations

import os

__all__ = ["DEBUG_ENV", "ConfigError", "DidAgentsError", "ProviderError", "debug_enabled"]

DEBUG_ENV = "DID_AGENTS_DEBUG"


def debug_enabled() -> bool:
    """``DID_AGENTS_DEBUG=1`` (or true/yes/on): show tracebacks instead of one-line errors."""
    return os.environ.get(DEBUG_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


class DidAgentsError(Exception):
    """Base class of every error this package raises on purpose."""


class ProviderError(DidAgentsError):
    """An error already worded for the user."""


class ConfigError(ProviderError):
    """A provider setting is malformed; the message names the config key."""
