"""Request and response bodies of the D-ID Agents API. GENERATED from ``pulumi_did_agents.spec``
by ``python -m pulumi_did_agents.codegen``: edit the declarations, not this file."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "AgentBody",
    "AgentCreate",
    "AgentKnowledge",
    "AgentUpdate",
    "Background",
    "Closed",
    "CustomLlm",
    "DocumentBody",
    "DocumentCreate",
    "KnowledgeBaseBody",
    "KnowledgeBaseCreate",
    "KnowledgeBaseUpdate",
    "Llm",
    "Open",
    "Presenter",
    "PromptCustomization",
    "Voice",
]


class Open(BaseModel):
    """Tolerant: data from the API, and nested request objects (checked by the core beforehand)."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Closed(BaseModel):
    """Strict: request bodies; the API rejects unknown top-level fields with a 400 anyway."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Background(Open):
    """Background of a clip or expressive presenter: a color or an image."""

    color: str | None = None
    source_url: str | None = None


class Voice(Open):
    """Text-to-speech voice of the presenter, e.g. `microsoft` / `en-US-JennyMultilingualV2Neural`."""

    type: str | None = None
    voice_id: str | None = None
    language: str | None = None
    voice_config: dict[str, Any] | None = None
    model_id: str | None = None
    access: str | None = None


class Presenter(Open):
    """The avatar: `talk` (a photo), `clip` or `expressive` (a D-ID presenter), and its voice."""

    type: str | None = None
    source_url: str | None = None
    thumbnail: str | None = None
    stitch: bool | None = None
    presenter_id: str | None = None
    background: Background | None = None
    voice: Voice | None = None


class PromptCustomization(Open):
    """Advanced prompt settings."""

    role: str | None = None
    personality: str | None = None
    topics_to_avoid: list[str] | None = None
    max_response_length: float | None = None
    knowledge_source: str | None = None
    prompt_knowledge: str | None = None


class CustomLlm(Open):
    """Your own LLM endpoint. `key` and `client_secret` are write-only secrets."""

    type: str | None = None
    url: str | None = None
    key: str | None = Field(default=None, repr=False)
    client_id: str | None = None
    client_secret: str | None = Field(default=None, repr=False)
    token_url: str | None = None
    streaming: bool | None = None
    max_messages: int | None = None
    headers: dict[str, str] | None = Field(default=None, repr=False)
    supports_sentiment: bool | None = None
    version: str | None = None


class Llm(Open):
    """The language model and how it uses the knowledge base."""

    provider: str | None = None
    model: str | None = None
    instructions: str | None = None
    template: str | None = None
    temperature: float | None = None
    prompt_customization: PromptCustomization | None = None
    custom: CustomLlm | None = None


class AgentKnowledge(Open):
    """``Agent.knowledge`` on the wire."""

    id: str | None = None


class AgentUpdate(Closed):
    """PATCH body: every supplied top-level key replaces the stored value whole."""

    preview_name: str | None = None
    preview_description: str | None = None
    presenter: Presenter | None = None
    llm: Llm | None = None
    greetings: list[str] | None = None
    starter_message: list[str] | None = None
    user_data: str | None = None
    embed: bool | None = None
    triggers: dict[str, Any] | None = None
    knowledge: AgentKnowledge | None = None


class AgentCreate(Closed):
    """POST body: required fields are checked by the core (declarations) and the API (its own)."""

    preview_name: str | None = None
    preview_description: str | None = None
    presenter: Presenter | None = None
    llm: Llm | None = None
    greetings: list[str] | None = None
    starter_message: list[str] | None = None
    user_data: str | None = None
    embed: bool | None = None
    triggers: dict[str, Any] | None = None
    knowledge: AgentKnowledge | None = None


class AgentBody(Open):
    """What the API returns for a Agent."""

    id: str
    preview_name: str | None = None
    preview_description: str | None = None
    presenter: Presenter | None = None
    llm: Llm | None = None
    greetings: list[str] | None = None
    starter_message: list[str] | None = None
    embed: bool | None = None
    triggers: dict[str, Any] | None = None
    status: str | None = None
    created: str | None = None
    modified: str | None = None
    owner_id: str | None = None
    knowledge: AgentKnowledge | None = None


class KnowledgeBaseUpdate(Closed):
    """PATCH body: every supplied top-level key replaces the stored value whole."""

    name: str | None = None
    description: str | None = None


class KnowledgeBaseCreate(Closed):
    """POST body: required fields are checked by the core (declarations) and the API (its own)."""

    name: str | None = None
    description: str | None = None


class KnowledgeBaseBody(Open):
    """What the API returns for a KnowledgeBase."""

    id: str
    name: str | None = None
    description: str | None = None
    status: str | None = None
    created_at: str | None = None
    modified_at: str | None = None


class DocumentCreate(Closed):
    """POST body: required fields are checked by the core (declarations) and the API (its own)."""

    source_url: str | None = None
    title: str | None = None
    document_type: str | None = Field(default=None, alias="documentType")
    webhook: str | None = None


class DocumentBody(Open):
    """What the API returns for a Document."""

    id: str
    source_url: str | None = None
    title: str | None = None
    document_type: str | None = Field(default=None, alias="documentType")
    webhook: str | None = None
    status: str | None = None
    error: str | None = None
    created_at: str | None = None
    modified_at: str | None = None
