"""Knowledge bases, documents (with ingestion), records and retrieval over their chunks."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .. import ids
from ..auth import Principal
from ..db import Database
from ..errors import LimitError, NotFoundError
from ..ingestion import infer_type, ingest
from ..models import DocumentCreate, KnowledgeCreate, KnowledgeUpdate
from ..responder import Passage, answer
from ..retrieval import Bm25Index, build_query

MAX_DOCUMENTS = 5
TOP_K = 3


def parser_for(document_type: str, source_url: str) -> str:
    """How the emulator reads a document: ``text`` covers plain, Markdown, HTML, CSV and JSON sources
    (told apart by URL suffix here, by content type and magic bytes in extraction)."""
    return infer_type(source_url) if document_type == "text" else document_type


# -- knowledge -----------------------------------------------------------------------------------


def _doc_status(row: sqlite3.Row) -> str:
    """Lazy status: ``created`` until ``ready_at``, then the ingestion outcome (``done`` or ``error``).

    Bare values, as the SDK documents them (the API strips the ``document/`` subject prefix).
    """
    return "created" if ids.now() < row["ready_at"] else str(row["final_status"])


def _knowledge_status(conn: sqlite3.Connection, knowledge_id: str) -> str:
    rows = conn.execute(
        "SELECT ready_at, final_status FROM documents WHERE knowledge_id = ?", (knowledge_id,)
    )
    statuses = {_doc_status(r) for r in rows}
    if not statuses:
        return ""
    if "error" in statuses:
        return "error"
    if "created" in statuses:
        return "processing"
    return "done"


def _render_knowledge(conn: sqlite3.Connection, row: sqlite3.Row) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(row["data"])
    out: dict[str, Any] = {
        "id": row["id"],
        "type": "knowledge",
        "vector_store": "pinecone",
        "name": data["name"],
        "description": data["description"],
        "status": _knowledge_status(conn, row["id"]),
        "owner_id": row["account"],
        "created_by": ids.created_by(row["account"]),
        "created_at": ids.iso(row["created_ts"]),
        "modified_at": ids.iso(row["modified_ts"]),
    }
    if data.get("starter_message") is not None:
        out["starter_message"] = data["starter_message"]
    return out


def _load_knowledge(conn: sqlite3.Connection, account: str, knowledge_id: str) -> sqlite3.Row:
    row = conn.execute(
        "SELECT * FROM knowledge WHERE id = ? AND account = ?", (knowledge_id, account)
    ).fetchone()
    if row is None:
        raise NotFoundError("Knowledge not found")
    return row  # type: ignore[no-any-return]


def create_knowledge(db: Database, *, principal: Principal, body: KnowledgeCreate) -> dict[str, Any]:
    ts = ids.now()
    knowledge_id = ids.new_id("knl", 21)
    with db.tx() as conn:
        conn.execute(
            "INSERT INTO knowledge (id, account, data, created_ts, modified_ts) VALUES (?,?,?,?,?)",
            (knowledge_id, principal.account, json.dumps(body.model_dump(exclude_none=True)), ts, ts),
        )
        return _render_knowledge(conn, _load_knowledge(conn, principal.account, knowledge_id))


def list_knowledge(db: Database, *, account: str) -> list[dict[str, Any]]:
    with db.read() as conn:
        rows = conn.execute("SELECT * FROM knowledge WHERE account = ? ORDER BY seq", (account,)).fetchall()
        return [_render_knowledge(conn, r) for r in rows]


def get_knowledge(db: Database, *, account: str, knowledge_id: str) -> dict[str, Any]:
    with db.read() as conn:
        return _render_knowledge(conn, _load_knowledge(conn, account, knowledge_id))


def update_knowledge(
    db: Database, *, account: str, knowledge_id: str, body: KnowledgeUpdate
) -> dict[str, Any]:
    with db.tx() as conn:
        row = _load_knowledge(conn, account, knowledge_id)
        data: dict[str, Any] = json.loads(row["data"])
        data.update(body.model_dump(exclude_unset=True, exclude_none=True))
        conn.execute(
            "UPDATE knowledge SET data = ?, modified_ts = ? WHERE id = ?",
            (json.dumps(data), ids.after(row["modified_ts"]), knowledge_id),
        )
        return _render_knowledge(conn, _load_knowledge(conn, account, knowledge_id))


def delete_knowledge(db: Database, *, account: str, knowledge_id: str) -> dict[str, Any]:
    """Delete the knowledge base and its documents; agents keep a dangling ``knowledge.id``."""
    with db.tx() as conn:
        _load_knowledge(conn, account, knowledge_id)
        docs = [
            r["id"]
            for r in conn.execute(
                "SELECT id FROM documents WHERE knowledge_id = ? ORDER BY seq", (knowledge_id,)
            )
        ]
        conn.execute("DELETE FROM chunks WHERE knowledge_id = ?", (knowledge_id,))
        conn.execute("DELETE FROM documents WHERE knowledge_id = ?", (knowledge_id,))
        conn.execute("DELETE FROM knowledge WHERE id = ?", (knowledge_id,))
    return {"knowledge": True, "deletedDocuments": docs}


# -- documents -----------------------------------------------------------------------------------


def _render_document(row: sqlite3.Row) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(row["data"])
    status = _doc_status(row)
    out: dict[str, Any] = {
        "id": row["id"],
        "type": "document",
        "documentType": data["documentType"],
        "source_url": data["source_url"],
        "parsed_url": data["source_url"],
        "title": data["title"],
        "status": status,
        "owner_id": row["account"],
        "created_by": ids.created_by(row["account"]),
        "created_at": ids.iso(row["created_ts"]),
        "modified_at": ids.iso(max(row["modified_ts"], min(row["ready_at"], ids.now()))),
    }
    if status == "error" and row["error"]:
        out["error"] = row["error"]
    if data.get("webhook") is not None:
        out["webhook"] = data["webhook"]
    return out


def _doc_part(knowledge_id: str, document_id: str) -> str:
    """Accept ``doc_…`` or the full ``knl_…#doc_…`` (decoded from ``%23`` by the router).

    A raw ``#`` never reaches a server: clients cut the URL there, so ``…/documents/knl_x#doc_y``
    arrives as ``…/documents/knl_x`` and is answered 404 like any unknown document.
    """
    if "#" in document_id:
        prefix, _, part = document_id.partition("#")
        if prefix != knowledge_id:
            raise NotFoundError("Document not found")
        return part
    return document_id


def _load_document(
    conn: sqlite3.Connection, account: str, knowledge_id: str, document_id: str
) -> sqlite3.Row:
    _load_knowledge(conn, account, knowledge_id)
    row = conn.execute(
        "SELECT * FROM documents WHERE knowledge_id = ? AND doc_part = ? AND account = ?",
        (knowledge_id, _doc_part(knowledge_id, document_id), account),
    ).fetchone()
    if row is None:
        raise NotFoundError("Document not found")
    return row  # type: ignore[no-any-return]


def _check_capacity(conn: sqlite3.Connection, account: str, knowledge_id: str) -> None:
    _load_knowledge(conn, account, knowledge_id)
    count = conn.execute("SELECT COUNT(*) FROM documents WHERE knowledge_id = ?", (knowledge_id,)).fetchone()[
        0
    ]
    if count >= MAX_DOCUMENTS:
        raise LimitError(f"Knowledge has reached the maximum of {MAX_DOCUMENTS} documents")


def create_document(
    db: Database, *, principal: Principal, knowledge_id: str, body: DocumentCreate, ready_delay: float
) -> dict[str, Any]:
    """Ingest synchronously (outside the DB lock), store the outcome; the status stays ``created``
    until ``ready_delay`` has elapsed so clients exercise their polling."""
    with db.read() as conn:
        _check_capacity(conn, principal.account, knowledge_id)
    result = ingest(body.source_url, parser_for(body.documentType, body.source_url))
    data = {"documentType": body.documentType, "source_url": body.source_url, "title": body.title}
    if body.webhook is not None:
        data["webhook"] = body.webhook
    ts = ids.now()
    document_id = ids.document_id(knowledge_id)
    doc_part = document_id.partition("#")[2]
    with db.tx() as conn:
        _check_capacity(conn, principal.account, knowledge_id)  # again: a concurrent create may have won
        conn.execute(
            "INSERT INTO documents (id, doc_part, knowledge_id, account, data, created_ts, modified_ts, "
            "ready_at, final_status, error) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                document_id,
                doc_part,
                knowledge_id,
                principal.account,
                json.dumps(data),
                ts,
                ts,
                ts + ready_delay,
                "error" if result.error else "done",
                result.error,
            ),
        )
        conn.executemany(
            "INSERT INTO chunks (document_id, knowledge_id, account, idx, start_index, text) "
            "VALUES (?,?,?,?,?,?)",
            [
                (document_id, knowledge_id, principal.account, c.index, c.start_index, c.text)
                for c in result.chunks
            ],
        )
        conn.execute("UPDATE knowledge SET modified_ts = ? WHERE id = ?", (ts, knowledge_id))
        row = conn.execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()
    out = _render_document(row)
    out["status"] = "created"  # the create answer precedes processing, whatever the delay
    out.pop("error", None)
    return out


def list_documents(db: Database, *, account: str, knowledge_id: str) -> list[dict[str, Any]]:
    with db.read() as conn:
        _load_knowledge(conn, account, knowledge_id)
        rows = conn.execute("SELECT * FROM documents WHERE knowledge_id = ? ORDER BY seq", (knowledge_id,))
        return [_render_document(r) for r in rows]


def get_document(db: Database, *, account: str, knowledge_id: str, document_id: str) -> dict[str, Any]:
    with db.read() as conn:
        return _render_document(_load_document(conn, account, knowledge_id, document_id))


def delete_document(
    db: Database, *, account: str, knowledge_id: str, document_id: str
) -> list[dict[str, Any]]:
    with db.tx() as conn:
        row = _load_document(conn, account, knowledge_id, document_id)
        conn.execute("DELETE FROM chunks WHERE document_id = ?", (row["id"],))
        conn.execute("DELETE FROM documents WHERE id = ?", (row["id"],))
        conn.execute("UPDATE knowledge SET modified_ts = ? WHERE id = ?", (ids.now(), knowledge_id))
    return [{"s3": True, "embeddings": True, "document": True, "id": row["id"]}]


def _record_id(document_id: str, index: int) -> str:
    return f"rec_{document_id.partition('#doc_')[2]}_{index}"


def list_records(db: Database, *, account: str, knowledge_id: str, document_id: str) -> list[dict[str, Any]]:
    """The document's chunks as records (empty until the document is ``done``)."""
    with db.read() as conn:
        doc = _load_document(conn, account, knowledge_id, document_id)
        if _doc_status(doc) != "done":
            return []
        data = json.loads(doc["data"])
        rows = conn.execute(
            "SELECT * FROM chunks WHERE document_id = ? ORDER BY idx", (doc["id"],)
        ).fetchall()
    stamp = ids.iso(doc["ready_at"])
    return [
        {
            "id": _record_id(doc["id"], r["idx"]),
            "type": "record",
            "embedding_id": f"emb_{doc['doc_part']}_{r['idx']}",
            "start_index": r["start_index"],
            "source_url": data["source_url"],
            "title": data["title"],
            "data": r["text"],
            "owner_id": account,
            "created_by": ids.created_by(account),
            "created_at": stamp,
            "modified_at": stamp,
        }
        for r in rows
    ]


# -- retrieval -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Searchable:
    """A knowledge base's searchable chunks and their BM25 index, for one set of ``done`` documents."""

    knowledge_id: str
    documents: tuple[str, ...]
    chunks: list[tuple[str, int, str, str, str]]  # document id, index, text, title, source_url
    index: Bm25Index


SEARCHABLE_CACHED = 64  # knowledge bases whose index is kept


def searchable(db: Database, conn: sqlite3.Connection, account: str, knowledge_id: str) -> Searchable:
    """The chunks of the knowledge base's ``done`` documents with their index, built once per set of
    such documents: chunks never change, so a new, deleted or newly ready document (a different set)
    is what makes the cached index stale. The check is one small query; chat no longer re-reads and
    re-tokenises every chunk of the knowledge base for every message."""
    now = ids.now()
    documents = tuple(
        row["id"]
        for row in conn.execute(
            "SELECT id FROM documents WHERE knowledge_id = ? AND account = ? AND final_status = 'done' "
            "AND ready_at <= ? ORDER BY seq",
            (knowledge_id, account, now),
        )
    )
    key = ("searchable", account, knowledge_id)
    cached = db.derived.get(key)
    if isinstance(cached, Searchable) and cached.documents == documents:
        return cached
    rows = conn.execute(
        "SELECT c.document_id, c.idx, c.text, d.data "
        "FROM chunks c JOIN documents d ON d.id = c.document_id "
        "WHERE c.knowledge_id = ? AND c.account = ? AND d.final_status = 'done' AND d.ready_at <= ? "
        "ORDER BY c.seq",
        (knowledge_id, account, now),
    ).fetchall()
    chunks = []
    for r in rows:
        data = json.loads(r["data"])
        chunks.append((r["document_id"], r["idx"], r["text"], data["title"], data["source_url"]))
    built = Searchable(knowledge_id, documents, chunks, Bm25Index([c[2] for c in chunks]))
    with db.derived_lock:  # the loop and worker threads both search
        db.derived.pop(key, None)
        db.derived[key] = built
        while len(db.derived) > SEARCHABLE_CACHED:  # the least recently built go first
            db.derived.pop(next(iter(db.derived)))
    return built


def top_matches(chunks: Searchable, query: Mapping[str, float]) -> list[dict[str, Any]]:
    """The ``TOP_K`` best chunks for the query, as matches."""
    matches = []
    for scored in chunks.index.rank(query)[:TOP_K]:
        document_id, idx, text, title, source_url = chunks.chunks[scored.index]
        matches.append(
            {
                "id": _record_id(document_id, idx),
                "data": text,
                "title": title,
                "document_id": document_id,
                "knowledge_id": chunks.knowledge_id,
                "source_url": source_url,
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
    with db.read() as conn:
        _load_knowledge(conn, account, knowledge_id)
        chunks = searchable(db, conn, account, knowledge_id)
    query = build_query(text, None)
    return answer_from_matches(top_matches(chunks, query), query)
