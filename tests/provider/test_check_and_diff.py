"""check() and diff() need no API: validation, normalisation, unknowns, update vs replace."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.output import UNKNOWN, Unknown

import pulumi_did_agents as didagents

from .conftest import TALK_PRESENTER, agent_inputs

AGENT = didagents.AgentProvider()
KB = didagents.KnowledgeBaseProvider()
DOC = didagents.DocumentProvider()


def checked(provider: Any, news: dict[str, Any]) -> dict[str, Any]:
    result = provider.check({}, {**news, "__provider": "blob"})
    assert result.failures == [], [f.reason for f in result.failures]
    assert "__provider" not in result.inputs
    return dict(result.inputs)


def failures(provider: Any, news: dict[str, Any]) -> dict[str, str]:
    return {f.property: f.reason for f in provider.check({}, news).failures}


def state(provider: Any, news: dict[str, Any], **outputs: Any) -> dict[str, Any]:
    """What diff() receives as olds: checked inputs + outputs + the provider blob."""
    return {**checked(provider, news), **outputs, "__provider": "old-blob"}


# --- check ---------------------------------------------------------------------------------------


def test_user_data_too_long_names_the_field() -> None:
    found = failures(AGENT, agent_inputs(user_data="x" * 1500))
    assert list(found) == ["user_data"]
    assert "1000" in found["user_data"]


def test_each_bad_field_is_reported() -> None:
    found = failures(
        AGENT,
        agent_inputs(
            name="",
            presenter={"type": "talk"},
            llm={"temperature": 3, "template": "freestyle"},
            user_data="   ",
        ),
    )
    assert set(found) == {"name", "presenter", "llm.temperature", "llm.template", "user_data"}
    assert "source_url" in found["presenter"]


def test_unknown_properties_are_rejected() -> None:
    assert "colour" in failures(AGENT, agent_inputs(colour="blue"))


def test_output_only_keys_as_none_are_ignored() -> None:
    assert failures(AGENT, agent_inputs(agent_id=None, client_key=UNKNOWN)) == {}


def test_secret_values_are_not_echoed_in_failures() -> None:
    found = failures(
        AGENT, agent_inputs(llm={"provider": "custom", "custom": {"url": "nope", "key": "sk-LEAK"}})
    )
    assert "llm.custom.url" in found
    assert all("sk-LEAK" not in reason for reason in found.values())


def test_agent_defaults_are_normalised() -> None:
    inputs = checked(AGENT, {"name": "Ada", "presenter": {"type": "clip", "presenter_id": "v2_public_Amber"}})
    assert inputs == {
        "name": "Ada",
        "presenter": {"type": "clip", "presenter_id": "v2_public_Amber"},
        "greetings": [],
        "starter_messages": [],
        "embed": False,
    }
    assert checked(AGENT, {**inputs, "triggers": {}, "greetings": []}) == inputs


def test_custom_llm_defaults_to_basic() -> None:
    inputs = checked(
        AGENT, agent_inputs(llm={"provider": "custom", "custom": {"url": "https://llm.test", "key": "k"}})
    )
    assert inputs["llm"]["custom"]["type"] == "basic"


def test_unknowns_are_skipped_in_preview() -> None:
    news = agent_inputs(
        name=UNKNOWN,
        knowledge_id=UNKNOWN,
        presenter={"type": "talk", "source_url": UNKNOWN},
        greetings=[UNKNOWN],
    )
    result = AGENT.check({}, news)
    assert result.failures == []
    assert isinstance(result.inputs["name"], Unknown)
    assert isinstance(result.inputs["presenter"]["source_url"], Unknown)


def test_known_errors_still_reported_next_to_unknowns() -> None:
    found = failures(AGENT, agent_inputs(name=UNKNOWN, user_data="x" * 1001))
    assert list(found) == ["user_data"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.test/a.PDF", "pdf"),
        ("https://x.test/a.html?x=1", "html"),
        ("https://x.test/a.htm", "html"),
        ("https://x.test/readme.md", "markdown"),
        ("https://x.test/data.csv", "csv"),
        ("https://x.test/data.json#top", "json"),
        ("https://x.test/notes", "text"),
        ("https://x.test/notes.txt", "text"),
    ],
)
def test_document_type_is_inferred(url: str, expected: str) -> None:
    inputs = checked(DOC, {"knowledge_id": "knl_a", "source_url": url, "title": "T"})
    assert inputs["document_type"] == expected


def test_document_type_explicit_wins_and_is_validated() -> None:
    news = {"knowledge_id": "knl_a", "source_url": "https://x.test/a.pdf", "title": "T"}
    assert checked(DOC, {**news, "document_type": "text"})["document_type"] == "text"
    assert "document_type" in failures(DOC, {**news, "document_type": "website"})


def test_document_type_not_inferred_from_unknown_url() -> None:
    result = DOC.check({}, {"knowledge_id": UNKNOWN, "source_url": UNKNOWN, "title": "T"})
    assert result.failures == [] and isinstance(result.inputs["document_type"], Unknown)


def test_knowledge_base_requires_name_and_description() -> None:
    assert set(failures(KB, {"name": "Docs"})) == {"description"}


# --- diff ----------------------------------------------------------------------------------------


def test_identical_inputs_give_no_diff() -> None:
    olds = state(AGENT, agent_inputs(), agent_id="agt_1", status="done", client_key="ck")
    result = AGENT.diff("agt_1", olds, checked(AGENT, agent_inputs()))
    assert result.changes is False and result.replaces == []


def test_provider_blob_is_never_compared() -> None:
    olds = state(KB, {"name": "a", "description": "b"}, knowledge_id="knl_1")
    news = {**checked(KB, {"name": "a", "description": "b"}), "__provider": "a-different-pickle"}
    assert KB.diff("knl_1", olds, news).changes is False


@pytest.mark.parametrize(
    "change",
    [
        {"name": "Bea"},
        {"description": "Other"},
        {"llm": {"provider": "openai", "model": "gpt-4.1", "instructions": "Answer briefly."}},
        {"llm": {"provider": "openai", "model": "gpt-4o-mini", "instructions": "Be verbose."}},
        {"presenter": {**TALK_PRESENTER, "voice": {"type": "microsoft", "voice_id": "en-US-GuyNeural"}}},
        {"presenter": {**TALK_PRESENTER, "source_url": "https://example.com/bea.png"}},
        {"greetings": ["Hello"]},
        {"starter_messages": ["What can you do?"]},
        {"knowledge_id": "knl_2"},
        {"user_data": "tier=silver"},
        {"embed": True},
        {"triggers": {"chat/end": {"webhooks": [{"url": "https://hook.test"}]}}},
    ],
)
def test_agent_fields_update_in_place(change: dict[str, Any]) -> None:
    olds = state(AGENT, agent_inputs(), agent_id="agt_1")
    result = AGENT.diff("agt_1", olds, checked(AGENT, agent_inputs(**change)))
    assert result.changes is True and result.replaces == []


def test_presenter_type_change_replaces() -> None:
    olds = state(AGENT, agent_inputs(), agent_id="agt_1")
    news = checked(AGENT, agent_inputs(presenter={"type": "expressive", "presenter_id": "v4_public_Amber"}))
    result = AGENT.diff("agt_1", olds, news)
    assert result.changes is True and result.replaces == ["presenter"]


def test_unknown_counts_as_change_and_unknown_type_replaces() -> None:
    olds = state(AGENT, agent_inputs(), agent_id="agt_1")
    news = checked(AGENT, agent_inputs())
    assert AGENT.diff("agt_1", olds, {**news, "knowledge_id": UNKNOWN}).replaces == []
    assert AGENT.diff("agt_1", olds, {**news, "knowledge_id": UNKNOWN}).changes is True
    unknown_type = {**news, "presenter": {**news["presenter"], "type": UNKNOWN}}
    assert AGENT.diff("agt_1", olds, unknown_type).replaces == ["presenter"]


def test_adopt_id_is_ignored_by_diff() -> None:
    olds = state(KB, {"name": "a", "description": "b", "adopt_id": "knl_1"}, knowledge_id="knl_1")
    assert KB.diff("knl_1", olds, checked(KB, {"name": "a", "description": "b"})).changes is False


def test_knowledge_base_updates_in_place() -> None:
    olds = state(KB, {"name": "a", "description": "b"}, knowledge_id="knl_1")
    result = KB.diff("knl_1", olds, checked(KB, {"name": "a2", "description": "b"}))
    assert result.changes is True and result.replaces == []


@pytest.mark.parametrize(
    "change",
    [
        {"knowledge_id": "knl_2"},
        {"source_url": "https://x.test/b.md"},
        {"title": "New title"},
        {"document_type": "text"},
        {"webhook": "https://hook.test/doc"},
    ],
)
def test_every_document_input_replaces(change: dict[str, Any]) -> None:
    base = {"knowledge_id": "knl_1", "source_url": "https://x.test/a.md", "title": "A"}
    olds = state(DOC, base, document_id="knl_1#doc_1")
    result = DOC.diff("knl_1#doc_1", olds, checked(DOC, {**base, **change}))
    assert result.changes is True and result.replaces == list(change)
    assert result.delete_before_replace is None  # Pulumi's default: create the new one first


def test_document_no_diff_when_type_was_inferred() -> None:
    base = {"knowledge_id": "knl_1", "source_url": "https://x.test/a.md", "title": "A"}
    olds = state(DOC, base, document_id="knl_1#doc_1")
    assert DOC.diff("knl_1#doc_1", olds, checked(DOC, {**base, "document_type": "markdown"})).changes is False
