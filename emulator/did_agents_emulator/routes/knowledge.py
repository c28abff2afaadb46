"""Knowledge and document routes (API keys only: client keys never reach knowledge)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ..auth import ApiPrincipal, Ctx
from ..models import DocumentCreate, KnowledgeCreate, KnowledgeQuery, KnowledgeUpdate
from ..store import knowledge

router = APIRouter(prefix="/knowledge", tags=["Knowledge"])


@router.get("")
def list_knowledge(ctx: Ctx, principal: ApiPrincipal) -> list[dict[str, Any]]:
    """The caller's knowledge bases."""
    return knowledge.list_knowledge(ctx.db, account=principal.account)


@router.post("")
def create_knowledge(ctx: Ctx, principal: ApiPrincipal, body: KnowledgeCreate) -> dict[str, Any]:
    """Create a knowledge base (status ``""`` while empty)."""
    return knowledge.create_knowledge(ctx.db, principal=principal, body=body)


@router.get("/{knowledge_id}")
def get_knowledge(ctx: Ctx, principal: ApiPrincipal, knowledge_id: str) -> dict[str, Any]:
    """One knowledge base with its aggregate status."""
    return knowledge.get_knowledge(ctx.db, account=principal.account, knowledge_id=knowledge_id)


@router.patch("/{knowledge_id}")
def update_knowledge(
    ctx: Ctx, principal: ApiPrincipal, knowledge_id: str, body: KnowledgeUpdate
) -> dict[str, Any]:
    """Partial update of name/description/starter_message."""
    return knowledge.update_knowledge(ctx.db, account=principal.account, knowledge_id=knowledge_id, body=body)


@router.delete("/{knowledge_id}")
def delete_knowledge(ctx: Ctx, principal: ApiPrincipal, knowledge_id: str) -> dict[str, Any]:
    """Delete a knowledge base and its documents."""
    return knowledge.delete_knowledge(ctx.db, account=principal.account, knowledge_id=knowledge_id)


@router.post("/{knowledge_id}/query")
def query_knowledge(
    ctx: Ctx, principal: ApiPrincipal, knowledge_id: str, body: KnowledgeQuery
) -> dict[str, Any]:
    """Retrieve from a knowledge base without an agent."""
    return knowledge.query_knowledge(
        ctx.db, account=principal.account, knowledge_id=knowledge_id, text=body.query
    )


@router.get("/{knowledge_id}/documents")
def list_documents(ctx: Ctx, principal: ApiPrincipal, knowledge_id: str) -> list[dict[str, Any]]:
    """A knowledge base's documents."""
    return knowledge.list_documents(ctx.db, account=principal.account, knowledge_id=knowledge_id)


@router.post("/{knowledge_id}/documents")
def create_document(
    ctx: Ctx, principal: ApiPrincipal, knowledge_id: str, body: DocumentCreate
) -> dict[str, Any]:
    """Add a document: fetched and indexed now, visible as ``processing`` until the document delay passes."""
    return knowledge.create_document(
        ctx.db,
        principal=principal,
        knowledge_id=knowledge_id,
        body=body,
        ready_delay=ctx.config.current.document_ready_delay,
    )


@router.get("/{knowledge_id}/documents/{document_id}")
def get_document(ctx: Ctx, principal: ApiPrincipal, knowledge_id: str, document_id: str) -> dict[str, Any]:
    """One document (``doc_…`` or the URL-encoded full id)."""
    return knowledge.get_document(
        ctx.db, account=principal.account, knowledge_id=knowledge_id, document_id=document_id
    )


@router.delete("/{knowledge_id}/documents/{document_id}")
def delete_document(
    ctx: Ctx, principal: ApiPrincipal, knowledge_id: str, document_id: str
) -> list[dict[str, Any]]:
    """Delete a document and its chunks."""
    return knowledge.delete_document(
        ctx.db, account=principal.account, knowledge_id=knowledge_id, document_id=document_id
    )


@router.get("/{knowledge_id}/documents/{document_id}/records")
def list_records(
    ctx: Ctx, principal: ApiPrincipal, knowledge_id: str, document_id: str
) -> list[dict[str, Any]]:
    """The document's indexed chunks."""
    return knowledge.list_records(
        ctx.db, account=principal.account, knowledge_id=knowledge_id, document_id=document_id
    )
