"""The synchronous D-ID Agents API client: its configuration and its single request path.

Configuration resolves explicit arguments, then the environment, then defaults (and the httpx
timeout); only the client reads it, so it lives beside it. The key is held as a ``SecretStr`` so
that ``repr(config)``, pydantic errors and debuggers print ``**********`` instead of the credential.
The plain defaults (URL, environment variable names, retry numbers) stay in :mod:`._defaults`, which
imports neither httpx nor pydantic: ``core.settings`` reads them in every Pulumi program and plugin,
which never need the HTTP client to declare resources.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any

import httpx
from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator

from .._args import SecretLike
from .._version import __version__
from ._defaults import (
    DEFAULT_BASE_URL,
    DEFAULT_RETRY_TIMEOUT,
    ENV_API_KEY,
    ENV_API_URL,
    MAX_THROTTLED,
    api_url_problem,
)
from ._exceptions import (
    APIConnectionError,
    APITimeoutError,
    ConfigurationError,
    DidAgentsError,
    make_status_error,
)
from ._retry import (
    AdaptiveLimiter,
    backoff_delay,
    never_reached_server,
    parse_retry_after,
    should_retry_exception,
    should_retry_status,
)
from .namespaces import Agents, Chats, ClientKeys, Documents, KnowledgeBases

__all__ = ["DEFAULT_TIMEOUT", "USER_AGENT", "Client", "ClientConfig", "SecretLike", "resolve_config"]

log = logging.getLogger("pulumi_did_agents.client")

USER_AGENT = f"pulumi-did-agents/{__version__}"


# Configuration.

# Creating agents is slow on the server side, but every single call returns quickly; the long waits
# are polling loops (see namespaces.wait_until), so a modest read timeout catches hung connections early.
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)


class ClientConfig(BaseModel):
    """Resolved, immutable settings of one :class:`~pulumi_did_agents.client.Client`."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    base_url: str = DEFAULT_BASE_URL
    """API root without a trailing slash; the emulator is just another base URL."""
    api_key: SecretStr | None = None
    """The key as issued (``user:secret``); sent verbatim after ``Basic``, as D-ID documents."""
    timeout: httpx.Timeout = Field(default=DEFAULT_TIMEOUT, repr=False)
    retry_timeout: float = Field(default=DEFAULT_RETRY_TIMEOUT, ge=0)
    """Seconds that the retries of one call may span in all (0: no retries)."""

    @field_validator("base_url")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        return value.rstrip("/")


def _env(env: Mapping[str, str], name: str) -> str | None:
    value = env.get(name, "").strip()
    return value or None  # an exported-but-empty variable means "unset", not "empty key"


def resolve_config(
    *,
    base_url: str | None = None,
    api_key: str | SecretLike | None = None,
    timeout: httpx.Timeout | float | None = None,
    retry_timeout: float | None = None,
    env: Mapping[str, str] | None = None,
) -> ClientConfig:
    """Resolve each setting from its argument, else ``DID_API_URL``/``DID_API_KEY``, else the default."""
    environ = os.environ if env is None else env
    key = api_key if isinstance(api_key, str) or api_key is None else api_key.get_secret_value()
    key = key or _env(environ, ENV_API_KEY)
    if timeout is None:
        resolved_timeout = DEFAULT_TIMEOUT
    elif isinstance(timeout, httpx.Timeout):
        resolved_timeout = timeout
    else:
        resolved_timeout = httpx.Timeout(timeout, connect=min(float(timeout), 5.0))
    url = base_url or _env(environ, ENV_API_URL) or DEFAULT_BASE_URL
    if (problem := api_url_problem(url)) is not None:
        raise ConfigurationError(f"{'base_url' if base_url else ENV_API_URL} {problem}")
    return ClientConfig(
        base_url=url.strip(),
        api_key=SecretStr(key) if key else None,
        timeout=resolved_timeout,
        retry_timeout=DEFAULT_RETRY_TIMEOUT if retry_timeout is None else retry_timeout,
    )


# The client.


class Client:
    """Typed client for the D-ID Agents API.

    Every call goes through :meth:`request`, which adds auth, retries what is safe to retry and
    turns non-2xx answers into the typed errors of :mod:`pulumi_did_agents.client`. Pass a shared
    ``http_client`` to reuse connections across clients (the provider does: one pool per process).
    """

    def __init__(
        self,
        *,
        base_url: str | None = None,
        api_key: str | SecretLike | None = None,
        timeout: httpx.Timeout | float | None = None,
        retry_timeout: float | None = None,
        transport: httpx.BaseTransport | None = None,
        http_client: httpx.Client | None = None,
        sleep: Callable[[float], None] | None = None,
        clock: Callable[[], float] | None = None,
        env: Mapping[str, str] | None = None,
        on_retry: Callable[[str], None] | None = None,
        limiter: AdaptiveLimiter | None = None,
    ) -> None:
        self._config: ClientConfig = resolve_config(
            base_url=base_url, api_key=api_key, timeout=timeout, retry_timeout=retry_timeout, env=env
        )
        if self._config.api_key is None:
            raise ConfigurationError(
                "no D-ID API key configured: set the secret stack config didagents:apiKey, "
                f"export {ENV_API_KEY}, or pass api_key="
            )
        self._sleep = sleep or time.sleep
        self._clock = clock or time.monotonic
        self._on_retry = on_retry
        self._limiter = limiter
        self._owns_http_client = http_client is None
        self._http = http_client or httpx.Client(
            transport=transport, timeout=self._config.timeout, follow_redirects=False
        )
        self.agents = Agents(self)
        self.knowledge = KnowledgeBases(self)
        self.documents = Documents(self)
        self.chats = Chats(self)
        self.client_keys = ClientKeys(self)

    @property
    def config(self) -> ClientConfig:
        return self._config

    @property
    def base_url(self) -> str:
        return self._config.base_url

    @property
    def sleep(self) -> Callable[[float], None]:
        """The sleep used between retries and by waiters (injectable for tests)."""
        return self._sleep

    @property
    def clock(self) -> Callable[[], float]:
        return self._clock

    def __repr__(self) -> str:
        return f"Client(base_url={self._config.base_url!r}, retry_timeout={self._config.retry_timeout:g})"

    def close(self) -> None:
        if self._owns_http_client:
            self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _headers(self, *, has_body: bool) -> dict[str, str]:
        assert self._config.api_key is not None  # checked in __init__
        headers = {
            "Authorization": f"Basic {self._config.api_key.get_secret_value()}",
            "User-Agent": USER_AGENT,
            "Accept": "application/json",
        }
        if has_body:
            headers["Content-Type"] = "application/json"
        return headers

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, str | int] | None = None,
        redact: str | None = None,
    ) -> Any:
        """Send one logical API call and return its decoded JSON body (``None`` when empty).

        Retries span at most ``retry_timeout`` seconds. A POST is repeated only when it provably
        never reached the server (no connection) or was refused with 429: the API has no
        idempotency, so anything else is the caller's to resolve. ``redact`` is a secret that
        appears in ``path`` (a client key) and must not reach logs or error messages.
        """
        method = method.upper()
        headers = self._headers(has_body=json is not None)
        shown = path if not redact else path.replace(redact, "***")
        url = self._config.base_url + path
        started = self._clock()
        deadline = started + self._config.retry_timeout
        retries_taken = throttled = 0
        while True:
            if self._limiter is not None:
                waited = self._limiter.acquire()
                if waited >= 1 and self._on_retry is not None:
                    self._on_retry(f"throttled: {method} {shown} waited {waited:.0f} s for the shared rate")
            try:
                response = self._http.request(method, url, json=json, params=params, headers=headers)
            except httpx.TransportError as exc:
                if should_retry_exception(exc, method=method):
                    delay = backoff_delay(retries_taken)
                    if self._clock() + delay <= deadline:
                        why = type(exc).__name__
                        retries_taken = self._pause(method, shown, retries_taken, delay, why, started)
                        continue
                error_cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
                reason = str(exc) if not redact else str(exc).replace(redact, "***")
                raise error_cls(
                    f"could not reach the D-ID API: {type(exc).__name__}: {reason}",
                    method=method,
                    path=shown,
                    reached_server=not never_reached_server(exc),
                ) from None

            log.debug("%s %s -> %d (retries taken: %d)", method, shown, response.status_code, retries_taken)
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            if self._limiter is not None:
                if response.status_code != 429:
                    self._limiter.accepted()
                elif throttled < MAX_THROTTLED:
                    # The shared limiter waits (Retry-After, then a lower rate) for every call of the
                    # process: throttling spends no retry budget of this call.
                    self._limiter.throttled(retry_after)
                    throttled += 1
                    if self._on_retry is not None:
                        self._on_retry(f"throttled (429): {method} {shown} waits, attempt {throttled + 1}")
                    continue
            if response.is_success:
                return _decode(response, method=method, path=shown)
            if should_retry_status(response.status_code, method=method):
                delay = retry_after if retry_after is not None else backoff_delay(retries_taken)
                if self._clock() + delay <= deadline:
                    why = f"HTTP {response.status_code}"
                    retries_taken = self._pause(method, shown, retries_taken, delay, why, started)
                    continue
            raise make_status_error(
                status_code=response.status_code,
                body=_error_body(response),
                method=method,
                path=shown,
                retry_after=retry_after,
            )

    def _pause(
        self, method: str, path: str, retries_taken: int, delay: float, why: str, started: float
    ) -> int:
        """Wait before the next attempt, saying so: ``retrying POST /agents: HTTP 503, attempt 3,
        12 s of 300 s``."""
        log.debug("%s %s failed (%s); retry %d in %.2fs", method, path, why, retries_taken + 1, delay)
        if self._on_retry is not None:
            spent = self._clock() - started + delay
            doing = "throttled (429), retrying" if why == "HTTP 429" else "retrying"
            self._on_retry(
                f"{doing} {method} {path}: {why}, attempt {retries_taken + 2}, "
                f"{spent:.0f} s of {self._config.retry_timeout:.0f} s"
            )
        self._sleep(delay)
        return retries_taken + 1


def _decode(response: httpx.Response, *, method: str, path: str) -> Any:
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        raise DidAgentsError(
            f"the D-ID API returned a non-JSON {response.status_code} body ({method} {path})"
        ) from None


def _error_body(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text
