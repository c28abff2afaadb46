"""Pydantic models of the D-ID Agents API payloads: the declared resources and the chat.

The fields the declarations send come from ``_generated.py`` (generated from ``spec/``); this module
adds only what responses carry beyond the declarations, and the chat payloads (``/agents/{id}/chat``).
Response models allow extra fields (the API grows; a new field must not break ``pulumi refresh``);
request models forbid them. Write-only secrets are excluded from ``repr``.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from pydantic import Field

from ._generated import (
    AgentBody,
    AgentCreate,
    AgentKnowledge,
    AgentUpdate,
    Background,
    CustomLlm,
    DocumentBody,
    DocumentCreate,
    KnowledgeBaseBody,
    KnowledgeBaseCreate,
    KnowledgeBaseUpdate,
    Llm,
    Open,
    Presenter,
    PromptCustomization,
    Voice,
)

__all__ = [
    "Agent",
    "AgentCreate",
    "AgentUpdate",
    "Background",
    "Chat",
    "ChatMessage",
    "ChatResponse",
    "ClientKey",
    "CustomLlm",
    "Document",
    "DocumentCreate",
    "KnowledgeBase",
    "KnowledgeBaseCreate",
    "KnowledgeBaseUpdate",
    "KnowledgeMatch",
    "KnowledgeRef",
    "Llm",
    "Presenter",
    "PromptCustomization",
    "Voice",
]


class KnowledgeRef(AgentKnowledge):
    """An agent's knowledge binding as returned: the id the provider sends, and what the API adds."""

    provider: str | None = None
    embedder: dict[str, Any] | None = None


class Agent(AgentBody):
    knowledge: KnowledgeRef | None = None
    error: Any = None


class KnowledgeBase(KnowledgeBaseBody):
    owner_id: str | None = None


class Document(DocumentBody):
    error: Any = None
    """A string in the docs contract; kept open because it is only ever shown."""

    @property
    def knowledge_id(self) -> str:
        """Composite ids are ``knl_…#doc_…``."""
        return self.id.split("#", 1)[0]


class ClientKey(Open):
    """An agent's client key; ``client_key`` is a credential, hidden from ``repr``."""

    client_key: str = Field(repr=False)
    allowed_domains: list[str] = Field(default_factory=list)
    name: str | None = None
    resource_id: str | None = None
    created_at: str | None = None


# The chat payloads (open, like every response: tolerant of fields the API adds).


class Chat(Open):
    id: str
    agent_id: str | None = None
    created: str | None = None
    modified: str | None = None
    messages: list[dict[str, Any]] = Field(default_factory=list)
    chat_mode: str | None = None


class ChatMessage(Open):
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


class KnowledgeMatch(Open):
    id: str | None = None
    data: str | None = None
    title: str | None = None
    document_id: str | None = None
    knowledge_id: str | None = None
    source_url: str | None = None


class ChatResponse(Open):
    result: str | None = None
    document_ids: list[str] = Field(default_factory=list, alias="documentIds")
    matches: list[KnowledgeMatch] = Field(default_factory=list)
    context: str | None = None
    chat_mode: str | None = Field(default=None, alias="chatMode")
