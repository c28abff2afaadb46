"""The credential check and the account guard: one read-only call per provider configuration.

A wrong or missing key, an unreachable host or a DNS failure would otherwise pass ``pulumi
preview`` and fail ``up`` minutes later. The first check of a session makes one ``GET /credits``
with a single attempt and a short connect timeout; its answer also names the account
(``credits[].owner_id``, else the ``owner_id`` of a listed object), which ``didagents:accountId``
pins. The result is kept for the session, so a preview costs one call per provider, not one per
resource. Decisions and sources: docs/api-decisions.md, *Credential check and account guard*.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import httpx

from ..client._exceptions import (
    APIConnectionError,
    APIStatusError,
    AuthenticationError,
    ConfigurationError,
    NotFoundError,
    PermissionDeniedError,
)
from .settings import API_URL, ProviderSettings

__all__ = ["PREVIEW_TIMEOUT", "AccountCheck", "account_of"]

PREVIEW_TIMEOUT = httpx.Timeout(15.0, connect=5.0)
"""One attempt: a host that does not answer its connect in 5 s fails the preview."""

if TYPE_CHECKING:
    from ..client import Client


def account_of(client: Client) -> str | None:
    """The account the key belongs to: its credits' ``owner_id``, else that of any listed object.

    ``GET /credits`` answers 404 for an account without credits; such an account is named by its
    agents or knowledge bases, and an account with neither cannot be named (``None``).
    """
    try:
        credits = client.request("GET", "/credits") or {}
    except NotFoundError:
        credits = {}
    for item in credits.get("credits") or []:
        if isinstance(item, dict) and item.get("owner_id"):
            return str(item["owner_id"])
    for agent in client.agents.list():
        if agent.owner_id:
            return agent.owner_id
    for kb in client.knowledge.list():
        if kb.owner_id:
            return kb.owner_id
    return None


@dataclass
class AccountCheck:
    """The outcome of a session's credential check: ``failure`` is ``None`` when all is well."""

    settings: ProviderSettings
    connect: Callable[[], Client]
    """A client for the check: no retries, :data:`PREVIEW_TIMEOUT`."""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _done: bool = field(default=False, repr=False)
    _failure: str | None = field(default=None, repr=False)

    def failure(self) -> str | None:
        """One line naming the config key or URL and the reason, or ``None``; checked once."""
        with self._lock:
            if not self._done:
                self._failure = self._check()
                self._done = True
            return self._failure

    def _check(self) -> str | None:
        settings = self.settings
        url = settings.api_url
        try:
            with self.connect() as client:
                account = account_of(client) if settings.account_id else _credentials_only(client)
        except ConfigurationError:
            return (
                "no D-ID API key: set it with `pulumi config set --secret didagents:apiKey …` or "
                "export DID_API_KEY"
            )
        except (AuthenticationError, PermissionDeniedError) as exc:
            return f"{settings.key_source}: the API at {url} refused the key ({exc.status_code} {exc.kind})"
        except APIConnectionError as exc:
            reason = str(exc).removeprefix("could not reach the D-ID API: ")
            return f"{API_URL.config}: {url} cannot be reached ({reason})"
        except APIStatusError as exc:
            return f"{API_URL.config}: {url} answered {exc.status_code} {exc.kind} to GET {exc.path}"
        if settings.account_id and account != settings.account_id:
            if account is None:
                return (
                    f"didagents:accountId is {settings.account_id}, but the account of the API key cannot "
                    "be named (no credits and no objects); unset didagents:accountId for its first deploy"
                )
            return (
                f"didagents:accountId is {settings.account_id}, but the API key belongs to account {account}"
            )
        return None


def _credentials_only(client: Client) -> str | None:
    """Any answer but 401/403 proves the key: an account without credits answers 404."""
    try:
        client.request("GET", "/credits")
    except NotFoundError:
        pass
    return None
