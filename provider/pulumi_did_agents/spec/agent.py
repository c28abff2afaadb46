"""``Agent``: avatar (presenter + voice), LLM, knowledge binding, greetings and triggers; and its
``ClientKey``, a key for browsers (the SDK, the embed widget) to talk to that one agent.

Allowed values follow D-ID's docs contract (``AgentCreateDto`` and its ``anyOf`` branches) and the
official SDK; ``docs/api-decisions.md`` records where they disagree.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from ._decl import (
    Failure,
    Prop,
    ResourceSpec,
    Shape,
    boolean,
    digest,
    identifier,
    integer,
    json,
    json_value,
    number,
    obj,
    owner_marker,
    string,
    string_map,
    strings,
    url,
)
from .knowledge import DOCUMENT, MAX_DOCUMENTS_PER_KNOWLEDGE

__all__ = [
    "AGENT",
    "CLIENT_KEY",
    "BACKGROUND",
    "CUSTOM_LLM",
    "LLM",
    "LLM_MODELS",
    "PRESENTER",
    "PROMPT_CUSTOMIZATION",
    "RELEASE",
    "RELEASE_DOCUMENT",
    "TRIGGER_EVENTS",
    "VOICE",
    "VOICE_PROVIDERS",
]

PRESENTER_TYPES = ("talk", "clip", "expressive")
VOICE_PROVIDERS = ("microsoft", "elevenlabs", "azure-openai", "amazon")
LLM_MODELS: dict[str, tuple[str, ...]] = {
    "openai": (
        "gpt-4o-global",
        "gpt-4o-mini",
        "gpt-4.1",
        "gpt-4.1-mini",
        "gpt-4.1-nano",
        "gpt-5-mini",
        "gpt-5-nano",
    ),
    "d-id": ("gpt-oss-120b",),
    "google": ("gemini-2.5-flash", "gemini-2.5-flash-lite", "gemini-3-flash"),
    "custom": (),
}
EXPRESSIVE_ONLY_LLMS = ("d-id", "google")
TRIGGER_EVENTS = ("chat/end",)
_PRESENTER_FIELDS = {
    "talk": ("source_url", "thumbnail", "stitch", "voice"),
    "clip": ("presenter_id", "background", "voice"),
    "expressive": ("presenter_id", "background", "voice"),
}


def _voice_rules(voice: Mapping[str, Any]) -> Iterable[Failure]:
    kind = voice.get("type")
    if kind in ("microsoft", "azure-openai", "amazon") and "voice_id" not in voice:
        yield Failure("voice_id", f"required for {kind} voices")
    if kind != "elevenlabs":
        for key in ("model_id", "access"):
            if key in voice:
                yield Failure(key, "only elevenlabs voices take this field")
    config = voice.get("voice_config")
    if kind == "elevenlabs" and isinstance(config, Mapping):
        for key in ("stability", "similarity_boost", "style"):
            value = config.get(key)
            if isinstance(value, int | float) and not 0 <= value <= 1:
                yield Failure(f"voice_config.{key}", "must be between 0 and 1")
        rate = config.get("rate")
        if isinstance(rate, int | float) and not 0.7 <= rate <= 1.2:
            yield Failure("voice_config.rate", "must be between 0.7 and 1.2")


VOICE = Shape(
    "Voice",
    "Text-to-speech voice of the presenter, e.g. `microsoft` / `en-US-JennyMultilingualV2Neural`.",
    (
        string("type", "Voice provider.", required=True, choices=VOICE_PROVIDERS),
        string("voice_id", "Voice id of the provider (required except for elevenlabs).", min_length=1),
        string("language", "Language of the voice, e.g. `English (United States)`.", min_length=1),
        json(
            "voice_config",
            "Provider-specific tuning (microsoft: style/rate/pitch; elevenlabs: "
            "stability, similarity_boost, style 0–1, rate 0.7–1.2, use_speaker_boost).",
        ),
        string("model_id", "ElevenLabs model id.", min_length=1),
        string(
            "access", "ElevenLabs voice access.", choices=("public", "premium", "private", "external-private")
        ),
    ),
    rules=(_voice_rules,),
)

BACKGROUND = Shape(
    "Background",
    "Background of a clip or expressive presenter: a color or an image.",
    (
        string("color", "`#rrggbb` color.", pattern=r"^#[a-fA-F0-9]{6}$", pattern_hint="a #rrggbb color"),
        url("source_url", "Background image URL."),
    ),
)


def _presenter_rules(presenter: Mapping[str, Any]) -> Iterable[Failure]:
    kind = presenter.get("type")
    if kind not in _PRESENTER_FIELDS:
        return
    if kind == "talk":
        for key in ("source_url", "thumbnail"):
            if key not in presenter:
                yield Failure(key, "required for talk presenters (the photo and its preview image)")
    elif "presenter_id" not in presenter:
        yield Failure("presenter_id", f"required for {kind} presenters")
    for key in presenter:
        if key != "type" and key not in _PRESENTER_FIELDS[kind]:
            yield Failure(key, f"not allowed for {kind} presenters")


PRESENTER = Shape(
    "Presenter",
    "The avatar: `talk` (a photo), `clip` or `expressive` (a D-ID presenter), and its voice.",
    (
        string(
            "type",
            "Presenter type; changing it replaces the agent.",
            required=True,
            choices=PRESENTER_TYPES,
            replace=True,
        ),
        url("source_url", "talk: URL of the photo the avatar is made from."),
        url("thumbnail", "talk: preview image URL (defaults to `source_url`)."),
        boolean("stitch", "talk: keep the photo's original framing instead of a close-up."),
        string(
            "presenter_id",
            "clip/expressive: presenter id from `GET /clips/presenters`.",
            min_length=1,
            not_blank=True,
        ),
        obj("background", BACKGROUND, "clip/expressive: background."),
        obj("voice", VOICE, "Text-to-speech voice."),
    ),
    rules=(_presenter_rules,),
)

PROMPT_CUSTOMIZATION = Shape(
    "PromptCustomization",
    "Advanced prompt settings.",
    (
        string("role", "Role the agent assumes, e.g. `Salesperson`."),
        string("personality", "Personality traits of the answers."),
        strings("topics_to_avoid", "Topics the agent must not discuss."),
        number(
            "max_response_length", "Approximate maximum answer length in words (API default 75).", minimum=1
        ),
        string(
            "knowledge_source",
            "`documents` (RAG over the knowledge base, default) or "
            "`base_knowledge` (the inline `prompt_knowledge`).",
            choices=("base_knowledge", "documents"),
        ),
        string("prompt_knowledge", "Inline knowledge for `knowledge_source: base_knowledge`."),
    ),
)


def _custom_rules(custom: Mapping[str, Any]) -> Iterable[Failure]:
    if custom.get("type", "basic") == "basic":
        if "key" not in custom:
            yield Failure("key", "required for basic custom LLMs")
        for key in ("client_id", "client_secret", "token_url"):
            if key in custom:
                yield Failure(key, "only oauth2 custom LLMs take this field")
    else:
        for key in ("client_id", "client_secret", "token_url"):
            if key not in custom:
                yield Failure(key, "required for oauth2 custom LLMs")
        if "key" in custom:
            yield Failure("key", "only basic custom LLMs take this field")


CUSTOM_LLM = Shape(
    "CustomLlm",
    "Your own LLM endpoint. `key` and `client_secret` are write-only secrets.",
    (
        string("type", "`basic` (an API key) or `oauth2`.", choices=("basic", "oauth2"), default="basic"),
        url("url", "Endpoint URL.", required=True),
        string(
            "key",
            "basic: the API key D-ID sends to your endpoint.",
            secret=True,
            write_only=True,
            min_length=1,
        ),
        string("client_id", "oauth2: client id.", min_length=1),
        string("client_secret", "oauth2: client secret.", secret=True, write_only=True, min_length=1),
        url("token_url", "oauth2: token URL."),
        boolean("streaming", "Whether the endpoint streams."),
        integer("max_messages", "How many messages of the conversation to send.", minimum=1),
        string_map("headers", "Extra request headers.", secret=True),
        boolean("supports_sentiment", "Whether the endpoint returns sentiment."),
        string("version", "basic: API version of the endpoint."),
    ),
    rules=(_custom_rules,),
)


def _llm_rules(llm: Mapping[str, Any]) -> Iterable[Failure]:
    provider = llm.get("provider")
    if provider not in LLM_MODELS:
        return
    models = LLM_MODELS[provider]
    model = llm.get("model")
    if model is not None and not models:
        yield Failure("model", f"{provider} LLMs take no model")
    elif isinstance(model, str) and model not in models:
        yield Failure("model", f"must be one of {', '.join(models)} for provider {provider}")
    if provider == "custom" and "custom" not in llm:
        yield Failure("custom", "required for provider custom (url and credentials)")
    if provider != "custom" and "custom" in llm:
        yield Failure("custom", "only provider custom takes this block")


LLM = Shape(
    "Llm",
    "The language model and how it uses the knowledge base.",
    (
        string(
            "provider",
            "`openai`, `custom`, or (expressive presenters only) `d-id` or `google`.",
            required=True,
            choices=tuple(LLM_MODELS),
        ),
        string("model", "Model of the provider (openai: gpt-4o-mini, gpt-4.1, …).", min_length=1),
        string("instructions", "What the agent does and how it behaves."),
        string(
            "template",
            "`rag-grounded` (knowledge only), `rag-ungrounded` or `assistant`.",
            choices=("rag-grounded", "rag-ungrounded", "assistant"),
        ),
        number("temperature", "0 (predictable) to 1 (creative).", minimum=0, maximum=1),
        obj("prompt_customization", PROMPT_CUSTOMIZATION, "Advanced prompt settings."),
        obj("custom", CUSTOM_LLM, "provider `custom`: your endpoint."),
    ),
    rules=(_llm_rules,),
)


def _trigger_failures(triggers: Any) -> Iterable[Failure]:
    if isinstance(triggers, str | int | float | bool | list):
        yield Failure("triggers", "must be an object keyed by event (chat/end)")
    if not isinstance(triggers, Mapping):
        return
    for event, config in triggers.items():
        where = f"triggers.{event}"
        if event not in TRIGGER_EVENTS:
            yield Failure(where, f"unknown trigger event (known: {', '.join(TRIGGER_EVENTS)})")
            continue
        if not isinstance(config, Mapping):
            continue
        for key in sorted(set(config) - {"webhooks"}):
            yield Failure(f"{where}.{key}", "unknown field (only webhooks)")
        hooks = config.get("webhooks")
        if not isinstance(hooks, list):
            if hooks is None or isinstance(hooks, str | int | float | bool | Mapping):
                yield Failure(f"{where}.webhooks", "must be a list of {url, headers?, auth?}")
            continue
        for index, hook in enumerate(hooks):
            at = f"{where}.webhooks[{index}]"
            if not isinstance(hook, Mapping):
                if isinstance(hook, str | int | float | bool | list) or hook is None:
                    yield Failure(at, "must be an object with url")
                continue
            hook_url = hook.get("url")
            if hook_url is None or (
                isinstance(hook_url, str) and not hook_url.startswith(("http://", "https://"))
            ):
                yield Failure(f"{at}.url", "must be an http(s) URL")
            for key in sorted(set(hook) - {"url", "headers", "auth"}):
                yield Failure(f"{at}.{key}", "unknown field (url, headers, auth)")
            auth = hook.get("auth")
            if auth is not None and not (
                isinstance(auth, Mapping) and isinstance(auth.get("secret_id"), str)
            ):
                yield Failure(f"{at}.auth", "must be {secret_id} or null")


RELEASE_DOCUMENT = Shape(
    "ReleaseDocument",
    "One document of a release; the same fields as a `Document`'s, without the knowledge base.",
    tuple(
        dataclasses.replace(prop, replace=False)  # in a release, a change is a new release
        for prop in DOCUMENT.inputs
        if prop.name in ("source_url", "title", "document_type", "content_hash", "version")
    ),
)

RELEASE = Shape(
    "Release",
    "Blue/green knowledge for this agent (see the README's *Releases and rollback*): a change of the "
    "documents builds a new knowledge base beside the live one, runs the cases against a short-lived "
    "candidate agent, and only then switches the live agent to it with one PATCH.",
    (
        Prop(
            "documents",
            "array",
            f"The release's documents (1 to {MAX_DOCUMENTS_PER_KNOWLEDGE}, a knowledge base's limit).",
            items=Prop("item", "object", "", shape=RELEASE_DOCUMENT),
            required=True,
            min_items=1,
        ),
        string("cases_file", "Path of a conversations.yaml: the gate a release must pass.", min_length=1),
        json("cases", "The gate's cases inline, in the conversations.yaml shape (`{cases: [...]}`)."),
        number("threshold", "Pass mark for every case, overriding the cases' own.", minimum=0, maximum=1),
        integer(
            "keep",
            "Earlier releases kept ready for a rollback (each a knowledge base of the account).",
            default=1,
            minimum=0,
            maximum=3,
        ),
        boolean(
            "gate_settings", "Also send changes of the agent's settings through a candidate and the gate."
        ),
        boolean(
            "keep_candidate", "Keep a failed release's candidate agent and knowledge base for inspection."
        ),
        digest("cases_hash", "SHA-256 of the cases, computed: editing them is a change."),
        string(
            "expect",
            "The release id these documents must make (`r-…`), e.g. the one that passed staging: "
            "preview fails otherwise, so prod gets exactly that release.",
            pattern=r"^r-[0-9a-f]{12}$",
            pattern_hint="a release id, r- and 12 hex digits",
            diff=False,
        ),
    ),
)


def _agent_rules(agent: Mapping[str, Any]) -> Iterable[Failure]:
    presenter, llm = agent.get("presenter"), agent.get("llm")
    provider = llm.get("provider") if isinstance(llm, Mapping) else None
    kind = presenter.get("type") if isinstance(presenter, Mapping) else None
    if provider in EXPRESSIVE_ONLY_LLMS and kind is not None and kind != "expressive":
        yield Failure("llm.provider", f"{provider} LLMs are only supported with expressive presenters")
    if "triggers" in agent:
        yield from _trigger_failures(agent["triggers"])
    release = agent.get("release")
    if isinstance(release, Mapping):
        yield from _release_failures(release, "knowledge_id" in agent)


def _release_failures(release: Mapping[str, Any], bound: bool) -> Iterable[Failure]:
    if bound:
        yield Failure("release", "give knowledge_id or release, not both: a release owns its knowledge bases")
    documents = release.get("documents")
    if isinstance(documents, list) and len(documents) > MAX_DOCUMENTS_PER_KNOWLEDGE:
        yield Failure(
            "release.documents",
            f"{len(documents)} documents, but a knowledge base holds at most {MAX_DOCUMENTS_PER_KNOWLEDGE}",
        )
    if "cases" in release and "cases_file" in release:
        yield Failure("release.cases", "give either cases_file or cases, not both")


AGENT = ResourceSpec(
    name="Agent",
    doc=(
        "A D-ID interactive AI agent: an avatar with a voice, an LLM, optionally grounded on a "
        "knowledge base. `pulumi up` waits until the agent is ready. Everything but `presenter.type` "
        "updates in place; a presenter type change replaces the agent (the old one is deleted first)."
    ),
    inputs=(
        string(
            "name",
            "Display name (the API's `preview_name`).",
            wire="preview_name",
            required=True,
            min_length=1,
            not_blank=True,
        ),
        string("description", "Description (the API's `preview_description`).", wire="preview_description"),
        obj("presenter", PRESENTER, "The avatar and its voice.", required=True),
        obj("llm", LLM, "The language model."),
        identifier("knowledge_id", "Id of the knowledge base the agent answers from.", wire="knowledge.id"),
        strings("greetings", "Greetings; one is picked at random when a chat starts.", default=[]),
        strings("starter_messages", "Suggested first questions.", wire="starter_message", default=[]),
        string(
            "user_data",
            "Free-form data, 1–1,000 characters.",
            min_length=1,
            max_length=1000,
            not_blank=True,
            write_only=True,
        ),
        boolean("embed", "Allow embedding the agent in websites and the SDK.", default=False),
        json("triggers", 'Event triggers, e.g. `{"chat/end": {"webhooks": [{"url": "https://…"}]}}`.'),
        identifier(
            "adopt_id",
            "Take over this existing agent (`agt_…`) on create instead of making one.",
            wire=None,
            diff=False,
        ),
        obj(
            "release", RELEASE, "Ship the agent's knowledge as blue/green releases behind a gate.", wire=None
        ),
    ),
    outputs=(
        string("agent_id", "The agent's id.", wire="id"),
        string("status", "`created` while being prepared, then `done`."),
        string("created", "Creation time."),
        string("modified", "Last modification time."),
        string("owner_id", "Owning account."),
        owner_marker(),
        json_value(
            "releases",
            "Kept releases, oldest first: `id`, `knowledge_id`, `shipped_at`, `documents` (title, "
            "source, hash) and `gate` (passed, cases, failed, summary).",
            wire=None,
        ),
        string("live_release", "The release the live agent answers from.", wire=None),
    ),
    rules=(_agent_rules,),
    delete_before_replace=True,
    stable_outputs=("agent_id", "created", "owner_id"),
)

CLIENT_KEY = ResourceSpec(
    name="ClientKey",
    doc=(
        "A client key of one agent, usable only from its `allowed_domains` (the browser's origin). "
        "`allowed_domains` updates in place; a new agent (or `name`) means a new key. The key itself "
        "is a secret output; the resource id is `agt_…/<fingerprint>` and never the key."
    ),
    inputs=(
        identifier("agent_id", "Id of the agent the key opens.", wire=None, required=True, replace=True),
        Prop(
            "allowed_domains",
            "array",
            "Origins the key works from, e.g. `https://www.example.com`.",
            required=True,
            min_items=1,
            items=Prop("item", "string", "", min_length=1, pattern=r"^\S+$", pattern_hint="an origin"),
        ),
        string("name", "A label for the key.", replace=True, min_length=1, not_blank=True),
        boolean(
            "expose_key",
            "Whether the key is the `client_key` output (a secret; the default). `false` keeps it out "
            "of the state and the engine entirely: `-v=9` logs print every output in clear.",
            wire=None,
            default=True,
        ),
    ),
    outputs=(
        string("key_id", "`agt_…/<fingerprint>`: identifies the key without revealing it.", wire=None),
        string(
            "client_key",
            "The key, for `Authorization: Client-Key …` (secret; absent with `expose_key: false`).",
            secret=True,
        ),
        string("created_at", "Creation time."),
    ),
    stable_outputs=("key_id", "client_key", "created_at"),
)
