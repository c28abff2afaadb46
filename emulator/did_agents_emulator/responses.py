"""Response schemas: the ``response_model`` of every route.

What the API stores but never answers (``user_data``, ``llm.custom.key`` and ``client_secret``) is
excluded here, whatever the store hands over. Bodies whose shape D-ID defines declare the fields the
real API returns (docs contract, SDK types; the source is named on each) and keep any others
(``extra="allow"``): a model describes the API's answer, it must not trim it. Routes with optional
fields serialize with ``exclude_unset``, so a field is in the body exactly when the store set it.
Types are loose where the store passes stored JSON through (a response model must not coerce ``1``
into ``1.0``).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

Number = int | float


class _Open(BaseModel):
    """An API body: declared fields first, in wire order, then whatever else the store set."""

    model_config = ConfigDict(extra="allow")


class _Closed(BaseModel):
    """An emulator-defined body (admin routes): exactly these fields."""

    model_config = ConfigDict(extra="forbid")


# -- agents --------------------------------------------------------------------------------------


class CustomLlm(_Open):
    """docs ``CustomAuthConfig``; the credentials are write-only (facts §1.3)."""

    type: str | None = None
    url: str | None = None
    key: Any = Field(default=None, exclude=True)
    client_id: str | None = None
    client_secret: Any = Field(default=None, exclude=True)
    token_url: str | None = None


class Llm(_Open):
    """docs ``LLMConfig`` as stored (``AgentUpdateDto`` may leave out ``provider``)."""

    provider: str | None = None
    model: str | None = None
    instructions: str | None = None
    template: str | None = None
    temperature: Number | None = None
    prompt_customization: dict[str, Any] | None = None
    custom: CustomLlm | None = None
    secretId: str | None = None  # noqa: N815 - wire name


class AgentKnowledge(_Open):
    id: str
    provider: str | None = None
    embedder: dict[str, Any] | None = None


class Agent(_Open):
    """docs ``AgentResponseDto`` plus the SDK's ``Agent`` fields (status, created, owner_id, …).

    A client key's view has no ``llm`` or ``triggers`` (the store leaves them unset)."""

    id: str
    preview_name: str | None = None
    preview_description: str | None = None
    presenter: dict[str, Any]
    triggers: dict[str, Any] | None = None
    llm: Llm | None = None
    knowledge: AgentKnowledge | None = None
    starter_message: list[str]
    greetings: list[str]
    embed: bool
    provider: str
    status: str
    created: str
    modified: str
    owner_id: str
    created_by: str
    access: str
    metadata: dict[str, Any]
    error: dict[str, Any] | None = None  # docs ``AgentResponseDto``: set by the real API on failure
    user_data: Any = Field(default=None, exclude=True)  # stored, never echoed (docs response omits it)


class AgentPage(_Open):
    """docs ``ListMyAgents``."""

    agents: list[Agent]
    token: str | None = None


class AgentRuntime(_Open):
    """``GET /agents/{id}/runtime`` (SDK 2.0.10 ``agent.d.ts``): no llm, tools or triggers."""

    id: str
    owner_id: str
    avatar: dict[str, Any]
    greetings: list[str]
    starter_message: list[str]
    triggers_available: bool
    advanced_settings: dict[str, Any]
    name: str | None = None
    thumbnail: str | None = None
    idle_video: str | None = None
    knowledge: dict[str, Any] | None = None


class SttToken(_Open):
    """SDK ``STTTokenResponse``."""

    token: str
    region: str


# -- chats, ratings, feedback --------------------------------------------------------------------


class Chat(_Open):
    """SDK ``Chat`` plus ``persist``; messages as stored (the SDK's annotations ride along)."""

    id: str
    agent_id: str
    created: str
    modified: str
    agent_id__created_at: str
    agent_id__modified_at: str
    owner_id: str
    persist: bool
    chat_mode: str
    messages: list[dict[str, Any]]


class Match(_Open):
    """docs ``KnowledgeMatch``."""

    id: str
    data: str
    title: str
    document_id: str
    knowledge_id: str
    source_url: str


class ChatAnswer(_Open):
    """docs ``ChatResponse`` plus the SDK's ``context``; no ``result`` in Maintenance."""

    result: str | None = None
    documentIds: list[str]  # noqa: N815 - wire name
    matches: list[Match]
    chatMode: str  # noqa: N815 - wire name
    context: str | None = None
    videoId: str | None = None  # noqa: N815 - docs: only when a video is made, never here


class Rating(_Open):
    """docs ``ILogicalRating`` with the SDK's ``created_by``."""

    id: str
    owner_id: str
    agent_id: str
    chat_id: str
    knowledge_id: str | None = None
    message_id: str | None = None
    matches: list[list[str]] | None = None
    score: Number | None = None
    external_id: str | None = None
    created_by: str | None = None
    created_at: str
    modified_at: str


class Feedback(_Open):
    """SDK ``SubmitFeedbackResponse``."""

    chat_id: str
    rating: Number
    submitted_at: str


class Empty(_Open):
    """``{}`` (docs ``DeleteChatsData`` has no body schema)."""


# -- knowledge -----------------------------------------------------------------------------------


class Knowledge(_Open):
    """docs ``ILogicalKnowledge`` (type ``knowledge``) with the SDK's ``vector_store``."""

    id: str
    type: str
    vector_store: str | None = None
    name: str
    description: str
    status: str
    owner_id: str
    created_by: str
    created_at: str
    modified_at: str
    starter_message: list[str] | None = None


class KnowledgeDeleted(_Open):
    knowledge: bool
    deletedDocuments: list[str]  # noqa: N815 - wire name


class Document(_Open):
    """docs ``ILogicalDocument``."""

    id: str
    type: str
    documentType: str  # noqa: N815 - wire name
    source_url: str
    parsed_url: str | None = None
    title: str
    status: str
    owner_id: str
    created_by: str
    created_at: str
    modified_at: str
    error: str | None = None
    webhook: str | None = None


class DocumentDeleted(_Open):
    """One item of the SDK's ``deleteDocument`` answer."""

    s3: bool
    embeddings: bool
    document: bool
    id: str


class Record(_Open):
    """docs ``ILogicalKnowledge`` of type ``record``: one chunk of a document."""

    id: str
    type: str
    embedding_id: str
    start_index: int
    source_url: str
    title: str
    data: str
    owner_id: str
    created_by: str
    created_at: str
    modified_at: str


class QueryAnswer(_Open):
    """``POST /knowledge/{id}/query`` (SDK knowledge client)."""

    result: str
    documentIds: list[str]  # noqa: N815 - wire name
    matches: list[Match]


# -- streams and sessions ------------------------------------------------------------------------


class StreamCreated(_Open):
    """docs ``InitStreamResponse`` (``jsep``) with the SDK's ``offer``."""

    id: str
    session_id: str
    offer: dict[str, Any]
    jsep: dict[str, Any]
    ice_servers: list[dict[str, Any]]
    fluent: bool
    interrupt_enabled: bool


class StreamStatus(_Open):
    status: str


class Session(_Open):
    """seed ``SessionResponse`` and SDK ``CreateSessionV2Response``, with what the emulator records."""

    id: str
    session_url: str
    session_token: str
    interrupt_enabled: bool
    agent_id: str | None = None
    chat_persist: bool | None = None
    transport: dict[str, Any] | None = None
    created: str | None = None
    status: str | None = None
    chat_id: str | None = None


# -- client keys ---------------------------------------------------------------------------------


class NewAccountKey(_Open):
    """docs ``CreateClientKey``."""

    client_key: str


class AccountKey(_Open):
    """docs ``GetClientKey``."""

    client_key: str
    allowed_domains: list[str]


class AgentKey(_Open):
    """docs ``ClientKeyResponseDto``."""

    client_key: str
    allowed_domains: list[str]
    resource_id: str
    created_at: str
    name: str | None = None


# -- credits, exports, webhooks ------------------------------------------------------------------


class CreditItem(_Open):
    """docs ``CreditsItem``."""

    owner_id: str
    created_at: str
    modified_at: str
    valid_from: str | None = None
    expire_at: str
    remaining: Number
    total: Number
    product_billing_interval: str | None = None
    product_id: str | None = None
    price_id: str | None = None
    plan_group: str | None = None


class Credits(_Open):
    """docs ``UserCredits``."""

    credits: list[CreditItem]
    remaining: Number
    total: Number


class ExportCreated(_Open):
    export_id: str


class Export(_Open):
    """docs ``ExportWithId``."""

    export_id: str
    agent_id: str
    persistent_chats: bool
    from_: str | None = Field(default=None, alias="from")
    to: str | None = None
    status: str
    total_files_count: int | None = None
    total_files_size: int | None = None
    error: str | None = None
    owner_id: str
    created_by: str
    created_at: str
    completed_at: str | None = None
    modified: str | None = None
    result: dict[str, Any] | None = None


class WebhookTestResult(_Open):
    """docs ``TestWebhookResponseDto``."""

    success: bool
    status_code: int | None = None
    response_data: Any = None
    error_message: str | None = None
    request_payload: dict[str, Any]


# -- emulator admin ------------------------------------------------------------------------------


class Status(_Closed):
    status: str


class Stats(_Closed):
    rate_limit: str | None
    accepted: int
    rejected: int
    accounts: dict[str, dict[str, int]]


class ClockState(_Closed):
    now: str
    """The emulator's time, ISO 8601."""
    manual: bool
    """Whether it stands still until advanced (``POST /_emulator/clock``)."""
