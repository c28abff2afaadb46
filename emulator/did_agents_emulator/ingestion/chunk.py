"""Split text into overlapping word windows, the unit retrieval scores and returns as matches."""

from __future__ import annotations

import re
from dataclasses import dataclass

WINDOW_WORDS = 80
OVERLAP_WORDS = 20
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Chunk:
    index: int
    start_index: int  # word offset in the document text
    text: str


def chunk_text(text: str, *, window: int = WINDOW_WORDS, overlap: int = OVERLAP_WORDS) -> list[Chunk]:
    """Windows of ``window`` words advancing by ``window - overlap`` (overlap keeps sentences whole)."""
    if overlap >= window:
        raise ValueError("overlap must be smaller than window")
    # Slice the original text between word spans so line breaks survive: headings and paragraphs
    # stay sentence boundaries for the responder.
    words = [m.span() for m in _WORD.finditer(text)]
    chunks: list[Chunk] = []
    step = window - overlap
    start = 0
    while start < len(words):
        last = words[min(start + window, len(words)) - 1]
        chunks.append(Chunk(len(chunks), start, text[words[start][0] : last[1]]))
        if start + window >= len(words):
            break
        start += step
    return chunks
