"""Plain defaults of the API client (no httpx), for code that only needs the numbers and names."""

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
