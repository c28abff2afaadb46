"""Requests exactly as D-ID's client SDK puts them on the wire (``createClient`` in its ``apiClient``).

Every call carries ``Authorization`` and ``Content-Type: application/json`` (also GETs and bodiless
DELETEs); a body is ``JSON.stringify``'d, so keys whose value is ``undefined`` are simply absent. The
URL is ``baseURL + path`` with nothing encoded, and fetch drops everything after a ``#``. A browser
adds ``Origin`` to these cross-origin calls and sends a CORS preflight first (see ``preflight``).
"""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import dataclass, field
from typing import Any

import httpx

from .world import TLS

# The page a client key is issued for, and one it is not.
ORIGIN = "https://shop.nimbus-bikes.example"
OTHER_ORIGIN = "https://elsewhere.example"


def sdk_id() -> str:
    """An id as the SDK makes them (``getRandom``: 13 hex characters): connection, external, message ids."""
    return secrets.token_hex(7)[:13]


@dataclass(frozen=True)
class Credentials:
    """The ``Authorization`` forms of ``getAuthHeader``; one connection id per SDK instance."""

    connection_id: str = field(default_factory=sdk_id)

    def client_key(self, key: str, external_id: str) -> str:
        return f"Client-Key {key}.{external_id}_{self.connection_id}"

    def basic(self, api_key: str) -> str:
        """``{type: 'basic', token}``: the key as issued, plus ``~connectionId``."""
        return f"Basic {api_key}~{self.connection_id}"

    def basic_user_password(self, api_key: str) -> str:
        """``{type: 'basic', username, password}``: ``btoa(user:password)``, plus ``~connectionId``."""
        return f"Basic {base64.b64encode(api_key.encode()).decode()}~{self.connection_id}"

    def bearer(self, token: str) -> str:
        return f"Bearer {token}~{self.connection_id}"


def fetch_path(path: str) -> str:
    """What fetch requests for ``baseURL + path``: the fragment (``#…``) never leaves the browser."""
    return path.partition("#")[0]


class SdkWire:
    """Sends SDK-shaped requests to one API base URL; never follows redirects (a preflight cannot)."""

    def __init__(self, base_url: str) -> None:
        self._client = httpx.Client(base_url=base_url, timeout=15, trust_env=False, verify=TLS)

    def close(self) -> None:
        self._client.close()

    def send(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        authorization: str,
        origin: str | None = None,
        playground: bool = False,
    ) -> httpx.Response:
        """One SDK call; ``body=None`` is the SDK's ``undefined`` (no body at all)."""
        headers = {"Authorization": authorization, "Content-Type": "application/json"}
        if playground:
            headers["X-Playground-Chat"] = "true"
        if origin is not None:
            headers["Origin"] = origin
        content = None if body is None else json.dumps(body, separators=(",", ":"))
        return self._client.request(method, fetch_path(path), content=content, headers=headers)

    def preflight(
        self, method: str, path: str, *, origin: str = ORIGIN, playground: bool = False
    ) -> httpx.Response:
        """The CORS preflight Chromium sends before such a call (headers lower-case, sorted)."""
        requested = ["authorization", "content-type"] + (["x-playground-chat"] if playground else [])
        return self._client.request(
            "OPTIONS",
            fetch_path(path),
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": method,
                "Access-Control-Request-Headers": ",".join(requested),
            },
        )


def readable_by(response: httpx.Response, origin: str) -> bool:
    """Whether a page at ``origin`` may read this cross-origin response (fetch without credentials)."""
    return response.headers.get("access-control-allow-origin") in {origin, "*"}


def expect_error(response: httpx.Response, status: int, kind: str) -> str:
    """A D-ID error ``{kind, description}`` (what the SDK parses); returns the description."""
    assert response.status_code == status, f"{response.status_code} {response.text[:500]}"
    body = response.json()
    assert body["kind"] == kind, body
    assert isinstance(body["description"], str) and body["description"], body
    description: str = body["description"]
    return description
