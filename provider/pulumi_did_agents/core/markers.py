"""Ownership markers: how a create finds its own earlier attempt on an API without idempotency.

Every object the provider creates carries a marker derived from its resource's URN, in a field
the API keeps and returns: appended to the description of agents and knowledge bases, the
fragment of a document's ``source_url`` (fragments are never sent when a URL is fetched), the
name of a client key. A create first looks for its marker and adopts what it finds, so a run
killed after the API made an object but before Pulumi recorded it converges on the next run
instead of making a duplicate. Reads strip the marker, so it never shows as an input or a diff.
"""

from __future__ import annotations

import hashlib
import re

__all__ = [
    "marker_for",
    "marker_in_text",
    "marker_in_url",
    "strip_text",
    "strip_url",
    "with_text_marker",
    "with_url_marker",
]

_TEXT = re.compile(r"\s*\[pulumi:([0-9a-f]{12})\]\s*$")
_URL = re.compile(r"(?:^|&)pulumi=([0-9a-f]{12})$")


def marker_for(urn: str) -> str:
    """A short, stable token for one resource of one stack (12 hex digits of the URN's SHA-256)."""
    return hashlib.sha256(urn.encode()).hexdigest()[:12]


def with_text_marker(text: str | None, marker: str) -> str:
    """``"Answers returns" → "Answers returns [pulumi:1a2b3c4d5e6f]"``."""
    base = strip_text(text) or ""
    return f"{base} [pulumi:{marker}]" if base else f"[pulumi:{marker}]"


def strip_text(text: str | None) -> str | None:
    """The text as the user declared it (``None`` when only the marker was there)."""
    if text is None:
        return None
    stripped = _TEXT.sub("", text)
    return stripped if stripped or not _TEXT.search(text) else None


def marker_in_text(text: str | None) -> str | None:
    match = _TEXT.search(text or "")
    return match.group(1) if match else None


def with_url_marker(url: str, marker: str) -> str:
    base, sep, fragment = strip_url(url).partition("#")
    return f"{base}#{fragment}&pulumi={marker}" if sep and fragment else f"{base}#pulumi={marker}"


def strip_url(url: str) -> str:
    base, sep, fragment = url.partition("#")
    if not sep:
        return url
    kept = _URL.sub("", fragment)
    return f"{base}#{kept}" if kept else base


def marker_in_url(url: str | None) -> str | None:
    _, _, fragment = (url or "").partition("#")
    match = _URL.search(fragment)
    return match.group(1) if match else None
