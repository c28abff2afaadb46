"""Output types of the native plugin's Python SDK: the nested objects of resource
outputs, with snake_case attributes (``agent.presenter.apply(lambda p: p.presenter_id)``); each is
also a dict keyed by the same names. GENERATED from ``pulumi_did_agents.spec`` by
``python -m pulumi_did_agents.codegen``: edit the declarations, not this file."""

# mypy: disable-error-code="no-any-return"

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pulumi

__all__ = [
    "Background",
    "CustomLlm",
    "Llm",
    "Presenter",
    "PromptCustomization",
    "Release",
    "ReleaseDocument",
    "Voice",
]


@pulumi.output_type
class Background(dict[str, Any]):
    """Background of a clip or expressive presenter: a color or an image."""

    def __init__(
        __self__,
        *,
        color: str | None = None,
        source_url: str | None = None,
    ) -> None:
        if color is not None:
            pulumi.set(__self__, "color", color)
        if source_url is not None:
            pulumi.set(__self__, "source_url", source_url)

    @property
    @pulumi.getter
    def color(self) -> str | None:
        """`#rrggbb` color."""
        return pulumi.get(self, "color")

    @property
    @pulumi.getter(name="sourceUrl")
    def source_url(self) -> str | None:
        """Background image URL."""
        return pulumi.get(self, "source_url")


@pulumi.output_type
class Voice(dict[str, Any]):
    """Text-to-speech voice of the presenter, e.g. `microsoft` / `en-US-JennyMultilingualV2Neural`."""

    def __init__(
        __self__,
        *,
        type: str,
        voice_id: str | None = None,
        language: str | None = None,
        voice_config: Mapping[str, Any] | None = None,
        model_id: str | None = None,
        access: str | None = None,
    ) -> None:
        pulumi.set(__self__, "type", type)
        if voice_id is not None:
            pulumi.set(__self__, "voice_id", voice_id)
        if language is not None:
            pulumi.set(__self__, "language", language)
        if voice_config is not None:
            pulumi.set(__self__, "voice_config", voice_config)
        if model_id is not None:
            pulumi.set(__self__, "model_id", model_id)
        if access is not None:
            pulumi.set(__self__, "access", access)

    @property
    @pulumi.getter
    def type(self) -> str:
        """Voice provider. One of: `microsoft`, `elevenlabs`, `azure-openai`, `amazon`."""
        return pulumi.get(self, "type")

    @property
    @pulumi.getter(name="voiceId")
    def voice_id(self) -> str | None:
        """Voice id of the provider (required except for elevenlabs)."""
        return pulumi.get(self, "voice_id")

    @property
    @pulumi.getter
    def language(self) -> str | None:
        """Language of the voice, e.g. `English (United States)`."""
        return pulumi.get(self, "language")

    @property
    @pulumi.getter(name="voiceConfig")
    def voice_config(self) -> Mapping[str, Any] | None:
        """Provider-specific tuning (microsoft: style/rate/pitch; elevenlabs: stability,
        similarity_boost, style 0–1, rate 0.7–1.2, use_speaker_boost)."""
        return pulumi.get(self, "voice_config")

    @property
    @pulumi.getter(name="modelId")
    def model_id(self) -> str | None:
        """ElevenLabs model id."""
        return pulumi.get(self, "model_id")

    @property
    @pulumi.getter
    def access(self) -> str | None:
        """ElevenLabs voice access. One of: `public`, `premium`, `private`, `external-private`."""
        return pulumi.get(self, "access")


@pulumi.output_type
class Presenter(dict[str, Any]):
    """The avatar: `talk` (a photo), `clip` or `expressive` (a D-ID presenter), and its voice."""

    def __init__(
        __self__,
        *,
        type: str,
        source_url: str | None = None,
        thumbnail: str | None = None,
        stitch: bool | None = None,
        presenter_id: str | None = None,
        background: Background | None = None,
        voice: Voice | None = None,
    ) -> None:
        pulumi.set(__self__, "type", type)
        if source_url is not None:
            pulumi.set(__self__, "source_url", source_url)
        if thumbnail is not None:
            pulumi.set(__self__, "thumbnail", thumbnail)
        if stitch is not None:
            pulumi.set(__self__, "stitch", stitch)
        if presenter_id is not None:
            pulumi.set(__self__, "presenter_id", presenter_id)
        if background is not None:
            pulumi.set(__self__, "background", background)
        if voice is not None:
            pulumi.set(__self__, "voice", voice)

    @property
    @pulumi.getter
    def type(self) -> str:
        """Presenter type; changing it replaces the agent. One of: `talk`, `clip`, `expressive`."""
        return pulumi.get(self, "type")

    @property
    @pulumi.getter(name="sourceUrl")
    def source_url(self) -> str | None:
        """talk: URL of the photo the avatar is made from."""
        return pulumi.get(self, "source_url")

    @property
    @pulumi.getter
    def thumbnail(self) -> str | None:
        """talk: preview image URL (defaults to `source_url`)."""
        return pulumi.get(self, "thumbnail")

    @property
    @pulumi.getter
    def stitch(self) -> bool | None:
        """talk: keep the photo's original framing instead of a close-up."""
        return pulumi.get(self, "stitch")

    @property
    @pulumi.getter(name="presenterId")
    def presenter_id(self) -> str | None:
        """clip/expressive: presenter id from `GET /clips/presenters`."""
        return pulumi.get(self, "presenter_id")

    @property
    @pulumi.getter
    def background(self) -> Background | None:
        """clip/expressive: background."""
        return pulumi.get(self, "background")

    @property
    @pulumi.getter
    def voice(self) -> Voice | None:
        """Text-to-speech voice."""
        return pulumi.get(self, "voice")


@pulumi.output_type
class PromptCustomization(dict[str, Any]):
    """Advanced prompt settings."""

    def __init__(
        __self__,
        *,
        role: str | None = None,
        personality: str | None = None,
        topics_to_avoid: Sequence[str] | None = None,
        max_response_length: float | None = None,
        knowledge_source: str | None = None,
        prompt_knowledge: str | None = None,
    ) -> None:
        if role is not None:
            pulumi.set(__self__, "role", role)
        if personality is not None:
            pulumi.set(__self__, "personality", personality)
        if topics_to_avoid is not None:
            pulumi.set(__self__, "topics_to_avoid", topics_to_avoid)
        if max_response_length is not None:
            pulumi.set(__self__, "max_response_length", max_response_length)
        if knowledge_source is not None:
            pulumi.set(__self__, "knowledge_source", knowledge_source)
        if prompt_knowledge is not None:
            pulumi.set(__self__, "prompt_knowledge", prompt_knowledge)

    @property
    @pulumi.getter
    def role(self) -> str | None:
        """Role the agent assumes, e.g. `Salesperson`."""
        return pulumi.get(self, "role")

    @property
    @pulumi.getter
    def personality(self) -> str | None:
        """Personality traits of the answers."""
        return pulumi.get(self, "personality")

    @property
    @pulumi.getter(name="topicsToAvoid")
    def topics_to_avoid(self) -> Sequence[str] | None:
        """Topics the agent must not discuss."""
        return pulumi.get(self, "topics_to_avoid")

    @property
    @pulumi.getter(name="maxResponseLength")
    def max_response_length(self) -> float | None:
        """Approximate maximum answer length in words (API default 75)."""
        return pulumi.get(self, "max_response_length")

    @property
    @pulumi.getter(name="knowledgeSource")
    def knowledge_source(self) -> str | None:
        """`documents` (RAG over the knowledge base, default) or `base_knowledge` (the inline
        `prompt_knowledge`). One of: `base_knowledge`, `documents`."""
        return pulumi.get(self, "knowledge_source")

    @property
    @pulumi.getter(name="promptKnowledge")
    def prompt_knowledge(self) -> str | None:
        """Inline knowledge for `knowledge_source: base_knowledge`."""
        return pulumi.get(self, "prompt_knowledge")


@pulumi.output_type
class CustomLlm(dict[str, Any]):
    """Your own LLM endpoint. `key` and `client_secret` are write-only secrets."""

    def __init__(
        __self__,
        *,
        url: str,
        type: str | None = None,
        key: str | None = None,
        client_id: str | None = None,
        client_secret: str | None = None,
        token_url: str | None = None,
        streaming: bool | None = None,
        max_messages: int | None = None,
        headers: Mapping[str, str] | None = None,
        supports_sentiment: bool | None = None,
        version: str | None = None,
    ) -> None:
        pulumi.set(__self__, "url", url)
        if type is not None:
            pulumi.set(__self__, "type", type)
        if key is not None:
            pulumi.set(__self__, "key", key)
        if client_id is not None:
            pulumi.set(__self__, "client_id", client_id)
        if client_secret is not None:
            pulumi.set(__self__, "client_secret", client_secret)
        if token_url is not None:
            pulumi.set(__self__, "token_url", token_url)
        if streaming is not None:
            pulumi.set(__self__, "streaming", streaming)
        if max_messages is not None:
            pulumi.set(__self__, "max_messages", max_messages)
        if headers is not None:
            pulumi.set(__self__, "headers", headers)
        if supports_sentiment is not None:
            pulumi.set(__self__, "supports_sentiment", supports_sentiment)
        if version is not None:
            pulumi.set(__self__, "version", version)

    @property
    @pulumi.getter
    def url(self) -> str:
        """Endpoint URL."""
        return pulumi.get(self, "url")

    @property
    @pulumi.getter
    def type(self) -> str | None:
        """`basic` (an API key) or `oauth2`. One of: `basic`, `oauth2`."""
        return pulumi.get(self, "type")

    @property
    @pulumi.getter
    def key(self) -> str | None:
        """basic: the API key D-ID sends to your endpoint. Write-only: the API never returns it."""
        return pulumi.get(self, "key")

    @property
    @pulumi.getter(name="clientId")
    def client_id(self) -> str | None:
        """oauth2: client id."""
        return pulumi.get(self, "client_id")

    @property
    @pulumi.getter(name="clientSecret")
    def client_secret(self) -> str | None:
        """oauth2: client secret. Write-only: the API never returns it."""
        return pulumi.get(self, "client_secret")

    @property
    @pulumi.getter(name="tokenUrl")
    def token_url(self) -> str | None:
        """oauth2: token URL."""
        return pulumi.get(self, "token_url")

    @property
    @pulumi.getter
    def streaming(self) -> bool | None:
        """Whether the endpoint streams."""
        return pulumi.get(self, "streaming")

    @property
    @pulumi.getter(name="maxMessages")
    def max_messages(self) -> int | None:
        """How many messages of the conversation to send."""
        return pulumi.get(self, "max_messages")

    @property
    @pulumi.getter
    def headers(self) -> Mapping[str, str] | None:
        """Extra request headers."""
        return pulumi.get(self, "headers")

    @property
    @pulumi.getter(name="supportsSentiment")
    def supports_sentiment(self) -> bool | None:
        """Whether the endpoint returns sentiment."""
        return pulumi.get(self, "supports_sentiment")

    @property
    @pulumi.getter
    def version(self) -> str | None:
        """basic: API version of the endpoint."""
        return pulumi.get(self, "version")


@pulumi.output_type
class Llm(dict[str, Any]):
    """The language model and how it uses the knowledge base."""

    def __init__(
        __self__,
        *,
        provider: str,
        model: str | None = None,
        instructions: str | None = None,
        template: str | None = None,
        temperature: float | None = None,
        prompt_customization: PromptCustomization | None = None,
        custom: CustomLlm | None = None,
    ) -> None:
        pulumi.set(__self__, "provider", provider)
        if model is not None:
            pulumi.set(__self__, "model", model)
        if instructions is not None:
            pulumi.set(__self__, "instructions", instructions)
        if template is not None:
            pulumi.set(__self__, "template", template)
        if temperature is not None:
            pulumi.set(__self__, "temperature", temperature)
        if prompt_customization is not None:
            pulumi.set(__self__, "prompt_customization", prompt_customization)
        if custom is not None:
            pulumi.set(__self__, "custom", custom)

    @property
    @pulumi.getter
    def provider(self) -> str:
        """`openai`, `custom`, or (expressive presenters only) `d-id` or `google`. One of: `openai`,
        `d-id`, `google`, `custom`."""
        return pulumi.get(self, "provider")

    @property
    @pulumi.getter
    def model(self) -> str | None:
        """Model of the provider (openai: gpt-4o-mini, gpt-4.1, …)."""
        return pulumi.get(self, "model")

    @property
    @pulumi.getter
    def instructions(self) -> str | None:
        """What the agent does and how it behaves."""
        return pulumi.get(self, "instructions")

    @property
    @pulumi.getter
    def template(self) -> str | None:
        """`rag-grounded` (knowledge only), `rag-ungrounded` or `assistant`. One of: `rag-grounded`,
        `rag-ungrounded`, `assistant`."""
        return pulumi.get(self, "template")

    @property
    @pulumi.getter
    def temperature(self) -> float | None:
        """0 (predictable) to 1 (creative)."""
        return pulumi.get(self, "temperature")

    @property
    @pulumi.getter(name="promptCustomization")
    def prompt_customization(self) -> PromptCustomization | None:
        """Advanced prompt settings."""
        return pulumi.get(self, "prompt_customization")

    @property
    @pulumi.getter
    def custom(self) -> CustomLlm | None:
        """provider `custom`: your endpoint."""
        return pulumi.get(self, "custom")


@pulumi.output_type
class ReleaseDocument(dict[str, Any]):
    """One document of a release; the same fields as a `Document`'s, without the knowledge base."""

    def __init__(
        __self__,
        *,
        source_url: str,
        title: str,
        document_type: str | None = None,
        content_hash: str | None = None,
        version: str | None = None,
    ) -> None:
        pulumi.set(__self__, "source_url", source_url)
        pulumi.set(__self__, "title", title)
        if document_type is not None:
            pulumi.set(__self__, "document_type", document_type)
        if content_hash is not None:
            pulumi.set(__self__, "content_hash", content_hash)
        if version is not None:
            pulumi.set(__self__, "version", version)

    @property
    @pulumi.getter(name="sourceUrl")
    def source_url(self) -> str:
        """Where the API fetches the document (`https://…`; `file://` for the local emulator or with an
        uploader configured)."""
        return pulumi.get(self, "source_url")

    @property
    @pulumi.getter
    def title(self) -> str:
        """Title shown with answers that cite the document."""
        return pulumi.get(self, "title")

    @property
    @pulumi.getter(name="documentType")
    def document_type(self) -> str | None:
        """Format; inferred from the URL's suffix when omitted (else `text`). One of: `pdf`, `text`,
        `powerpoint`."""
        return pulumi.get(self, "document_type")

    @property
    @pulumi.getter(name="contentHash")
    def content_hash(self) -> str | None:
        """`sha256:…` of the content. Computed for local sources; pin it (or `version`) on a remote
        source to force a re-ingest when it changes."""
        return pulumi.get(self, "content_hash")

    @property
    @pulumi.getter
    def version(self) -> str | None:
        """Any string; changing it re-ingests the document."""
        return pulumi.get(self, "version")


@pulumi.output_type
class Release(dict[str, Any]):
    """Blue/green knowledge for this agent (see the README's *Releases and rollback*): a change of the
    documents builds a new knowledge base beside the live one, runs the cases against a short-
    lived candidate agent, and only then switches the live agent to it with one PATCH."""

    def __init__(
        __self__,
        *,
        documents: Sequence[ReleaseDocument],
        cases_file: str | None = None,
        cases: Mapping[str, Any] | None = None,
        threshold: float | None = None,
        keep: int | None = None,
        gate_settings: bool | None = None,
        keep_candidate: bool | None = None,
        cases_hash: str | None = None,
        expect: str | None = None,
    ) -> None:
        pulumi.set(__self__, "documents", documents)
        if cases_file is not None:
            pulumi.set(__self__, "cases_file", cases_file)
        if cases is not None:
            pulumi.set(__self__, "cases", cases)
        if threshold is not None:
            pulumi.set(__self__, "threshold", threshold)
        if keep is not None:
            pulumi.set(__self__, "keep", keep)
        if gate_settings is not None:
            pulumi.set(__self__, "gate_settings", gate_settings)
        if keep_candidate is not None:
            pulumi.set(__self__, "keep_candidate", keep_candidate)
        if cases_hash is not None:
            pulumi.set(__self__, "cases_hash", cases_hash)
        if expect is not None:
            pulumi.set(__self__, "expect", expect)

    @property
    @pulumi.getter
    def documents(self) -> Sequence[ReleaseDocument]:
        """The release's documents (1 to 5, a knowledge base's limit)."""
        return pulumi.get(self, "documents")

    @property
    @pulumi.getter(name="casesFile")
    def cases_file(self) -> str | None:
        """Path of a conversations.yaml: the gate a release must pass."""
        return pulumi.get(self, "cases_file")

    @property
    @pulumi.getter
    def cases(self) -> Mapping[str, Any] | None:
        """The gate's cases inline, in the conversations.yaml shape (`{cases: [...]}`)."""
        return pulumi.get(self, "cases")

    @property
    @pulumi.getter
    def threshold(self) -> float | None:
        """Pass mark for every case, overriding the cases' own."""
        return pulumi.get(self, "threshold")

    @property
    @pulumi.getter
    def keep(self) -> int | None:
        """Earlier releases kept ready for a rollback (each a knowledge base of the account)."""
        return pulumi.get(self, "keep")

    @property
    @pulumi.getter(name="gateSettings")
    def gate_settings(self) -> bool | None:
        """Also send changes of the agent's settings through a candidate and the gate."""
        return pulumi.get(self, "gate_settings")

    @property
    @pulumi.getter(name="keepCandidate")
    def keep_candidate(self) -> bool | None:
        """Keep a failed release's candidate agent and knowledge base for inspection."""
        return pulumi.get(self, "keep_candidate")

    @property
    @pulumi.getter(name="casesHash")
    def cases_hash(self) -> str | None:
        """SHA-256 of the cases, computed: editing them is a change."""
        return pulumi.get(self, "cases_hash")

    @property
    @pulumi.getter
    def expect(self) -> str | None:
        """The release id these documents must make (`r-…`), e.g. the one that passed staging: preview
        fails otherwise, so prod gets exactly that release."""
        return pulumi.get(self, "expect")
