"""The client's httpx default; the plain defaults are in :mod:`._defaults`."""

import httpx

__all__ = ["DEFAULT_TIMEOUT"]

# Creating agents is slow on the server side, but every single call returns quickly; the long waits
# are polling loops (see _waiters), so a modest read timeout catches hung connections early.
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
