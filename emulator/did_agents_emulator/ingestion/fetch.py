"""Fetch a document's ``source_url``.

The machine has no network, so http(s) is allowed only to loopback hosts; the check uses the literal
host (no DNS lookup, which could hang offline). ``file://`` and ``data:`` URLs are read directly.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit
from urllib.request import url2pathname

import httpx

MAX_BYTES = 20 * 1024 * 1024
TIMEOUT = httpx.Timeout(5.0, connect=2.0)


class FetchError(Exception):
    """The source could not be fetched; the message becomes the document's ``error``."""


@dataclass(frozen=True)
class Fetched:
    content: bytes
    content_type: str | None


def is_loopback_host(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() in {"localhost", "localhost.localdomain"} or host.lower().endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _fetch_http(url: str) -> Fetched:
    host = urlsplit(url).hostname
    if not is_loopback_host(host):
        raise FetchError(
            f"fetch refused: host {host!r} is not a loopback address (the emulator has no network)"
        )
    try:
        # Redirects are not followed: they could lead off the loopback interface.
        with httpx.Client(timeout=TIMEOUT, follow_redirects=False, trust_env=False) as client:
            response = client.get(url)
    except httpx.HTTPError as exc:
        raise FetchError(f"fetch failed: {type(exc).__name__}: {exc}") from None
    if response.status_code >= 300:
        raise FetchError(f"fetch failed: HTTP {response.status_code}")
    if len(response.content) > MAX_BYTES:
        raise FetchError("fetch failed: document larger than 20 MB")
    return Fetched(response.content, response.headers.get("content-type"))


def _fetch_file(url: str) -> Fetched:
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        raise FetchError(f"fetch failed: file URL host {parts.netloc!r} is not local")
    path = Path(url2pathname(unquote(parts.path)))
    try:
        if not path.is_file():  # refuses directories and devices such as /dev/zero
            raise FetchError(f"fetch failed: {path} is not a regular file")
        with path.open("rb") as handle:
            content = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise FetchError(f"fetch failed: {exc.strerror or exc}") from None
    if len(content) > MAX_BYTES:
        raise FetchError("fetch failed: document larger than 20 MB")
    return Fetched(content, None)


def _fetch_data(url: str) -> Fetched:
    header, sep, payload = url[len("data:") :].partition(",")
    if not sep:
        raise FetchError("fetch failed: malformed data URL")
    params = header.split(";")
    media_type = params[0] or "text/plain"
    if params[-1].lower() == "base64":
        try:
            content = base64.b64decode(unquote(payload), validate=False)
        except (binascii.Error, ValueError):
            raise FetchError("fetch failed: data URL is not valid base64") from None
    else:
        content = unquote_to_bytes(payload)
    return Fetched(content, media_type)


def fetch(url: str) -> Fetched:
    """Fetch ``url`` or raise ``FetchError`` naming the cause."""
    scheme = urlsplit(url).scheme.lower()
    if scheme in ("http", "https"):
        return _fetch_http(url)
    if scheme == "file":
        return _fetch_file(url)
    if scheme == "data":
        return _fetch_data(url)
    raise FetchError(f"fetch failed: unsupported URL scheme {scheme or '(none)'!r}")
