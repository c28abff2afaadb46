"""``schema.json`` from the declarations: the package's Pulumi schema (camelCase properties,
``didagents:index:<Name>`` tokens), served by the native provider's GetSchema and used to
generate SDKs in other languages."""

from __future__ import annotations

from typing import Any

from .._tokens import MODULE
from .._version import __version__
from ..core.settings import CONFIG_KEYS
from ..spec import RESOURCES, Prop, ResourceSpec, Shape

__all__ = ["build_schema"]


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
