"""The client's pydantic models of request and response bodies, generated from the declarations.

Every field a declaration sends to the API (its ``wire`` name, dotted for nesting) becomes a field
here, so the client cannot drift from ``spec/``: request bodies (``AgentCreate`` …) forbid unknown
top-level keys, nested objects and responses accept extra keys (the API grows). Every field is
optional: the core checks what the declarations require, the API what it requires. What only responses
carry beyond the declarations (``error``, ``knowledge.provider`` …) is written in ``client/models.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..spec import AGENT, DOCUMENT, KNOWLEDGE_BASE, Prop, ResourceSpec, Shape
from .python import _shapes, python_type

__all__ = ["generate_client_models"]


HEADER = '''"""Request and response bodies of the D-ID Agents API. GENERATED from ``pulumi_did_agents.spec``
by ``python -m pulumi_did_agents.codegen``: edit the declarations, not this file."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
{exports}
]


class Open(BaseModel):
    """Tolerant: data from the API, and nested request objects (checked by the core beforehand)."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Closed(BaseModel):
    """Strict: request bodies; the API rejects unknown top-level fields with a 400 anyway."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
'''


@dataclass
class _Node:
    """A JSON object on the wire: its declared leaves and its nested objects (from dotted names)."""

    leaves: list[tuple[str, Prop]] = field(default_factory=list)
    children: dict[str, _Node] = field(default_factory=dict)


def _tree(props: tuple[Prop, ...]) -> _Node:
    root = _Node()
    for prop in props:
        if prop.api_name is None:
            continue
        *parents, leaf = prop.api_name.split(".")
        node = root
        for part in parents:
            node = node.children.setdefault(part, _Node())
        node.leaves.append((leaf, prop))
    return root


def _type(prop: Prop) -> str:
    return python_type(prop, lambda shape: shape.name)


def _field(wire: str, prop: Prop) -> str:
    """One annotated field; a wire name that is not snake_case keeps the declaration's name as alias."""
    name, extra = wire, []
    if wire != wire.lower():
        name, extra = prop.name, [f'alias="{wire}"']
    if prop.secret:
        extra.append("repr=False")
    kind = _type(prop)
    if extra:
        return f"    {name}: {kind} | None = Field(default=None, {', '.join(extra)})"
    return f"    {name}: {kind} | None = None"


def _class(name: str, base: str, doc: str, lines: list[str]) -> str:
    return "\n".join([f"class {name}({base}):", f'    """{doc}"""', "", *(lines or ["    pass"])]) + "\n"


def _object(
    name: str, base: str, doc: str, node: _Node, nested: dict[str, str], head: tuple[str, ...] = ()
) -> str:
    lines = [*head, *(_field(wire, prop) for wire, prop in node.leaves)]
    lines += [f"    {key}: {nested[key]} | None = None" for key in node.children]
    return _class(name, base, doc, lines)


def _resource(spec: ResourceSpec) -> list[str]:
    """``<Kind>Create``/``<Kind>Update`` requests and the ``<Kind>Body`` response fields; a kind
    whose every field replaces it (``Document``) has no update."""
    inputs = tuple(p for p in spec.inputs if p.api_name is not None)
    update = any(not p.replace for p in inputs)
    request, response = _tree(inputs), _tree((*tuple(p for p in inputs if not p.write_only), *spec.outputs))
    # Nested objects serve requests and responses alike (they accept extra keys): one model of each.
    objects = _tree((*inputs, *spec.outputs)).children
    nested = {key: f"{spec.name}{key.title()}" for key in objects}
    parts = [
        _object(nested[key], "Open", f"``{spec.name}.{key}`` on the wire.", node, nested)
        for key, node in objects.items()
    ]
    if update:
        parts.append(
            _object(
                f"{spec.name}Update",
                "Closed",
                "PATCH body: every supplied top-level key replaces the stored value whole.",
                request,
                nested,
            )
        )
    parts.append(
        _object(
            f"{spec.name}Create",
            "Closed",
            "POST body: required fields are checked by the core (declarations) and the API (its own).",
            request,
            nested,
        )
    )
    ident = next(wire for wire, prop in response.leaves if prop is spec.outputs[0])
    body = _Node([(w, p) for w, p in response.leaves if w != ident], response.children)
    doc = f"What the API returns for a {spec.name}."
    parts.append(_object(f"{spec.name}Body", "Open", doc, body, nested, head=(f"    {ident}: str",)))
    return parts


def generate_client_models(specs: tuple[ResourceSpec, ...] = (AGENT, KNOWLEDGE_BASE, DOCUMENT)) -> str:
    """The kinds with bodies; ``ClientKey`` and ``ConversationTest`` requests are not shaped by a
    declaration (a key's domains go as arguments; a test only chats)."""
    shapes: list[Shape] = _shapes(specs)
    parts = [
        _object(shape.name, "Open", shape.doc.replace('"', "'"), _tree(shape.props), {}) for shape in shapes
    ]
    for spec in specs:
        parts += _resource(spec)
    names = sorted(["Closed", "Open", *(part.split("(", 1)[0].removeprefix("class ") for part in parts)])
    header = HEADER.format(exports="\n".join(f'    "{name}",' for name in names))
    return "\n\n".join([header, *parts])
