"""Authentication: API keys (Basic in its three encodings, Bearer) and scoped client keys.

Resolution yields a ``Principal``; routes declare which principals they accept through the
dependencies at the bottom (``ApiPrincipal`` for management, ``AnyPrincipal`` for client-key routes).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, Request

from .context import AppContext
from .errors import AuthorizationError, PermissionDeniedError


@dataclass(frozen=True)
class Principal:
    """The caller: an account, optionally limited to a client key (and that key's agent)."""

    account: str
    client_key: str | None = None
    client_key_agent: str | None = None
    allowed_domains: tuple[str, ...] = ()
    """Origins a client key may be used from (``*`` for any)."""

    @property
    def is_client_key(self) -> bool:
        return self.client_key is not None


def _candidates(credential: str) -> list[str]:
    """Every key the credential may encode: raw, base64(key), base64(key + ':'), each with ``~suffix``."""
    out: list[str] = []
    bases = [credential]
    if "~" in credential:
        bases.append(credential.rsplit("~", 1)[0])
    for value in bases:
        out.append(value)
        try:
            decoded = base64.b64decode(value + "=" * (-len(value) % 4), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            continue
        out.append(decoded)
        if decoded.endswith(":"):
            out.append(decoded[:-1])
        if "~" in decoded:
            out.append(decoded.rsplit("~", 1)[0])
    return out


def resolve_api_key(header: str | None, accounts: dict[str, str]) -> str | None:
    """Account id for a Basic/Bearer header, else ``None`` (used by middleware without raising)."""
    if not header:
        return None
    scheme, _, credential = header.strip().partition(" ")
    if scheme.lower() not in {"basic", "bearer"} or not credential.strip():
        return None
    for candidate in _candidates(credential.strip()):
        account = accounts.get(candidate)
        if account is not None:
            return account
    return None


def client_key_in(header: str | None) -> str | None:
    """The key of a ``Client-Key {key}[.{externalId}_{connectionId}]`` header, else ``None``."""
    if not header or not header.strip().lower().startswith("client-key "):
        return None
    return header.strip()[len("client-key ") :].strip().split(".", 1)[0]


def resolve(header: str | None, ctx: AppContext) -> Principal:
    """Authenticate a request's Authorization header or raise 401."""
    key = client_key_in(header)
    if key is not None:
        with ctx.db.read() as conn:
            row = conn.execute(
                "SELECT account, agent_id, allowed_domains FROM client_keys WHERE key = ?", (key,)
            ).fetchone()
        if row is None or not key:
            raise AuthorizationError()
        return Principal(
            account=row["account"],
            client_key=key,
            client_key_agent=row["agent_id"],
            allowed_domains=tuple(json.loads(row["allowed_domains"])),
        )
    account = resolve_api_key(header, ctx.accounts)
    if account is None:
        raise AuthorizationError()
    return Principal(account=account)


def _origin_allowed(origin: str | None, allowed: tuple[str, ...]) -> bool:
    """Client keys only work from their allowed origins; server-side callers send no Origin."""
    if not origin or "*" in allowed:
        return True
    host = urlsplit(origin).hostname or origin
    for entry in allowed:
        entry_host = urlsplit(entry).hostname if "://" in entry else entry
        if entry_host and (host == entry_host or host.endswith("." + entry_host.lstrip("*."))):
            return True
    return False


def get_ctx(request: Request) -> AppContext:
    ctx: AppContext = request.app.state.ctx
    return ctx


Ctx = Annotated[AppContext, Depends(get_ctx)]


def any_principal(request: Request, ctx: Ctx) -> Principal:
    """API key or client key (routes the contract marks clientKeyAuth)."""
    principal = resolve(request.headers.get("authorization"), ctx)
    request.state.account = principal.account
    if principal.is_client_key and not _origin_allowed(
        request.headers.get("origin"), principal.allowed_domains
    ):
        raise PermissionDeniedError("user has no permission for this origin")
    return principal


def api_principal(request: Request, ctx: Ctx) -> Principal:
    """API key only: client keys may read and chat, never manage."""
    principal = any_principal(request, ctx)
    if principal.is_client_key:
        raise PermissionDeniedError("user has no permission for this operation with a client key")
    return principal


def require_agent_scope(principal: Principal, agent_id: str) -> None:
    """An agent-scoped client key only reaches its own agent."""
    if principal.client_key_agent is not None and principal.client_key_agent != agent_id:
        raise PermissionDeniedError("user has no permission for this agent")


AnyPrincipal = Annotated[Principal, Depends(any_principal)]
ApiPrincipal = Annotated[Principal, Depends(api_principal)]
