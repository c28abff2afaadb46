"""Chat routes: create, message, read back, and JSON exports."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ..auth import AnyPrincipal, ApiPrincipal, Ctx
from ..models import ChatCreate, ChatMessageRequest, ExportCreate
from ..store import chats

router = APIRouter(prefix="/agents", tags=["Chat"])


@router.post("/chats/exports")
def create_export(ctx: Ctx, principal: ApiPrincipal, body: ExportCreate | None = None) -> dict[str, Any]:
    """Export chats with their messages; answers ``{export_id}``."""
    return chats.create_export(ctx.db, account=principal.account, agent_id=body.agent_id if body else None)


@router.get("/chats/exports/{export_id}")
def get_export(ctx: Ctx, principal: ApiPrincipal, export_id: str) -> dict[str, Any]:
    """The exported chats as JSON."""
    return chats.get_export(ctx.db, account=principal.account, export_id=export_id)


@router.post("/{agent_id}/chat", status_code=201)
def create_chat(
    ctx: Ctx, principal: AnyPrincipal, agent_id: str, body: ChatCreate | None = None
) -> dict[str, Any]:
    """Open a chat with an agent."""
    return chats.create_chat(
        ctx.db, principal=principal, agent_id=agent_id, persist=body.persist if body else False
    )


@router.post("/{agent_id}/chat/{chat_id}")
def send_message(
    ctx: Ctx, principal: AnyPrincipal, agent_id: str, chat_id: str, body: ChatMessageRequest
) -> dict[str, Any]:
    """Answer the last user message from the agent's knowledge base."""
    return chats.send_message(ctx.db, principal=principal, agent_id=agent_id, chat_id=chat_id, body=body)


@router.get("/{agent_id}/chat/{chat_id}")
def get_chat(ctx: Ctx, principal: AnyPrincipal, agent_id: str, chat_id: str) -> dict[str, Any]:
    """A chat with its messages."""
    return chats.get_chat(ctx.db, principal=principal, agent_id=agent_id, chat_id=chat_id)
