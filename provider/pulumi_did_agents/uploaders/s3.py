"""``S3Uploader``: publish to an S3-compatible bucket (AWS, MinIO, Ceph, R2, moto …) with boto3.

boto3 is optional (``pip install 'pulumi-did-agents[s3]'``). Credentials come from boto3's usual
chain (environment, profile, instance role) or a ``boto3.Session`` you pass; they never appear in
reprs, logs or error messages.
"""

from __future__ import annotations

import logging
import os
from typing import Any, Literal
from urllib.parse import quote

from .base import MissingDependencyError, UploaderError, content_key, file_digest, guess_content_type

__all__ = ["AddressingStyle", "S3Uploader", "UrlStyle"]

log = logging.getLogger("pulumi_did_agents.uploaders")

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
