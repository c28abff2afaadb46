"""The package's error classes that programs meet, importable without the HTTP client.

``DidAgentsError`` is the base of every error raised on purpose; ``ProviderError`` is one already
worded for the user (one line naming the resource, the field and the API's answer).
"""

from __future__ import annotations

__all__ = ["ConfigError", "DidAgentsError", "ProviderError"]


class DidAgentsError(Exception):
    """Base class of every error this package raises on purpose."""


class ProviderError(DidAgentsError):
    """An error already worded for the user."""


class ConfigError(ProviderError):
    """A provider setting is malformed; the message names the config key."""
