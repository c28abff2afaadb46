"""Fetch a document's ``source_url``.

The machine has no network, so http(s) is allowed only to loopback hosts; the check uses the literal
host (no DNS lookup, which could hang offline). ``file://`` and ``data:`` URLs are read directly.
"""

from __future__ import annotations

import base64
import ipaddress
import re
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


# WHATWG URL: a URL string loses leading and trailing C0 controls and spaces, and every tab and newline.
_C0_OR_SPACE = "".join(map(chr, range(0x21)))
_TAB_OR_NEWLINE = str.maketrans("", "", "\t\n\r")
_ASCII_WHITESPACE = "\t\n\x0c\r "
_BASE64_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
_BASE64_SUFFIX = re.compile(r";[ ]*base64$", re.IGNORECASE)


def forgiving_base64_decode(data: str) -> bytes:
    """The WHATWG Infra "forgiving-base64 decode": whitespace ignored, ``=`` padding optional.

    Raises ``ValueError`` for a character outside the base64 alphabet, misplaced padding, or a
    length that no padding could make whole (4n + 1 characters).
    """
    data = "".join(c for c in data if c not in _ASCII_WHITESPACE)
    if len(data) % 4 == 0:
        if data.endswith("=="):
            data = data[:-2]
        elif data.endswith("="):
            data = data[:-1]
    if len(data) % 4 == 1:
        raise ValueError(f"{len(data)} base64 characters cannot be a whole number of bytes")
    bad = next((c for c in data if c not in _BASE64_ALPHABET), None)
    if bad is not None:
        raise ValueError(f"{bad!r} is not a base64 character")
    # Leftover bits of a short last group are discarded, as the standard says (Python does too).
    return base64.b64decode(data + "=" * (-len(data) % 4), validate=True)


def parse_data_url(url: str) -> Fetched:
    """The WHATWG Fetch "data: URL processor": ``(body, MIME type)`` or ``FetchError``.

    The fragment is never content (the provider appends its ``#pulumi=…`` marker there), the body is
    percent-decoded, and a ``;base64`` body is then forgiving-base64 decoded, strictly otherwise.
    """
    url = url.strip(_C0_OR_SPACE).translate(_TAB_OR_NEWLINE)
    scheme, colon, rest = url.partition(":")
    if not colon or scheme.lower() != "data":
        raise FetchError("fetch failed: not a data URL")
    rest = rest.split("#", 1)[0]  # serialised with "exclude fragment"; a query is part of the body
    mime_type, comma, encoded_body = rest.partition(",")
    mime_type = mime_type.strip(_ASCII_WHITESPACE)
    if not comma:
        raise FetchError("fetch failed: malformed data URL (no ',' before the body)")
    body = unquote_to_bytes(encoded_body)
    suffix = _BASE64_SUFFIX.search(mime_type)
    if suffix is not None:
        try:
            body = forgiving_base64_decode(body.decode("latin-1"))  # isomorphic decode
        except ValueError as exc:
            raise FetchError(f"fetch failed: data URL is not valid base64 ({exc})") from None
        mime_type = mime_type[: suffix.start()]
    if mime_type.startswith(";"):
        mime_type = "text/plain" + mime_type
    return Fetched(body, mime_type or "text/plain;charset=US-ASCII")


def _fetch_data(url: str) -> Fetched:
    if len(url) > 3 * MAX_BYTES:  # percent-encoding triples a byte at most
        raise FetchError("fetch failed: document larger than 20 MB")
    return parse_data_url(url)


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
