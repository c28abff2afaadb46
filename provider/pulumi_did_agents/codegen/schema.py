"""What the declarations generate besides Python: ``schema.json`` and ``docs/reference.md``.

``schema.json`` is the package's Pulumi schema (camelCase properties, ``didagents:index:<Name>``
tokens), served by the native provider's GetSchema and used to generate SDKs in other languages. The
reference lists every field of every resource, so the reference a user reads cannot fall behind the
schema; both describe a field with the same text (:func:`_doc`).
"""

from __future__ import annotations

import json
from typing import Any

from .._tokens import MODULE
from .._version import __version__
from ..core.settings import CONFIG_KEYS
from ..spec import RESOURCES, Prop, ResourceSpec, Shape
from .python import _shapes

__all__ = ["build_schema", "generate_reference"]


# schema.json.


def _doc(prop: Prop) -> str:
    text = prop.doc
    if prop.choices:
        text += f" One of: {', '.join(f'`{c}`' for c in prop.choices)}."
    if prop.write_only:
        text += " Write-only: the API never returns it."
    return text


def _type_ref(prop: Prop, types: dict[str, Any]) -> dict[str, Any]:
    if prop.kind == "object":
        assert prop.shape is not None
        _add_type(prop.shape, types)
        return {"$ref": f"#/types/{MODULE}:index:{prop.shape.name}"}
    if prop.kind == "array":
        assert prop.items is not None
        return {"type": "array", "items": _type_ref(prop.items, types)}
    if prop.kind == "map":
        assert prop.items is not None
        return {"type": "object", "additionalProperties": _type_ref(prop.items, types)}
    if prop.kind in ("json", "any"):
        return {"$ref": "pulumi.json#/Any"}
    return {"type": prop.kind}


def _property(prop: Prop, types: dict[str, Any]) -> dict[str, Any]:
    spec = {**_type_ref(prop, types), "description": _doc(prop)}
    if prop.secret:
        spec["secret"] = True
    if prop.replace:
        spec["replaceOnChanges"] = True
    if prop.default is not None and not isinstance(prop.default, list | dict):
        spec["default"] = prop.default
    return spec


def _properties(props: tuple[Prop, ...], types: dict[str, Any]) -> dict[str, Any]:
    return {p.schema_key: _property(p, types) for p in props}


def _required(props: tuple[Prop, ...]) -> list[str]:
    return sorted(p.schema_key for p in props if p.required)


def _add_type(shape: Shape, types: dict[str, Any]) -> None:
    token = f"{MODULE}:index:{shape.name}"
    if token in types:
        return
    types[token] = {}  # reserve first: nested shapes may refer back
    entry: dict[str, Any] = {
        "type": "object",
        "description": shape.doc,
        "properties": _properties(shape.props, types),
    }
    required = _required(shape.props)
    if required:
        entry["required"] = required
    types[token] = entry


def _resource(spec: ResourceSpec, types: dict[str, Any]) -> dict[str, Any]:
    inputs = _properties(spec.inputs, types)
    outputs = {**inputs, **_properties(spec.outputs, types)}
    always = {p.schema_key for p in spec.inputs if p.required or p.default is not None}
    always.add(spec.outputs[0].schema_key)
    return {
        "description": spec.doc,
        "inputProperties": inputs,
        "requiredInputs": _required(spec.inputs),
        "properties": outputs,
        "required": sorted(always),
    }


def _config() -> dict[str, Any]:
    variables: dict[str, Any] = {}
    for key in CONFIG_KEYS:
        env = f" Environment: `{key.env}`." if key.env else ""
        entry: dict[str, Any] = {"type": key.kind, "description": f"{key.doc}{env}"}
        if key.secret:
            entry["secret"] = True
        variables[key.name] = entry
    return variables


def build_schema(specs: tuple[ResourceSpec, ...] = RESOURCES) -> dict[str, Any]:
    types: dict[str, Any] = {}
    resources = {spec.token: _resource(spec, types) for spec in specs}
    config = _config()
    return {
        "name": MODULE,
        "displayName": "D-ID Agents",
        "version": __version__,
        "description": (
            "D-ID interactive AI agents, knowledge bases, documents and client keys. Served as Python "
            "dynamic resources (`pulumi_did_agents`) and as the native provider plugin "
            "`pulumi-resource-didagents` (YAML programs, `pulumi import`)."
        ),
        "keywords": ["pulumi", "d-id", "agents", "category/ai"],
        "license": "Apache-2.0",
        "config": {"variables": config},
        "provider": {
            "description": "The D-ID Agents provider: where the API is and how long to retry and wait.",
            "inputProperties": config,
        },
        "types": dict(sorted(types.items())),
        "resources": resources,
        "language": {
            "nodejs": {
                "packageName": "@pulumi-did-agents/didagents",
                "dependencies": {"@pulumi/pulumi": "^3.0.0"},
            },
        },
    }


# docs/reference.md.


def _reference_type(prop: Prop) -> str:
    if prop.kind == "object" and prop.shape is not None:
        return f"[`{prop.shape.name}`](#{prop.shape.name.lower()})"
    if prop.kind == "array" and prop.items is not None:
        return f"list of {_reference_type(prop.items)}"
    if prop.kind == "map" and prop.items is not None:
        return f"map of {_reference_type(prop.items)}"
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
        rows.append(f"| {name} | {_reference_type(prop)} | {_notes(prop, output=output)} | {text} |")
    return rows


def _reference_section(spec: ResourceSpec) -> list[str]:
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
        lines += _reference_section(spec)
    lines += ["# Types", ""]
    for shape in _shapes(specs):
        lines += [f"## {shape.name}", "", shape.doc, "", *_table(shape.props), ""]
    return "\n".join(lines)
