"""Checked inputs of each resource, as the core receives them. GENERATED from the declarations
by ``python -m pulumi_did_agents.codegen``: edit the declarations, not this file."""

from __future__ import annotations

from typing import Any, Required, TypedDict

__all__ = [
    "AgentInputs",
    "BackgroundInputs",
    "ClientKeyInputs",
    "ConversationTestInputs",
    "CustomLlmInputs",
    "DocumentInputs",
    "KnowledgeBaseInputs",
    "LlmInputs",
    "PresenterInputs",
    "PromptCustomizationInputs",
    "ReleaseDocumentInputs",
    "ReleaseInputs",
    "VoiceInputs",
]


class BackgroundInputs(TypedDict, total=False):
    """Background of a clip or expressive presenter: a color or an image."""

    color: str
    source_url: str


class VoiceInputs(TypedDict, total=False):
    """Text-to-speech voice of the presenter, e.g. `microsoft` / `en-US-JennyMultilingualV2Neural`."""

    type: Required[str]
    voice_id: str
    language: str
    voice_config: dict[str, Any]
    model_id: str
    access: str


class PresenterInputs(TypedDict, total=False):
    """The avatar: `talk` (a photo), `clip` or `expressive` (a D-ID presenter), and its voice."""

    type: Required[str]
    source_url: str
    thumbnail: str
    stitch: bool
    presenter_id: str
    background: BackgroundInputs
    voice: VoiceInputs


class PromptCustomizationInputs(TypedDict, total=False):
    """Advanced prompt settings."""

    role: str
    personality: str
    topics_to_avoid: list[str]
    max_response_length: float
    knowledge_source: str
    prompt_knowledge: str


class CustomLlmInputs(TypedDict, total=False):
    """Your own LLM endpoint. `key` and `client_secret` are write-only secrets."""

    type: str
    url: Required[str]
    key: str
    client_id: str
    client_secret: str
    token_url: str
    streaming: bool
    max_messages: int
    headers: dict[str, str]
    supports_sentiment: bool
    version: str


class LlmInputs(TypedDict, total=False):
    """The language model and how it uses the knowledge base."""

    provider: Required[str]
    model: str
    instructions: str
    template: str
    temperature: float
    prompt_customization: PromptCustomizationInputs
    custom: CustomLlmInputs


class ReleaseDocumentInputs(TypedDict, total=False):
    """One document of a release; the same fields as a `Document`'s, without the knowledge base."""

    source_url: Required[str]
    title: Required[str]
    document_type: str
    content_hash: str
    version: str


class ReleaseInputs(TypedDict, total=False):
    """Blue/green knowledge for this agent (see the README's *Releases and rollback*): a change of the
    documents builds a new knowledge base beside the live one, runs the cases against a short-
    lived candidate agent, and only then switches the live agent to it with one PATCH."""

    documents: Required[list[ReleaseDocumentInputs]]
    cases_file: str
    cases: dict[str, Any]
    threshold: float
    keep: int
    gate_settings: bool
    keep_candidate: bool
    cases_hash: str
    expect: str


class AgentInputs(TypedDict, total=False):
    """Checked inputs of ``Agent``."""

    name: Required[str]
    description: str
    presenter: Required[PresenterInputs]
    llm: LlmInputs
    knowledge_id: str
    greetings: list[str]
    starter_messages: list[str]
    user_data: str
    embed: bool
    triggers: dict[str, Any]
    adopt_id: str
    release: ReleaseInputs


class KnowledgeBaseInputs(TypedDict, total=False):
    """Checked inputs of ``KnowledgeBase``."""

    name: Required[str]
    description: Required[str]
    adopt_id: str


class DocumentInputs(TypedDict, total=False):
    """Checked inputs of ``Document``."""

    knowledge_id: Required[str]
    source_url: Required[str]
    title: Required[str]
    document_type: str
    webhook: str
    content_hash: str
    version: str
    adopt_id: str


class ClientKeyInputs(TypedDict, total=False):
    """Checked inputs of ``ClientKey``."""

    agent_id: Required[str]
    allowed_domains: Required[list[str]]
    name: str
    expose_key: bool


class ConversationTestInputs(TypedDict, total=False):
    """Checked inputs of ``ConversationTest``."""

    agent_id: Required[str]
    cases_file: str
    cases: dict[str, Any]
    threshold: float
    triggers: Any
    cases_hash: str
