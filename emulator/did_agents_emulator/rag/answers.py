"""Answers from a knowledge base: the best chunks as ``matches`` and the responder's text over them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..db import Database
from ..responder import Passage, answer
from ..retrieval import build_query
from ..store import knowledge
from .index import Searchable, searchable

TOP_K = 3


def top_matches(chunks: Searchable, query: Mapping[str, float]) -> list[dict[str, Any]]:
    """The ``TOP_K`` best chunks for the query, as matches."""
    matches = []
    for scored in chunks.index.rank(query)[:TOP_K]:
        chunk = chunks.chunks[scored.index]
        matches.append(
            {
                "id": knowledge.record_id(chunk.document_id, chunk.idx),
                "data": chunk.text,
                "title": chunk.title,
                "document_id": chunk.document_id,
                "knowledge_id": chunks.knowledge_id,
                "source_url": chunk.source_url,
            }
        )
    return matches


def answer_from_matches(
    matches: list[dict[str, Any]], query: Mapping[str, float], llm: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """``{result, documentIds, matches}`` shared by chat and ``/knowledge/{id}/query``."""
    result = answer(query, [Passage(m["title"], m["data"]) for m in matches], llm)
    document_ids = list(dict.fromkeys(m["document_id"] for m in matches))
    return {"result": result, "documentIds": document_ids, "matches": matches}


def query_knowledge(db: Database, *, account: str, knowledge_id: str, text: str) -> dict[str, Any]:
    """``POST /knowledge/{id}/query``: retrieval and an answer without an agent."""
    with db.read() as conn:
        knowledge.load_knowledge(conn, account, knowledge_id)
        chunks = searchable(db, conn, account, knowledge_id)
    query = build_query(text, None)
    return answer_from_matches(top_matches(chunks, query), query)
