"""The policy pack reads native properties by their schema names, nested ones too."""

from __future__ import annotations


def test_the_policy_pack_reads_native_properties_by_their_schema_names() -> None:
    from policy.policies import AGENT_TYPE, NATIVE_AGENT_TYPE, field

    native = {"llm": {"promptCustomization": {"maxResponseLength": 40}}}
    dynamic = {"llm": {"prompt_customization": {"max_response_length": 40}}}
    path = ("llm", "prompt_customization", "max_response_length")
    assert field(NATIVE_AGENT_TYPE, native, *path) == 40
    assert field(AGENT_TYPE, dynamic, *path) == 40
