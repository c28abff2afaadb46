"""Names in schema.json (and native programs) come from each field's declaration, nested too."""

from __future__ import annotations

from pulumi_did_agents.spec import AGENT, Prop, ResourceSpec, Shape


def test_schema_paths_follow_nested_shapes_and_own_schema_names() -> None:
    assert AGENT.schema_path("llm", "prompt_customization", "max_response_length") == (
        "llm",
        "promptCustomization",
        "maxResponseLength",
    )
    inner = Shape("Inner", "", (Prop("wire_name", "string", "", schema_name="ownName"),))
    spec = ResourceSpec("Thing", "", (Prop("outer_obj", "object", "", shape=inner),), ())
    assert spec.schema_path("outer_obj", "wire_name") == ("outerObj", "ownName")
    assert spec.schema_path("undeclared_name") == ("undeclaredName",)
