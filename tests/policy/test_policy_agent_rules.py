"""Agent rules: knowledge base in production, instructions, embedding, name pattern."""

from __future__ import annotations

from typing import Any

import policies
import pytest
from pulumi_policy.proxy import UNKNOWN_BOOLEAN_VALUE, UNKNOWN_OBJECT_VALUE, UNKNOWN_STRING_VALUE

AGENT = policies.AGENT_TYPE


def agent_props(**overrides: Any) -> dict[str, Any]:
    props: dict[str, Any] = {
        "name": "support-agent",
        "description": "Answers product questions",
        "presenter": {"type": "clip", "presenter_id": "v2_public_Amber@0zSz8kflCN"},
        "llm": {"provider": "openai", "model": "gpt-4o-mini", "instructions": "Answer from the handbook."},
        "knowledge_id": "knl_abc12345",
        "embed": False,
    }
    props.update(overrides)
    return {key: value for key, value in props.items() if value is not None}


# ---------------------------------------------------------------- agent-requires-knowledge-base-in-production

RULE_KB = policies.agent_requires_knowledge_base_in_production


def test_agent_with_knowledge_base_passes_in_prod(resource_args, violations) -> None:
    RULE_KB.validate(resource_args(AGENT, agent_props(), stack="prod"), violations)
    assert violations == []


@pytest.mark.parametrize("knowledge_id", [None, "", "   "])
def test_agent_without_knowledge_base_violates_in_prod(resource_args, violations, knowledge_id) -> None:
    props = agent_props(knowledge_id=None)
    if knowledge_id is not None:
        props["knowledge_id"] = knowledge_id
    RULE_KB.validate(resource_args(AGENT, props, name="support", stack="prod"), violations)
    assert len(violations) == 1
    assert "Agent 'support' has no knowledge_id" in violations.messages[0]


def test_agent_with_a_release_is_grounded_in_prod(resource_args, violations) -> None:
    release = {"documents": [{"source_url": "https://example.com/faq.md", "title": "FAQ"}]}
    props = {"name": "support", "release": release}
    RULE_KB.validate(resource_args(policies.AGENT_TYPE, props, stack="prod"), violations)
    assert violations == []


def test_agent_without_knowledge_base_passes_outside_prod(resource_args, violations) -> None:
    RULE_KB.validate(resource_args(AGENT, agent_props(knowledge_id=None), stack="dev"), violations)
    assert violations == []


def test_production_stacks_are_configurable(resource_args, violations) -> None:
    config = {"productionStacks": ["live", "prod-*"]}
    for stack in ("live", "prod-eu"):
        RULE_KB.validate(
            resource_args(AGENT, agent_props(knowledge_id=None), stack=stack, config=config), violations
        )
    RULE_KB.validate(
        resource_args(AGENT, agent_props(knowledge_id=None), stack="prod", config=config), violations
    )
    assert len(violations) == 2  # "prod" itself is no longer listed


def test_unknown_knowledge_id_is_not_a_violation(resource_args, violations) -> None:
    props = agent_props(knowledge_id=UNKNOWN_STRING_VALUE)
    RULE_KB.validate(resource_args(AGENT, props, stack="prod"), violations)
    assert violations == []


def test_rule_ignores_other_resource_types(resource_args, violations) -> None:
    RULE_KB.validate(resource_args(policies.KNOWLEDGE_BASE_TYPE, {"name": "kb"}, stack="prod"), violations)
    assert violations == []


# ---------------------------------------------------------------- agent-instructions-not-empty

RULE_INSTRUCTIONS = policies.agent_instructions_not_empty


def test_agent_with_instructions_passes(resource_args, violations) -> None:
    RULE_INSTRUCTIONS.validate(resource_args(AGENT, agent_props()), violations)
    assert violations == []


@pytest.mark.parametrize(
    "llm",
    [
        None,
        {"provider": "openai", "model": "gpt-4o-mini"},
        {"provider": "openai", "instructions": ""},
        {"provider": "openai", "instructions": " \n\t "},
    ],
    ids=["no-llm", "no-instructions", "empty", "whitespace"],
)
def test_agent_with_blank_instructions_violates(resource_args, violations, llm) -> None:
    RULE_INSTRUCTIONS.validate(resource_args(AGENT, agent_props(llm=llm), name="bot"), violations)
    assert len(violations) == 1
    assert "Agent 'bot' has no llm.instructions" in violations.messages[0]


@pytest.mark.parametrize(
    "llm",
    [UNKNOWN_OBJECT_VALUE, {"provider": "openai", "instructions": UNKNOWN_STRING_VALUE}],
    ids=["llm-unknown", "instructions-unknown"],
)
def test_unknown_instructions_are_not_a_violation(resource_args, violations, llm) -> None:
    RULE_INSTRUCTIONS.validate(resource_args(AGENT, agent_props(llm=llm)), violations)
    assert violations == []


# ---------------------------------------------------------------- embedding-only-where-allowed

RULE_EMBED = policies.embedding_only_where_allowed


def test_embed_true_violates_by_default(resource_args, violations) -> None:
    RULE_EMBED.validate(resource_args(AGENT, agent_props(embed=True), name="web"), violations)
    assert len(violations) == 1
    assert "Agent 'web' sets embed=True" in violations.messages[0]


def test_embed_true_passes_when_allowed(resource_args, violations) -> None:
    RULE_EMBED.validate(
        resource_args(AGENT, agent_props(embed=True), config={"allowEmbed": True}), violations
    )
    assert violations == []


@pytest.mark.parametrize("embed", [False, None, UNKNOWN_BOOLEAN_VALUE], ids=["false", "absent", "unknown"])
def test_embed_not_true_passes(resource_args, violations, embed) -> None:
    RULE_EMBED.validate(resource_args(AGENT, agent_props(embed=embed)), violations)
    assert violations == []


def test_embed_rejects_mistyped_config(resource_args, violations) -> None:
    with pytest.raises(ValueError, match="allowEmbed"):
        RULE_EMBED.validate(
            resource_args(AGENT, agent_props(embed=True), config={"allowEmbed": "yes"}), violations
        )


# ---------------------------------------------------------------- agent-name-pattern

RULE_NAME = policies.agent_name_pattern


@pytest.mark.parametrize("name", ["support-agent", "abc", "a" + "b" * 62, "bot-2"])
def test_agent_name_matching_default_pattern_passes(resource_args, violations, name) -> None:
    RULE_NAME.validate(resource_args(AGENT, agent_props(name=name)), violations)
    assert violations == []


@pytest.mark.parametrize("name", ["Support Agent", "ab", "2fast", "a" + "b" * 63, "bot_1", "bot-\n"])
def test_agent_name_not_matching_default_pattern_violates(resource_args, violations, name) -> None:
    RULE_NAME.validate(resource_args(AGENT, agent_props(name=name), name="r"), violations)
    assert len(violations) == 1
    assert f"Agent 'r' has name {name!r}" in violations.messages[0]


def test_agent_name_pattern_is_configurable(resource_args, violations) -> None:
    config = {"pattern": r"team-[a-z]+-.+"}
    RULE_NAME.validate(resource_args(AGENT, agent_props(name="team-cx-support"), config=config), violations)
    assert violations == []
    RULE_NAME.validate(resource_args(AGENT, agent_props(name="support-agent"), config=config), violations)
    assert len(violations) == 1


def test_agent_name_invalid_pattern_is_reported(resource_args, violations) -> None:
    RULE_NAME.validate(resource_args(AGENT, agent_props(), config={"pattern": "("}), violations)
    assert len(violations) == 1
    assert "not a valid regular expression" in violations.messages[0]


@pytest.mark.parametrize("name", [None, UNKNOWN_STRING_VALUE], ids=["absent", "unknown"])
def test_agent_name_absent_or_unknown_passes(resource_args, violations, name) -> None:
    RULE_NAME.validate(resource_args(AGENT, agent_props(name=name)), violations)
    assert violations == []


def test_agent_name_rule_ignores_knowledge_bases(resource_args, violations) -> None:
    RULE_NAME.validate(resource_args(policies.KNOWLEDGE_BASE_TYPE, {"name": "Bad Name"}), violations)
    assert violations == []
