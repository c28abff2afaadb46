"""Args, input types and resources of the native plugin's Python SDK
(``didagents:index:*``). GENERATED from ``pulumi_did_agents.spec`` by
``python -m pulumi_did_agents.codegen``: edit the declarations, not this file. Written the way
Pulumi's Python codegen writes an SDK from schema.json: ``@pulumi.input_type`` args with
``pulumi.getter`` names, so the SDK names properties for the engine by the declarations, nested
objects too (user data in ``json`` properties is never renamed)."""

# mypy: disable-error-code="no-any-return"

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypedDict, Unpack

import pulumi

from ..spec import (
    AGENT,
    CLIENT_KEY,
    CONVERSATION_TEST,
    DOCUMENT,
    KNOWLEDGE_BASE,
)
from . import outputs
from ._resource import NativeResource

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


class BackgroundArgsDict(TypedDict, total=False):
    """Background of a clip or expressive presenter: a color or an image."""

    color: pulumi.Input[str]
    source_url: pulumi.Input[str]


@pulumi.input_type
class BackgroundArgs:
    """Background of a clip or expressive presenter: a color or an image."""

    def __init__(
        __self__,
        *,
        color: pulumi.Input[str] | None = None,
        source_url: pulumi.Input[str] | None = None,
    ) -> None:
        if color is not None:
            pulumi.set(__self__, "color", color)
        if source_url is not None:
            pulumi.set(__self__, "source_url", source_url)

    @property
    @pulumi.getter
    def color(self) -> pulumi.Input[str] | None:
        """`#rrggbb` color."""
        return pulumi.get(self, "color")

    @color.setter
    def color(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "color", value)

    @property
    @pulumi.getter(name="sourceUrl")
    def source_url(self) -> pulumi.Input[str] | None:
        """Background image URL."""
        return pulumi.get(self, "source_url")

    @source_url.setter
    def source_url(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "source_url", value)


class VoiceArgsDict(TypedDict, total=False):
    """Text-to-speech voice of the presenter, e.g. `microsoft` / `en-US-JennyMultilingualV2Neural`."""

    type: pulumi.Input[str]
    voice_id: pulumi.Input[str]
    language: pulumi.Input[str]
    voice_config: pulumi.Input[Mapping[str, Any]]
    model_id: pulumi.Input[str]
    access: pulumi.Input[str]


@pulumi.input_type
class VoiceArgs:
    """Text-to-speech voice of the presenter, e.g. `microsoft` / `en-US-JennyMultilingualV2Neural`."""

    def __init__(
        __self__,
        *,
        type: pulumi.Input[str],
        voice_id: pulumi.Input[str] | None = None,
        language: pulumi.Input[str] | None = None,
        voice_config: pulumi.Input[Mapping[str, Any]] | None = None,
        model_id: pulumi.Input[str] | None = None,
        access: pulumi.Input[str] | None = None,
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
    def type(self) -> pulumi.Input[str]:
        """Voice provider. One of: `microsoft`, `elevenlabs`, `azure-openai`, `amazon`."""
        return pulumi.get(self, "type")

    @type.setter
    def type(self, value: pulumi.Input[str]) -> None:
        pulumi.set(self, "type", value)

    @property
    @pulumi.getter(name="voiceId")
    def voice_id(self) -> pulumi.Input[str] | None:
        """Voice id of the provider (required except for elevenlabs)."""
        return pulumi.get(self, "voice_id")

    @voice_id.setter
    def voice_id(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "voice_id", value)

    @property
    @pulumi.getter
    def language(self) -> pulumi.Input[str] | None:
        """Language of the voice, e.g. `English (United States)`."""
        return pulumi.get(self, "language")

    @language.setter
    def language(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "language", value)

    @property
    @pulumi.getter(name="voiceConfig")
    def voice_config(self) -> pulumi.Input[Mapping[str, Any]] | None:
        """Provider-specific tuning (microsoft: style/rate/pitch; elevenlabs: stability,
        similarity_boost, style 0–1, rate 0.7–1.2, use_speaker_boost)."""
        return pulumi.get(self, "voice_config")

    @voice_config.setter
    def voice_config(self, value: pulumi.Input[Mapping[str, Any]] | None) -> None:
        pulumi.set(self, "voice_config", value)

    @property
    @pulumi.getter(name="modelId")
    def model_id(self) -> pulumi.Input[str] | None:
        """ElevenLabs model id."""
        return pulumi.get(self, "model_id")

    @model_id.setter
    def model_id(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "model_id", value)

    @property
    @pulumi.getter
    def access(self) -> pulumi.Input[str] | None:
        """ElevenLabs voice access. One of: `public`, `premium`, `private`, `external-private`."""
        return pulumi.get(self, "access")

    @access.setter
    def access(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "access", value)


class PresenterArgsDict(TypedDict, total=False):
    """The avatar: `talk` (a photo), `clip` or `expressive` (a D-ID presenter), and its voice."""

    type: pulumi.Input[str]
    source_url: pulumi.Input[str]
    thumbnail: pulumi.Input[str]
    stitch: pulumi.Input[bool]
    presenter_id: pulumi.Input[str]
    background: pulumi.Input[BackgroundArgs | BackgroundArgsDict]
    voice: pulumi.Input[VoiceArgs | VoiceArgsDict]


@pulumi.input_type
class PresenterArgs:
    """The avatar: `talk` (a photo), `clip` or `expressive` (a D-ID presenter), and its voice."""

    def __init__(
        __self__,
        *,
        type: pulumi.Input[str],
        source_url: pulumi.Input[str] | None = None,
        thumbnail: pulumi.Input[str] | None = None,
        stitch: pulumi.Input[bool] | None = None,
        presenter_id: pulumi.Input[str] | None = None,
        background: pulumi.Input[BackgroundArgs | BackgroundArgsDict] | None = None,
        voice: pulumi.Input[VoiceArgs | VoiceArgsDict] | None = None,
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
    def type(self) -> pulumi.Input[str]:
        """Presenter type; changing it replaces the agent. One of: `talk`, `clip`, `expressive`."""
        return pulumi.get(self, "type")

    @type.setter
    def type(self, value: pulumi.Input[str]) -> None:
        pulumi.set(self, "type", value)

    @property
    @pulumi.getter(name="sourceUrl")
    def source_url(self) -> pulumi.Input[str] | None:
        """talk: URL of the photo the avatar is made from."""
        return pulumi.get(self, "source_url")

    @source_url.setter
    def source_url(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "source_url", value)

    @property
    @pulumi.getter
    def thumbnail(self) -> pulumi.Input[str] | None:
        """talk: preview image URL (defaults to `source_url`)."""
        return pulumi.get(self, "thumbnail")

    @thumbnail.setter
    def thumbnail(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "thumbnail", value)

    @property
    @pulumi.getter
    def stitch(self) -> pulumi.Input[bool] | None:
        """talk: keep the photo's original framing instead of a close-up."""
        return pulumi.get(self, "stitch")

    @stitch.setter
    def stitch(self, value: pulumi.Input[bool] | None) -> None:
        pulumi.set(self, "stitch", value)

    @property
    @pulumi.getter(name="presenterId")
    def presenter_id(self) -> pulumi.Input[str] | None:
        """clip/expressive: presenter id from `GET /clips/presenters`."""
        return pulumi.get(self, "presenter_id")

    @presenter_id.setter
    def presenter_id(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "presenter_id", value)

    @property
    @pulumi.getter
    def background(self) -> pulumi.Input[BackgroundArgs] | None:
        """clip/expressive: background."""
        return pulumi.get(self, "background")

    @background.setter
    def background(self, value: pulumi.Input[BackgroundArgs] | None) -> None:
        pulumi.set(self, "background", value)

    @property
    @pulumi.getter
    def voice(self) -> pulumi.Input[VoiceArgs] | None:
        """Text-to-speech voice."""
        return pulumi.get(self, "voice")

    @voice.setter
    def voice(self, value: pulumi.Input[VoiceArgs] | None) -> None:
        pulumi.set(self, "voice", value)


class PromptCustomizationArgsDict(TypedDict, total=False):
    """Advanced prompt settings."""

    role: pulumi.Input[str]
    personality: pulumi.Input[str]
    topics_to_avoid: pulumi.Input[Sequence[pulumi.Input[str]]]
    max_response_length: pulumi.Input[float]
    knowledge_source: pulumi.Input[str]
    prompt_knowledge: pulumi.Input[str]


@pulumi.input_type
class PromptCustomizationArgs:
    """Advanced prompt settings."""

    def __init__(
        __self__,
        *,
        role: pulumi.Input[str] | None = None,
        personality: pulumi.Input[str] | None = None,
        topics_to_avoid: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None,
        max_response_length: pulumi.Input[float] | None = None,
        knowledge_source: pulumi.Input[str] | None = None,
        prompt_knowledge: pulumi.Input[str] | None = None,
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
    def role(self) -> pulumi.Input[str] | None:
        """Role the agent assumes, e.g. `Salesperson`."""
        return pulumi.get(self, "role")

    @role.setter
    def role(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "role", value)

    @property
    @pulumi.getter
    def personality(self) -> pulumi.Input[str] | None:
        """Personality traits of the answers."""
        return pulumi.get(self, "personality")

    @personality.setter
    def personality(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "personality", value)

    @property
    @pulumi.getter(name="topicsToAvoid")
    def topics_to_avoid(self) -> pulumi.Input[Sequence[pulumi.Input[str]]] | None:
        """Topics the agent must not discuss."""
        return pulumi.get(self, "topics_to_avoid")

    @topics_to_avoid.setter
    def topics_to_avoid(self, value: pulumi.Input[Sequence[pulumi.Input[str]]] | None) -> None:
        pulumi.set(self, "topics_to_avoid", value)

    @property
    @pulumi.getter(name="maxResponseLength")
    def max_response_length(self) -> pulumi.Input[float] | None:
        """Approximate maximum answer length in words (API default 75)."""
        return pulumi.get(self, "max_response_length")

    @max_response_length.setter
    def max_response_length(self, value: pulumi.Input[float] | None) -> None:
        pulumi.set(self, "max_response_length", value)

    @property
    @pulumi.getter(name="knowledgeSource")
    def knowledge_source(self) -> pulumi.Input[str] | None:
        """`documents` (RAG over the knowledge base, default) or `base_knowledge` (the inline
        `prompt_knowledge`). One of: `base_knowledge`, `documents`."""
        return pulumi.get(self, "knowledge_source")

    @knowledge_source.setter
    def knowledge_source(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "knowledge_source", value)

    @property
    @pulumi.getter(name="promptKnowledge")
    def prompt_knowledge(self) -> pulumi.Input[str] | None:
        """Inline knowledge for `knowledge_source: base_knowledge`."""
        return pulumi.get(self, "prompt_knowledge")

    @prompt_knowledge.setter
    def prompt_knowledge(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "prompt_knowledge", value)


class CustomLlmArgsDict(TypedDict, total=False):
    """Your own LLM endpoint. `key` and `client_secret` are write-only secrets."""

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


@pulumi.input_type
class CustomLlmArgs:
    """Your own LLM endpoint. `key` and `client_secret` are write-only secrets."""

    def __init__(
        __self__,
        *,
        url: pulumi.Input[str],
        type: pulumi.Input[str] | None = None,
        key: pulumi.Input[str] | None = None,
        client_id: pulumi.Input[str] | None = None,
        client_secret: pulumi.Input[str] | None = None,
        token_url: pulumi.Input[str] | None = None,
        streaming: pulumi.Input[bool] | None = None,
        max_messages: pulumi.Input[int] | None = None,
        headers: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        supports_sentiment: pulumi.Input[bool] | None = None,
        version: pulumi.Input[str] | None = None,
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
    def url(self) -> pulumi.Input[str]:
        """Endpoint URL."""
        return pulumi.get(self, "url")

    @url.setter
    def url(self, value: pulumi.Input[str]) -> None:
        pulumi.set(self, "url", value)

    @property
    @pulumi.getter
    def type(self) -> pulumi.Input[str] | None:
        """`basic` (an API key) or `oauth2`. One of: `basic`, `oauth2`."""
        return pulumi.get(self, "type")

    @type.setter
    def type(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "type", value)

    @property
    @pulumi.getter
    def key(self) -> pulumi.Input[str] | None:
        """basic: the API key D-ID sends to your endpoint. Write-only: the API never returns it."""
        return pulumi.get(self, "key")

    @key.setter
    def key(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "key", value)

    @property
    @pulumi.getter(name="clientId")
    def client_id(self) -> pulumi.Input[str] | None:
        """oauth2: client id."""
        return pulumi.get(self, "client_id")

    @client_id.setter
    def client_id(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "client_id", value)

    @property
    @pulumi.getter(name="clientSecret")
    def client_secret(self) -> pulumi.Input[str] | None:
        """oauth2: client secret. Write-only: the API never returns it."""
        return pulumi.get(self, "client_secret")

    @client_secret.setter
    def client_secret(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "client_secret", value)

    @property
    @pulumi.getter(name="tokenUrl")
    def token_url(self) -> pulumi.Input[str] | None:
        """oauth2: token URL."""
        return pulumi.get(self, "token_url")

    @token_url.setter
    def token_url(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "token_url", value)

    @property
    @pulumi.getter
    def streaming(self) -> pulumi.Input[bool] | None:
        """Whether the endpoint streams."""
        return pulumi.get(self, "streaming")

    @streaming.setter
    def streaming(self, value: pulumi.Input[bool] | None) -> None:
        pulumi.set(self, "streaming", value)

    @property
    @pulumi.getter(name="maxMessages")
    def max_messages(self) -> pulumi.Input[int] | None:
        """How many messages of the conversation to send."""
        return pulumi.get(self, "max_messages")

    @max_messages.setter
    def max_messages(self, value: pulumi.Input[int] | None) -> None:
        pulumi.set(self, "max_messages", value)

    @property
    @pulumi.getter
    def headers(self) -> pulumi.Input[Mapping[str, pulumi.Input[str]]] | None:
        """Extra request headers."""
        return pulumi.get(self, "headers")

    @headers.setter
    def headers(self, value: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None) -> None:
        pulumi.set(self, "headers", value)

    @property
    @pulumi.getter(name="supportsSentiment")
    def supports_sentiment(self) -> pulumi.Input[bool] | None:
        """Whether the endpoint returns sentiment."""
        return pulumi.get(self, "supports_sentiment")

    @supports_sentiment.setter
    def supports_sentiment(self, value: pulumi.Input[bool] | None) -> None:
        pulumi.set(self, "supports_sentiment", value)

    @property
    @pulumi.getter
    def version(self) -> pulumi.Input[str] | None:
        """basic: API version of the endpoint."""
        return pulumi.get(self, "version")

    @version.setter
    def version(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "version", value)


class LlmArgsDict(TypedDict, total=False):
    """The language model and how it uses the knowledge base."""

    provider: pulumi.Input[str]
    model: pulumi.Input[str]
    instructions: pulumi.Input[str]
    template: pulumi.Input[str]
    temperature: pulumi.Input[float]
    prompt_customization: pulumi.Input[PromptCustomizationArgs | PromptCustomizationArgsDict]
    custom: pulumi.Input[CustomLlmArgs | CustomLlmArgsDict]


@pulumi.input_type
class LlmArgs:
    """The language model and how it uses the knowledge base."""

    def __init__(
        __self__,
        *,
        provider: pulumi.Input[str],
        model: pulumi.Input[str] | None = None,
        instructions: pulumi.Input[str] | None = None,
        template: pulumi.Input[str] | None = None,
        temperature: pulumi.Input[float] | None = None,
        prompt_customization: pulumi.Input[PromptCustomizationArgs | PromptCustomizationArgsDict]
        | None = None,
        custom: pulumi.Input[CustomLlmArgs | CustomLlmArgsDict] | None = None,
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
    def provider(self) -> pulumi.Input[str]:
        """`openai`, `custom`, or (expressive presenters only) `d-id` or `google`. One of: `openai`,
        `d-id`, `google`, `custom`."""
        return pulumi.get(self, "provider")

    @provider.setter
    def provider(self, value: pulumi.Input[str]) -> None:
        pulumi.set(self, "provider", value)

    @property
    @pulumi.getter
    def model(self) -> pulumi.Input[str] | None:
        """Model of the provider (openai: gpt-4o-mini, gpt-4.1, …)."""
        return pulumi.get(self, "model")

    @model.setter
    def model(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "model", value)

    @property
    @pulumi.getter
    def instructions(self) -> pulumi.Input[str] | None:
        """What the agent does and how it behaves."""
        return pulumi.get(self, "instructions")

    @instructions.setter
    def instructions(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "instructions", value)

    @property
    @pulumi.getter
    def template(self) -> pulumi.Input[str] | None:
        """`rag-grounded` (knowledge only), `rag-ungrounded` or `assistant`. One of: `rag-grounded`,
        `rag-ungrounded`, `assistant`."""
        return pulumi.get(self, "template")

    @template.setter
    def template(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "template", value)

    @property
    @pulumi.getter
    def temperature(self) -> pulumi.Input[float] | None:
        """0 (predictable) to 1 (creative)."""
        return pulumi.get(self, "temperature")

    @temperature.setter
    def temperature(self, value: pulumi.Input[float] | None) -> None:
        pulumi.set(self, "temperature", value)

    @property
    @pulumi.getter(name="promptCustomization")
    def prompt_customization(self) -> pulumi.Input[PromptCustomizationArgs] | None:
        """Advanced prompt settings."""
        return pulumi.get(self, "prompt_customization")

    @prompt_customization.setter
    def prompt_customization(self, value: pulumi.Input[PromptCustomizationArgs] | None) -> None:
        pulumi.set(self, "prompt_customization", value)

    @property
    @pulumi.getter
    def custom(self) -> pulumi.Input[CustomLlmArgs] | None:
        """provider `custom`: your endpoint."""
        return pulumi.get(self, "custom")

    @custom.setter
    def custom(self, value: pulumi.Input[CustomLlmArgs] | None) -> None:
        pulumi.set(self, "custom", value)


class ReleaseDocumentArgsDict(TypedDict, total=False):
    """One document of a release; the same fields as a `Document`'s, without the knowledge base."""

    source_url: pulumi.Input[str]
    title: pulumi.Input[str]
    document_type: pulumi.Input[str]
    content_hash: pulumi.Input[str]
    version: pulumi.Input[str]


@pulumi.input_type
class ReleaseDocumentArgs:
    """One document of a release; the same fields as a `Document`'s, without the knowledge base."""

    def __init__(
        __self__,
        *,
        source_url: pulumi.Input[str],
        title: pulumi.Input[str],
        document_type: pulumi.Input[str] | None = None,
        content_hash: pulumi.Input[str] | None = None,
        version: pulumi.Input[str] | None = None,
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
    def source_url(self) -> pulumi.Input[str]:
        """Where the API fetches the document (`https://…`; `file://` for the local emulator or with an
        uploader configured)."""
        return pulumi.get(self, "source_url")

    @source_url.setter
    def source_url(self, value: pulumi.Input[str]) -> None:
        pulumi.set(self, "source_url", value)

    @property
    @pulumi.getter
    def title(self) -> pulumi.Input[str]:
        """Title shown with answers that cite the document."""
        return pulumi.get(self, "title")

    @title.setter
    def title(self, value: pulumi.Input[str]) -> None:
        pulumi.set(self, "title", value)

    @property
    @pulumi.getter(name="documentType")
    def document_type(self) -> pulumi.Input[str] | None:
        """Format; inferred from the URL's suffix when omitted (else `text`). One of: `pdf`, `text`,
        `powerpoint`."""
        return pulumi.get(self, "document_type")

    @document_type.setter
    def document_type(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "document_type", value)

    @property
    @pulumi.getter(name="contentHash")
    def content_hash(self) -> pulumi.Input[str] | None:
        """`sha256:…` of the content. Computed for local sources; pin it (or `version`) on a remote
        source to force a re-ingest when it changes."""
        return pulumi.get(self, "content_hash")

    @content_hash.setter
    def content_hash(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "content_hash", value)

    @property
    @pulumi.getter
    def version(self) -> pulumi.Input[str] | None:
        """Any string; changing it re-ingests the document."""
        return pulumi.get(self, "version")

    @version.setter
    def version(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "version", value)


class ReleaseArgsDict(TypedDict, total=False):
    """Blue/green knowledge for this agent (see the README's *Releases and rollback*): a change of the
    documents builds a new knowledge base beside the live one, runs the cases against a short-
    lived candidate agent, and only then switches the live agent to it with one PATCH."""

    documents: pulumi.Input[Sequence[pulumi.Input[ReleaseDocumentArgs | ReleaseDocumentArgsDict]]]
    cases_file: pulumi.Input[str]
    cases: pulumi.Input[Mapping[str, Any]]
    threshold: pulumi.Input[float]
    keep: pulumi.Input[int]
    gate_settings: pulumi.Input[bool]
    keep_candidate: pulumi.Input[bool]
    cases_hash: pulumi.Input[str]
    expect: pulumi.Input[str]


@pulumi.input_type
class ReleaseArgs:
    """Blue/green knowledge for this agent (see the README's *Releases and rollback*): a change of the
    documents builds a new knowledge base beside the live one, runs the cases against a short-
    lived candidate agent, and only then switches the live agent to it with one PATCH."""

    def __init__(
        __self__,
        *,
        documents: pulumi.Input[Sequence[pulumi.Input[ReleaseDocumentArgs | ReleaseDocumentArgsDict]]],
        cases_file: pulumi.Input[str] | None = None,
        cases: pulumi.Input[Mapping[str, Any]] | None = None,
        threshold: pulumi.Input[float] | None = None,
        keep: pulumi.Input[int] | None = None,
        gate_settings: pulumi.Input[bool] | None = None,
        keep_candidate: pulumi.Input[bool] | None = None,
        cases_hash: pulumi.Input[str] | None = None,
        expect: pulumi.Input[str] | None = None,
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
    def documents(self) -> pulumi.Input[Sequence[pulumi.Input[ReleaseDocumentArgs]]]:
        """The release's documents (1 to 5, a knowledge base's limit)."""
        return pulumi.get(self, "documents")

    @documents.setter
    def documents(self, value: pulumi.Input[Sequence[pulumi.Input[ReleaseDocumentArgs]]]) -> None:
        pulumi.set(self, "documents", value)

    @property
    @pulumi.getter(name="casesFile")
    def cases_file(self) -> pulumi.Input[str] | None:
        """Path of a conversations.yaml: the gate a release must pass."""
        return pulumi.get(self, "cases_file")

    @cases_file.setter
    def cases_file(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "cases_file", value)

    @property
    @pulumi.getter
    def cases(self) -> pulumi.Input[Mapping[str, Any]] | None:
        """The gate's cases inline, in the conversations.yaml shape (`{cases: [...]}`)."""
        return pulumi.get(self, "cases")

    @cases.setter
    def cases(self, value: pulumi.Input[Mapping[str, Any]] | None) -> None:
        pulumi.set(self, "cases", value)

    @property
    @pulumi.getter
    def threshold(self) -> pulumi.Input[float] | None:
        """Pass mark for every case, overriding the cases' own."""
        return pulumi.get(self, "threshold")

    @threshold.setter
    def threshold(self, value: pulumi.Input[float] | None) -> None:
        pulumi.set(self, "threshold", value)

    @property
    @pulumi.getter
    def keep(self) -> pulumi.Input[int] | None:
        """Earlier releases kept ready for a rollback (each a knowledge base of the account)."""
        return pulumi.get(self, "keep")

    @keep.setter
    def keep(self, value: pulumi.Input[int] | None) -> None:
        pulumi.set(self, "keep", value)

    @property
    @pulumi.getter(name="gateSettings")
    def gate_settings(self) -> pulumi.Input[bool] | None:
        """Also send changes of the agent's settings through a candidate and the gate."""
        return pulumi.get(self, "gate_settings")

    @gate_settings.setter
    def gate_settings(self, value: pulumi.Input[bool] | None) -> None:
        pulumi.set(self, "gate_settings", value)

    @property
    @pulumi.getter(name="keepCandidate")
    def keep_candidate(self) -> pulumi.Input[bool] | None:
        """Keep a failed release's candidate agent and knowledge base for inspection."""
        return pulumi.get(self, "keep_candidate")

    @keep_candidate.setter
    def keep_candidate(self, value: pulumi.Input[bool] | None) -> None:
        pulumi.set(self, "keep_candidate", value)

    @property
    @pulumi.getter(name="casesHash")
    def cases_hash(self) -> pulumi.Input[str] | None:
        """SHA-256 of the cases, computed: editing them is a change."""
        return pulumi.get(self, "cases_hash")

    @cases_hash.setter
    def cases_hash(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "cases_hash", value)

    @property
    @pulumi.getter
    def expect(self) -> pulumi.Input[str] | None:
        """The release id these documents must make (`r-…`), e.g. the one that passed staging: preview
        fails otherwise, so prod gets exactly that release."""
        return pulumi.get(self, "expect")

    @expect.setter
    def expect(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "expect", value)


class AgentArgsDict(TypedDict, total=False):
    """Inputs of :class:`Agent`."""

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


@pulumi.input_type
class AgentArgs:
    """Inputs of :class:`Agent`."""

    def __init__(
        __self__,
        *,
        name: pulumi.Input[str],
        presenter: pulumi.Input[PresenterArgs | PresenterArgsDict],
        description: pulumi.Input[str] | None = None,
        llm: pulumi.Input[LlmArgs | LlmArgsDict] | None = None,
        knowledge_id: pulumi.Input[str] | None = None,
        greetings: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None,
        starter_messages: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None,
        user_data: pulumi.Input[str] | None = None,
        embed: pulumi.Input[bool] | None = None,
        triggers: pulumi.Input[Mapping[str, Any]] | None = None,
        adopt_id: pulumi.Input[str] | None = None,
        release: pulumi.Input[ReleaseArgs | ReleaseArgsDict] | None = None,
    ) -> None:
        pulumi.set(__self__, "name", name)
        pulumi.set(__self__, "presenter", presenter)
        if description is not None:
            pulumi.set(__self__, "description", description)
        if llm is not None:
            pulumi.set(__self__, "llm", llm)
        if knowledge_id is not None:
            pulumi.set(__self__, "knowledge_id", knowledge_id)
        if greetings is not None:
            pulumi.set(__self__, "greetings", greetings)
        if starter_messages is not None:
            pulumi.set(__self__, "starter_messages", starter_messages)
        if user_data is not None:
            pulumi.set(__self__, "user_data", user_data)
        if embed is not None:
            pulumi.set(__self__, "embed", embed)
        if triggers is not None:
            pulumi.set(__self__, "triggers", triggers)
        if adopt_id is not None:
            pulumi.set(__self__, "adopt_id", adopt_id)
        if release is not None:
            pulumi.set(__self__, "release", release)

    @property
    @pulumi.getter
    def name(self) -> pulumi.Input[str]:
        """Display name (the API's `preview_name`)."""
        return pulumi.get(self, "name")

    @name.setter
    def name(self, value: pulumi.Input[str]) -> None:
        pulumi.set(self, "name", value)

    @property
    @pulumi.getter
    def presenter(self) -> pulumi.Input[PresenterArgs]:
        """The avatar and its voice."""
        return pulumi.get(self, "presenter")

    @presenter.setter
    def presenter(self, value: pulumi.Input[PresenterArgs]) -> None:
        pulumi.set(self, "presenter", value)

    @property
    @pulumi.getter
    def description(self) -> pulumi.Input[str] | None:
        """Description (the API's `preview_description`)."""
        return pulumi.get(self, "description")

    @description.setter
    def description(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "description", value)

    @property
    @pulumi.getter
    def llm(self) -> pulumi.Input[LlmArgs] | None:
        """The language model."""
        return pulumi.get(self, "llm")

    @llm.setter
    def llm(self, value: pulumi.Input[LlmArgs] | None) -> None:
        pulumi.set(self, "llm", value)

    @property
    @pulumi.getter(name="knowledgeId")
    def knowledge_id(self) -> pulumi.Input[str] | None:
        """Id of the knowledge base the agent answers from."""
        return pulumi.get(self, "knowledge_id")

    @knowledge_id.setter
    def knowledge_id(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "knowledge_id", value)

    @property
    @pulumi.getter
    def greetings(self) -> pulumi.Input[Sequence[pulumi.Input[str]]] | None:
        """Greetings; one is picked at random when a chat starts."""
        return pulumi.get(self, "greetings")

    @greetings.setter
    def greetings(self, value: pulumi.Input[Sequence[pulumi.Input[str]]] | None) -> None:
        pulumi.set(self, "greetings", value)

    @property
    @pulumi.getter(name="starterMessages")
    def starter_messages(self) -> pulumi.Input[Sequence[pulumi.Input[str]]] | None:
        """Suggested first questions."""
        return pulumi.get(self, "starter_messages")

    @starter_messages.setter
    def starter_messages(self, value: pulumi.Input[Sequence[pulumi.Input[str]]] | None) -> None:
        pulumi.set(self, "starter_messages", value)

    @property
    @pulumi.getter(name="userData")
    def user_data(self) -> pulumi.Input[str] | None:
        """Free-form data, 1–1,000 characters. Write-only: the API never returns it."""
        return pulumi.get(self, "user_data")

    @user_data.setter
    def user_data(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "user_data", value)

    @property
    @pulumi.getter
    def embed(self) -> pulumi.Input[bool] | None:
        """Allow embedding the agent in websites and the SDK."""
        return pulumi.get(self, "embed")

    @embed.setter
    def embed(self, value: pulumi.Input[bool] | None) -> None:
        pulumi.set(self, "embed", value)

    @property
    @pulumi.getter
    def triggers(self) -> pulumi.Input[Mapping[str, Any]] | None:
        """Event triggers, e.g. `{"chat/end": {"webhooks": [{"url": "https://…"}]}}`."""
        return pulumi.get(self, "triggers")

    @triggers.setter
    def triggers(self, value: pulumi.Input[Mapping[str, Any]] | None) -> None:
        pulumi.set(self, "triggers", value)

    @property
    @pulumi.getter(name="adoptId")
    def adopt_id(self) -> pulumi.Input[str] | None:
        """Take over this existing agent (`agt_…`) on create instead of making one."""
        return pulumi.get(self, "adopt_id")

    @adopt_id.setter
    def adopt_id(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "adopt_id", value)

    @property
    @pulumi.getter
    def release(self) -> pulumi.Input[ReleaseArgs] | None:
        """Ship the agent's knowledge as blue/green releases behind a gate."""
        return pulumi.get(self, "release")

    @release.setter
    def release(self, value: pulumi.Input[ReleaseArgs] | None) -> None:
        pulumi.set(self, "release", value)


class KnowledgeBaseArgsDict(TypedDict, total=False):
    """Inputs of :class:`KnowledgeBase`."""

    name: pulumi.Input[str]
    description: pulumi.Input[str]
    adopt_id: pulumi.Input[str]


@pulumi.input_type
class KnowledgeBaseArgs:
    """Inputs of :class:`KnowledgeBase`."""

    def __init__(
        __self__,
        *,
        name: pulumi.Input[str],
        description: pulumi.Input[str],
        adopt_id: pulumi.Input[str] | None = None,
    ) -> None:
        pulumi.set(__self__, "name", name)
        pulumi.set(__self__, "description", description)
        if adopt_id is not None:
            pulumi.set(__self__, "adopt_id", adopt_id)

    @property
    @pulumi.getter
    def name(self) -> pulumi.Input[str]:
        """Name of the knowledge base."""
        return pulumi.get(self, "name")

    @name.setter
    def name(self, value: pulumi.Input[str]) -> None:
        pulumi.set(self, "name", value)

    @property
    @pulumi.getter
    def description(self) -> pulumi.Input[str]:
        """What the knowledge base holds."""
        return pulumi.get(self, "description")

    @description.setter
    def description(self, value: pulumi.Input[str]) -> None:
        pulumi.set(self, "description", value)

    @property
    @pulumi.getter(name="adoptId")
    def adopt_id(self) -> pulumi.Input[str] | None:
        """Take over this existing knowledge base (`knl_…`) on create."""
        return pulumi.get(self, "adopt_id")

    @adopt_id.setter
    def adopt_id(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "adopt_id", value)


class DocumentArgsDict(TypedDict, total=False):
    """Inputs of :class:`Document`."""

    knowledge_id: pulumi.Input[str]
    source_url: pulumi.Input[str]
    title: pulumi.Input[str]
    document_type: pulumi.Input[str]
    webhook: pulumi.Input[str]
    content_hash: pulumi.Input[str]
    version: pulumi.Input[str]
    adopt_id: pulumi.Input[str]


@pulumi.input_type
class DocumentArgs:
    """Inputs of :class:`Document`."""

    def __init__(
        __self__,
        *,
        knowledge_id: pulumi.Input[str],
        source_url: pulumi.Input[str],
        title: pulumi.Input[str],
        document_type: pulumi.Input[str] | None = None,
        webhook: pulumi.Input[str] | None = None,
        content_hash: pulumi.Input[str] | None = None,
        version: pulumi.Input[str] | None = None,
        adopt_id: pulumi.Input[str] | None = None,
    ) -> None:
        pulumi.set(__self__, "knowledge_id", knowledge_id)
        pulumi.set(__self__, "source_url", source_url)
        pulumi.set(__self__, "title", title)
        if document_type is not None:
            pulumi.set(__self__, "document_type", document_type)
        if webhook is not None:
            pulumi.set(__self__, "webhook", webhook)
        if content_hash is not None:
            pulumi.set(__self__, "content_hash", content_hash)
        if version is not None:
            pulumi.set(__self__, "version", version)
        if adopt_id is not None:
            pulumi.set(__self__, "adopt_id", adopt_id)

    @property
    @pulumi.getter(name="knowledgeId")
    def knowledge_id(self) -> pulumi.Input[str]:
        """Id of the knowledge base."""
        return pulumi.get(self, "knowledge_id")

    @knowledge_id.setter
    def knowledge_id(self, value: pulumi.Input[str]) -> None:
        pulumi.set(self, "knowledge_id", value)

    @property
    @pulumi.getter(name="sourceUrl")
    def source_url(self) -> pulumi.Input[str]:
        """Where the API fetches the document (`https://…`; `file://` for the local emulator or with an
        uploader configured)."""
        return pulumi.get(self, "source_url")

    @source_url.setter
    def source_url(self, value: pulumi.Input[str]) -> None:
        pulumi.set(self, "source_url", value)

    @property
    @pulumi.getter
    def title(self) -> pulumi.Input[str]:
        """Title shown with answers that cite the document."""
        return pulumi.get(self, "title")

    @title.setter
    def title(self, value: pulumi.Input[str]) -> None:
        pulumi.set(self, "title", value)

    @property
    @pulumi.getter(name="documentType")
    def document_type(self) -> pulumi.Input[str] | None:
        """Format; inferred from the URL's suffix when omitted (else `text`). One of: `pdf`, `text`,
        `powerpoint`."""
        return pulumi.get(self, "document_type")

    @document_type.setter
    def document_type(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "document_type", value)

    @property
    @pulumi.getter
    def webhook(self) -> pulumi.Input[str] | None:
        """URL the API calls when the document is processed."""
        return pulumi.get(self, "webhook")

    @webhook.setter
    def webhook(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "webhook", value)

    @property
    @pulumi.getter(name="contentHash")
    def content_hash(self) -> pulumi.Input[str] | None:
        """`sha256:…` of the content. Computed for local sources; pin it (or `version`) on a remote
        source to force a re-ingest when it changes."""
        return pulumi.get(self, "content_hash")

    @content_hash.setter
    def content_hash(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "content_hash", value)

    @property
    @pulumi.getter
    def version(self) -> pulumi.Input[str] | None:
        """Any string; changing it re-ingests the document."""
        return pulumi.get(self, "version")

    @version.setter
    def version(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "version", value)

    @property
    @pulumi.getter(name="adoptId")
    def adopt_id(self) -> pulumi.Input[str] | None:
        """Take over this existing document (`knl_…#doc_…`) on create; its inputs must match."""
        return pulumi.get(self, "adopt_id")

    @adopt_id.setter
    def adopt_id(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "adopt_id", value)


class ClientKeyArgsDict(TypedDict, total=False):
    """Inputs of :class:`ClientKey`."""

    agent_id: pulumi.Input[str]
    allowed_domains: pulumi.Input[Sequence[pulumi.Input[str]]]
    name: pulumi.Input[str]
    expose_key: pulumi.Input[bool]


@pulumi.input_type
class ClientKeyArgs:
    """Inputs of :class:`ClientKey`."""

    def __init__(
        __self__,
        *,
        agent_id: pulumi.Input[str],
        allowed_domains: pulumi.Input[Sequence[pulumi.Input[str]]],
        name: pulumi.Input[str] | None = None,
        expose_key: pulumi.Input[bool] | None = None,
    ) -> None:
        pulumi.set(__self__, "agent_id", agent_id)
        pulumi.set(__self__, "allowed_domains", allowed_domains)
        if name is not None:
            pulumi.set(__self__, "name", name)
        if expose_key is not None:
            pulumi.set(__self__, "expose_key", expose_key)

    @property
    @pulumi.getter(name="agentId")
    def agent_id(self) -> pulumi.Input[str]:
        """Id of the agent the key opens."""
        return pulumi.get(self, "agent_id")

    @agent_id.setter
    def agent_id(self, value: pulumi.Input[str]) -> None:
        pulumi.set(self, "agent_id", value)

    @property
    @pulumi.getter(name="allowedDomains")
    def allowed_domains(self) -> pulumi.Input[Sequence[pulumi.Input[str]]]:
        """Origins the key works from, e.g. `https://www.example.com`."""
        return pulumi.get(self, "allowed_domains")

    @allowed_domains.setter
    def allowed_domains(self, value: pulumi.Input[Sequence[pulumi.Input[str]]]) -> None:
        pulumi.set(self, "allowed_domains", value)

    @property
    @pulumi.getter
    def name(self) -> pulumi.Input[str] | None:
        """A label for the key."""
        return pulumi.get(self, "name")

    @name.setter
    def name(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "name", value)

    @property
    @pulumi.getter(name="exposeKey")
    def expose_key(self) -> pulumi.Input[bool] | None:
        """Whether the key is the `client_key` output (a secret; the default). `false` keeps it out of
        the state and the engine entirely: `-v=9` logs print every output in clear."""
        return pulumi.get(self, "expose_key")

    @expose_key.setter
    def expose_key(self, value: pulumi.Input[bool] | None) -> None:
        pulumi.set(self, "expose_key", value)


class ConversationTestArgsDict(TypedDict, total=False):
    """Inputs of :class:`ConversationTest`."""

    agent_id: pulumi.Input[str]
    cases_file: pulumi.Input[str]
    cases: pulumi.Input[Mapping[str, Any]]
    threshold: pulumi.Input[float]
    triggers: pulumi.Input[Any]
    cases_hash: pulumi.Input[str]


@pulumi.input_type
class ConversationTestArgs:
    """Inputs of :class:`ConversationTest`."""

    def __init__(
        __self__,
        *,
        agent_id: pulumi.Input[str],
        cases_file: pulumi.Input[str] | None = None,
        cases: pulumi.Input[Mapping[str, Any]] | None = None,
        threshold: pulumi.Input[float] | None = None,
        triggers: pulumi.Input[Any] | None = None,
        cases_hash: pulumi.Input[str] | None = None,
    ) -> None:
        pulumi.set(__self__, "agent_id", agent_id)
        if cases_file is not None:
            pulumi.set(__self__, "cases_file", cases_file)
        if cases is not None:
            pulumi.set(__self__, "cases", cases)
        if threshold is not None:
            pulumi.set(__self__, "threshold", threshold)
        if triggers is not None:
            pulumi.set(__self__, "triggers", triggers)
        if cases_hash is not None:
            pulumi.set(__self__, "cases_hash", cases_hash)

    @property
    @pulumi.getter(name="agentId")
    def agent_id(self) -> pulumi.Input[str]:
        """Id of the agent to talk to."""
        return pulumi.get(self, "agent_id")

    @agent_id.setter
    def agent_id(self, value: pulumi.Input[str]) -> None:
        pulumi.set(self, "agent_id", value)

    @property
    @pulumi.getter(name="casesFile")
    def cases_file(self) -> pulumi.Input[str] | None:
        """Path of a conversations.yaml (relative to the program's directory)."""
        return pulumi.get(self, "cases_file")

    @cases_file.setter
    def cases_file(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "cases_file", value)

    @property
    @pulumi.getter
    def cases(self) -> pulumi.Input[Mapping[str, Any]] | None:
        """The cases inline, in the conversations.yaml shape (`{cases: [...]}`)."""
        return pulumi.get(self, "cases")

    @cases.setter
    def cases(self, value: pulumi.Input[Mapping[str, Any]] | None) -> None:
        pulumi.set(self, "cases", value)

    @property
    @pulumi.getter
    def threshold(self) -> pulumi.Input[float] | None:
        """Pass mark for every case (fraction of expectations met), overriding the file's."""
        return pulumi.get(self, "threshold")

    @threshold.setter
    def threshold(self, value: pulumi.Input[float] | None) -> None:
        pulumi.set(self, "threshold", value)

    @property
    @pulumi.getter
    def triggers(self) -> Any:
        """Any value (a string, a number, a list, a map, nested); when it changes the cases run again
        (e.g. documents' ids or content hashes)."""
        return pulumi.get(self, "triggers")

    @triggers.setter
    def triggers(self, value: Any) -> None:
        pulumi.set(self, "triggers", value)

    @property
    @pulumi.getter(name="casesHash")
    def cases_hash(self) -> pulumi.Input[str] | None:
        """SHA-256 of the cases, computed: editing the cases runs them again."""
        return pulumi.get(self, "cases_hash")

    @cases_hash.setter
    def cases_hash(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "cases_hash", value)


class Agent(NativeResource):
    """A D-ID interactive AI agent: an avatar with a voice, an LLM, optionally grounded on a knowledge
    base. `pulumi up` waits until the agent is ready. Everything but `presenter.type` updates in
    place; a presenter type change replaces the agent (the old one is deleted first)."""

    _spec = AGENT
    _args_type = AgentArgs

    def __init__(
        self,
        resource_name: str,
        args: AgentArgs | AgentArgsDict | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[AgentArgsDict],
    ) -> None:
        """Keyword arguments, a :class:`AgentArgs` or a dict (snake_case names)."""
        super().__init__(resource_name, args, opts, kwargs)

    @staticmethod
    def get(resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None) -> Agent:
        """Read an existing Agent by id into the program; never modified or deleted."""
        return Agent(resource_name, opts=NativeResource.read_options(id, opts))

    @property
    @pulumi.getter(name="agentId")
    def agent_id(self) -> pulumi.Output[str]:
        """The agent's id."""
        return pulumi.get(self, "agent_id")

    @property
    @pulumi.getter
    def status(self) -> pulumi.Output[str | None]:
        """`created` while being prepared, then `done`."""
        return pulumi.get(self, "status")

    @property
    @pulumi.getter
    def created(self) -> pulumi.Output[str | None]:
        """Creation time."""
        return pulumi.get(self, "created")

    @property
    @pulumi.getter
    def modified(self) -> pulumi.Output[str | None]:
        """Last modification time."""
        return pulumi.get(self, "modified")

    @property
    @pulumi.getter(name="ownerId")
    def owner_id(self) -> pulumi.Output[str | None]:
        """Owning account."""
        return pulumi.get(self, "owner_id")

    @property
    @pulumi.getter(name="ownerMarker")
    def owner_marker(self) -> pulumi.Output[str | None]:
        """The ownership marker the object carries (`<owner id>/<URN digest>`): which stack instance it
        belongs to (see `did-agents init`)."""
        return pulumi.get(self, "owner_marker")

    @property
    @pulumi.getter
    def releases(self) -> pulumi.Output[Any]:
        """Kept releases, oldest first: `id`, `knowledge_id`, `shipped_at`, `documents` (title, source,
        hash) and `gate` (passed, cases, failed, summary)."""
        return pulumi.get(self, "releases")

    @property
    @pulumi.getter(name="liveRelease")
    def live_release(self) -> pulumi.Output[str | None]:
        """The release the live agent answers from."""
        return pulumi.get(self, "live_release")

    @property
    @pulumi.getter
    def name(self) -> pulumi.Output[str]:
        """Display name (the API's `preview_name`)."""
        return pulumi.get(self, "name")

    @property
    @pulumi.getter
    def description(self) -> pulumi.Output[str | None]:
        """Description (the API's `preview_description`)."""
        return pulumi.get(self, "description")

    @property
    @pulumi.getter
    def presenter(self) -> pulumi.Output[outputs.Presenter]:
        """The avatar and its voice."""
        return pulumi.get(self, "presenter")

    @property
    @pulumi.getter
    def llm(self) -> pulumi.Output[outputs.Llm | None]:
        """The language model."""
        return pulumi.get(self, "llm")

    @property
    @pulumi.getter(name="knowledgeId")
    def knowledge_id(self) -> pulumi.Output[str | None]:
        """Id of the knowledge base the agent answers from."""
        return pulumi.get(self, "knowledge_id")

    @property
    @pulumi.getter
    def greetings(self) -> pulumi.Output[Sequence[str]]:
        """Greetings; one is picked at random when a chat starts."""
        return pulumi.get(self, "greetings")

    @property
    @pulumi.getter(name="starterMessages")
    def starter_messages(self) -> pulumi.Output[Sequence[str]]:
        """Suggested first questions."""
        return pulumi.get(self, "starter_messages")

    @property
    @pulumi.getter(name="userData")
    def user_data(self) -> pulumi.Output[str | None]:
        """Free-form data, 1–1,000 characters. Write-only: the API never returns it."""
        return pulumi.get(self, "user_data")

    @property
    @pulumi.getter
    def embed(self) -> pulumi.Output[bool]:
        """Allow embedding the agent in websites and the SDK."""
        return pulumi.get(self, "embed")

    @property
    @pulumi.getter
    def triggers(self) -> pulumi.Output[Mapping[str, Any] | None]:
        """Event triggers, e.g. `{"chat/end": {"webhooks": [{"url": "https://…"}]}}`."""
        return pulumi.get(self, "triggers")

    @property
    @pulumi.getter(name="adoptId")
    def adopt_id(self) -> pulumi.Output[str | None]:
        """Take over this existing agent (`agt_…`) on create instead of making one."""
        return pulumi.get(self, "adopt_id")

    @property
    @pulumi.getter
    def release(self) -> pulumi.Output[outputs.Release | None]:
        """Ship the agent's knowledge as blue/green releases behind a gate."""
        return pulumi.get(self, "release")


class KnowledgeBase(NativeResource):
    """A D-ID knowledge base: up to five documents an agent answers from. `name` and `description`
    update in place. Deleting it deletes its documents (the API cascades)."""

    _spec = KNOWLEDGE_BASE
    _args_type = KnowledgeBaseArgs

    def __init__(
        self,
        resource_name: str,
        args: KnowledgeBaseArgs | KnowledgeBaseArgsDict | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[KnowledgeBaseArgsDict],
    ) -> None:
        """Keyword arguments, a :class:`KnowledgeBaseArgs` or a dict (snake_case names)."""
        super().__init__(resource_name, args, opts, kwargs)

    @staticmethod
    def get(
        resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None
    ) -> KnowledgeBase:
        """Read an existing KnowledgeBase by id into the program; never modified or deleted."""
        return KnowledgeBase(resource_name, opts=NativeResource.read_options(id, opts))

    @property
    @pulumi.getter(name="knowledgeId")
    def knowledge_id(self) -> pulumi.Output[str]:
        """The knowledge base's id."""
        return pulumi.get(self, "knowledge_id")

    @property
    @pulumi.getter
    def status(self) -> pulumi.Output[str | None]:
        """`""` while empty, `processing` while a document is, then `done` (or `error`)."""
        return pulumi.get(self, "status")

    @property
    @pulumi.getter(name="createdAt")
    def created_at(self) -> pulumi.Output[str | None]:
        """Creation time."""
        return pulumi.get(self, "created_at")

    @property
    @pulumi.getter(name="modifiedAt")
    def modified_at(self) -> pulumi.Output[str | None]:
        """Last modification time."""
        return pulumi.get(self, "modified_at")

    @property
    @pulumi.getter(name="ownerMarker")
    def owner_marker(self) -> pulumi.Output[str | None]:
        """The ownership marker the object carries (`<owner id>/<URN digest>`): which stack instance it
        belongs to (see `did-agents init`)."""
        return pulumi.get(self, "owner_marker")

    @property
    @pulumi.getter
    def name(self) -> pulumi.Output[str]:
        """Name of the knowledge base."""
        return pulumi.get(self, "name")

    @property
    @pulumi.getter
    def description(self) -> pulumi.Output[str]:
        """What the knowledge base holds."""
        return pulumi.get(self, "description")

    @property
    @pulumi.getter(name="adoptId")
    def adopt_id(self) -> pulumi.Output[str | None]:
        """Take over this existing knowledge base (`knl_…`) on create."""
        return pulumi.get(self, "adopt_id")


class Document(NativeResource):
    """A document ingested into a knowledge base. The API has no document update, so any change
    replaces it (the old document is deleted first: a knowledge base holds at most five). For a
    local source (`file://`) the file's content hash is part of the inputs, so editing the file
    replaces the document at the next `pulumi up`. The resource id is the API's `knl_…#doc_…`."""

    _spec = DOCUMENT
    _args_type = DocumentArgs

    def __init__(
        self,
        resource_name: str,
        args: DocumentArgs | DocumentArgsDict | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[DocumentArgsDict],
    ) -> None:
        """Keyword arguments, a :class:`DocumentArgs` or a dict (snake_case names)."""
        super().__init__(resource_name, args, opts, kwargs)

    @staticmethod
    def get(
        resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None
    ) -> Document:
        """Read an existing Document by id into the program; never modified or deleted."""
        return Document(resource_name, opts=NativeResource.read_options(id, opts))

    @property
    @pulumi.getter(name="documentId")
    def document_id(self) -> pulumi.Output[str]:
        """The document's id, `knl_…#doc_…`."""
        return pulumi.get(self, "document_id")

    @property
    @pulumi.getter
    def status(self) -> pulumi.Output[str | None]:
        """`processing`, then `done` (or `error`)."""
        return pulumi.get(self, "status")

    @property
    @pulumi.getter
    def error(self) -> pulumi.Output[str | None]:
        """Why ingestion failed, when it did."""
        return pulumi.get(self, "error")

    @property
    @pulumi.getter(name="createdAt")
    def created_at(self) -> pulumi.Output[str | None]:
        """Creation time."""
        return pulumi.get(self, "created_at")

    @property
    @pulumi.getter(name="modifiedAt")
    def modified_at(self) -> pulumi.Output[str | None]:
        """Last modification time."""
        return pulumi.get(self, "modified_at")

    @property
    @pulumi.getter(name="publishedUrl")
    def published_url(self) -> pulumi.Output[str | None]:
        """Where `didagents:uploader` published a local source (what the API fetched)."""
        return pulumi.get(self, "published_url")

    @property
    @pulumi.getter(name="knowledgeId")
    def knowledge_id(self) -> pulumi.Output[str]:
        """Id of the knowledge base."""
        return pulumi.get(self, "knowledge_id")

    @property
    @pulumi.getter(name="sourceUrl")
    def source_url(self) -> pulumi.Output[str]:
        """Where the API fetches the document (`https://…`; `file://` for the local emulator or with an
        uploader configured)."""
        return pulumi.get(self, "source_url")

    @property
    @pulumi.getter
    def title(self) -> pulumi.Output[str]:
        """Title shown with answers that cite the document."""
        return pulumi.get(self, "title")

    @property
    @pulumi.getter(name="documentType")
    def document_type(self) -> pulumi.Output[str | None]:
        """Format; inferred from the URL's suffix when omitted (else `text`). One of: `pdf`, `text`,
        `powerpoint`."""
        return pulumi.get(self, "document_type")

    @property
    @pulumi.getter
    def webhook(self) -> pulumi.Output[str | None]:
        """URL the API calls when the document is processed."""
        return pulumi.get(self, "webhook")

    @property
    @pulumi.getter(name="contentHash")
    def content_hash(self) -> pulumi.Output[str | None]:
        """`sha256:…` of the content. Computed for local sources; pin it (or `version`) on a remote
        source to force a re-ingest when it changes."""
        return pulumi.get(self, "content_hash")

    @property
    @pulumi.getter
    def version(self) -> pulumi.Output[str | None]:
        """Any string; changing it re-ingests the document."""
        return pulumi.get(self, "version")

    @property
    @pulumi.getter(name="adoptId")
    def adopt_id(self) -> pulumi.Output[str | None]:
        """Take over this existing document (`knl_…#doc_…`) on create; its inputs must match."""
        return pulumi.get(self, "adopt_id")


class ClientKey(NativeResource):
    """A client key of one agent, usable only from its `allowed_domains` (the browser's origin).
    `allowed_domains` updates in place; a new agent (or `name`) means a new key. The key itself
    is a secret output; the resource id is `agt_…/<fingerprint>` and never the key."""

    _spec = CLIENT_KEY
    _args_type = ClientKeyArgs

    def __init__(
        self,
        resource_name: str,
        args: ClientKeyArgs | ClientKeyArgsDict | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[ClientKeyArgsDict],
    ) -> None:
        """Keyword arguments, a :class:`ClientKeyArgs` or a dict (snake_case names)."""
        super().__init__(resource_name, args, opts, kwargs)

    @staticmethod
    def get(
        resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None
    ) -> ClientKey:
        """Read an existing ClientKey by id into the program; never modified or deleted."""
        return ClientKey(resource_name, opts=NativeResource.read_options(id, opts))

    @property
    @pulumi.getter(name="keyId")
    def key_id(self) -> pulumi.Output[str]:
        """`agt_…/<fingerprint>`: identifies the key without revealing it."""
        return pulumi.get(self, "key_id")

    @property
    @pulumi.getter(name="clientKey")
    def client_key(self) -> pulumi.Output[str | None]:
        """The key, for `Authorization: Client-Key …` (secret; absent with `expose_key: false`)."""
        return pulumi.get(self, "client_key")

    @property
    @pulumi.getter(name="createdAt")
    def created_at(self) -> pulumi.Output[str | None]:
        """Creation time."""
        return pulumi.get(self, "created_at")

    @property
    @pulumi.getter(name="agentId")
    def agent_id(self) -> pulumi.Output[str]:
        """Id of the agent the key opens."""
        return pulumi.get(self, "agent_id")

    @property
    @pulumi.getter(name="allowedDomains")
    def allowed_domains(self) -> pulumi.Output[Sequence[str]]:
        """Origins the key works from, e.g. `https://www.example.com`."""
        return pulumi.get(self, "allowed_domains")

    @property
    @pulumi.getter
    def name(self) -> pulumi.Output[str | None]:
        """A label for the key."""
        return pulumi.get(self, "name")

    @property
    @pulumi.getter(name="exposeKey")
    def expose_key(self) -> pulumi.Output[bool]:
        """Whether the key is the `client_key` output (a secret; the default). `false` keeps it out of
        the state and the engine entirely: `-v=9` logs print every output in clear."""
        return pulumi.get(self, "expose_key")


class ConversationTest(NativeResource):
    """Conversation cases (see docs/conversation-tests.md) run against an agent whenever the agent, the
    cases or `triggers` change. Failing cases fail the update with their reasons; the agent is
    left as it is. Refresh never re-runs them."""

    _spec = CONVERSATION_TEST
    _args_type = ConversationTestArgs

    def __init__(
        self,
        resource_name: str,
        args: ConversationTestArgs | ConversationTestArgsDict | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[ConversationTestArgsDict],
    ) -> None:
        """Keyword arguments, a :class:`ConversationTestArgs` or a dict (snake_case names)."""
        super().__init__(resource_name, args, opts, kwargs)

    @staticmethod
    def get(
        resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None
    ) -> ConversationTest:
        """Read an existing ConversationTest by id into the program; never modified or deleted."""
        return ConversationTest(resource_name, opts=NativeResource.read_options(id, opts))

    @property
    @pulumi.getter(name="testId")
    def test_id(self) -> pulumi.Output[str]:
        """Id of this test run's record."""
        return pulumi.get(self, "test_id")

    @property
    @pulumi.getter
    def passed(self) -> pulumi.Output[bool | None]:
        """Whether every case passed."""
        return pulumi.get(self, "passed")

    @property
    @pulumi.getter
    def score(self) -> pulumi.Output[float | None]:
        """Mean score of the cases."""
        return pulumi.get(self, "score")

    @property
    @pulumi.getter(name="passedCases")
    def passed_cases(self) -> pulumi.Output[int | None]:
        """How many cases passed."""
        return pulumi.get(self, "passed_cases")

    @property
    @pulumi.getter(name="totalCases")
    def total_cases(self) -> pulumi.Output[int | None]:
        """How many cases ran."""
        return pulumi.get(self, "total_cases")

    @property
    @pulumi.getter
    def summary(self) -> pulumi.Output[str | None]:
        """One line per case: name, score, result."""
        return pulumi.get(self, "summary")

    @property
    @pulumi.getter(name="agentId")
    def agent_id(self) -> pulumi.Output[str]:
        """Id of the agent to talk to."""
        return pulumi.get(self, "agent_id")

    @property
    @pulumi.getter(name="casesFile")
    def cases_file(self) -> pulumi.Output[str | None]:
        """Path of a conversations.yaml (relative to the program's directory)."""
        return pulumi.get(self, "cases_file")

    @property
    @pulumi.getter
    def cases(self) -> pulumi.Output[Mapping[str, Any] | None]:
        """The cases inline, in the conversations.yaml shape (`{cases: [...]}`)."""
        return pulumi.get(self, "cases")

    @property
    @pulumi.getter
    def threshold(self) -> pulumi.Output[float | None]:
        """Pass mark for every case (fraction of expectations met), overriding the file's."""
        return pulumi.get(self, "threshold")

    @property
    @pulumi.getter
    def triggers(self) -> pulumi.Output[Any]:
        """Any value (a string, a number, a list, a map, nested); when it changes the cases run again
        (e.g. documents' ids or content hashes)."""
        return pulumi.get(self, "triggers")

    @property
    @pulumi.getter(name="casesHash")
    def cases_hash(self) -> pulumi.Output[str | None]:
        """SHA-256 of the cases, computed: editing the cases runs them again."""
        return pulumi.get(self, "cases_hash")
