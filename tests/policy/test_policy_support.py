"""Helpers shared by the rules: property access with unknowns, stack detection, config readers, tokens."""

from __future__ import annotations

import importlib

import pack_settings
import policies
import pulumi
import pytest
from pulumi_policy.proxy import UNKNOWN_OBJECT_VALUE, UNKNOWN_STRING_VALUE, unknown_checking_proxy


def test_prop_reads_nested_values_absent_and_unknown() -> None:
    props = unknown_checking_proxy(
        {"llm": {"instructions": "hi", "model": UNKNOWN_STRING_VALUE}, "presenter": UNKNOWN_OBJECT_VALUE}
    )
    assert policies.prop(props, "llm", "instructions") == "hi"
    assert policies.prop(props, "llm", "model") is policies.UNKNOWN
    assert policies.prop(props, "presenter", "type") is policies.UNKNOWN
    assert policies.prop(props, "llm", "temperature") is None
    assert policies.prop(props, "missing", "deeper") is None


def test_prop_recognises_raw_sentinels_in_plain_dicts() -> None:
    assert policies.prop({"knowledge_id": UNKNOWN_STRING_VALUE}, "knowledge_id") is policies.UNKNOWN


def test_unknown_refuses_truthiness() -> None:
    with pytest.raises(TypeError):
        bool(policies.UNKNOWN)


@pytest.mark.parametrize(
    ("urn", "expected"),
    [
        ("urn:pulumi:prod::did-fleet::pulumi-python:dynamic/didagents:Agent::a", "prod"),
        ("urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev", "dev"),
    ],
)
def test_stack_name_comes_from_the_urn(urn: str, expected: str) -> None:
    assert policies.stack_name(urn) == expected


def test_stack_name_falls_back_to_the_runtime_stack(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pulumi, "get_stack", lambda: "production")
    assert policies.stack_name("not-a-urn") == "production"
    monkeypatch.setattr(pulumi, "get_stack", lambda: "stack")  # the SDK's "not configured" answer
    assert policies.stack_name("not-a-urn") is None
    assert policies.is_production("not-a-urn", {}) is False


def test_config_readers() -> None:
    config = {"stacks": ["a", "b"], "flag": True, "count": 3.0, "text": "x"}
    assert pack_settings.string_list(config, "stacks", ()) == ("a", "b")
    assert pack_settings.string_list(config, "absent", ("d",)) == ("d",)
    assert pack_settings.boolean(config, "flag", False) is True
    assert pack_settings.integer(config, "count", 1, minimum=1) == 3
    assert pack_settings.string(config, "text", "y") == "x"
    with pytest.raises(ValueError, match="stacks"):
        pack_settings.string_list({"stacks": "prod"}, "stacks", ())
    with pytest.raises(ValueError, match="text"):
        pack_settings.string({"text": 1}, "text", "")


def test_every_rule_is_registered_once_with_kebab_case_name() -> None:
    names = [policy.name for policy in policies.POLICIES]
    assert len(names) == len(set(names)) == 7
    assert all(name == name.lower() and " " not in name and "_" not in name for name in names)


def test_tokens_are_the_provider_resource_types() -> None:
    """The rules match on these exact tokens; renaming them would also change every resource URN."""
    assert policies.AGENT_TYPE == "pulumi-python:dynamic/didagents:Agent"
    assert policies.KNOWLEDGE_BASE_TYPE == "pulumi-python:dynamic/didagents:KnowledgeBase"
    assert policies.DOCUMENT_TYPE == "pulumi-python:dynamic/didagents:Document"


def test_tokens_match_the_resources_the_provider_registers() -> None:
    provider = importlib.import_module("pulumi_did_agents")
    names = ("AGENT_TYPE", "KNOWLEDGE_BASE_TYPE", "DOCUMENT_TYPE")
    exported = {name: getattr(provider, name) for name in names}
    assert f"pulumi-python:{provider.Agent._resource_type_name}" == policies.AGENT_TYPE
    assert exported == {
        "AGENT_TYPE": policies.AGENT_TYPE,
        "KNOWLEDGE_BASE_TYPE": policies.KNOWLEDGE_BASE_TYPE,
        "DOCUMENT_TYPE": policies.DOCUMENT_TYPE,
    }
