"""Plain defaults of the API client (no httpx), for code that only needs the numbers and names, and
the one check of an API URL (the client's arguments and the provider's config both use it)."""

from urllib.parse import urlsplit

DEFAULT_BASE_URL = "https://api.d-id.com"
ENV_API_URL = "DID_API_URL"
ENV_API_KEY = "DID_API_KEY"

# How long the retries of one call may take in all. CI runners lose their network and APIs restart
# for minutes, not seconds; a deployment that waits a little longer beats one that half-fails.
DEFAULT_RETRY_TIMEOUT = 300.0

INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 10.0
# A Retry-After beyond this is not honoured literally: a `pulumi up` should fail rather than hang.
MAX_RETRY_AFTER = 60.0
# 429s one call waits out with the shared limiter before it fails; they spend no retry budget.
MAX_THROTTLED = 50

# How long waiting for an agent or document to become usable may take (the provider's waitTimeout).
DEFAULT_WAIT_TIMEOUT = 600.0


def api_url_problem(value: str) -> str | None:
    """Why ``value`` cannot be the API's root URL, or ``None`` when it can."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"must be an http(s) URL such as {DEFAULT_BASE_URL} (got {value!r})"
    return None
