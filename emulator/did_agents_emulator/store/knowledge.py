"""Knowledge bases, documents, their chunks and records: storage and rendering.

Ingesting a document, the search index and answers are in ``..rag``; this module only reads and writes.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any, NamedTuple

from .. import ids
from ..auth import Principal
from ..db import Database
from ..errors import LimitError, NotFoundError
from ..ingestion.chunk import Chunk
from ..models import KnowledgeCreate, KnowledgeUpdate

MAX_DOCUMENTS = 5


# -- knowledge -----------------------------------------------------------------------------------


def _doc_status(row: sqlite3.Row, now: float) -> str:
    """Lazy status: ``created`` until ``ready_at``, then the ingestion outcome (``done`` or ``error``).

    Bare values, as the SDK documents them (the API strips the ``document/`` subject prefix).
    """
    return "created" if now < row["ready_at"] else str(row["final_status"])


def _knowledge_status(conn: sqlite3.Connection, knowledge_id: str, now: float) -> str:
    rows = conn.execute(
        "SELECT ready_at, final_status FROM documents WHERE knowledge_id = ?", (knowledge_id,)
    )
    statuses = {_doc_status(r, now) for r in rows}
    if not statuses:
        return ""
    if "error" in statuses:
        return "error"
    if "created" in statuses:
        return "processing"
    return "done"


def _render_knowledge(conn: sqlite3.Connection, row: sqlite3.Row, now: float) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(row["data"])
    out: dict[str, Any] = {
        "id": row["id"],
        "type": "knowledge",
        "vector_store": "pinecone",
        "name": data["name"],
        "description": data["description"],
        "status": _knowledge_status(conn, row["id"], now),
        "owner_id": row["account"],
        "created_by": ids.created_by(row["account"]),
        "created_at": ids.iso(row["created_ts"]),
        "modified_at": ids.iso(row["modified_ts"]),
    }
    if data.get("starter_message") is not None:
        out["starter_message"] = data["starter_message"]
    return out


def load_knowledge(conn: sqlite3.Connection, account: str, knowledge_id: str) -> sqlite3.Row:
    row = conn.execute(
        "SELECT * FROM knowledge WHERE id = ? AND account = ?", (knowledge_id, account)
    ).fetchone()
    if row is None:
        raise NotFoundError("Knowledge not found")
    return row  # type: ignore[no-any-return]


def create_knowledge(db: Database, *, principal: Principal, body: KnowledgeCreate) -> dict[str, Any]:
    ts = db.clock.now()
    knowledge_id = ids.new_id("knl", 21)
    with db.tx() as conn:
        conn.execute(
            "INSERT INTO knowledge (id, account, data, created_ts, modified_ts) VALUES (?,?,?,?,?)",
            (knowledge_id, principal.account, json.dumps(body.model_dump(exclude_none=True)), ts, ts),
        )
        return _render_knowledge(conn, load_knowledge(conn, principal.account, knowledge_id), ts)


def list_knowledge(db: Database, *, account: str) -> list[dict[str, Any]]:
    with db.read() as conn:
        rows = conn.execute("SELECT * FROM knowledge WHERE account = ? ORDER BY seq", (account,)).fetchall()
        now = db.clock.now()
        return [_render_knowledge(conn, r, now) for r in rows]


def get_knowledge(db: Database, *, account: str, knowledge_id: str) -> dict[str, Any]:
    with db.read() as conn:
        return _render_knowledge(conn, load_knowledge(conn, account, knowledge_id), db.clock.now())


def update_knowledge(
    db: Database, *, account: str, knowledge_id: str, body: KnowledgeUpdate
) -> dict[str, Any]:
    now = db.clock.now()
    with db.tx() as conn:
        row = load_knowledge(conn, account, knowledge_id)
        data: dict[str, Any] = json.loads(row["data"])
        data.update(body.model_dump(exclude_unset=True, exclude_none=True))
        conn.execute(
            "UPDATE knowledge SET data = ?, modified_ts = ? WHERE id = ?",
            (json.dumps(data), ids.after(row["modified_ts"], now), knowledge_id),
        )
        return _render_knowledge(conn, load_knowledge(conn, account, knowledge_id), now)


def delete_knowledge(db: Database, *, account: str, knowledge_id: str) -> dict[str, Any]:
    """Delete the knowledge base and its documents; agents keep a dangling ``knowledge.id``."""
    with db.tx() as conn:
        load_knowledge(conn, account, knowledge_id)
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


def _render_document(row: sqlite3.Row, now: float) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(row["data"])
    status = _doc_status(row, now)
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
        "modified_at": ids.iso(max(row["modified_ts"], min(row["ready_at"], now))),
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
    load_knowledge(conn, account, knowledge_id)
    row = conn.execute(
        "SELECT * FROM documents WHERE knowledge_id = ? AND doc_part = ? AND account = ?",
        (knowledge_id, _doc_part(knowledge_id, document_id), account),
    ).fetchone()
    if row is None:
        raise NotFoundError("Document not found")
    return row  # type: ignore[no-any-return]


def check_capacity(conn: sqlite3.Connection, account: str, knowledge_id: str) -> None:
    """A knowledge base holds at most ``MAX_DOCUMENTS`` documents (docs ``Create1``)."""
    load_knowledge(conn, account, knowledge_id)
    count = conn.execute("SELECT COUNT(*) FROM documents WHERE knowledge_id = ?", (knowledge_id,)).fetchone()[
        0
    ]
    if count >= MAX_DOCUMENTS:
        raise LimitError(f"Knowledge has reached the maximum of {MAX_DOCUMENTS} documents")


def insert_document(
    db: Database,
    *,
    account: str,
    knowledge_id: str,
    data: dict[str, Any],
    chunks: Sequence[Chunk],
    error: str | None,
    ready_delay: float,
) -> dict[str, Any]:
    """Store an ingested document and its chunks; ``created`` until ``ready_delay`` has passed, then
    ``done`` (or ``error`` if ingestion failed). Answers the create body, which always says ``created``."""
    ts = db.clock.now()
    document_id = ids.document_id(knowledge_id)
    doc_part = document_id.partition("#")[2]
    with db.tx() as conn:
        check_capacity(conn, account, knowledge_id)  # again: a concurrent create may have won
        conn.execute(
            "INSERT INTO documents (id, doc_part, knowledge_id, account, data, created_ts, modified_ts, "
            "ready_at, final_status, error) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                document_id,
                doc_part,
                knowledge_id,
                account,
                json.dumps(data),
                ts,
                ts,
                ts + ready_delay,
                "error" if error else "done",
                error,
            ),
        )
        conn.executemany(
            "INSERT INTO chunks (document_id, knowledge_id, account, idx, start_index, text) "
            "VALUES (?,?,?,?,?,?)",
            [(document_id, knowledge_id, account, c.index, c.start_index, c.text) for c in chunks],
        )
        conn.execute("UPDATE knowledge SET modified_ts = ? WHERE id = ?", (ts, knowledge_id))
        row = conn.execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()
    out = _render_document(row, ts)
    out["status"] = "created"  # the create answer precedes processing, whatever the delay
    out.pop("error", None)
    return out


def list_documents(db: Database, *, account: str, knowledge_id: str) -> list[dict[str, Any]]:
    with db.read() as conn:
        load_knowledge(conn, account, knowledge_id)
        rows = conn.execute("SELECT * FROM documents WHERE knowledge_id = ? ORDER BY seq", (knowledge_id,))
        now = db.clock.now()
        return [_render_document(r, now) for r in rows]


def get_document(db: Database, *, account: str, knowledge_id: str, document_id: str) -> dict[str, Any]:
    with db.read() as conn:
        return _render_document(_load_document(conn, account, knowledge_id, document_id), db.clock.now())


def delete_document(
    db: Database, *, account: str, knowledge_id: str, document_id: str
) -> list[dict[str, Any]]:
    with db.tx() as conn:
        row = _load_document(conn, account, knowledge_id, document_id)
        conn.execute("DELETE FROM chunks WHERE document_id = ?", (row["id"],))
        conn.execute("DELETE FROM documents WHERE id = ?", (row["id"],))
        conn.execute("UPDATE knowledge SET modified_ts = ? WHERE id = ?", (db.clock.now(), knowledge_id))
    return [{"s3": True, "embeddings": True, "document": True, "id": row["id"]}]


def record_id(document_id: str, index: int) -> str:
    """A chunk's record id (``GET …/records``, chat ``matches``)."""
    return f"rec_{document_id.partition('#doc_')[2]}_{index}"


def list_records(db: Database, *, account: str, knowledge_id: str, document_id: str) -> list[dict[str, Any]]:
    """The document's chunks as records (empty until the document is ``done``)."""
    with db.read() as conn:
        doc = _load_document(conn, account, knowledge_id, document_id)
        if _doc_status(doc, db.clock.now()) != "done":
            return []
        data = json.loads(doc["data"])
        rows = conn.execute(
            "SELECT * FROM chunks WHERE document_id = ? ORDER BY idx", (doc["id"],)
        ).fetchall()
    stamp = ids.iso(doc["ready_at"])
    return [
        {
            "id": record_id(doc["id"], r["idx"]),
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


# -- what retrieval searches ------------------------------------------------------------------------


class SearchChunk(NamedTuple):
    document_id: str
    idx: int
    text: str
    title: str
    source_url: str


def ready_document_ids(
    conn: sqlite3.Connection, account: str, knowledge_id: str, now: float
) -> tuple[str, ...]:
    """The knowledge base's ``done`` documents at ``now``, in creation order (what its index covers)."""
    return tuple(
        row["id"]
        for row in conn.execute(
            "SELECT id FROM documents WHERE knowledge_id = ? AND account = ? AND final_status = 'done' "
            "AND ready_at <= ? ORDER BY seq",
            (knowledge_id, account, now),
        )
    )


def ready_chunks(conn: sqlite3.Connection, account: str, knowledge_id: str, now: float) -> list[SearchChunk]:
    """The chunks of those documents, with their document's title and source."""
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
        chunks.append(SearchChunk(r["document_id"], r["idx"], r["text"], data["title"], data["source_url"]))
    return chunks
