"""Request schemas. Strict types (no silent coercion) so wrong types become a 400 naming the field.

The agent create/update bodies and their triggers forbid unknown keys (the docs contract's
``AgentCreateDto``/``AgentUpdateDto`` have ``additionalProperties: false``). Presenter, LLM, chat
message and stream bodies accept extra keys the official SDK is known to send (``driver_url``,
``prompt_version``, message ``parts``…); the SDK outranks the docs contract. Rules that span fields
(talk needs a thumbnail, a model must belong to its provider) live in the store.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

_NESTED = ConfigDict(extra="allow", strict=True)
_FORBID = ConfigDict(extra="forbid", strict=True)
_IGNORE = ConfigDict(extra="ignore", strict=True)

PresenterType = Literal["talk", "clip", "expressive"]
LlmProvider = Literal["openai", "google", "d-id", "custom", "external"]
AgentTemplate = Literal["rag-grounded", "rag-ungrounded", "assistant"]
# ``CreateDocumentDto.documentType`` (docs contract ``SupportedDocumentType``); responses may carry more.
DocumentType = Literal["pdf", "text", "powerpoint"]
ChatMode = Literal["Functional", "TextOnly", "Maintenance", "Playground"]
EXTERNAL_URL = r"^(?:http|https)://\S+$"


class Presenter(BaseModel):
    model_config = _NESTED
    type: PresenterType
    source_url: str | None = None
    thumbnail: str | None = None
    presenter_id: str | None = None
    stitch: bool | None = None
    voice: dict[str, Any] | None = None
    # The docs contract has an object ({color, source_url}); SDK 1.2.10 types it as a string.
    background: dict[str, Any] | str | None = None


class PresenterPatch(Presenter):
    type: PresenterType | None = None  # type: ignore[assignment]


class Llm(BaseModel):
    """``LLMConfigCreateDto``: ``provider`` is required on create (see ``LlmPatch``)."""

    model_config = _NESTED
    provider: LlmProvider
    model: str | None = None
    instructions: str | None = None
    template: AgentTemplate | None = None
    temperature: float | None = Field(default=None, ge=0, le=1)
    prompt_customization: dict[str, Any] | None = None
    custom: dict[str, Any] | None = None
    secretId: str | None = None  # noqa: N815 - wire name


class LlmPatch(Llm):
    """``AgentUpdateDto.llm``: every field optional."""

    provider: LlmProvider | None = None  # type: ignore[assignment]


class KnowledgeRef(BaseModel):
    model_config = _NESTED
    id: str


class WebhookAuth(BaseModel):
    model_config = _FORBID
    secret_id: str


class Webhook(BaseModel):
    model_config = _FORBID
    url: str = Field(pattern=EXTERNAL_URL)
    headers: dict[str, str] | None = None
    auth: WebhookAuth | None = None


class TriggerConfig(BaseModel):
    model_config = _FORBID
    webhooks: list[Webhook] | None = None


class Triggers(BaseModel):
    """``AgentTriggersConfigDto``: only ``chat/end`` is known."""

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)
    chat_end: TriggerConfig | None = Field(default=None, alias="chat/end")


def _not_blank(value: str | None) -> str | None:
    # The real pattern is ^(?!\s*$).+$ ; pydantic's regex engine has no look-ahead, so check here.
    if value is not None and not value.strip():
        raise ValueError("String should not be blank")
    return value


class AgentCreate(BaseModel):
    """``POST /agents`` body (``AgentCreateDto``)."""

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
    triggers: Triggers | None = None

    _check_user_data = field_validator("user_data")(_not_blank)


class AgentUpdate(AgentCreate):
    """``PATCH /agents/{id}`` body (``AgentUpdateDto``): every field optional; each supplied key
    replaces the stored one."""

    presenter: PresenterPatch | None = None  # type: ignore[assignment]
    llm: LlmPatch | None = None  # type: ignore[assignment]


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
    """``CreateDocumentDto``: ``documentType`` is required."""

    model_config = _IGNORE
    documentType: DocumentType  # noqa: N815 - wire name
    source_url: str = Field(min_length=1)
    title: str
    webhook: str | None = None


class KnowledgeQuery(BaseModel):
    model_config = _IGNORE
    query: str = Field(min_length=1)


class ChatCreate(BaseModel):
    model_config = _IGNORE
    persist: bool = False


class ChatMessageIn(BaseModel):
    """One message as the SDK sends it: ``id``, ``parts``, ``context``… ride along and are kept."""

    model_config = _NESTED
    role: Literal["user", "assistant", "system", "function", "tool"]
    content: str
    # Required by the docs contract, but the SDK forwards caller-supplied initial messages without it.
    created_at: str | None = None
    id: str | None = None


class ChatMessageRequest(BaseModel):
    model_config = _IGNORE
    messages: list[ChatMessageIn] = Field(min_length=1)
    streamId: str | None = None  # noqa: N815 - wire name
    sessionId: str | None = None  # noqa: N815 - wire name
    chatMode: ChatMode | None = None  # noqa: N815 - wire name


RatingMatch = Annotated[list[str], Field(min_length=2, max_length=2)]
"""``[document_id, record_id]`` as the SDK sends it."""


class RatingCreate(BaseModel):
    """``RatingPayload`` minus ``agent_id``/``chat_id`` (taken from the path)."""

    model_config = _IGNORE
    score: float
    knowledge_id: str
    matches: list[RatingMatch]
    message_id: str | None = None


class RatingUpdate(BaseModel):
    """``Partial<RatingPayload>``."""

    model_config = _IGNORE
    score: float | None = None
    knowledge_id: str | None = None
    matches: list[RatingMatch] | None = None
    message_id: str | None = None


class FeedbackCreate(BaseModel):
    model_config = _IGNORE
    rating: float
    answer: str | None = None


class StreamCreate(BaseModel):
    """``InitVideoStreamRequest`` plus what the SDK adds (``output_resolution``, ``end_user_data``)."""

    model_config = _IGNORE
    output_resolution: int | None = Field(default=None, ge=150, le=1080)
    session_timeout: float | None = Field(default=None, gt=0, le=300)
    stream_warmup: bool | None = None
    compatibility_mode: Literal["on", "off", "auto"] | None = None
    fluent: bool | None = None
    end_user_data: dict[str, Any] | None = None


class StickyRequest(BaseModel):
    """Every follow-up stream call carries the ``session_id`` the stream was created with."""

    model_config = _IGNORE
    session_id: str | None = None


class Jsep(BaseModel):
    model_config = _NESTED
    type: Literal["answer"]
    sdp: str = Field(min_length=1)


class SdpAnswer(StickyRequest):
    answer: Jsep


class IceCandidate(StickyRequest):
    """A trickled candidate, or ``{candidate: null}`` at the end of gathering."""

    candidate: str | None = None
    sdpMid: str | None = None  # noqa: N815 - wire name
    sdpMLineIndex: int | None = None  # noqa: N815 - wire name


class StreamTalk(StickyRequest):
    script: dict[str, Any]
    metadata: dict[str, Any] | None = None


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


class AgentClientKeyUpdate(BaseModel):
    """``UpdateResourceClientKeyDto``: both fields optional."""

    model_config = _IGNORE
    allowed_domains: list[str] | None = None
    name: str | None = None


class ExportCreate(BaseModel):
    """``ExportDto``: ``agent_id`` required; ``from``/``to`` ISO dates; ``token`` is accepted and unused."""

    model_config = ConfigDict(extra="ignore", strict=True, populate_by_name=True)
    agent_id: str
    from_: str | None = Field(default=None, alias="from")
    to: str | None = None
    persistent_chats: bool = True
    token: str | None = None


class ClockAdvance(BaseModel):
    """``POST /_emulator/clock`` (emulator admin, not the API): move a manual clock forward."""

    model_config = ConfigDict(extra="forbid")
    advance: float = Field(ge=0)


class WebhookTest(BaseModel):
    """``TestWebhookRequestDto``."""

    model_config = _FORBID
    event_type: Literal["chat/end"]
    url: str = Field(pattern=EXTERNAL_URL)
    auth: WebhookAuth | None = None
    headers: dict[str, str] | None = None
