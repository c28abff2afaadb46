"""The engine's property bags ↔ core values: exact secret paths, unknowns, names through the spec."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_did_agents.core import UNKNOWN, ProviderError
from pulumi_did_agents.native.marshal import (
    SECRET_SIG,
    SIG_KEY,
    UNKNOWN_SENTINEL,
    declared_secrets,
    decode,
    encode,
    engine_path,
    from_core,
    to_core,
)
from pulumi_did_agents.spec import AGENT, CLIENT_KEY

AGENT_CORE: dict[str, Any] = {
    "name": "Ada",
    "presenter": {
        "type": "clip",
        "presenter_id": "p",
        "voice": {"type": "elevenlabs", "voice_config": {"use_speaker_boost": True}},
    },
    "llm": {
        "provider": "custom",
        "custom": {"url": "https://llm.example.com", "key": "sk-1", "headers": {"X-Api_Key": "h"}},
    },
    "starter_messages": ["Hi?"],
    "triggers": {"chat/end": {"webhooks": [{"url": "https://hook.example.com", "auth": {"secret_id": "s"}}]}},
}
AGENT_ENGINE: dict[str, Any] = {
    "name": "Ada",
    "presenter": {
        "type": "clip",
        "presenterId": "p",
        "voice": {"type": "elevenlabs", "voiceConfig": {"use_speaker_boost": True}},
    },
    "llm": {
        "provider": "custom",
        "custom": {"url": "https://llm.example.com", "key": "sk-1", "headers": {"X-Api_Key": "h"}},
    },
    "starterMessages": ["Hi?"],
    "triggers": {"chat/end": {"webhooks": [{"url": "https://hook.example.com", "auth": {"secret_id": "s"}}]}},
}


def test_names_follow_the_spec_and_leave_json_and_map_keys_alone() -> None:
    assert from_core(AGENT.inputs, AGENT_CORE) == AGENT_ENGINE
    assert to_core(AGENT.inputs, AGENT_ENGINE) == (AGENT_CORE, [])


def test_unknown_keys_are_reported_in_the_programs_spelling_and_not_passed_on() -> None:
    values, failures = to_core(
        AGENT.inputs, {"name": "Ada", "presenter": {"type": "clip", "presenter_id": "p"}, "colour": 1}
    )

    assert values == {"name": "Ada", "presenter": {"type": "clip"}}
    assert [f.path for f in failures] == ["presenter.presenter_id", "colour"]
    assert "presenterId" in failures[0].reason and "starterMessages" in failures[1].reason


def test_engine_paths_rename_declared_segments_only() -> None:
    assert engine_path(AGENT.inputs, "presenter.voice.voice_id") == "presenter.voice.voiceId"
    assert engine_path(AGENT.inputs, "starter_messages[2]") == "starterMessages[2]"
    assert (
        engine_path(AGENT.inputs, "triggers.chat/end.webhooks[0].url") == "triggers.chat/end.webhooks[0].url"
    )
    assert engine_path(AGENT.inputs, "llm.custom.headers.X-Api_Key") == "llm.custom.headers.X-Api_Key"
    assert engine_path((*CLIENT_KEY.inputs, *CLIENT_KEY.outputs), "key_id") == "keyId"
    assert engine_path(AGENT.inputs, "not_declared.x_y") == "not_declared.x_y"


def test_bags_round_trip_with_unknowns_and_secrets_at_exact_paths() -> None:
    values = {
        "llm": {"provider": "custom", "custom": {"key": "sk-1", "url": UNKNOWN}},
        "greetings": ["a", "b"],
        "embed": False,
    }
    struct = encode(values, {("llm", "custom", "key"), ("greetings", 1)})

    raw = struct.fields["llm"].struct_value.fields["custom"].struct_value.fields
    assert raw["key"].struct_value.fields[SIG_KEY].string_value == SECRET_SIG
    assert raw["url"].string_value == UNKNOWN_SENTINEL
    assert (
        struct.fields["llm"].struct_value.fields["provider"].string_value == "custom"
    )  # only the key is secret
    bag = decode(struct)
    assert bag.values == values
    assert bag.secrets == {("llm", "custom", "key"), ("greetings", 1)}


def test_secret_paths_absent_from_the_values_are_ignored() -> None:
    assert decode(encode({"name": "x"}, {("llm", "custom", "key")})).secrets == set()


def test_declared_secrets_are_found_through_nested_objects() -> None:
    assert declared_secrets(AGENT.inputs, AGENT_ENGINE) == {
        ("llm", "custom", "key"),
        ("llm", "custom", "headers"),
    }
    assert declared_secrets(
        (*CLIENT_KEY.inputs, *CLIENT_KEY.outputs), {"clientKey": "ck", "name": "web"}
    ) == {("clientKey",)}


def test_assets_and_resource_references_are_refused_with_the_path() -> None:
    struct = encode({"presenter": {"sourceUrl": {SIG_KEY: "c44067f5952c0a294b673a41bacd8c17", "uri": "x"}}})
    with pytest.raises(ProviderError, match=r"presenter\.sourceUrl: assets"):
        decode(struct)
