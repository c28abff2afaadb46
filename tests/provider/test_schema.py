"""schema.json describes exactly what the code exposes (inputs, outputs, secrets, config)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

import pulumi_did_agents as didagents
from pulumi_did_agents.resources import _schemas
from pulumi_did_agents.resources._agent_mapping import AGENT_OUTPUT_KEYS
from pulumi_did_agents.resources.document import DOCUMENT_OUTPUT_KEYS
from pulumi_did_agents.resources.knowledge_base import KNOWLEDGE_BASE_OUTPUT_KEYS

SCHEMA: dict[str, Any] = json.loads((Path(__file__).resolve().parents[2] / "schema.json").read_text())

RESOURCES = {
    "Agent": (
        didagents.Agent,
        didagents.AgentProvider,
        didagents.AgentArgs,
        didagents.AgentArgsDict,
        didagents.AGENT_TYPE,
        AGENT_OUTPUT_KEYS,
        {"client_key"},
    ),
    "KnowledgeBase": (
        didagents.KnowledgeBase,
        didagents.KnowledgeBaseProvider,
        didagents.KnowledgeBaseArgs,
        didagents.KnowledgeBaseArgsDict,
        didagents.KNOWLEDGE_BASE_TYPE,
        KNOWLEDGE_BASE_OUTPUT_KEYS,
        set(),
    ),
    "Document": (
        didagents.Document,
        didagents.DocumentProvider,
        didagents.DocumentArgs,
        didagents.DocumentArgsDict,
        didagents.DOCUMENT_TYPE,
        DOCUMENT_OUTPUT_KEYS,
        set(),
    ),
}

TYPES: dict[str, tuple[type[BaseModel], type[Any], type[Any]]] = {
    "Presenter": (_schemas.PresenterInputs, didagents.PresenterArgs, didagents.PresenterArgsDict),
    "Voice": (_schemas.VoiceInputs, didagents.VoiceArgs, didagents.VoiceArgsDict),
    "Background": (_schemas.BackgroundInputs, didagents.BackgroundArgs, didagents.BackgroundArgsDict),
    "Llm": (_schemas.LlmInputs, didagents.LlmArgs, didagents.LlmArgsDict),
    "PromptCustomization": (
        _schemas.PromptCustomizationInputs,
        didagents.PromptCustomizationArgs,
        didagents.PromptCustomizationArgsDict,
    ),
    "CustomLlm": (_schemas.CustomLlmInputs, didagents.CustomLlmArgs, didagents.CustomLlmArgsDict),
}


def required_dataclass_fields(cls: type[Any]) -> set[str]:
    return {
        f.name
        for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }


def test_package_and_config() -> None:
    assert SCHEMA["name"] == "didagents"
    variables = SCHEMA["config"]["variables"]
    expected = {
        key.split(":", 1)[1]
        for key in (
            didagents.CONFIG_API_URL,
            didagents.CONFIG_API_KEY,
            didagents.CONFIG_MAX_RETRIES,
            didagents.CONFIG_WAIT_TIMEOUT,
        )
    }
    assert set(variables) == expected
    assert variables["apiKey"]["secret"] is True
    assert not variables["apiUrl"].get("secret", False)
    assert variables["apiUrl"]["default"] == didagents.client.DEFAULT_BASE_URL
    assert set(SCHEMA["resources"]) == {f"didagents:index:{name}" for name in RESOURCES}


@pytest.mark.parametrize("name", list(RESOURCES))
def test_resource_matches_code(name: str) -> None:
    resource_cls, provider_cls, args_cls, args_dict, token, output_keys, secrets = RESOURCES[name]
    spec = SCHEMA["resources"][f"didagents:index:{name}"]
    assert spec["aliases"] == [{"type": token}]

    inputs = set(spec["inputProperties"])
    assert inputs == set(provider_cls.input_keys)
    assert inputs == set(provider_cls.inputs_model.model_fields)
    assert inputs == {f.name for f in dataclasses.fields(args_cls)} == set(args_dict.__annotations__)

    required = set(spec["requiredInputs"])
    assert required == required_dataclass_fields(args_cls)
    # document_type is required after check() (it is inferred), optional for the user.
    assert required == {k for k, f in provider_cls.inputs_model.model_fields.items() if f.is_required()} - {
        "document_type"
    }

    properties = set(spec["properties"])
    assert properties == inputs | set(output_keys)
    assert properties == set(resource_cls.__annotations__)  # the typed Output attributes
    assert {k for k, v in spec["properties"].items() if v.get("secret")} == secrets
    assert set(spec["required"]) >= required | (set(output_keys) - {"error"})


@pytest.mark.parametrize("name", list(TYPES))
def test_nested_types_match_code(name: str) -> None:
    model, args_cls, args_dict = TYPES[name]
    spec = SCHEMA["types"][f"didagents:index:{name}"]
    assert set(spec["properties"]) == set(model.model_fields)
    assert (
        set(spec["properties"])
        == {f.name for f in dataclasses.fields(args_cls)}
        == set(args_dict.__annotations__)
    )
    assert set(spec.get("required", [])) == {k for k, f in model.model_fields.items() if f.is_required()}


def test_write_only_llm_secrets_are_marked() -> None:
    custom = SCHEMA["types"]["didagents:index:CustomLlm"]["properties"]
    assert custom["key"]["secret"] is True and custom["client_secret"]["secret"] is True


def test_every_ref_resolves() -> None:
    text = json.dumps(SCHEMA)
    for ref in {part.split('"')[0] for part in text.split('"$ref": "')[1:]}:
        if ref == "pulumi.json#/Any":
            continue
        assert ref.startswith("#/types/") and ref.removeprefix("#/types/") in SCHEMA["types"], ref
