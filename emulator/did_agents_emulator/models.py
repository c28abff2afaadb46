"""Request schemas. Strict types (no silent coercion) so wrong types become a 400 naming the field.

Only the agent create/update bodies forbid unknown top-level keys (the real ``AgentCreateDto`` has
``additionalProperties: false``); nested objects accept extra keys the SDK is known to send.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

_NESTED = ConfigDict(extra="allow", strict=True)
_FORBID = ConfigDict(extra="forbid", strict=True)
_IGNORE = ConfigDict(extra="ignore", strict=True)

PresenterType = Literal["talk", "clip", "expressive"]
LlmProvider = Literal["openai", "google", "d-id", "custom", "external"]
DocumentType = Literal[
    "pdf",
    "text",
    "html",
    "markdown",
    "csv",
    "json",
    "word",
    "powerpoint",
    "excel",
]


class Presenter(BaseModel):
    model_config = _NESTED
    type: PresenterType
    source_url: str | None = None
    thumbnail: str | None = None
    presenter_id: str | None = None
    stitch: bool | None = None
    voice: dict[str, Any] | None = None
    background: dict[str, Any] | None = None


class PresenterPatch(Presenter):
    type: PresenterType | None = None  # type: ignore[assignment]


class Llm(BaseModel):
    model_config = _NESTED
    provider: LlmProvider | None = None
    model: str | None = None
    instructions: str | None = None
    template: str | None = None
    temperature: float | None = Field(default=None, ge=0, le=1)
    prompt_customization: dict[str, Any] | None = None
    custom: dict[str, Any] | None = None


class KnowledgeRef(BaseModel):
    model_config = _NESTED
    id: str


def _not_blank(value: str | None) -> str | None:
    # The real pattern is ^(?!\s*$).+$ ; pydantic's regex engine has no look-ahead, so check here.
    if value is not None and not value.strip():
        raise ValueError("String should not be blank")
    return value


class AgentCreate(BaseModel):
    """``POST /agents`` body."""

    model_config = _FORBID
    presenter: Presenter
    preview_name: str | None = None
    preview_description: str | None = None
    llm: Llm | None = None
    knowledge: KnowledgeRef | None = None
    starter_message: list[str] | None = None
    greetings: list[str] | None = None
    user_data: str | None = Field(default=None, min_length=1, max_length=1000)
    embed: bool | None = None
    triggers: dict[str, Any] | None = None

    _check_user_data = field_validator("user_data")(_not_blank)


class AgentUpdate(AgentCreate):
    """``PATCH /agents/{id}`` body: every field optional; each supplied key replaces the stored one."""

    presenter: PresenterPatch | None = None  # type: ignore[assignment]


class KnowledgeCreate(BaseModel):
    model_config = _IGNORE
    name: str
    description: str
    starter_message: list[str] | None = None


class KnowledgeUpdate(BaseModel):
    model_config = _IGNORE
    name: str | None = None
    description: str | None = None
    starter_message: list[str] | None = None


class DocumentCreate(BaseModel):
    model_config = _IGNORE
    source_url: str = Field(min_length=1)
    title: str
    documentType: DocumentType | None = None  # noqa: N815 - wire name
    webhook: str | None = None


class KnowledgeQuery(BaseModel):
    model_config = _IGNORE
    query: str = Field(min_length=1)


class ChatCreate(BaseModel):
    model_config = _IGNORE
    persist: bool = False


class ChatMessageIn(BaseModel):
    model_config = _NESTED
    role: Literal["user", "assistant", "system"]
    content: str
    created_at: str | None = None


class ChatMessageRequest(BaseModel):
    model_config = _IGNORE
    messages: list[ChatMessageIn] = Field(min_length=1)
    streamId: str | None = None  # noqa: N815 - wire name
    sessionId: str | None = None  # noqa: N815 - wire name
    chatMode: Literal["Functional", "TextOnly", "Maintenance", "Playground"] | None = None  # noqa: N815


class SessionCreate(BaseModel):
    model_config = _IGNORE
    chat_persist: bool = False
    transport: dict[str, Any] | None = None
    verbose: bool | None = None


class ClientKeyBody(BaseModel):
    model_config = _IGNORE
    allowed_domains: list[str]


class AgentClientKeyCreate(ClientKeyBody):
    name: str | None = None


class ExportCreate(BaseModel):
    model_config = _IGNORE
    agent_id: str | None = None
