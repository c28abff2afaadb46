"""Pydantic models of the chat payloads (``/agents/{id}/chat``), tolerant of fields the API adds."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Chat", "ChatMessage", "ChatResponse", "KnowledgeMatch"]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Chat(_Open):
    id: str
    agent_id: str | None = None
    created: str | None = None
    modified: str | None = None
    messages: list[dict[str, Any]] = Field(default_factory=list)
    chat_mode: str | None = None


class ChatMessage(_Open):
    """One message of a conversation, in the shape D-ID's client SDK sends (``id`` and ``parts`` optional)."""

    role: str
    content: str
    created_at: str
    id: str | None = None
    parts: list[dict[str, Any]] | None = None

    @classmethod
    def new(cls, role: str, content: str) -> ChatMessage:
        """A message stamped as the SDK stamps its own: a fresh random id and the current UTC time."""
        return cls(id=uuid.uuid4().hex, role=role, content=content, created_at=datetime.now(UTC).isoformat())


class KnowledgeMatch(_Open):
    id: str | None = None
    data: str | None = None
    title: str | None = None
    document_id: str | None = None
    knowledge_id: str | None = None
    source_url: str | None = None


class ChatResponse(_Open):
    result: str | None = None
    document_ids: list[str] = Field(default_factory=list, alias="documentIds")
    matches: list[KnowledgeMatch] = Field(default_factory=list)
    context: str | None = None
    chat_mode: str | None = Field(default=None, alias="chatMode")
