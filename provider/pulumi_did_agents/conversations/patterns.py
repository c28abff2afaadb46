"""Expected facts and forbidden phrases: case-insensitive substrings, or regexes written ``/…/``."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

__all__ = ["Pattern", "compile_pattern", "normalise_text"]


def normalise_text(text: str) -> str:
    """Case-folded with runs of whitespace as one space, so line wraps and capitals never matter."""
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class Pattern:
    """One pattern as written in a cases file, ready to search an answer."""

    text: str
    regex: re.Pattern[str] | None

    def found_in(self, answer: str) -> bool:
        if self.regex is not None:
            return self.regex.search(answer) is not None
        return normalise_text(self.text) in normalise_text(answer)

    def __str__(self) -> str:
        return self.text


def is_regex(text: str) -> bool:
    return len(text) >= 2 and text.startswith("/") and text.endswith("/")


@functools.lru_cache(maxsize=1024)
def compile_pattern(text: str) -> Pattern:
    """``/…/`` is a case-insensitive regex (``(?-i:…)`` makes a part case-sensitive); else a substring.

    Raises ``ValueError`` naming the problem for an empty pattern or an invalid regex.
    """
    if not text.strip():
        raise ValueError("must not be empty")
    if not is_regex(text):
        return Pattern(text, None)
    body = text[1:-1]
    if not body:
        raise ValueError("regex // is empty")
    try:
        return Pattern(text, re.compile(body, re.IGNORECASE))
    except re.error as exc:
        raise ValueError(f"invalid regex {text}: {exc}") from None
