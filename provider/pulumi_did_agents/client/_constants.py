"""Defaults for the API client, in one place so tests and docs can refer to them."""

import httpx

from ._defaults import (
    DEFAULT_BASE_URL,
    DEFAULT_RETRY_TIMEOUT,
    ENV_API_KEY,
    ENV_API_URL,
    INITIAL_RETRY_DELAY,
    MAX_RETRY_AFTER,
    MAX_RETRY_DELAY,
)

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_RETRY_TIMEOUT",
    "DEFAULT_TIMEOUT",
    "ENV_API_KEY",
    "ENV_API_URL",
    "INITIAL_RETRY_DELAY",
    "MAX_RETRY_AFTER",
    "MAX_RETRY_DELAY",
]

# Creating agents is slow on the server side, but every single call returns quickly; the long waits
# are polling loops (see _waiters), so a modest read timeout catches hung connections early.
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
