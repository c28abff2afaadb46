"""Deterministic built-in "LLM": answers by quoting the best-matching sentences of the top chunks."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .retrieval import Bm25Index

NO_INFORMATION = "I'm sorry, I don't have any information about that in my knowledge base."
DEFAULT_MAX_WORDS = 75

# Sentence ends, and blank lines (paragraphs, headings); a single line break is just a wrap.
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n\s*\n")


@dataclass(frozen=True)
class Passage:
    title: str
    text: str


# Headings, titles and labels match a question's words but answer nothing: a quotable sentence
# ends like one, or is long enough to be prose without punctuation (extracted PDF lines).
_MIN_WORDS = 4
_MIN_UNPUNCTUATED_WORDS = 8


def _quotable(sentence: str) -> bool:
    words = len(sentence.split())
    return words >= _MIN_UNPUNCTUATED_WORDS or (words >= _MIN_WORDS and sentence.endswith((".", "!", "?")))


def _sentences(text: str) -> list[str]:
    return [" ".join(s.split()) for s in _SENTENCE.split(text) if _quotable(s.strip())]


@lru_cache(maxsize=1024)
def _quotable_sentences(passages: tuple[Passage, ...]) -> tuple[tuple[tuple[str, str], ...], Bm25Index]:
    """The distinct quotable ``(title, sentence)`` pairs of the passages and their BM25 index.

    A pure function of the passages, cached: the same few top chunks answer many questions, and
    splitting and tokenising them was most of the cost of a chat answer.
    """
    candidates: list[tuple[str, str]] = []
    seen: set[str] = set()
    for passage in passages:
        for sentence in _sentences(passage.text):
            if sentence not in seen:
                seen.add(sentence)
                candidates.append((passage.title, sentence))
    return tuple(candidates), Bm25Index([s for _, s in candidates])


def _max_words(llm: Mapping[str, Any] | None) -> int:
    custom = (llm or {}).get("prompt_customization") or {}
    value = custom.get("max_response_length") if isinstance(custom, dict) else None
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 1:
        return DEFAULT_MAX_WORDS
    return int(value)  # "approximate ... in words", a double in the docs contract: 75.5 → 75


def answer(
    query: Mapping[str, float], passages: Sequence[Passage], llm: Mapping[str, Any] | None = None
) -> str:
    """Quote the best sentence (and a second one if it also matches) from the retrieved passages.

    The agent's ``prompt_customization.max_response_length`` bounds the answer length in words;
    with nothing relevant the answer is a fixed polite refusal.
    """
    candidates, index = _quotable_sentences(tuple(passages))
    ranked = index.rank(query)
    if not ranked:
        return NO_INFORMATION
    best = ranked[:2] if len(ranked) > 1 and ranked[1].score >= 0.5 * ranked[0].score else ranked[:1]
    best.sort(key=lambda s: s.index)  # keep document order for readability
    title = candidates[best[0].index][0]
    quoted = " ".join(candidates[s.index][1] for s in best)
    words = quoted.split()
    limit = _max_words(llm)
    if len(words) > limit:
        quoted = " ".join(words[:limit]) + " …"
    return f'According to "{title}": "{quoted}"'
