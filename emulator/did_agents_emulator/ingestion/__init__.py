"""Document ingestion: fetch the source, extract text, chunk it."""

from __future__ import annotations

from dataclasses import dataclass

from .chunk import Chunk, chunk_text
from .extract import ExtractError, extract_text, infer_type
from .fetch import FetchError, fetch

__all__ = ["Ingested", "ingest", "infer_type"]


@dataclass(frozen=True)
class Ingested:
    """Outcome of ingestion: chunks on success, else an error string."""

    chunks: list[Chunk]
    error: str | None


def ingest(source_url: str, document_type: str) -> Ingested:
    """Fetch, extract and chunk; never raises for bad sources (the document gets ``status: error``)."""
    try:
        fetched = fetch(source_url)
        text = extract_text(fetched.content, document_type=document_type, content_type=fetched.content_type)
    except (FetchError, ExtractError) as exc:
        return Ingested([], str(exc))
    return Ingested(chunk_text(text), None)
