"""Pydantic models of the D-ID Agents API payloads.

Response models allow extra fields (the API grows; a new field must not break ``pulumi refresh``).
Request models forbid them, because the API rejects unknown top-level fields with a 400 anyway and
failing locally gives a better message. Write-only secrets are excluded from ``repr``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

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


class _Open(BaseModel):
    """Tolerant model for data coming back from the API."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


class _Closed(BaseModel):
    """Strict model for request bodies."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


# --- agent building blocks (shared by requests and responses) -------------------------------------


class Voice(_Open):
    type: str
    voice_id: str | None = None
    language: str | None = None
    voice_config: dict[str, Any] | None = None


class Background(_Open):
    color: str | None = None
    source_url: str | None = None


class Presenter(_Open):
    type: str
    """``talk`` (photo, needs ``source_url``), ``clip`` or ``expressive`` (need ``presenter_id``)."""
    source_url: str | None = None
    thumbnail: str | None = None
    stitch: bool | None = None
    presenter_id: str | None = None
    background: Background | None = None
    voice: Voice | None = None


class PromptCustomization(_Open):
    role: str | None = None
    personality: str | None = None
    topics_to_avoid: list[str] | None = None
    max_response_length: float | None = None
    knowledge_source: str | None = None
    prompt_knowledge: str | None = None


class CustomLlm(_Open):
    type: str | None = None
    url: str | None = None
    key: str | None = Field(default=None, repr=False)
    """Write-only: stored by the API, never echoed."""
    client_id: str | None = None
    client_secret: str | None = Field(default=None, repr=False)
    """Write-only: stored by the API, never echoed."""
    token_url: str | None = None
    streaming: bool | None = None
    max_messages: int | None = None
    headers: dict[str, str] | None = Field(default=None, repr=False)


class Llm(_Open):
    provider: str | None = None
    model: str | None = None
    instructions: str | None = None
    template: str | None = None
    temperature: float | None = None
    prompt_customization: PromptCustomization | None = None
    custom: CustomLlm | None = None


class KnowledgeRef(_Open):
    id: str
    provider: str | None = None
    embedder: dict[str, Any] | None = None


# --- agents ----------------------------------------------------------------------------------------


class AgentUpdate(_Closed):
    """PATCH body: every supplied top-level key replaces the stored value whole."""

    presenter: Presenter | None = None
    preview_name: str | None = None
    preview_description: str | None = None
    llm: Llm | None = None
    knowledge: KnowledgeRef | None = None
    starter_message: list[str] | None = None
    greetings: list[str] | None = None
    user_data: str | None = None
    embed: bool | None = None
    triggers: dict[str, Any] | None = None


class AgentCreate(AgentUpdate):
    """POST body: the PATCH fields, with the presenter required."""

    presenter: Presenter


class Agent(_Open):
    id: str
    preview_name: str | None = None
    preview_description: str | None = None
    presenter: Presenter | None = None
    llm: Llm | None = None
    knowledge: KnowledgeRef | None = None
    starter_message: list[str] | None = None
    greetings: list[str] | None = None
    embed: bool | None = None
    triggers: dict[str, Any] | None = None
    status: str | None = None
    created: str | None = None
    modified: str | None = None
    owner_id: str | None = None
    error: Any = None


# --- knowledge and documents ----------------------------------------------------------------------


class KnowledgeBaseCreate(_Closed):
    name: str
    description: str


class KnowledgeBaseUpdate(_Closed):
    name: str | None = None
    description: str | None = None


class KnowledgeBase(_Open):
    id: str
    name: str | None = None
    description: str | None = None
    status: str | None = None
    owner_id: str | None = None
    created_at: str | None = None
    modified_at: str | None = None


class DocumentCreate(_Closed):
    source_url: str
    title: str
    document_type: str = Field(serialization_alias="documentType")
    """Required by the docs contract's ``DocumentPayload``."""
    webhook: str | None = None


class Document(_Open):
    id: str
    """Composite ``knl_…#doc_…``."""
    document_type: str | None = Field(default=None, alias="documentType")
    source_url: str | None = None
    title: str | None = None
    status: str | None = None
    error: Any = None
    webhook: str | None = None
    created_at: str | None = None
    modified_at: str | None = None

    @property
    def knowledge_id(self) -> str:
        return self.id.split("#", 1)[0]


# --- client keys ------------------------------------------------------------------------------


class ClientKey(_Open):
    """An agent's client key; ``client_key`` is a credential, hidden from ``repr``."""

    client_key: str = Field(repr=False)
    allowed_domains: list[str] = Field(default_factory=list)
    name: str | None = None
    resource_id: str | None = None
    created_at: str | None = None
