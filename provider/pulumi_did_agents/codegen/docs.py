"""``docs/reference.md``: every field of every resource, from the declarations, so the reference a
user reads cannot fall behind the schema."""

from __future__ import annotations

import json

from ..spec import RESOURCES, Prop, ResourceSpec
from .python import _shapes
from .schema import _doc

__all__ = ["generate_reference"]


def _type(prop: Prop) -> str:
    if prop.kind == "object" and prop.shape is not None:
        return f"[`{prop.shape.name}`](#{prop.shape.name.lower()})"
    if prop.kind == "array" and prop.items is not None:
        return f"list of {_type(prop.items)}"
    if prop.kind == "map" and prop.items is not None:
        return f"map of {_type(prop.items)}"
    return {"json": "object", "any": "any JSON"}.get(prop.kind, prop.kind)


def _notes(prop: Prop, *, output: bool) -> str:
    notes = [] if output else ["required"] if prop.required else []
    if prop.replace:
        notes.append("replaces")
    if not prop.diff:
        notes.append("create only")
    if prop.secret:
        notes.append("secret")
    if prop.default is not None and not output:
        notes.append(f"default `{json.dumps(prop.default)}`")
    return ", ".join(notes)


def _table(props: tuple[Prop, ...], *, output: bool = False) -> list[str]:
    rows = ["| Name (Python / YAML) | Type | | Description |", "|---|---|---|---|"]
    for prop in props:
        name = f"`{prop.name}`" + (f" / `{prop.schema_key}`" if prop.schema_key != prop.name else "")
        text = _doc(prop).replace("|", "\\|").replace("\n", " ")
        rows.append(f"| {name} | {_type(prop)} | {_notes(prop, output=output)} | {text} |")
    return rows


def _resource(spec: ResourceSpec) -> list[str]:
    return [
        f"## {spec.name}",
        "",
        f"`{spec.token}`. {spec.doc}",
        "",
        "Inputs:",
        "",
        *_table(spec.inputs),
        "",
        "Outputs (besides the inputs):",
        "",
        *_table(spec.outputs, output=True),
        "",
    ]


def generate_reference(specs: tuple[ResourceSpec, ...] = RESOURCES) -> str:
    lines = [
        "# Resource reference",
        "",
        "GENERATED from `provider/pulumi_did_agents/spec/` by `make generate`; a test fails when it is",
        "stale. Python programs use the first name, YAML programs and `schema.json` the second.",
        "",
    ]
    for spec in specs:
        lines += _resource(spec)
    lines += ["# Types", ""]
    for shape in _shapes(specs):
        lines += [f"## {shape.name}", "", shape.doc, "", *_table(shape.props), ""]
    return "\n".join(lines)
