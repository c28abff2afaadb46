"""Document sources checked at preview: schemes the API can fetch, local files that exist and parse.

A local file's SHA-256 becomes the document's ``content_hash`` input, so editing the file is a
change that replaces that document (and nothing else) at the next ``pulumi up``. A ``data:`` URL is
decoded at preview as the URL standard (WHATWG fetch's data: URL processor) does, so one the
emulator could not read fails the check instead of the ingestion.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit
from urllib.request import url2pathname

from .settings import ProviderSettings

__all__ = [
    "DataURL",
    "DataURLError",
    "SourceInfo",
    "decode_data_url",
    "forgiving_base64_decode",
    "infer_document_type",
    "inspect_source",
    "local_path",
]

_SUFFIX_TYPES = {".pdf": "pdf", ".pptx": "powerpoint", ".ppt": "powerpoint"}
MAX_LOCAL_BYTES = 20 * 1024 * 1024


def infer_document_type(source_url: str) -> str:
    """``pdf`` and ``powerpoint`` by the URL path's suffix; anything else is ``text``."""
    path = urlsplit(source_url).path.lower()
    for suffix, kind in _SUFFIX_TYPES.items():
        if path.endswith(suffix):
            return kind
    return "text"


@dataclass
class SourceInfo:
    content_hash: str | None = None
    problems: list[str] = field(default_factory=list)


def local_path(source_url: str) -> Path | None:
    """The file a ``file://`` URL names (``None`` for any other scheme)."""
    parts = urlsplit(source_url)
    if parts.scheme != "file":
        return None
    return Path(url2pathname(unquote(parts.path)))


def inspect_source(source_url: str, document_type: str, settings: ProviderSettings) -> SourceInfo:
    scheme = urlsplit(source_url).scheme.lower()
    if scheme in ("http", "https"):
        return SourceInfo()
    if scheme not in ("file", "data"):
        return SourceInfo(problems=[f"the API fetches only http(s) URLs, not {scheme}:"])
    if not settings.targets_emulator and not (scheme == "file" and settings.uploader):
        return SourceInfo(
            problems=[
                f"{scheme}: URLs are read only by the local emulator; the D-ID API at {settings.api_url} "
                "fetches http(s) URLs (set didagents:uploader to publish local files: docs/uploaders.md)"
            ]
        )
    if scheme == "data":
        try:
            decode_data_url(source_url)
        except DataURLError as exc:
            return SourceInfo(problems=[str(exc)])
        return SourceInfo()
    path = local_path(source_url)
    if path is None:
        return SourceInfo()
    return _inspect_file(path, document_type)


class DataURLError(ValueError):
    """A ``data:`` URL that the URL standard's processor rejects; the message is one line."""


@dataclass(frozen=True)
class DataURL:
    mime_type: str
    """As written (``text/plain;charset=US-ASCII`` when none is), without the ``;base64`` suffix."""
    body: bytes
    """The content: percent-decoded, then base64-decoded for ``;base64``. Never the fragment."""


_ASCII_WHITESPACE = "\t\n\x0c\r "
_BASE64_SUFFIX = re.compile(r";[ ]*base64$", re.IGNORECASE)
_BASE64_ALPHABET = re.compile(r"^[A-Za-z0-9+/]*$")


def decode_data_url(url: str) -> DataURL:
    """The content of a ``data:`` URL, following https://fetch.spec.whatwg.org/#data-url-processor.

    The fragment is not content; the body is percent-decoded; ``;base64`` bodies are decoded with
    the forgiving base64 of the HTML standard (whitespace ignored, ``=`` padding optional).
    """
    # The URL parser's own clean-up: surrounding C0 controls and spaces, and any tab or newline.
    cleaned = url.strip("".join(map(chr, range(0x21)))).translate({9: None, 10: None, 13: None})
    without_fragment = cleaned.partition("#")[0]
    scheme, colon, rest = without_fragment.partition(":")
    if not colon or scheme.lower() != "data":
        raise DataURLError("not a data: URL")
    mime_type, comma, encoded_body = rest.partition(",")
    if not comma:
        raise DataURLError("data: URL has no comma between its media type and its content")
    mime_type = mime_type.strip(_ASCII_WHITESPACE)
    body = unquote_to_bytes(encoded_body)
    suffix = _BASE64_SUFFIX.search(mime_type)
    if suffix is not None:
        mime_type = mime_type[: suffix.start()].rstrip(_ASCII_WHITESPACE)
        try:
            body = forgiving_base64_decode(body.decode("latin-1"))
        except ValueError:
            raise DataURLError("data: URL is not valid base64") from None
    if mime_type.startswith(";"):
        mime_type = "text/plain" + mime_type
    return DataURL(mime_type=mime_type or "text/plain;charset=US-ASCII", body=body)


def forgiving_base64_decode(data: str) -> bytes:
    """https://infra.spec.whatwg.org/#forgiving-base64-decode: ``ValueError`` where it fails."""
    data = data.translate({ord(c): None for c in _ASCII_WHITESPACE})
    if len(data) % 4 == 0:
        data = data[:-2] if data.endswith("==") else data[:-1] if data.endswith("=") else data
    if len(data) % 4 == 1:
        raise ValueError("impossible base64 length")
    if not _BASE64_ALPHABET.match(data):
        raise ValueError("a character outside the base64 alphabet")
    try:
        return base64.b64decode(data + "=" * (-len(data) % 4), validate=True)
    except binascii.Error as exc:  # not reached after the checks above; kept as a ValueError
        raise ValueError(str(exc)) from None


def _inspect_file(path: Path, document_type: str) -> SourceInfo:
    try:
        if not path.is_file():
            return SourceInfo(problems=[f"local file {path} does not exist"])
        size = path.stat().st_size
        if size > MAX_LOCAL_BYTES:
            return SourceInfo(problems=[f"local file {path} is larger than 20 MB"])
        content = path.read_bytes()
    except OSError as exc:
        return SourceInfo(problems=[f"local file {path} cannot be read: {exc.strerror or exc}"])
    problem = _unparseable(content, document_type)
    info = SourceInfo(content_hash="sha256:" + hashlib.sha256(content).hexdigest())
    if problem:
        info.problems.append(f"local file {path} is not valid {document_type}: {problem}")
    return info


def _unparseable(content: bytes, document_type: str) -> str | None:
    if not content.strip():
        return "it is empty"
    if document_type == "pdf":
        return None if content.startswith(b"%PDF-") else "it does not start with %PDF-"
    if document_type != "text":
        return None
    try:
        content.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"it is not UTF-8 text ({exc.reason} at byte {exc.start})"
    return None
