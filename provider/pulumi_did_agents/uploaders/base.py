"""The ``Uploader`` protocol, its errors, and the content-addressed naming every uploader shares.

D-ID fetches documents from URLs, so a local file must be published first. Naming the object by
a hash of its content makes publishing idempotent (the same bytes always get the same key, so a
re-run uploads nothing) and keeps URLs stable for Pulumi (an unchanged file never shows a diff).
The file name stays last in the key: D-ID infers ``documentType`` from the URL's suffix.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import re
from pathlib import Path
from typing import Protocol, runtime_checkable

__all__ = [
    "MissingDependencyError",
    "Uploader",
    "UploaderError",
    "content_key",
    "file_digest",
    "guess_content_type",
    "normalise_prefix",
]


class UploaderError(Exception):
    """A file could not be published; the message names the file and the destination, never a secret."""


class MissingDependencyError(UploaderError, ImportError):
    """An optional dependency of an uploader is not installed; the message names the extra to install."""


@runtime_checkable
class Uploader(Protocol):
    def publish(self, path: str | os.PathLike[str], *, content_type: str | None = None) -> str:
        """Make the file at ``path`` fetchable and return its URL; the same content gives the same key."""
        ...


# D-ID's document types, whose media types the stdlib table may lack (text/markdown, notably).
_MEDIA_TYPES = {
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".txt": "text/plain",
    ".pdf": "application/pdf",
    ".html": "text/html",
    ".htm": "text/html",
    ".csv": "text/csv",
    ".json": "application/json",
}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def guess_content_type(path: str | os.PathLike[str]) -> str:
    """The media type to serve ``path`` with; text types say UTF-8."""
    suffix = Path(path).suffix.lower()
    media = _MEDIA_TYPES.get(suffix) or mimetypes.guess_type(Path(path).name)[0] or "application/octet-stream"
    return f"{media}; charset=utf-8" if media.startswith("text/") else media


def file_digest(path: str | os.PathLike[str]) -> tuple[str, int]:
    """SHA-256 (hex) and size of the file, read in chunks; ``UploaderError`` if it cannot be read."""
    digest = hashlib.sha256()
    size = 0
    try:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
                size += len(chunk)
    except FileNotFoundError:
        raise UploaderError(f"{os.fspath(path)}: no such file") from None
    except IsADirectoryError:
        raise UploaderError(f"{os.fspath(path)}: is a directory, not a file") from None
    except OSError as exc:
        raise UploaderError(f"{os.fspath(path)}: cannot be read: {exc.strerror or exc}") from None
    return digest.hexdigest(), size


def normalise_prefix(prefix: str) -> str:
    """``"/docs"`` → ``"docs/"``; ``""`` stays empty."""
    stripped = prefix.strip("/")
    return f"{stripped}/" if stripped else ""


def content_key(path: str | os.PathLike[str], digest: str, *, prefix: str = "") -> str:
    """``{prefix}{sha256}/{file name}``, the name reduced to URL-safe characters (suffix kept)."""
    name = _UNSAFE.sub("-", Path(path).name).strip("-") or "file"
    return f"{normalise_prefix(prefix)}{digest}/{name}"
