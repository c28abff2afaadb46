"""Typed args and resources of the dynamic front end. GENERATED from ``pulumi_did_agents.spec`` by
``python -m pulumi_did_agents.codegen``: edit the declarations, not this file."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any, TypedDict, Unpack

import pulumi

from .._tokens import MODULE
from ..spec import (
    AGENT,
    CLIENT_KEY,
    CONVERSATION_TEST,
    DOCUMENT,
    KNOWLEDGE_BASE,
)
from .provider import (
    AgentProvider,
    ClientKeyProvider,
    ConversationTestProvider,
    DidResource,
    DocumentProvider,
    KnowledgeBaseProvider,
)

__all__ = [
    "Agent",
    "AgentArgs",
    "AgentArgsDict",
    "BackgroundArgs",
    "BackgroundArgsDict",
    "ClientKey",
    "ClientKeyArgs",
    "ClientKeyArgsDict",
    "ConversationTest",
    "ConversationTestArgs",
    "ConversationTestArgsDict",
    "CustomLlmArgs",
    "CustomLlmArgsDict",
    "Document",
    "DocumentArgs",
    "DocumentArgsDict",
    "KnowledgeBase",
    "KnowledgeBaseArgs",
    "KnowledgeBaseArgsDict",
    "LlmArgs",
    "LlmArgsDict",
    "PresenterArgs",
    "PresenterArgsDict",
    "PromptCustomizationArgs",
    "PromptCustomizationArgsDict",
    "ReleaseArgs",
    "ReleaseArgsDict",
    "ReleaseDocumentArgs",
    "ReleaseDocumentArgsDict",
    "VoiceArgs",
    "VoiceArgsDict",
]


@dataclasses.dataclass(frozen=True, kw_only=True)
class BackgroundArgs:
    """Background of a clip or expressive presenter: a color or an image."""
    color: pulumi.Input[str] | None = None
    """`#rrggbb` color."""
    source_url: pulumi.Input[str] | None = None
    """Background image URL."""


class BackgroundArgsDict(TypedDict, total=False):
    color: pulumi.Input[str]
    source_url: pulumi.Input[str]


@dataclasses.dataclass(frozen=True, kw_only=True)
class VoiceArgs:
    """Text-to-speech voice of the presenter, e.g. `microsoft` / `en-US-JennyMultilingualV2Neural`."""
    type: pulumi.Input[str]
    """Voice provider."""
    voice_id: pulumi.Input[str] | None = None
    """Voice id of the provider (required except for elevenlabs)."""
    language: pulumi.Input[str] | None = None
    """Language of the voice, e.g. `English (United States)`."""
    voice_config: pulumi.Input[Mapping[str, Any]] | None = None
    """Provider-specific tuning (microsoft: style/rate/pitch; elevenlabs: stability, similarity_boost,
    style 0–1, rate 0.7–1.2, use_speaker_boost)."""
    model_id: pulumi.Input[str] | None = None
    """ElevenLabs model id."""
    access: pulumi.Input[str] | None = None
    """ElevenLabs voice access."""


class VoiceArgsDict(TypedDict, total=False):
    type: pulumi.Input[str]
    voice_id: pulumi.Input[str]
    language: pulumi.Input[str]
    voice_config: pulumi.Input[Mapping[str, Any]]
    model_id: pulumi.Input[str]
    access: pulumi.Input[str]


@dataclasses.dataclass(frozen=True, kw_only=True)
class PresenterArgs:
    """The avatar: `talk` (a photo), `clip` or `expressive` (a D-ID presenter), and its voice."""
    type: pulumi.Input[str]
    """Presenter type; changing it replaces the agent."""
    source_url: pulumi.Input[str] | None = None
    """talk: URL of the photo the avatar is made from."""
    thumbnail: pulumi.Input[str] | None = None
    """talk: preview image URL (defaults to `source_url`)."""
    stitch: pulumi.Input[bool] | None = None
    """talk: keep the photo's original framing instead of a close-up."""
    presenter_id: pulumi.Input[str] | None = None
    """clip/expressive: presenter id from `GET /clips/presenters`."""
    background: pulumi.Input[BackgroundArgs | BackgroundArgsDict] | None = None
    """clip/expressive: background."""
    voice: pulumi.Input[VoiceArgs | VoiceArgsDict] | None = None
    """Text-to-speech voice."""


class PresenterArgsDict(TypedDict, total=False):
    type: pulumi.Input[str]
    source_url: pulumi.Input[str]
    thumbnail: pulumi.Input[str]
    stitch: pulumi.Input[bool]
    presenter_id: pulumi.Input[str]
    background: pulumi.Input[BackgroundArgs | BackgroundArgsDict]
    voice: pulumi.Input[VoiceArgs | VoiceArgsDict]


@dataclasses.dataclass(frozen=True, kw_only=True)
class PromptCustomizationArgs:
    """Advanced prompt settings."""
    role: pulumi.Input[str] | None = None
    """Role the agent assumes, e.g. `Salesperson`."""
    personality: pulumi.Input[str] | None = None
    """Personality traits of the answers."""
    topics_to_avoid: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None
    """Topics the agent must not discuss."""
    max_response_length: pulumi.Input[float] | None = None
    """Approximate maximum answer length in words (API default 75)."""
    knowledge_source: pulumi.Input[str] | None = None
    """`documents` (RAG over the knowledge base, default) or `base_knowledge` (the inline
    `prompt_knowledge`)."""
    prompt_knowledge: pulumi.Input[str] | None = None
    """Inline knowledge for `knowledge_source: base_knowledge`."""


class PromptCustomizationArgsDict(TypedDict, total=False):
    role: pulumi.Input[str]
    personality: pulumi.Input[str]
    topics_to_avoid: pulumi.Input[Sequence[pulumi.Input[str]]]
    max_response_length: pulumi.Input[float]
    knowledge_source: pulumi.Input[str]
    prompt_knowledge: pulumi.Input[str]


@dataclasses.dataclass(frozen=True, kw_only=True)
class CustomLlmArgs:
    """Your own LLM endpoint. `key` and `client_secret` are write-only secrets."""
    url: pulumi.Input[str]
    """Endpoint URL."""
    type: pulumi.Input[str] | None = None
    """`basic` (an API key) or `oauth2`."""
    key: pulumi.Input[str] | None = None
    """basic: the API key D-ID sends to your endpoint."""
    client_id: pulumi.Input[str] | None = None
    """oauth2: client id."""
    client_secret: pulumi.Input[str] | None = None
    """oauth2: client secret."""
    token_url: pulumi.Input[str] | None = None
    """oauth2: token URL."""
    streaming: pulumi.Input[bool] | None = None
    """Whether the endpoint streams."""
    max_messages: pulumi.Input[int] | None = None
    """How many messages of the conversation to send."""
    headers: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None
    """Extra request headers."""
    supports_sentiment: pulumi.Input[bool] | None = None
    """Whether the endpoint returns sentiment."""
    version: pulumi.Input[str] | None = None
    """basic: API version of the endpoint."""


class CustomLlmArgsDict(TypedDict, total=False):
    url: pulumi.Input[str]
    type: pulumi.Input[str]
    key: pulumi.Input[str]
    client_id: pulumi.Input[str]
    client_secret: pulumi.Input[str]
    token_url: pulumi.Input[str]
    streaming: pulumi.Input[bool]
    max_messages: pulumi.Input[int]
    headers: pulumi.Input[Mapping[str, pulumi.Input[str]]]
    supports_sentiment: pulumi.Input[bool]
    version: pulumi.Input[str]


@dataclasses.dataclass(frozen=True, kw_only=True)
class LlmArgs:
    """The language model and how it uses the knowledge base."""
    provider: pulumi.Input[str]
    """`openai`, `custom`, or (expressive presenters only) `d-id` or `google`."""
    model: pulumi.Input[str] | None = None
    """Model of the provider (openai: gpt-4o-mini, gpt-4.1, …)."""
    instructions: pulumi.Input[str] | None = None
    """What the agent does and how it behaves."""
    template: pulumi.Input[str] | None = None
    """`rag-grounded` (knowledge only), `rag-ungrounded` or `assistant`."""
    temperature: pulumi.Input[float] | None = None
    """0 (predictable) to 1 (creative)."""
    prompt_customization: pulumi.Input[PromptCustomizationArgs | PromptCustomizationArgsDict] | None = None
    """Advanced prompt settings."""
    custom: pulumi.Input[CustomLlmArgs | CustomLlmArgsDict] | None = None
    """provider `custom`: your endpoint."""


class LlmArgsDict(TypedDict, total=False):
    provider: pulumi.Input[str]
    model: pulumi.Input[str]
    instructions: pulumi.Input[str]
    template: pulumi.Input[str]
    temperature: pulumi.Input[float]
    prompt_customization: pulumi.Input[PromptCustomizationArgs | PromptCustomizationArgsDict]
    custom: pulumi.Input[CustomLlmArgs | CustomLlmArgsDict]


@dataclasses.dataclass(frozen=True, kw_only=True)
class ReleaseDocumentArgs:
    """One document of a release; the same fields as a `Document`'s, without the knowledge base."""
    source_url: pulumi.Input[str]
    """Where the API fetches the document (`https://…`; `file://` for the local emulator or with an
    uploader configured)."""
    title: pulumi.Input[str]
    """Title shown with answers that cite the document."""
    document_type: pulumi.Input[str] | None = None
    """Format; inferred from the URL's suffix when omitted (else `text`)."""
    content_hash: pulumi.Input[str] | None = None
    """`sha256:…` of the content. Computed for local sources; pin it (or `version`) on a remote source
    to force a re-ingest when it changes."""
    version: pulumi.Input[str] | None = None
    """Any string; changing it re-ingests the document."""


class ReleaseDocumentArgsDict(TypedDict, total=False):
    source_url: pulumi.Input[str]
    title: pulumi.Input[str]
    document_type: pulumi.Input[str]
    content_hash: pulumi.Input[str]
    version: pulumi.Input[str]


@dataclasses.dataclass(frozen=True, kw_only=True)
class ReleaseArgs:
    """Blue/green knowledge for this agent (see the README's *Releases and rollback*): a change of the
    documents builds a new knowledge base beside the live one, runs the cases against a short-
    lived candidate agent, and only then switches the live agent to it with one PATCH."""
    documents: pulumi.Input[Sequence[pulumi.Input[ReleaseDocumentArgs | ReleaseDocumentArgsDict]]]
    """The release's documents (1 to 5, a knowledge base's limit)."""
    cases_file: pulumi.Input[str] | None = None
    """Path of a conversations.yaml: the gate a release must pass."""
    cases: pulumi.Input[Mapping[str, Any]] | None = None
    """The gate's cases inline, in the conversations.yaml shape (`{cases: [...]}`)."""
    threshold: pulumi.Input[float] | None = None
    """Pass mark for every case, overriding the cases' own."""
    keep: pulumi.Input[int] | None = None
    """Earlier releases kept ready for a rollback (each a knowledge base of the account)."""
    gate_settings: pulumi.Input[bool] | None = None
    """Also send changes of the agent's settings through a candidate and the gate."""
    keep_candidate: pulumi.Input[bool] | None = None
    """Keep a failed release's candidate agent and knowledge base for inspection."""
    cases_hash: pulumi.Input[str] | None = None
    """SHA-256 of the cases, computed: editing them is a change."""
    expect: pulumi.Input[str] | None = None
    """The release id these documents must make (`r-…`), e.g. the one that passed staging: preview
    fails otherwise, so prod gets exactly that release."""


class ReleaseArgsDict(TypedDict, total=False):
    documents: pulumi.Input[Sequence[pulumi.Input[ReleaseDocumentArgs | ReleaseDocumentArgsDict]]]
    cases_file: pulumi.Input[str]
    cases: pulumi.Input[Mapping[str, Any]]
    threshold: pulumi.Input[float]
    keep: pulumi.Input[int]
    gate_settings: pulumi.Input[bool]
    keep_candidate: pulumi.Input[bool]
    cases_hash: pulumi.Input[str]
    expect: pulumi.Input[str]


@dataclasses.dataclass(frozen=True, kw_only=True)
class AgentArgs:
    """Inputs of :class:`Agent`."""
    name: pulumi.Input[str]
    """Display name (the API's `preview_name`)."""
    presenter: pulumi.Input[PresenterArgs | PresenterArgsDict]
    """The avatar and its voice."""
    description: pulumi.Input[str] | None = None
    """Description (the API's `preview_description`)."""
    llm: pulumi.Input[LlmArgs | LlmArgsDict] | None = None
    """The language model."""
    knowledge_id: pulumi.Input[str] | None = None
    """Id of the knowledge base the agent answers from."""
    greetings: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None
    """Greetings; one is picked at random when a chat starts."""
    starter_messages: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None
    """Suggested first questions."""
    user_data: pulumi.Input[str] | None = None
    """Free-form data, 1–1,000 characters."""
    embed: pulumi.Input[bool] | None = None
    """Allow embedding the agent in websites and the SDK."""
    triggers: pulumi.Input[Mapping[str, Any]] | None = None
    """Event triggers, e.g. `{"chat/end": {"webhooks": [{"url": "https://…"}]}}`."""
    adopt_id: pulumi.Input[str] | None = None
    """Take over this existing agent (`agt_…`) on create instead of making one."""
    release: pulumi.Input[ReleaseArgs | ReleaseArgsDict] | None = None
    """Ship the agent's knowledge as blue/green releases behind a gate."""


class AgentArgsDict(TypedDict, total=False):
    name: pulumi.Input[str]
    presenter: pulumi.Input[PresenterArgs | PresenterArgsDict]
    description: pulumi.Input[str]
    llm: pulumi.Input[LlmArgs | LlmArgsDict]
    knowledge_id: pulumi.Input[str]
    greetings: pulumi.Input[Sequence[pulumi.Input[str]]]
    starter_messages: pulumi.Input[Sequence[pulumi.Input[str]]]
    user_data: pulumi.Input[str]
    embed: pulumi.Input[bool]
    triggers: pulumi.Input[Mapping[str, Any]]
    adopt_id: pulumi.Input[str]
    release: pulumi.Input[ReleaseArgs | ReleaseArgsDict]


@dataclasses.dataclass(frozen=True, kw_only=True)
class KnowledgeBaseArgs:
    """Inputs of :class:`KnowledgeBase`."""
    name: pulumi.Input[str]
    """Name of the knowledge base."""
    description: pulumi.Input[str]
    """What the knowledge base holds."""
    adopt_id: pulumi.Input[str] | None = None
    """Take over this existing knowledge base (`knl_…`) on create."""


class KnowledgeBaseArgsDict(TypedDict, total=False):
    name: pulumi.Input[str]
    description: pulumi.Input[str]
    adopt_id: pulumi.Input[str]


@dataclasses.dataclass(frozen=True, kw_only=True)
class DocumentArgs:
    """Inputs of :class:`Document`."""
    knowledge_id: pulumi.Input[str]
    """Id of the knowledge base."""
    source_url: pulumi.Input[str]
    """Where the API fetches the document (`https://…`; `file://` for the local emulator or with an
    uploader configured)."""
    title: pulumi.Input[str]
    """Title shown with answers that cite the document."""
    document_type: pulumi.Input[str] | None = None
    """Format; inferred from the URL's suffix when omitted (else `text`)."""
    webhook: pulumi.Input[str] | None = None
    """URL the API calls when the document is processed."""
    content_hash: pulumi.Input[str] | None = None
    """`sha256:…` of the content. Computed for local sources; pin it (or `version`) on a remote source
    to force a re-ingest when it changes."""
    version: pulumi.Input[str] | None = None
    """Any string; changing it re-ingests the document."""
    adopt_id: pulumi.Input[str] | None = None
    """Take over this existing document (`knl_…#doc_…`) on create; its inputs must match."""


class DocumentArgsDict(TypedDict, total=False):
    knowledge_id: pulumi.Input[str]
    source_url: pulumi.Input[str]
    title: pulumi.Input[str]
    document_type: pulumi.Input[str]
    webhook: pulumi.Input[str]
    content_hash: pulumi.Input[str]
    version: pulumi.Input[str]
    adopt_id: pulumi.Input[str]


@dataclasses.dataclass(frozen=True, kw_only=True)
class ClientKeyArgs:
    """Inputs of :class:`ClientKey`."""
    agent_id: pulumi.Input[str]
    """Id of the agent the key opens."""
    allowed_domains: pulumi.Input[Sequence[pulumi.Input[str]]]
    """Origins the key works from, e.g. `https://www.example.com`."""
    name: pulumi.Input[str] | None = None
    """A label for the key."""
    expose_key: pulumi.Input[bool] | None = None
    """Whether the key is the `client_key` output (a secret; the default). `false` keeps it out of the
    state and the engine entirely: `-v=9` logs print every output in clear."""


class ClientKeyArgsDict(TypedDict, total=False):
    agent_id: pulumi.Input[str]
    allowed_domains: pulumi.Input[Sequence[pulumi.Input[str]]]
    name: pulumi.Input[str]
    expose_key: pulumi.Input[bool]


@dataclasses.dataclass(frozen=True, kw_only=True)
class ConversationTestArgs:
    """Inputs of :class:`ConversationTest`."""
    agent_id: pulumi.Input[str]
    """Id of the agent to talk to."""
    cases_file: pulumi.Input[str] | None = None
    """Path of a conversations.yaml (relative to the program's directory)."""
    cases: pulumi.Input[Mapping[str, Any]] | None = None
    """The cases inline, in the conversations.yaml shape (`{cases: [...]}`)."""
    threshold: pulumi.Input[float] | None = None
    """Pass mark for every case (fraction of expectations met), overriding the file's."""
    triggers: pulumi.Input[Any] | None = None
    """Any value (a string, a number, a list, a map, nested); when it changes the cases run again (e.g.
    documents' ids or content hashes)."""
    cases_hash: pulumi.Input[str] | None = None
    """SHA-256 of the cases, computed: editing the cases runs them again."""


class ConversationTestArgsDict(TypedDict, total=False):
    agent_id: pulumi.Input[str]
    cases_file: pulumi.Input[str]
    cases: pulumi.Input[Mapping[str, Any]]
    threshold: pulumi.Input[float]
    triggers: pulumi.Input[Any]
    cases_hash: pulumi.Input[str]


class Agent(DidResource, module=MODULE, name="Agent"):
    """A D-ID interactive AI agent: an avatar with a voice, an LLM, optionally grounded on a knowledge
    base. `pulumi up` waits until the agent is ready. Everything but `presenter.type` updates in
    place; a presenter type change replaces the agent (the old one is deleted first)."""

    _did_spec = AGENT
    _did_provider = AgentProvider()

    agent_id: pulumi.Output[str]
    status: pulumi.Output[str | None]
    created: pulumi.Output[str | None]
    modified: pulumi.Output[str | None]
    owner_id: pulumi.Output[str | None]
    owner_marker: pulumi.Output[str | None]
    releases: pulumi.Output[Any]
    live_release: pulumi.Output[str | None]
    name: pulumi.Output[str]
    description: pulumi.Output[str | None]
    presenter: pulumi.Output[dict[str, Any]]
    llm: pulumi.Output[dict[str, Any] | None]
    knowledge_id: pulumi.Output[str | None]
    greetings: pulumi.Output[list[str]]
    starter_messages: pulumi.Output[list[str]]
    user_data: pulumi.Output[str | None]
    embed: pulumi.Output[bool]
    triggers: pulumi.Output[dict[str, Any] | None]
    adopt_id: pulumi.Output[str | None]
    release: pulumi.Output[dict[str, Any] | None]

    def __init__(
        self,
        resource_name: str,
        args: AgentArgs | AgentArgsDict | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[AgentArgsDict],
    ) -> None:
        super().__init__(resource_name, args, opts, kwargs)

    @staticmethod
    def get(
        resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None
    ) -> Agent:
        """Read an existing Agent by id into the program; never modified or deleted."""
        return Agent(resource_name, opts=DidResource.read_options(id, opts))


class KnowledgeBase(DidResource, module=MODULE, name="KnowledgeBase"):
    """A D-ID knowledge base: up to five documents an agent answers from. `name` and `description`
    update in place. Deleting it deletes its documents (the API cascades)."""

    _did_spec = KNOWLEDGE_BASE
    _did_provider = KnowledgeBaseProvider()

    knowledge_id: pulumi.Output[str]
    status: pulumi.Output[str | None]
    created_at: pulumi.Output[str | None]
    modified_at: pulumi.Output[str | None]
    owner_marker: pulumi.Output[str | None]
    name: pulumi.Output[str]
    description: pulumi.Output[str]
    adopt_id: pulumi.Output[str | None]

    def __init__(
        self,
        resource_name: str,
        args: KnowledgeBaseArgs | KnowledgeBaseArgsDict | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[KnowledgeBaseArgsDict],
    ) -> None:
        super().__init__(resource_name, args, opts, kwargs)

    @staticmethod
    def get(
        resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None
    ) -> KnowledgeBase:
        """Read an existing KnowledgeBase by id into the program; never modified or deleted."""
        return KnowledgeBase(resource_name, opts=DidResource.read_options(id, opts))


class Document(DidResource, module=MODULE, name="Document"):
    """A document ingested into a knowledge base. The API has no document update, so any change
    replaces it (the old document is deleted first: a knowledge base holds at most five). For a
    local source (`file://`) the file's content hash is part of the inputs, so editing the file
    replaces the document at the next `pulumi up`. The resource id is the API's `knl_…#doc_…`."""

    _did_spec = DOCUMENT
    _did_provider = DocumentProvider()

    document_id: pulumi.Output[str]
    status: pulumi.Output[str | None]
    error: pulumi.Output[str | None]
    created_at: pulumi.Output[str | None]
    modified_at: pulumi.Output[str | None]
    published_url: pulumi.Output[str | None]
    knowledge_id: pulumi.Output[str]
    source_url: pulumi.Output[str]
    title: pulumi.Output[str]
    document_type: pulumi.Output[str | None]
    webhook: pulumi.Output[str | None]
    content_hash: pulumi.Output[str | None]
    version: pulumi.Output[str | None]
    adopt_id: pulumi.Output[str | None]

    def __init__(
        self,
        resource_name: str,
        args: DocumentArgs | DocumentArgsDict | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[DocumentArgsDict],
    ) -> None:
        super().__init__(resource_name, args, opts, kwargs)

    @staticmethod
    def get(
        resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None
    ) -> Document:
        """Read an existing Document by id into the program; never modified or deleted."""
        return Document(resource_name, opts=DidResource.read_options(id, opts))


class ClientKey(DidResource, module=MODULE, name="ClientKey"):
    """A client key of one agent, usable only from its `allowed_domains` (the browser's origin).
    `allowed_domains` updates in place; a new agent (or `name`) means a new key. The key itself
    is a secret output; the resource id is `agt_…/<fingerprint>` and never the key."""

    _did_spec = CLIENT_KEY
    _did_provider = ClientKeyProvider()

    key_id: pulumi.Output[str]
    client_key: pulumi.Output[str | None]
    created_at: pulumi.Output[str | None]
    agent_id: pulumi.Output[str]
    allowed_domains: pulumi.Output[list[str]]
    name: pulumi.Output[str | None]
    expose_key: pulumi.Output[bool]

    def __init__(
        self,
        resource_name: str,
        args: ClientKeyArgs | ClientKeyArgsDict | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[ClientKeyArgsDict],
    ) -> None:
        super().__init__(resource_name, args, opts, kwargs)

    @staticmethod
    def get(
        resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None
    ) -> ClientKey:
        """Read an existing ClientKey by id into the program; never modified or deleted."""
        return ClientKey(resource_name, opts=DidResource.read_options(id, opts))


class ConversationTest(DidResource, module=MODULE, name="ConversationTest"):
    """Conversation cases (see docs/conversation-tests.md) run against an agent whenever the agent, the
    cases or `triggers` change. Failing cases fail the update with their reasons; the agent is
    left as it is. Refresh never re-runs them."""

    _did_spec = CONVERSATION_TEST
    _did_provider = ConversationTestProvider()

    test_id: pulumi.Output[str]
    passed: pulumi.Output[bool | None]
    score: pulumi.Output[float | None]
    passed_cases: pulumi.Output[int | None]
    total_cases: pulumi.Output[int | None]
    summary: pulumi.Output[str | None]
    agent_id: pulumi.Output[str]
    cases_file: pulumi.Output[str | None]
    cases: pulumi.Output[dict[str, Any] | None]
    threshold: pulumi.Output[float | None]
    triggers: pulumi.Output[Any]
    cases_hash: pulumi.Output[str | None]

    def __init__(
        self,
        resource_name: str,
        args: ConversationTestArgs | ConversationTestArgsDict | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[ConversationTestArgsDict],
    ) -> None:
        super().__init__(resource_name, args, opts, kwargs)

    @staticmethod
    def get(
        resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None
    ) -> ConversationTest:
        """Read an existing ConversationTest by id into the program; never modified or deleted."""
        return ConversationTest(resource_name, opts=DidResource.read_options(id, opts))
