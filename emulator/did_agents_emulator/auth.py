"""Authentication: API keys (Basic in its three encodings, Bearer) and scoped client keys.

Resolution yields a ``Principal``; routes declare which principals they accept through the
dependencies at the bottom (``ApiCaller`` for management, ``AnyCaller`` for client-key routes).
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Annotated, NamedTuple
from urllib.parse import urlsplit

from fastapi import Depends, Request

from .context import AppContext
from .errors import AuthorizationError, PermissionDeniedError
from .store import client_keys


@dataclass(frozen=True)
class Principal:
    """The caller: an account, optionally limited to a client key (and that key's agent)."""

    account: str
    client_key: str | None = None
    client_key_agent: str | None = None
    allowed_domains: tuple[str, ...] = ()
    """Origins a client key may be used from (``*`` for any)."""
    external_id: str | None = None
    """The end user a client-key caller names (``Client-Key {key}.{externalId}_{connectionId}``)."""

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
    credential = credential.strip()
    if scheme.lower() not in {"basic", "bearer"} or not credential:
        return None
    account = accounts.get(credential)  # D-ID's documented raw form: no decoding to try
    if account is not None:
        return account
    for candidate in _candidates(credential):
        account = accounts.get(candidate)
        if account is not None:
            return account
    return None


def parse_client_key(header: str | None) -> tuple[str, str | None] | None:
    """``(key, externalId)`` of a ``Client-Key {key}[.{externalId}_{connectionId}]`` header, else ``None``.

    The SDK's external id is free text, so the connection id is what follows its *last* ``_``.
    """
    if not header or not header.strip().lower().startswith("client-key "):
        return None
    key, dot, rest = header.strip()[len("client-key ") :].strip().partition(".")
    if not dot:
        return key, None
    external, underscore, _ = rest.rpartition("_")
    return key, (external if underscore else rest) or None


def client_key_in(header: str | None) -> str | None:
    """The key of a ``Client-Key`` header, else ``None``."""
    parsed = parse_client_key(header)
    return None if parsed is None else parsed[0]


def resolve(header: str | None, ctx: AppContext) -> Principal:
    """Authenticate a request's Authorization header or raise 401."""
    parsed = parse_client_key(header)
    if parsed is not None:
        key, external_id = parsed
        grant = client_keys.find_key(ctx.db, key) if key else None
        if grant is None:
            raise AuthorizationError()
        return Principal(
            account=grant.account,
            client_key=key,
            client_key_agent=grant.agent_id,
            allowed_domains=grant.allowed_domains,
            external_id=external_id,
        )
    account = resolve_api_key(header, ctx.accounts)
    if account is None:
        raise AuthorizationError()
    return Principal(account=account)


def _origin_parts(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or ""), port or default


def origin_allowed(origin: str | None, allowed: tuple[str, ...]) -> bool:
    """Whether a client key with ``allowed`` domains may be used from ``origin``.

    ``*`` allows any caller. An entry with a scheme (``https://shop.example:8443``) must match the
    origin's scheme, host and port; a bare host (``shop.example``) matches that host on any scheme
    or port (``localhost:3000``: that port only); ``*.shop.example`` matches its subdomains. A
    request without ``Origin`` (not a browser) matches only ``*``: client keys are for browsers,
    and a key is no safer for being used elsewhere.
    """
    if "*" in allowed:
        return True
    if not origin:
        return False
    scheme, host, port = _origin_parts(origin)
    if not host:
        return False
    for entry in allowed:
        entry = entry.strip().rstrip("/").lower()
        if "://" in entry:
            if _origin_parts(entry) == (scheme, host, port):
                return True
        elif entry.startswith("*."):
            if host.endswith(entry[1:]):
                return True
        else:
            _, entry_host, entry_port = _origin_parts("//" + entry)
            if entry_host == host and (":" not in entry or entry_port == port):
                return True
    return False


# -- route dependencies --------------------------------------------------------------------------
# Every API route takes one of these: ``ApiCaller`` (management, API keys only) or ``AnyCaller``
# (the routes the contract marks clientKeyAuth); the unauthenticated admin routes take ``Ctx``.
# One dependency per route, not a context and a principal apart: FastAPI resolves each ``Depends``
# anew per request, at ~8 µs apiece. They are ``async def`` although they do not await: FastAPI runs
# a plain ``def`` dependency in the thread pool. Dependencies resolve before the body is validated,
# so wrong credentials are a 401 even with a bad body.


class Caller(NamedTuple):
    """The app a request reaches and who is calling."""

    ctx: AppContext
    principal: Principal


async def get_ctx(request: Request) -> AppContext:
    ctx: AppContext = request.app.state.ctx
    return ctx


async def any_caller(request: Request) -> Caller:
    """API key or client key; a client key only from one of its allowed origins."""
    ctx: AppContext = request.app.state.ctx
    principal = resolve(request.headers.get("authorization"), ctx)
    request.state.account = principal.account  # for the request log
    if principal.is_client_key and not origin_allowed(
        request.headers.get("origin"), principal.allowed_domains
    ):
        raise PermissionDeniedError("user has no permission for this origin")
    return Caller(ctx, principal)


async def api_caller(request: Request) -> Caller:
    """API key only: client keys may read and chat, never manage."""
    caller = await any_caller(request)
    if caller.principal.is_client_key:
        raise PermissionDeniedError("user has no permission for this operation with a client key")
    return caller


def require_agent_scope(principal: Principal, agent_id: str) -> None:
    """An agent-scoped client key only reaches its own agent."""
    if principal.client_key_agent is not None and principal.client_key_agent != agent_id:
        raise PermissionDeniedError("user has no permission for this agent")


Ctx = Annotated[AppContext, Depends(get_ctx)]
AnyCaller = Annotated[Caller, Depends(any_caller)]
ApiCaller = Annotated[Caller, Depends(api_caller)]
