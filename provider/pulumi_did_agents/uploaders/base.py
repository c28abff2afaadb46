"""The ``Uploader`` protocol, its errors, the content-addressed naming every uploader shares, the
folder uploader, and an uploader from one configuration string.

D-ID fetches documents from URLs, so a local file must be published first. Naming the object by
a hash of its content makes publishing idempotent (the same bytes always get the same key, so a
re-run uploads nothing) and keeps URLs stable for Pulumi (an unchanged file never shows a diff).
The file name stays last in the key: D-ID infers ``documentType`` from the URL's suffix.

``DirectoryUploader`` publishes into a folder that a web server serves (or as ``file://`` URLs):
useful with the emulator and for static hosting; the real D-ID API needs an http(s) URL it can
reach. ``uploader_from_url`` builds one from a string, so a stack can name it in
``didagents:uploader``:

- ``s3://bucket/prefix?endpoint=http://127.0.0.1:9000&region=us-east-1&addressing=path&url=presigned``
  (``public_base_url=`` for a CDN; credentials come from boto3's usual chain: environment, profile)
- ``dir:///srv/www/docs?base_url=https://docs.example.com`` (a folder a web server serves)

``S3Uploader`` lives in :mod:`.s3` (boto3 is an optional dependency).
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any, Protocol, cast, runtime_checkable
from urllib.parse import parse_qs, quote, urlsplit

__all__ = [
    "DirectoryUploader",
    "MissingDependencyError",
    "Uploader",
    "UploaderError",
    "content_key",
    "file_digest",
    "guess_content_type",
    "normalise_prefix",
    "uploader_from_url",
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


# Publishing into a folder.


class DirectoryUploader:
    """Copy files to ``root/{prefix}{sha256}/{name}``; URLs are ``base_url/key``, else ``file://``."""

    def __init__(
        self, root: str | os.PathLike[str], *, base_url: str | None = None, prefix: str = ""
    ) -> None:
        self.root = Path(root)
        self.base_url = base_url.rstrip("/") if base_url else None
        self.prefix = prefix

    def __repr__(self) -> str:
        return (
            f"DirectoryUploader(root={str(self.root)!r}, base_url={self.base_url!r}, prefix={self.prefix!r})"
        )

    def publish(self, path: str | os.PathLike[str], *, content_type: str | None = None) -> str:
        """Copy ``path`` unless the same content is already there; ``content_type`` is up to the server."""
        digest, size = file_digest(path)
        key = content_key(path, digest, prefix=self.prefix)
        target = self.root / key
        try:
            if not (target.is_file() and target.stat().st_size == size):
                target.parent.mkdir(parents=True, exist_ok=True)
                # Copy then rename, so a reader never sees half a file under the final name.
                with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as handle:
                    with open(path, "rb") as source:
                        shutil.copyfileobj(source, handle)
                os.replace(handle.name, target)
        except OSError as exc:
            raise UploaderError(
                f"publishing {os.fspath(path)} to {target} failed: {exc.strerror or exc}"
            ) from None
        if self.base_url is None:
            return target.resolve().as_uri()
        return f"{self.base_url}/{quote(key)}"


# An uploader from one configuration string.

_S3_OPTIONS = {"endpoint", "region", "addressing", "url", "public_base_url", "acl", "presign_seconds"}


def uploader_from_url(spec: str) -> Uploader:
    from .s3 import AddressingStyle, S3Uploader, UrlStyle  # s3 builds on this module

    parts = urlsplit(spec)
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    if parts.scheme == "s3":
        unknown = sorted(set(query) - _S3_OPTIONS)
        if unknown or not parts.netloc:
            raise UploaderError(
                f"uploader {spec!r}: expected s3://bucket[/prefix][?{'&'.join(sorted(_S3_OPTIONS))}]"
            )
        options: dict[str, Any] = {
            "prefix": parts.path.lstrip("/"),
            "endpoint_url": query.get("endpoint"),
            "region": query.get("region"),
            "addressing_style": cast(AddressingStyle, query.get("addressing", "auto")),
            "url_style": cast(UrlStyle, query.get("url", "public")),
            "public_base_url": query.get("public_base_url"),
            "acl": query.get("acl"),
        }
        if "presign_seconds" in query:
            try:
                options["presign_seconds"] = int(query["presign_seconds"])
            except ValueError:
                raise UploaderError(
                    f"uploader {spec!r}: presign_seconds must be a whole number of seconds, "
                    f"not {query['presign_seconds']!r}"
                ) from None
        try:
            return S3Uploader(parts.netloc, **options)
        except ValueError as exc:
            raise UploaderError(f"uploader {spec!r}: {exc}") from None
    if parts.scheme == "dir":
        return DirectoryUploader(parts.path, base_url=query.get("base_url"))
    raise UploaderError(f"uploader {spec!r}: the scheme must be s3:// or dir://")
