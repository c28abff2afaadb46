"""Adding a document: check the knowledge base has room, ingest the source, store the outcome."""

from __future__ import annotations

from typing import Any

from ..auth import Principal
from ..db import Database
from ..ingestion import infer_type, ingest
from ..models import DocumentCreate
from ..store import knowledge


def parser_for(document_type: str, source_url: str) -> str:
    """How the emulator reads a document: ``text`` covers plain, Markdown, HTML, CSV and JSON sources
    (told apart by URL suffix here, by content type and magic bytes in extraction)."""
    return infer_type(source_url) if document_type == "text" else document_type


def add_document(
    db: Database, *, principal: Principal, knowledge_id: str, body: DocumentCreate, ready_delay: float
) -> dict[str, Any]:
    """Ingest synchronously (outside the DB lock), store the outcome; the status stays ``created``
    until ``ready_delay`` has elapsed so clients exercise their polling."""
    with db.read() as conn:
        knowledge.check_capacity(conn, principal.account, knowledge_id)
    result = ingest(body.source_url, parser_for(body.documentType, body.source_url))
    data = {"documentType": body.documentType, "source_url": body.source_url, "title": body.title}
    if body.webhook is not None:
        data["webhook"] = body.webhook
    return knowledge.insert_document(
        db,
        account=principal.account,
        knowledge_id=knowledge_id,
        data=data,
        chunks=result.chunks,
        error=result.error,
        ready_delay=ready_delay,
    )
