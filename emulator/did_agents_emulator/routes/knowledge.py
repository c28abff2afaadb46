"""Knowledge and document routes (API keys only: client keys never reach knowledge)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ..auth import ApiCaller
from ..models import DocumentCreate, KnowledgeCreate, KnowledgeQuery, KnowledgeUpdate
from ..rag import answers, ingest
from ..responses import Document, DocumentDeleted, Knowledge, KnowledgeDeleted, QueryAnswer, Record
from ..store import knowledge

router = APIRouter(prefix="/knowledge", tags=["Knowledge"])


@router.get("", response_model=list[Knowledge], response_model_exclude_unset=True)
async def list_knowledge(caller: ApiCaller) -> list[dict[str, Any]]:
    """The caller's knowledge bases."""
    ctx, principal = caller
    return knowledge.list_knowledge(ctx.db, account=principal.account)


@router.post("", response_model=Knowledge, response_model_exclude_unset=True)
def create_knowledge(caller: ApiCaller, body: KnowledgeCreate) -> dict[str, Any]:
    """Create a knowledge base (status ``""`` while empty)."""
    ctx, principal = caller
    return knowledge.create_knowledge(ctx.db, principal=principal, body=body)


@router.get("/{knowledge_id}", response_model=Knowledge, response_model_exclude_unset=True)
async def get_knowledge(caller: ApiCaller, knowledge_id: str) -> dict[str, Any]:
    """One knowledge base with its aggregate status."""
    ctx, principal = caller
    return knowledge.get_knowledge(ctx.db, account=principal.account, knowledge_id=knowledge_id)


@router.patch("/{knowledge_id}", response_model=Knowledge, response_model_exclude_unset=True)
def update_knowledge(caller: ApiCaller, knowledge_id: str, body: KnowledgeUpdate) -> dict[str, Any]:
    """Partial update of name/description/starter_message."""
    ctx, principal = caller
    return knowledge.update_knowledge(ctx.db, account=principal.account, knowledge_id=knowledge_id, body=body)


@router.delete("/{knowledge_id}", response_model=KnowledgeDeleted)
def delete_knowledge(caller: ApiCaller, knowledge_id: str) -> dict[str, Any]:
    """Delete a knowledge base and its documents."""
    ctx, principal = caller
    return knowledge.delete_knowledge(ctx.db, account=principal.account, knowledge_id=knowledge_id)


@router.post("/{knowledge_id}/query", response_model=QueryAnswer)
async def query_knowledge(caller: ApiCaller, knowledge_id: str, body: KnowledgeQuery) -> dict[str, Any]:
    """Retrieve from a knowledge base without an agent."""
    ctx, principal = caller
    return answers.query_knowledge(
        ctx.db, account=principal.account, knowledge_id=knowledge_id, text=body.query
    )


@router.get("/{knowledge_id}/documents", response_model=list[Document], response_model_exclude_unset=True)
async def list_documents(caller: ApiCaller, knowledge_id: str) -> list[dict[str, Any]]:
    """A knowledge base's documents."""
    ctx, principal = caller
    return knowledge.list_documents(ctx.db, account=principal.account, knowledge_id=knowledge_id)


@router.post("/{knowledge_id}/documents", response_model=Document, response_model_exclude_unset=True)
def create_document(caller: ApiCaller, knowledge_id: str, body: DocumentCreate) -> dict[str, Any]:
    """Add a document: fetched and indexed now, visible as ``created`` until the document delay passes."""
    ctx, principal = caller
    return ingest.add_document(
        ctx.db,
        principal=principal,
        knowledge_id=knowledge_id,
        body=body,
        ready_delay=ctx.config.current.document_ready_delay,
    )


@router.get(
    "/{knowledge_id}/documents/{document_id}", response_model=Document, response_model_exclude_unset=True
)
async def get_document(caller: ApiCaller, knowledge_id: str, document_id: str) -> dict[str, Any]:
    """One document (``doc_…`` or the URL-encoded full id)."""
    ctx, principal = caller
    return knowledge.get_document(
        ctx.db, account=principal.account, knowledge_id=knowledge_id, document_id=document_id
    )


@router.delete("/{knowledge_id}/documents/{document_id}", response_model=list[DocumentDeleted])
def delete_document(caller: ApiCaller, knowledge_id: str, document_id: str) -> list[dict[str, Any]]:
    """Delete a document and its chunks."""
    ctx, principal = caller
    return knowledge.delete_document(
        ctx.db, account=principal.account, knowledge_id=knowledge_id, document_id=document_id
    )


@router.get("/{knowledge_id}/documents/{document_id}/records", response_model=list[Record])
async def list_records(caller: ApiCaller, knowledge_id: str, document_id: str) -> list[dict[str, Any]]:
    """The document's indexed chunks."""
    ctx, principal = caller
    return knowledge.list_records(
        ctx.db, account=principal.account, knowledge_id=knowledge_id, document_id=document_id
    )
