"""``check``: every input the API would refuse is caught at preview, naming the field; no API call.

The sessions here have no API key, so literal-id checks (which need the API) are skipped; those
are tested against the emulator in test_references.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pulumi_did_agents.core import (
    UNKNOWN,
    AgentCore,
    ClientKeyCore,
    DocumentCore,
    KnowledgeBaseCore,
    ProviderSettings,
    ResourceCore,
    Session,
)

from .conftest import CLIP_PRESENTER, EMULATOR, OWNER, TALK_PRESENTER, agent_inputs

REAL_API = Session(ProviderSettings(api_url="https://api.d-id.com", owner=OWNER, offline=True))


def failures(core: ResourceCore, news: dict[str, Any]) -> list[str]:
    return [str(f) for f in core.check({}, news).failures]


def agent_failures(**overrides: Any) -> list[str]:
    return failures(AgentCore(EMULATOR), agent_inputs(**overrides))


def test_valid_agent_passes_and_is_normalised() -> None:
    result = AgentCore(EMULATOR).check({}, agent_inputs(greetings=None, embed=None))
    assert result.failures == []
    assert result.inputs["greetings"] == [] and result.inputs["starter_messages"] == []
    assert result.inputs["embed"] is False


def test_user_data_too_long_names_the_field_and_limit() -> None:
    assert agent_failures(user_data="x" * 1500) == ["user_data: must be at most 1000 characters (got 1500)"]


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"name": ""}, "name: must not be empty"),
        ({"name": "   "}, "name: must not be blank"),
        ({"user_data": "  "}, "user_data: must not be blank"),
        ({"presenter": {**CLIP_PRESENTER, "type": "video"}}, "presenter.type: must be one of talk, clip"),
        ({"presenter": {"type": "clip"}}, "presenter.presenter_id: required for clip presenters"),
        ({"presenter": {"type": "talk"}}, "presenter.source_url: required for talk presenters"),
        (
            {"presenter": {**TALK_PRESENTER, "presenter_id": "p"}},
            "presenter.presenter_id: not allowed for talk",
        ),
        (
            {"presenter": {**TALK_PRESENTER, "source_url": "ftp://x/a.png"}},
            "presenter.source_url: must be an http",
        ),
        (
            {"presenter": {**CLIP_PRESENTER, "background": {"color": "red"}}},
            "presenter.background.color: must be a #rrggbb color",
        ),
        (
            {"presenter": {**CLIP_PRESENTER, "voice": {"type": "acme", "voice_id": "v"}}},
            "presenter.voice.type: must be one of microsoft, elevenlabs, azure-openai, amazon",
        ),
        (
            {"presenter": {**CLIP_PRESENTER, "voice": {"type": "microsoft"}}},
            "presenter.voice.voice_id: required for microsoft voices",
        ),
        (
            {
                "presenter": {
                    **CLIP_PRESENTER,
                    "voice": {"type": "elevenlabs", "voice_config": {"stability": 3}},
                }
            },
            "presenter.voice.voice_config.stability: must be between 0 and 1",
        ),
        (
            {"llm": {"provider": "openai", "model": "gpt-3.5-turbo"}},
            "llm.model: must be one of gpt-4o-global",
        ),
        ({"llm": {"provider": "anthropic"}}, "llm.provider: must be one of openai, d-id, google, custom"),
        ({"llm": {"model": "gpt-4o-mini"}}, "llm.provider: is required"),
        ({"llm": {"provider": "openai", "temperature": 1.5}}, "llm.temperature: must be at most 1"),
        ({"llm": {"provider": "openai", "template": "free"}}, "llm.template: must be one of rag-grounded"),
        ({"llm": {"provider": "google", "model": "gemini-2.5-flash"}}, "llm.provider: google LLMs are only"),
        ({"llm": {"provider": "custom"}}, "llm.custom: required for provider custom"),
        (
            {"llm": {"provider": "custom", "custom": {"url": "https://llm.example"}}},
            "llm.custom.key: required for basic custom LLMs",
        ),
        (
            {"llm": {"provider": "custom", "custom": {"type": "oauth2", "url": "https://llm.example"}}},
            "llm.custom.client_id: required for oauth2 custom LLMs",
        ),
        (
            {"llm": {"provider": "openai", "prompt_customization": {"max_response_length": 0}}},
            "llm.prompt_customization.max_response_length: must be at least 1",
        ),
        ({"knowledge_id": ""}, "knowledge_id: must not be empty"),
        ({"knowledge_id": "knl 1"}, "knowledge_id: must be an id (no spaces)"),
        ({"knowledge_id": "knl_1/../x"}, "knowledge_id: must be an id (no spaces)"),
        ({"triggers": {"chat/start": {"webhooks": []}}}, "triggers.chat/start: unknown trigger event"),
        (
            {"triggers": {"chat/end": {"webhooks": [{"url": "ftp://hook"}]}}},
            "triggers.chat/end.webhooks[0].url: must be an http(s) URL",
        ),
        ({"greetings": ["hi", 3]}, "greetings[1]: must be a string"),
        ({"embed": "yes"}, "embed: must be true or false"),
        ({"colour": "red"}, "colour: unknown property"),
    ],
)
def test_bad_agent_inputs_are_refused_naming_the_field(overrides: dict[str, Any], expected: str) -> None:
    found = agent_failures(**overrides)
    assert any(f.startswith(expected) for f in found), found


def test_expressive_presenters_may_use_google() -> None:
    presenter = {"type": "expressive", "presenter_id": "v4_public_x"}
    assert agent_failures(presenter=presenter, llm={"provider": "google", "model": "gemini-3-flash"}) == []


def test_talk_thumbnail_defaults_to_the_photo() -> None:
    inputs = AgentCore(EMULATOR).check({}, agent_inputs(presenter=TALK_PRESENTER)).inputs
    assert inputs["presenter"]["thumbnail"] == TALK_PRESENTER["source_url"]


def test_secret_values_are_not_echoed_in_failures() -> None:
    llm = {"provider": "custom", "custom": {"type": "sideways", "url": "https://x", "key": "sk-TOPSECRET"}}
    found = agent_failures(llm=llm)
    assert found and all("TOPSECRET" not in f for f in found)


def test_unknowns_are_judged_later_and_known_errors_are_still_reported() -> None:
    news = agent_inputs(knowledge_id=UNKNOWN, presenter={**CLIP_PRESENTER, "presenter_id": UNKNOWN})
    assert AgentCore(EMULATOR).check({}, news).failures == []
    news["user_data"] = "x" * 1001
    assert [f.path for f in AgentCore(EMULATOR).check({}, news).failures] == ["user_data"]


def test_whole_floats_of_integer_fields_are_integers() -> None:
    llm = {"provider": "custom", "custom": {"url": "https://x", "key": "k", "max_messages": 5.0}}
    inputs = AgentCore(EMULATOR).check({}, agent_inputs(llm=llm)).inputs
    assert inputs["llm"]["custom"]["max_messages"] == 5 and isinstance(
        inputs["llm"]["custom"]["max_messages"], int
    )
    llm["custom"]["max_messages"] = 2.5
    assert "llm.custom.max_messages: must be a whole number" in agent_failures(llm=llm)


def test_knowledge_base_requires_name_and_description() -> None:
    assert failures(KnowledgeBaseCore(EMULATOR), {"name": "kb"}) == ["description: is required"]
    assert failures(KnowledgeBaseCore(EMULATOR), {"name": " ", "description": "d"}) == [
        "name: must not be blank"
    ]


def test_client_key_needs_domains() -> None:
    core = ClientKeyCore(EMULATOR)
    assert failures(core, {"agent_id": "agt_1", "allowed_domains": []}) == [
        "allowed_domains: must have at least 1 item(s)"
    ]
    assert failures(core, {"agent_id": "", "allowed_domains": ["https://a"]}) == [
        "agent_id: must not be empty"
    ]


# --- documents ----------------------------------------------------------------------------------


def doc(source_url: Any, **extra: Any) -> dict[str, Any]:
    return {"knowledge_id": "knl_1", "source_url": source_url, "title": "Guide", **extra}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x/guide.pdf", "pdf"),
        ("https://x/deck.PPTX", "powerpoint"),
        ("https://x/guide.md", "text"),
        ("https://x/page", "text"),
    ],
)
def test_document_type_is_inferred_from_the_url(url: str, expected: str) -> None:
    assert DocumentCore(EMULATOR).check({}, doc(url)).inputs["document_type"] == expected


def test_document_type_must_be_one_the_api_accepts_on_create() -> None:
    assert failures(DocumentCore(EMULATOR), doc("https://x/a.md", document_type="markdown")) == [
        "document_type: must be one of pdf, text, powerpoint (got 'markdown')"
    ]


def test_document_type_waits_for_an_unknown_url() -> None:
    assert DocumentCore(EMULATOR).check({}, doc(UNKNOWN)).inputs["document_type"] is UNKNOWN


def test_local_source_content_is_hashed(tmp_path: Path) -> None:
    path = tmp_path / "guide.md"
    path.write_text("Returns within 30 days.\n")
    first = DocumentCore(EMULATOR).check({}, doc(path.as_uri())).inputs["content_hash"]
    path.write_text("Returns within 60 days.\n")
    second = DocumentCore(EMULATOR).check({}, doc(path.as_uri())).inputs["content_hash"]
    assert first.startswith("sha256:") and first != second


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("missing.md", None, "does not exist"),
        ("empty.md", b"", "is not valid text: it is empty"),
        ("latin1.txt", "café".encode("latin-1"), "is not valid text: it is not UTF-8"),
        ("fake.pdf", b"hello", "is not valid pdf: it does not start with %PDF-"),
    ],
)
def test_local_sources_must_exist_and_parse(
    tmp_path: Path, name: str, content: bytes | None, expected: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    found = failures(DocumentCore(EMULATOR), doc(path.as_uri()))
    assert len(found) == 1 and found[0].startswith("source_url: local file") and expected in found[0], found


def test_local_and_data_sources_are_refused_against_the_real_api(tmp_path: Path) -> None:
    path = tmp_path / "guide.md"
    path.write_text("x")
    for url in (path.as_uri(), "data:text/plain,hello"):
        found = failures(DocumentCore(REAL_API), doc(url))
        assert len(found) == 1 and "read only by the local emulator" in found[0], found


def test_schemes_the_api_cannot_fetch_are_refused() -> None:
    assert failures(DocumentCore(REAL_API), doc("s3://bucket/guide.md")) == [
        "source_url: the API fetches only http(s) URLs, not s3:"
    ]
    assert failures(DocumentCore(REAL_API), doc("guide.md")) == ["source_url: must be an absolute URL"]
