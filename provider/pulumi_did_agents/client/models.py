"""Pydantic models of the D-ID Agents API payloads.

The fields the declarations send come from ``_generated.py`` (generated from ``spec/``); this module
adds only what responses carry beyond the declarations. Response models allow extra fields (the API
grows; a new field must not break ``pulumi refresh``); request models forbid them. Write-only
secrets are excluded from ``repr``.
"""

from __future__ import annotations

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
    "ClientKey",
    "CustomLlm",
    "Document",
    "DocumentCreate",
    "KnowledgeBase",
    "KnowledgeBaseCreate",
    "KnowledgeBaseUpdate",
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
