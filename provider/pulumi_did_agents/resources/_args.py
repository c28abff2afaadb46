"""Input types of the resources, in the style of generated Pulumi SDKs.

Each nested input exists twice: a frozen dataclass (``PresenterArgs(type="talk", ...)``) and a
``TypedDict`` (``{"type": "talk", ...}``); both accept ``pulumi.Input`` values anywhere.
:func:`to_props` turns either into the plain dict the engine serialises.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

import pulumi

__all__ = [
    "AgentArgs",
    "AgentArgsDict",
    "BackgroundArgs",
    "BackgroundArgsDict",
    "CustomLlmArgs",
    "CustomLlmArgsDict",
    "DocumentArgs",
    "DocumentArgsDict",
    "KnowledgeBaseArgs",
    "KnowledgeBaseArgsDict",
    "LlmArgs",
    "LlmArgsDict",
    "PresenterArgs",
    "PresenterArgsDict",
    "PromptCustomizationArgs",
    "PromptCustomizationArgsDict",
    "VoiceArgs",
    "VoiceArgsDict",
    "merge_args",
    "to_props",
]


# --- presenter ---------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class VoiceArgs:
    """Text-to-speech voice, e.g. ``type="microsoft", voice_id="en-US-JennyMultilingualV2Neural"``."""

    type: pulumi.Input[str]
    voice_id: pulumi.Input[str] | None = None
    language: pulumi.Input[str] | None = None
    voice_config: pulumi.Input[Mapping[str, Any]] | None = None


class VoiceArgsDict(TypedDict, total=False):
    type: pulumi.Input[str]
    voice_id: pulumi.Input[str]
    language: pulumi.Input[str]
    voice_config: pulumi.Input[Mapping[str, Any]]


@dataclasses.dataclass(frozen=True, kw_only=True)
class BackgroundArgs:
    """Background of clip/expressive presenters: a ``#rrggbb`` color or an image URL."""

    color: pulumi.Input[str] | None = None
    source_url: pulumi.Input[str] | None = None


class BackgroundArgsDict(TypedDict, total=False):
    color: pulumi.Input[str]
    source_url: pulumi.Input[str]


@dataclasses.dataclass(frozen=True, kw_only=True)
class PresenterArgs:
    """The avatar. ``type`` cannot change in place (the agent is replaced); everything else can."""

    type: pulumi.Input[str]
    """``talk`` (photo; needs ``source_url``), ``clip`` or ``expressive`` (need ``presenter_id``)."""
    source_url: pulumi.Input[str] | None = None
    thumbnail: pulumi.Input[str] | None = None
    stitch: pulumi.Input[bool] | None = None
    presenter_id: pulumi.Input[str] | None = None
    background: pulumi.Input[BackgroundArgs | BackgroundArgsDict] | None = None
    voice: pulumi.Input[VoiceArgs | VoiceArgsDict] | None = None


class PresenterArgsDict(TypedDict, total=False):
    type: pulumi.Input[str]
    source_url: pulumi.Input[str]
    thumbnail: pulumi.Input[str]
    stitch: pulumi.Input[bool]
    presenter_id: pulumi.Input[str]
    background: pulumi.Input[BackgroundArgs | BackgroundArgsDict]
    voice: pulumi.Input[VoiceArgs | VoiceArgsDict]


# --- llm ---------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class PromptCustomizationArgs:
    role: pulumi.Input[str] | None = None
    personality: pulumi.Input[str] | None = None
    topics_to_avoid: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None
    max_response_length: pulumi.Input[int] | None = None
    knowledge_source: pulumi.Input[str] | None = None
    """``documents`` (default) or ``base_knowledge``."""
    prompt_knowledge: pulumi.Input[str] | None = None


class PromptCustomizationArgsDict(TypedDict, total=False):
    role: pulumi.Input[str]
    personality: pulumi.Input[str]
    topics_to_avoid: pulumi.Input[Sequence[pulumi.Input[str]]]
    max_response_length: pulumi.Input[int]
    knowledge_source: pulumi.Input[str]
    prompt_knowledge: pulumi.Input[str]


@dataclasses.dataclass(frozen=True, kw_only=True)
class CustomLlmArgs:
    """Your own LLM endpoint. ``key`` and ``client_secret`` are write-only and stored as secrets."""

    url: pulumi.Input[str]
    type: pulumi.Input[str] | None = None
    """``basic`` (default; needs ``key``) or ``oauth2`` (needs client_id, client_secret, token_url)."""
    key: pulumi.Input[str] | None = None
    client_id: pulumi.Input[str] | None = None
    client_secret: pulumi.Input[str] | None = None
    token_url: pulumi.Input[str] | None = None
    streaming: pulumi.Input[bool] | None = None
    max_messages: pulumi.Input[int] | None = None
    headers: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None


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


@dataclasses.dataclass(frozen=True, kw_only=True)
class LlmArgs:
    provider: pulumi.Input[str] | None = None
    """``openai``, ``google``, ``d-id``, ``custom`` or ``external``."""
    model: pulumi.Input[str] | None = None
    instructions: pulumi.Input[str] | None = None
    template: pulumi.Input[str] | None = None
    """``rag-grounded``, ``rag-ungrounded`` or ``assistant``."""
    temperature: pulumi.Input[float] | None = None
    prompt_customization: pulumi.Input[PromptCustomizationArgs | PromptCustomizationArgsDict] | None = None
    custom: pulumi.Input[CustomLlmArgs | CustomLlmArgsDict] | None = None


class LlmArgsDict(TypedDict, total=False):
    provider: pulumi.Input[str]
    model: pulumi.Input[str]
    instructions: pulumi.Input[str]
    template: pulumi.Input[str]
    temperature: pulumi.Input[float]
    prompt_customization: pulumi.Input[PromptCustomizationArgs | PromptCustomizationArgsDict]
    custom: pulumi.Input[CustomLlmArgs | CustomLlmArgsDict]


# --- resources ---------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class AgentArgs:
    """Inputs of :class:`~pulumi_did_agents.Agent`."""

    name: pulumi.Input[str]
    """Display name (the API's ``preview_name``)."""
    presenter: pulumi.Input[PresenterArgs | PresenterArgsDict]
    description: pulumi.Input[str] | None = None
    llm: pulumi.Input[LlmArgs | LlmArgsDict] | None = None
    knowledge_id: pulumi.Input[str] | None = None
    """Id of a :class:`KnowledgeBase` (pass ``kb.knowledge_id`` so the agent is created after it)."""
    greetings: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None
    starter_messages: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None
    user_data: pulumi.Input[str] | None = None
    """1–1000 characters; write-only (the API never returns it, so drift in it is not detected)."""
    embed: pulumi.Input[bool] | None = None
    triggers: pulumi.Input[Mapping[str, Any]] | None = None
    adopt_id: pulumi.Input[str] | None = None
    """Adopt this existing agent (``agt_…``) instead of creating one: see :class:`Agent`."""


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


@dataclasses.dataclass(frozen=True, kw_only=True)
class KnowledgeBaseArgs:
    """Inputs of :class:`~pulumi_did_agents.KnowledgeBase`."""

    name: pulumi.Input[str]
    description: pulumi.Input[str]
    adopt_id: pulumi.Input[str] | None = None
    """Adopt this existing knowledge base (``knl_…``) instead of creating one."""


class KnowledgeBaseArgsDict(TypedDict, total=False):
    name: pulumi.Input[str]
    description: pulumi.Input[str]
    adopt_id: pulumi.Input[str]


@dataclasses.dataclass(frozen=True, kw_only=True)
class DocumentArgs:
    """Inputs of :class:`~pulumi_did_agents.Document`; documents are immutable, any change replaces."""

    knowledge_id: pulumi.Input[str]
    source_url: pulumi.Input[str]
    title: pulumi.Input[str]
    document_type: pulumi.Input[str] | None = None
    """pdf, text, html, markdown, csv or json; inferred from the URL suffix when omitted, else text."""
    webhook: pulumi.Input[str] | None = None
    adopt_id: pulumi.Input[str] | None = None
    """Adopt this existing document (``knl_…#doc_…``); its inputs must match the live document."""


class DocumentArgsDict(TypedDict, total=False):
    knowledge_id: pulumi.Input[str]
    source_url: pulumi.Input[str]
    title: pulumi.Input[str]
    document_type: pulumi.Input[str]
    webhook: pulumi.Input[str]
    adopt_id: pulumi.Input[str]


# --- conversion --------------------------------------------------------------------------------


def to_props(value: Any) -> Any:
    """Args dataclasses and mappings → plain dicts without ``None``; Outputs pass through untouched.

    Not ``dataclasses.asdict``: that deep-copies, and Outputs must not be copied.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: to_props(getattr(value, field.name))
            for field in dataclasses.fields(value)
            if getattr(value, field.name) is not None
        }
    if isinstance(value, Mapping):
        return {str(key): to_props(item) for key, item in value.items() if item is not None}
    if isinstance(value, list | tuple):
        return [to_props(item) for item in value]
    return value


def merge_args(args: Any, kwargs: Mapping[str, Any], resource: str) -> dict[str, Any]:
    """Accept ``Resource(name, XArgs(...))``, ``Resource(name, {...})`` or keyword arguments."""
    if args is not None and kwargs:
        raise TypeError(f"{resource}: pass either an args object or keyword arguments, not both")
    props = to_props(args if args is not None else dict(kwargs))
    if not isinstance(props, dict):
        raise TypeError(f"{resource}: args must be an args object or a mapping, got {type(args).__name__}")
    return props
