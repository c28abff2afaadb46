"""Document sources checked at preview: schemes the API can fetch, local files that exist and parse.

A local file's SHA-256 becomes the document's ``content_hash`` input, so editing the file is a
change that replaces that document (and nothing else) at the next ``pulumi up``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from .settings import ProviderSettings

__all__ = ["SourceInfo", "infer_document_type", "inspect_source", "local_path"]

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
    path = local_path(source_url)
    if path is None:
        return SourceInfo()
    return _inspect_file(path, document_type)


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
