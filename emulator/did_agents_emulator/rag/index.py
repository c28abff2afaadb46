"""Each knowledge base's search index: the BM25 statistics of its ready chunks, built once per set."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ..db import Database
from ..retrieval import Bm25Index
from ..store import knowledge

SEARCHABLE_CACHED = 64  # knowledge bases whose index is kept


@dataclass(frozen=True)
class Searchable:
    """A knowledge base's searchable chunks and their BM25 index, for one set of ``done`` documents."""

    knowledge_id: str
    documents: tuple[str, ...]
    chunks: list[knowledge.SearchChunk]
    index: Bm25Index


def searchable(db: Database, conn: sqlite3.Connection, account: str, knowledge_id: str) -> Searchable:
    """The chunks of the knowledge base's ``done`` documents with their index, built once per set of
    such documents: chunks never change, so a new, deleted or newly ready document (a different set)
    is what makes the cached index stale. The check is one small query; chat no longer re-reads and
    re-tokenises every chunk of the knowledge base for every message."""
    now = db.clock.now()
    documents = knowledge.ready_document_ids(conn, account, knowledge_id, now)
    key = ("searchable", account, knowledge_id)
    cached = db.derived.get(key)
    if isinstance(cached, Searchable) and cached.documents == documents:
        return cached
    chunks = knowledge.ready_chunks(conn, account, knowledge_id, now)
    built = Searchable(knowledge_id, documents, chunks, Bm25Index([c.text for c in chunks]))
    with db.derived_lock:  # the loop and worker threads both search
        db.derived.pop(key, None)
        db.derived[key] = built
        while len(db.derived) > SEARCHABLE_CACHED:  # the least recently built go first
            db.derived.pop(next(iter(db.derived)))
    return built
