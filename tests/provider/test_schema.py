"""One declared shape: schema.json and the typed args are generated from it and never stale, and
a field added to a declaration reaches args, wire mapping, diff and schema at once."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from pulumi_did_agents.codegen import build_schema, generate_exports, generate_python
from pulumi_did_agents.core.diff import plan_diff
from pulumi_did_agents.core.wire import from_wire, to_wire
from pulumi_did_agents.spec import AGENT, RESOURCES, Prop

ROOT = Path(__file__).resolve().parents[2]
REGENERATE = "run `make generate` (python -m pulumi_did_agents.codegen)"


def test_schema_json_is_generated_from_the_declarations() -> None:
    assert json.loads((ROOT / "schema.json").read_text()) == build_schema(), (
        f"schema.json is stale: {REGENERATE}"
    )


def test_typed_args_are_generated_from_the_declarations() -> None:
    generated = ROOT / "provider" / "pulumi_did_agents" / "dynamic" / "_generated.py"
    assert generated.read_text() == generate_python(), f"dynamic/_generated.py is stale: {REGENERATE}"


def test_schema_tokens_and_names() -> None:
    schema = build_schema()
    assert schema["name"] == "didagents"
    assert sorted(schema["resources"]) == sorted(f"didagents:index:{r.name}" for r in RESOURCES)
    agent = schema["resources"]["didagents:index:Agent"]
    assert {"name", "presenter", "knowledgeId", "starterMessages", "userData"} <= set(
        agent["inputProperties"]
    )
    assert agent["requiredInputs"] == ["name", "presenter"]
    assert "agentId" in agent["properties"] and "agentId" in agent["required"]
    presenter = schema["types"]["didagents:index:Presenter"]["properties"]
    assert presenter["type"]["replaceOnChanges"] is True and "presenterId" in presenter
    assert schema["config"]["variables"]["apiKey"]["secret"] is True


def test_secrets_are_marked() -> None:
    schema = build_schema()
    custom = schema["types"]["didagents:index:CustomLlm"]["properties"]
    assert custom["key"]["secret"] and custom["clientSecret"]["secret"]
    assert schema["resources"]["didagents:index:ClientKey"]["properties"]["clientKey"]["secret"]


def test_every_reference_resolves() -> None:
    schema = build_schema()

    def refs(node: Any) -> list[str]:
        if isinstance(node, dict):
            own = [node["$ref"]] if "$ref" in node else []
            return own + [r for value in node.values() for r in refs(value)]
        if isinstance(node, list):
            return [r for value in node for r in refs(value)]
        return []

    for ref in refs(schema):
        assert ref == "pulumi.json#/Any" or ref.removeprefix("#/types/") in schema["types"], ref


def test_a_field_declared_once_appears_everywhere() -> None:
    nickname = Prop(
        "nickname", "string", "What the agent calls itself.", wire="persona.nickname", replace=True
    )
    agent = dataclasses.replace(AGENT, inputs=(*AGENT.inputs, nickname))

    schema = build_schema((agent,))["resources"]["didagents:index:Agent"]
    assert schema["inputProperties"]["nickname"]["replaceOnChanges"] is True

    args = generate_python((agent,))
    assert "    nickname: pulumi.Input[str] | None = None\n" in args
    assert '    """What the agent calls itself."""' in args

    assert to_wire(agent.inputs, {"name": "Ada", "nickname": "Addie"}) == {
        "preview_name": "Ada",
        "persona": {"nickname": "Addie"},
    }
    assert (
        from_wire(agent.inputs, {"preview_name": "Ada", "persona": {"nickname": "Addie"}})["nickname"]
        == "Addie"
    )

    plan = plan_diff(agent, {"name": "Ada", "nickname": "Addie"}, {"name": "Ada", "nickname": "Ad"})
    assert plan.replaces == ["nickname"] and plan.delete_before_replace


def test_the_packages_lazy_exports_are_generated_from_the_declarations() -> None:
    exports = ROOT / "provider" / "pulumi_did_agents" / "_exports.py"
    assert exports.read_text() == generate_exports(), f"_exports.py is stale: {REGENERATE}"
    import pulumi_did_agents as didagents

    assert all(getattr(didagents, name) is not None for name in didagents.__all__)
