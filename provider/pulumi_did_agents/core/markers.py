"""Ownership markers: which stack instance made an object, on an API without idempotency.

Every object the provider creates carries a marker in a field the API keeps and returns: appended
to the description of agents and knowledge bases, the fragment of a document's ``source_url``
(fragments are never sent when a URL is fetched), the name of a client key. A marker is
``<owner>/<resource>``: the stack instance's owner id (``didagents:owner``, one per stack
instance, see docs/interrupted-runs.md) and 12 hex digits of the resource's URN. A create first
looks for its own marker and adopts what it finds, so a run killed after the API made an object
but before Pulumi recorded it converges on the next run instead of making a duplicate; another
stack instance, even one with the same project and stack names, has another owner id and never
matches. Reads strip the marker, so it never shows as an input or a diff.

Markers of versions before owner ids (``[pulumi:1a2b3c4d5e6f]``) are still recognised, as owner
``None``: nothing adopts them and ``did-agents orphans`` deletes them only when told by name.
"""

from __future__ import annotations

import hashlib
import re
import secrets

__all__ = [
    "LEGACY_OWNER",
    "OWNER_PATTERN",
    "marker_for",
    "marker_in_text",
    "marker_in_url",
    "new_owner_id",
    "owner_of",
    "strip_text",
    "strip_url",
    "with_text_marker",
    "with_url_marker",
]

OWNER_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{2,62}")
"""An owner id: 3-63 characters of a-z, 0-9, ``.``, ``_`` and ``-``, starting with a letter or digit."""

LEGACY_OWNER = "legacy"
"""How ``did-agents orphans`` names the owner of a marker made before owner ids existed."""

_MARKER = r"((?:[a-z0-9][a-z0-9._-]{2,62}/)?[0-9a-f]{12})"
_TEXT = re.compile(rf" ?\[pulumi:{_MARKER}\]\s*$")
"""Exactly the separating space is the marker's: a text that ends in whitespace keeps it."""
_URL = re.compile(rf"(?:^|&)pulumi={_MARKER}$")


def new_owner_id(project: str, stack: str) -> str:
    """A fresh owner id for one stack instance: readable names and 8 random hex digits."""

    def slug(text: str) -> str:
        return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:20] or "x"

    return f"{slug(project)}.{slug(stack)}.{secrets.token_hex(4)}"


def marker_for(owner: str, urn: str) -> str:
    """``<owner>/<12 hex digits of the URN's SHA-256>``: one resource of one stack instance."""
    return f"{owner}/{hashlib.sha256(urn.encode()).hexdigest()[:12]}"


def owner_of(marker: str | None) -> str | None:
    """The owner id a marker names (``None`` for no marker and for markers of earlier versions)."""
    owner, sep, _ = (marker or "").rpartition("/")
    return owner if sep else None


def with_text_marker(text: str | None, marker: str) -> str:
    """``"Answers returns" → "Answers returns [pulumi:acme.dev.1a2b3c4d/1a2b3c4d5e6f]"``."""
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
