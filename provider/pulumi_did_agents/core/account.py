"""The credential check and the account guard: one read-only call per provider configuration.

A wrong or missing key, an unreachable host or a DNS failure would otherwise pass ``pulumi
preview`` and fail ``up`` minutes later. The first check of a session makes one ``GET /credits``
with a single attempt and a short connect timeout; its answer also names the account
(``credits[].owner_id``, else the ``owner_id`` of a listed object), which ``didagents:accountId``
pins. The result is kept for the session, so a preview costs one call per provider, not one per
resource. Decisions and sources: docs/api-decisions.md, *Credential check and account guard*.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx

from ..client import (
    APIConnectionError,
    APIStatusError,
    AuthenticationError,
    ConfigurationError,
    DidAgentsError,
    PermissionDeniedError,
)
from .base import or_none
from .settings import API_URL, ProviderSettings

__all__ = ["PREVIEW_TIMEOUT", "AccountCheck", "account_of", "credits_of"]

log = logging.getLogger("pulumi_did_agents.core")

PREVIEW_TIMEOUT = httpx.Timeout(15.0, connect=5.0)
"""One attempt: a host that does not answer its connect in 5 s fails the preview."""

if TYPE_CHECKING:
    from ..client import Client


def _credits(client: Client) -> dict[str, Any]:
    """``GET /credits``; ``{}`` for an account without credits (404, as the docs show)."""
    return or_none(lambda: client.request("GET", "/credits")) or {}


def credits_of(client: Client) -> dict[str, Any] | None:
    """:func:`_credits`, or ``None`` for an answer that neither proves nor refuses the key (a 5xx or
    429: the API is there, but busy)."""
    try:
        return _credits(client)
    except (AuthenticationError, PermissionDeniedError):
        raise
    except APIStatusError as exc:
        log.info("the credential check got %s %s; not conclusive, not a failure", exc.status_code, exc.kind)
        return None


def account_of(client: Client, credits: dict[str, Any] | None = None) -> str | None:
    """The account the key belongs to: its credits' ``owner_id``, else that of any listed object.

    ``GET /credits`` answers 404 for an account without credits; such an account is named by its
    agents or knowledge bases, and an account with neither cannot be named (``None``).
    """
    if credits is None:
        credits = _credits(client)
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
    """A client for the probe: no retries, :data:`PREVIEW_TIMEOUT`."""
    retrying: Callable[[], Client]
    """A client with the session's retries, to name the account once the API has answered."""
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
                credits = credits_of(client)
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
        if not settings.account_id:
            return None
        pinned = f"didagents:accountId is {settings.account_id}, but"
        try:
            with self.retrying() as client:
                account = account_of(client, credits)
        except DidAgentsError as exc:
            return f"{pinned} the account of the API key could not be read ({exc})"
        if account is None:
            return (
                f"{pinned} the account of the API key cannot be named (no credits and no objects); "
                "unset didagents:accountId for its first deploy"
            )
        if account != settings.account_id:
            return f"{pinned} the API key belongs to account {account}"
        return None
