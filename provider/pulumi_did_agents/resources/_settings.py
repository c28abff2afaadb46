"""Provider settings from stack config (``didagents:*``), falling back to the environment.

Credentials only ever come from here, never from resource inputs, so they are not written to
state and a rotated key needs no resource update.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import SecretStr

from ..client import DEFAULT_WAIT_TIMEOUT, ENV_API_KEY, ENV_API_URL, ConfigurationError

__all__ = [
    "CONFIG_API_KEY",
    "CONFIG_API_URL",
    "CONFIG_MAX_RETRIES",
    "CONFIG_NAMESPACE",
    "CONFIG_WAIT_TIMEOUT",
    "ENV_MAX_RETRIES",
    "ENV_WAIT_TIMEOUT",
    "ProviderSettings",
]

CONFIG_NAMESPACE = "didagents"
CONFIG_API_URL = f"{CONFIG_NAMESPACE}:apiUrl"
CONFIG_API_KEY = f"{CONFIG_NAMESPACE}:apiKey"
CONFIG_MAX_RETRIES = f"{CONFIG_NAMESPACE}:maxRetries"
CONFIG_WAIT_TIMEOUT = f"{CONFIG_NAMESPACE}:waitTimeout"
ENV_MAX_RETRIES = "DID_MAX_RETRIES"
ENV_WAIT_TIMEOUT = "DID_WAIT_TIMEOUT"


@dataclass(frozen=True)
class ProviderSettings:
    """Resolved provider settings; ``api_key`` is a ``SecretStr`` so ``repr`` never shows it."""

    api_url: str | None = None
    api_key: SecretStr | None = None
    max_retries: int | None = None
    wait_timeout: float = DEFAULT_WAIT_TIMEOUT

    @classmethod
    def resolve(
        cls, get: Callable[[str], Any] | None = None, env: Mapping[str, str] | None = None
    ) -> ProviderSettings:
        """Each value from ``get(<config key>)`` (stack config), else the environment, else default.

        ``get`` is ``ConfigureRequest.config.get``; keys are passed fully qualified
        (``didagents:apiUrl``), which that method uses as-is.
        """
        environ = os.environ if env is None else env

        def pick(config_key: str, env_key: str) -> str | None:
            value = get(config_key) if get is not None else None
            if value is None or str(value).strip() == "":
                value = environ.get(env_key, "")
            text = str(value).strip()
            return text or None

        api_key = pick(CONFIG_API_KEY, ENV_API_KEY)
        retries = pick(CONFIG_MAX_RETRIES, ENV_MAX_RETRIES)
        wait = pick(CONFIG_WAIT_TIMEOUT, ENV_WAIT_TIMEOUT)
        try:
            return cls(
                api_url=pick(CONFIG_API_URL, ENV_API_URL),
                api_key=SecretStr(api_key) if api_key else None,
                max_retries=int(retries) if retries is not None else None,
                wait_timeout=float(wait) if wait is not None else DEFAULT_WAIT_TIMEOUT,
            )
        except ValueError as exc:
            raise ConfigurationError(
                f"invalid {CONFIG_MAX_RETRIES} or {CONFIG_WAIT_TIMEOUT}: expected numbers ({exc})"
            ) from None
