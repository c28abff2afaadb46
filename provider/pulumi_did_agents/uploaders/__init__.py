"""Publishing local documents where D-ID can fetch them (it takes documents by URL only).

>>> from pulumi_did_agents.uploaders import S3Uploader
>>> uploader = S3Uploader("my-docs", prefix="agents/", region="eu-west-1")
>>> url = uploader.publish("handbook.md")  # https://my-docs.s3.amazonaws.com/agents/<sha256>/handbook.md

Any object with ``publish(path, *, content_type=None) -> url`` is an :class:`Uploader`.
"""

from .base import (
    DirectoryUploader,
    MissingDependencyError,
    Uploader,
    UploaderError,
    content_key,
    file_digest,
    guess_content_type,
    normalise_prefix,
    uploader_from_url,
)
from .s3 import AddressingStyle, S3Uploader, UrlStyle

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
