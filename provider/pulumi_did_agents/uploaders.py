"""Publishing local documents where D-ID can fetch them (it takes documents by URL only).

>>> from pulumi_did_agents.uploaders import S3Uploader
>>> uploader = S3Uploader("my-docs", prefix="agents/", region="eu-west-1")
>>> url = uploader.publish("handbook.md")  # https://my-docs.s3.amazonaws.com/agents/<sha256>/handbook.md

Any object with ``publish(path, *, content_type=None) -> url`` is an :class:`Uploader`. This module
holds that protocol, its errors, the content-addressed naming every uploader shares, the two
uploaders and an uploader from one configuration string.

Naming the object by a hash of its content makes publishing idempotent (the same bytes always get
the same key, so a re-run uploads nothing) and keeps URLs stable for Pulumi (an unchanged file never
shows a diff). The file name stays last in the key: D-ID infers ``documentType`` from the URL's suffix.

``DirectoryUploader`` publishes into a folder that a web server serves (or as ``file://`` URLs):
useful with the emulator and for static hosting; the real D-ID API needs an http(s) URL it can
reach. ``S3Uploader`` publishes to an S3-compatible bucket (AWS, MinIO, Ceph, R2, moto …) with
boto3, which is optional (``pip install 'pulumi-did-agents[s3]'``) and imported only when an
``S3Uploader`` is made or used. Its credentials come from boto3's usual chain (environment, profile,
instance role) or a ``boto3.Session`` you pass; they never appear in reprs, logs or error messages.

``uploader_from_url`` builds one from a string, so a stack can name it in ``didagents:uploader``:

- ``s3://bucket/prefix?endpoint=http://127.0.0.1:9000&region=us-east-1&addressing=path&url=presigned``
  (``public_base_url=`` for a CDN; credentials come from boto3's usual chain: environment, profile)
- ``dir:///srv/www/docs?base_url=https://docs.example.com`` (a folder a web server serves)
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any, Literal, Protocol, cast, runtime_checkable
from urllib.parse import parse_qs, quote, urlsplit

__all__ = [
    "AddressingStyle",
    "DirectoryUploader",
    "MissingDependencyError",
    "S3Uploader",
    "Uploader",
    "UploaderError",
    "UrlStyle",
    "content_key",
    "file_digest",
    "guess_content_type",
    "normalise_prefix",
    "uploader_from_url",
]

log = logging.getLogger("pulumi_did_agents.uploaders")


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


# Publishing to an S3-compatible bucket.

UrlStyle = Literal["public", "presigned"]
AddressingStyle = Literal["auto", "path", "virtual"]

MAX_PRESIGN_SECONDS = 7 * 24 * 3600
"""SigV4 presigned URLs live at most a week: D-ID must fetch the document before then."""
_MISSING = {"404", "NoSuchKey", "NotFound"}


def _boto3() -> Any:
    try:
        import boto3
    except ImportError:
        raise MissingDependencyError(
            "S3Uploader needs boto3, which is not installed: pip install 'pulumi-did-agents[s3]'"
        ) from None
    return boto3


class S3Uploader:
    """Upload each file once, to ``{prefix}{sha256}/{name}``, and return a URL D-ID can fetch.

    ``url_style="public"`` returns the object's plain URL (the bucket or prefix must be publicly
    readable, by bucket policy or ``acl="public-read"``), or ``public_base_url/key`` behind a CDN;
    ``"presigned"`` returns a GET URL signed for ``presign_seconds``. ``addressing_style="path"``
    suits most S3-compatible servers (``http://host:port/bucket/key``).
    """

    def __init__(
        self,
        bucket: str,
        *,
        prefix: str = "",
        endpoint_url: str | None = None,
        region: str | None = None,
        url_style: UrlStyle = "public",
        presign_seconds: int = 24 * 3600,
        addressing_style: AddressingStyle = "auto",
        public_base_url: str | None = None,
        acl: str | None = None,
        session: Any = None,
    ) -> None:
        if not bucket:
            raise ValueError("bucket must not be empty")
        if url_style not in ("public", "presigned"):
            raise ValueError(f"url_style must be 'public' or 'presigned', not {url_style!r}")
        if addressing_style not in ("auto", "path", "virtual"):
            raise ValueError(
                f"addressing_style must be 'auto', 'path' or 'virtual', not {addressing_style!r}"
            )
        if not 1 <= presign_seconds <= MAX_PRESIGN_SECONDS:
            raise ValueError(f"presign_seconds must be between 1 and {MAX_PRESIGN_SECONDS}")
        boto3 = _boto3()
        from botocore import UNSIGNED
        from botocore.config import Config

        self.bucket = bucket
        self.prefix = prefix
        self.endpoint_url = endpoint_url
        self.url_style = url_style
        self.presign_seconds = presign_seconds
        self.public_base_url = public_base_url.rstrip("/") if public_base_url else None
        self.acl = acl
        factory = session if session is not None else boto3.session.Session()
        options: dict[str, Any] = {"endpoint_url": endpoint_url, "region_name": region}
        s3_config = {"addressing_style": addressing_style}
        # SigV4 explicitly: botocore still presigns S3 URLs with SigV2, which newer regions refuse.
        signed = Config(s3=s3_config, signature_version="s3v4")
        self.client: Any = factory.client("s3", config=signed, **options)
        # Unsigned twin of the client: builds plain object URLs with the same endpoint and addressing.
        self._url_client: Any = factory.client(
            "s3", config=Config(s3=s3_config, signature_version=UNSIGNED), **options
        )

    def __repr__(self) -> str:
        return (
            f"S3Uploader(bucket={self.bucket!r}, prefix={self.prefix!r}, endpoint_url={self.endpoint_url!r}, "
            f"url_style={self.url_style!r})"
        )

    def key_for(self, path: str | os.PathLike[str]) -> str:
        """The object key ``path`` is (or would be) published under."""
        return content_key(path, file_digest(path)[0], prefix=self.prefix)

    def publish(self, path: str | os.PathLike[str], *, content_type: str | None = None) -> str:
        """Upload ``path`` unless an object with its content already exists; return its URL."""
        from botocore.exceptions import BotoCoreError, ClientError

        digest, size = file_digest(path)
        key = content_key(path, digest, prefix=self.prefix)
        where = f"s3://{self.bucket}/{key}"
        try:
            if self._exists(key, size):
                log.debug("%s already holds %s", where, os.fspath(path))
            else:
                extra: dict[str, Any] = {"ContentType": content_type or guess_content_type(path)}
                if self.acl:
                    extra["ACL"] = self.acl
                with open(path, "rb") as body:
                    self.client.put_object(
                        Bucket=self.bucket, Key=key, Body=body, Metadata={"sha256": digest}, **extra
                    )
                log.debug("published %s to %s", os.fspath(path), where)
        except ClientError as exc:
            error = exc.response.get("Error", {})
            why = f"{error.get('Code', 'error')}: {error.get('Message') or exc}"
            raise UploaderError(f"publishing {os.fspath(path)} to {where} failed: {why}") from None
        except (BotoCoreError, OSError) as exc:
            raise UploaderError(f"publishing {os.fspath(path)} to {where} failed: {exc}") from None
        return self.url_for(key)

    def url_for(self, key: str) -> str:
        """The URL D-ID should fetch ``key`` from, in the configured style."""
        if self.url_style == "presigned":
            params = {"Bucket": self.bucket, "Key": key}
            url: str = self.client.generate_presigned_url(
                "get_object", Params=params, ExpiresIn=self.presign_seconds
            )
            return url
        if self.public_base_url:
            return f"{self.public_base_url}/{quote(key)}"
        plain: str = self._url_client.generate_presigned_url(
            "get_object", Params={"Bucket": self.bucket, "Key": key}
        )
        return plain

    def _exists(self, key: str, size: int) -> bool:
        """Whether the object is there with this size (the key already fixes the content's hash)."""
        from botocore.exceptions import ClientError

        try:
            head = self.client.head_object(Bucket=self.bucket, Key=key)
        except ClientError as exc:
            code = str(exc.response.get("Error", {}).get("Code", ""))
            # Without s3:ListBucket a missing object answers 403: upload, which is harmless.
            if code in _MISSING or code in {"403", "AccessDenied", "Forbidden"}:
                return False
            raise
        return int(head.get("ContentLength", -1)) == size


# An uploader from one configuration string.

_S3_OPTIONS = {"endpoint", "region", "addressing", "url", "public_base_url", "acl", "presign_seconds"}


def uploader_from_url(spec: str) -> Uploader:
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
