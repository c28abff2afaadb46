"""Okapi BM25 over stored chunks: small, deterministic, no dependencies."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

K1 = 1.5
B = 0.75

STOPWORDS = frozenset(
    """a an and are as at be been but by can could did do does for from had has have how i if in into is
    it its me my of on or our please so than that the their them then there these they this those to
    us was we were what when where which who whom why will with would you your about tell any some""".split()
)  # not "long", "much", "many": "how long", "how much" carry the question's meaning

PRONOUNS = frozenset("it its that this they them those these he she his her there".split())

_TOKEN = re.compile(r"[a-z0-9]+")


def tokenize(text: str) -> list[str]:
    """Lower-case alphanumeric tokens with light plural folding (``documents`` → ``document``)."""
    out = []
    for tok in _TOKEN.findall(text.lower()):
        if len(tok) > 3 and tok.endswith("s") and not tok.endswith("ss"):
            tok = tok[:-1]
        out.append(tok)
    return out


def content_terms(text: str) -> list[str]:
    return [t for t in tokenize(text) if t not in STOPWORDS]


@dataclass(frozen=True)
class Scored:
    index: int
    score: float


class Bm25Index:
    """Okapi BM25 statistics of a fixed list of texts: tokenised once, ranked against many queries.

    An inverted index (term -> (text, frequency) postings), so a query touches only the texts that
    share one of its terms. Scores are summed in the query's term order, as plain per-text BM25 sums
    them: the scores are bit-identical.
    """

    def __init__(self, documents: Sequence[str]) -> None:
        tokenized = [tokenize(d) for d in documents]
        self.n = len(tokenized)
        self.lengths = [len(t) for t in tokenized]
        self.avgdl = (sum(self.lengths) / self.n or 1.0) if self.n else 1.0
        self.postings: dict[str, list[tuple[int, int]]] = {}
        for i, toks in enumerate(tokenized):
            for term, freq in Counter(toks).items():
                self.postings.setdefault(term, []).append((i, freq))

    def rank(self, query: Mapping[str, float]) -> list[Scored]:
        """Texts sharing a query term, best first (ties in text order)."""
        if not self.n or not query:
            return []
        scores: dict[int, float] = {}
        for term, weight in query.items():
            postings = self.postings.get(term)
            if not postings:
                continue
            df = len(postings)
            idf = math.log(1 + (self.n - df + 0.5) / (df + 0.5))
            for i, freq in postings:
                scores[i] = scores.get(i, 0.0) + weight * idf * freq * (K1 + 1) / (
                    freq + K1 * (1 - B + B * self.lengths[i] / self.avgdl)
                )
        results = [Scored(i, score) for i, score in scores.items() if score > 0]
        results.sort(key=lambda s: (-s.score, s.index))
        return results


def build_query(current: str, previous: str | None) -> dict[str, float]:
    """Weighted terms of the user turn; a short or pronoun-led turn borrows the previous user turn.

    This is the emulator's conversation memory: "Does it cover water damage?" after "How long is
    the warranty?" also searches for "warranty".
    """
    terms = content_terms(current)
    weights: dict[str, float] = {}
    for t in terms:
        weights[t] = weights.get(t, 0.0) + 1.0
    raw = set(tokenize(current))
    if previous and (len(terms) < 2 or raw & PRONOUNS):
        for t in content_terms(previous):
            weights.setdefault(t, 0.5)
    return weights
