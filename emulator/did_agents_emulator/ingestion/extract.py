"""Turn fetched bytes into plain text: text/markdown/csv/json, HTML (beautifulsoup4), PDF (pypdf)."""

from __future__ import annotations

import io
import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup


class ExtractError(Exception):
    """Content could not be parsed; the message becomes the document's ``error``."""


_SUFFIXES = {
    ".pdf": "pdf",
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".json": "json",
}
_MEDIA_TYPES = {
    "application/pdf": "pdf",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "text/csv": "csv",
    "application/json": "json",
    "text/plain": "text",
}


def infer_type(source_url: str) -> str:
    """``documentType`` default: from the URL suffix, else ``text``."""
    if source_url.lower().startswith("data:"):
        media = source_url[5:].split(",", 1)[0].split(";", 1)[0].strip().lower()
        return _MEDIA_TYPES.get(media, "text")
    path = urlsplit(source_url).path.lower()
    for suffix, kind in _SUFFIXES.items():
        if path.endswith(suffix):
            return kind
    return "text"


def _decode(content: bytes) -> str:
    if b"\x00" in content[:4096]:
        raise ExtractError("unsupported content: binary data is not text")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("latin-1")


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader  # imported lazily: pypdf is only needed for PDFs

    if not content.lstrip().startswith(b"%PDF"):
        raise ExtractError("unparseable PDF: missing %PDF header")
    try:
        reader = PdfReader(io.BytesIO(content))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception as exc:  # noqa: BLE001 - pypdf raises many unrelated types on corrupt input
        raise ExtractError(f"unparseable PDF: {type(exc).__name__}: {exc}") from None


def _html_text(content: bytes) -> str:
    soup = BeautifulSoup(_decode(content), "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    return soup.get_text(separator="\n")


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
# Horizontal whitespace only: a `\s` here would swallow the blank line before a heading.
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]*(.*?)[ \t#]*$", re.M)
_MD_MARKS = re.compile(
    r"(^[ \t]*>[ \t]?|^[ \t]*[-*+][ \t]+|`{1,3}|\*\*|__"  # quotes, bullets, code, strong
    r"|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w))",  # emphasis, opening and closing
    re.M,
)


def _markdown_text(content: bytes) -> str:
    # A heading becomes a paragraph of its own, so it never runs into the sentence after it.
    text = _MD_HEADING.sub(lambda m: f"\n{m.group(1)}\n", _MD_LINK.sub(r"\1", _decode(content)))
    return _MD_MARKS.sub("", text)


def extract_text(content: bytes, *, document_type: str, content_type: str | None) -> str:
    """Plain text of a document; raises ``ExtractError`` on unparseable or empty content."""
    media = (content_type or "").split(";", 1)[0].strip().lower()
    kind = document_type
    if content.lstrip().startswith(b"%PDF") or media == "application/pdf":
        kind = "pdf"
    elif document_type == "text" and media in ("text/html", "application/xhtml+xml"):
        kind = "html"
    if kind == "pdf":
        text = _pdf_text(content)
    elif kind == "html":
        text = _html_text(content)
    elif kind == "markdown":
        text = _markdown_text(content)
    elif kind in ("text", "csv", "json"):
        text = _decode(content)
    else:
        raise ExtractError(f"unsupported content: documentType {kind!r} cannot be parsed by the emulator")
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r"\n\s*\n+", "\n\n", text).strip()
    if not text:
        raise ExtractError("empty text: no text could be extracted from the document")
    return text
