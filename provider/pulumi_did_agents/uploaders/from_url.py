"""An uploader from one configuration string, so a stack can name it in ``didagents:uploader``.

- ``s3://bucket/prefix?endpoint=http://127.0.0.1:9000&region=us-east-1&addressing=path&url=presigned``
  (``public_base_url=`` for a CDN; credentials come from boto3's usual chain: environment, profile)
- ``dir:///srv/www/docs?base_url=https://docs.example.com`` (a folder a web server serves)
"""

from __future__ import annotations

from typing import Any, cast
from urllib.parse import parse_qs, urlsplit

from .base import Uploader, UploaderError
from .directory import DirectoryUploader
from .s3 import AddressingStyle, S3Uploader, UrlStyle

__all__ = ["uploader_from_url"]

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
