"""Split text into overlapping word windows, the unit retrieval scores and returns as matches."""

from __future__ import annotations

from dataclasses import dataclass

WINDOW_WORDS = 80
OVERLAP_WORDS = 20


@dataclass(frozen=True)
class Chunk:
    index: int
    start_index: int  # word offset in the document text
    text: str


def chunk_text(text: str, *, window: int = WINDOW_WORDS, overlap: int = OVERLAP_WORDS) -> list[Chunk]:
    """Windows of ``window`` words advancing by ``window - overlap`` (overlap keeps sentences whole)."""
    if overlap >= window:
        raise ValueError("overlap must be smaller than window")
    words = text.split()
    chunks: list[Chunk] = []
    step = window - overlap
    start = 0
    while start < len(words):
        chunks.append(Chunk(len(chunks), start, " ".join(words[start : start + window])))
        if start + window >= len(words):
            break
        start += step
    return chunks
