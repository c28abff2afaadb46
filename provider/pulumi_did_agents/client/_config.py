"""Client configuration: explicit arguments, then environment, then defaults (and the httpx timeout).

The key is held as a ``SecretStr`` so that ``repr(config)``, pydantic errors and debuggers print
``**********`` instead of the credential. The plain defaults (URL, environment variable names, retry
numbers) stay in :mod:`._defaults`, which imports neither httpx nor pydantic: ``core.settings`` reads
them in every Pulumi program and plugin, which never need the HTTP client to declare resources.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import httpx
from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator

from .._args import SecretLike
from ._defaults import DEFAULT_BASE_URL, DEFAULT_RETRY_TIMEOUT, ENV_API_KEY, ENV_API_URL, api_url_problem
from ._exceptions import ConfigurationError

__all__ = ["DEFAULT_TIMEOUT", "ClientConfig", "SecretLike", "resolve_config"]

# Creating agents is slow on the server side, but every single call returns quickly; the long waits
# are polling loops (see _waiters), so a modest read timeout catches hung connections early.
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
