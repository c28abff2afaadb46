"""The synchronous D-ID Agents API client and its single request path."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any

import httpx
from pydantic import SecretStr

from .._version import __version__
from ._config import ClientConfig, resolve_config
from ._constants import ENV_API_KEY, IDEMPOTENCY_HEADER
from ._exceptions import (
    APIConnectionError,
    APITimeoutError,
    ConfigurationError,
    DidAgentsError,
    make_status_error,
)
from ._retry import (
    backoff_delay,
    is_replay_safe,
    parse_retry_after,
    should_retry_exception,
    should_retry_status,
)
from .agents import Agents
from .chats import Chats
from .documents import Documents
from .knowledge import KnowledgeBases

__all__ = ["Client", "USER_AGENT"]

log = logging.getLogger("pulumi_did_agents.client")

USER_AGENT = f"pulumi-did-agents/{__version__}"


class Client:
    """Typed client for the D-ID Agents API.

    Every call goes through :meth:`request`, which adds auth, retries what is safe to retry and
    turns non-2xx answers into the typed errors of :mod:`pulumi_did_agents.client`. The instance
    holds an ``httpx.Client`` (not picklable, not promised thread-safe): build one per thread or
    per operation, and close it (it is a context manager).
    """

    def __init__(
        self,
        *,
        base_url: str | None = None,
        api_key: str | SecretStr | None = None,
        timeout: httpx.Timeout | float | None = None,
        max_retries: int | None = None,
        transport: httpx.BaseTransport | None = None,
        http_client: httpx.Client | None = None,
        sleep: Callable[[float], None] | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self._config: ClientConfig = resolve_config(
            base_url=base_url, api_key=api_key, timeout=timeout, max_retries=max_retries, env=env
        )
        if self._config.api_key is None:
            raise ConfigurationError(
                "no D-ID API key configured: pass api_key=, set the secret stack config "
                f"didagents:apiKey, or export {ENV_API_KEY}"
            )
        self._sleep = sleep or time.sleep
        self._owns_http_client = http_client is None
        self._http = http_client or httpx.Client(
            transport=transport, timeout=self._config.timeout, follow_redirects=False
        )
        self.agents = Agents(self)
        self.knowledge = KnowledgeBases(self)
        self.documents = Documents(self)
        self.chats = Chats(self)

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

    def __repr__(self) -> str:
        return f"Client(base_url={self._config.base_url!r}, max_retries={self._config.max_retries})"

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
    ) -> Any:
        """Send one logical API call and return its decoded JSON body (``None`` when empty).

        A POST gets one ``Idempotency-Key`` that every retry of this call reuses, which is what
        makes retrying it after a 5xx or a read timeout safe: the server replays the first answer
        instead of creating a second object. Connect errors and 429s are retried for every method
        because the request was not processed.
        """
        method = method.upper()
        headers = self._headers(has_body=json is not None)
        idempotency_key = str(uuid.uuid4()) if method == "POST" else None
        if idempotency_key is not None:
            headers[IDEMPOTENCY_HEADER] = idempotency_key
        replay_safe = is_replay_safe(method, has_idempotency_key=idempotency_key is not None)
        url = self._config.base_url + path
        retries_taken = 0
        while True:
            can_retry = retries_taken < self._config.max_retries
            try:
                response = self._http.request(method, url, json=json, params=params, headers=headers)
            except httpx.TransportError as exc:
                if can_retry and should_retry_exception(exc, replay_safe=replay_safe):
                    retries_taken = self._pause(method, path, retries_taken, None, type(exc).__name__)
                    continue
                error_cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
                raise error_cls(
                    f"could not reach the D-ID API: {type(exc).__name__}: {exc}", method=method, path=path
                ) from exc

            log.debug("%s %s -> %d (retries taken: %d)", method, path, response.status_code, retries_taken)
            if response.is_success:
                return _decode(response, method=method, path=path)
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            if can_retry and should_retry_status(response.status_code, replay_safe=replay_safe):
                retries_taken = self._pause(
                    method, path, retries_taken, retry_after, f"HTTP {response.status_code}"
                )
                continue
            raise make_status_error(
                status_code=response.status_code,
                body=_error_body(response),
                method=method,
                path=path,
                retry_after=retry_after,
            )

    def _pause(self, method: str, path: str, retries_taken: int, retry_after: float | None, why: str) -> int:
        delay = retry_after if retry_after is not None else backoff_delay(retries_taken)
        log.debug("%s %s failed (%s); retry %d in %.2fs", method, path, why, retries_taken + 1, delay)
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
