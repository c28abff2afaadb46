"""Defaults for the API client, in one place so tests and docs can refer to them."""

import httpx

DEFAULT_BASE_URL = "https://api.d-id.com"
ENV_API_URL = "DID_API_URL"
ENV_API_KEY = "DID_API_KEY"

# Creating agents is slow on the server side, but every single call returns quickly; the long waits
# are polling loops (see _waiters), so a modest read timeout catches hung connections early.
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
DEFAULT_MAX_RETRIES = 3

INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
# A Retry-After beyond this is not honoured literally: a `pulumi up` should fail rather than hang.
MAX_RETRY_AFTER = 60.0

IDEMPOTENCY_HEADER = "Idempotency-Key"
