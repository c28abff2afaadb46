"""The Python that the declarations generate: the dynamic front end, the client's body models and
the core's typed inputs.

One module because all three walk the same shapes with the same type mapping (:func:`python_type`):

- ``dynamic/_generated.py``: for each nested shape an args dataclass and a ``TypedDict``; for each
  resource its args, and a thin ``Resource`` subclass with typed outputs whose behaviour lives in
  ``dynamic/resource.py``; and ``_exports.py``, the names the package loads from it on first use.
- ``client/_generated.py``: the client's pydantic models of request and response bodies. Every field
  a declaration sends to the API (its ``wire`` name, dotted for nesting) becomes a field there, so the
  client cannot drift from ``spec/``: request bodies (``AgentCreate`` …) forbid unknown top-level
  keys, nested objects and responses accept extra keys (the API grows). Every field is optional: the
  core checks what the declarations require, the API what it requires. What only responses carry
  beyond the declarations (``error``, ``knowledge.provider`` …) is written in ``client/models.py``.
- ``spec/_generated.py``: each kind's checked inputs as a ``TypedDict``.

The generated modules are committed (IDEs and mypy read them); a test fails when one is stale.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field

from ..spec import AGENT, DOCUMENT, KNOWLEDGE_BASE, RESOURCES, Prop, ResourceSpec, Shape

__all__ = [
    "generate_client_models",
    "generate_exports",
    "generate_python",
    "generate_typed_inputs",
    "python_type",
]

_SCALARS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}

# The dynamic front end.

HEADER = '''"""Typed args and resources of the dynamic front end. GENERATED from ``pulumi_did_agents.spec`` by
``python -m pulumi_did_agents.codegen``: edit the declarations, not this file."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any, TypedDict, Unpack

import pulumi

from .._tokens import MODULE
from ..spec import (
{specs}
)
from .provider import (
{providers}
)
from .resource import DidResource

__all__ = [
{exports}
]
'''


def _input_type(prop: Prop) -> str:
    if prop.kind in _SCALARS:
        inner = _SCALARS[prop.kind]
    elif prop.kind == "object":
        assert prop.shape is not None
        inner = f"{prop.shape.name}Args | {prop.shape.name}ArgsDict"
    elif prop.kind == "array":
        assert prop.items is not None
        inner = f"Sequence[{_input_type(prop.items)}]"
    elif prop.kind == "map":
        assert prop.items is not None
        inner = f"Mapping[str, {_input_type(prop.items)}]"
    elif prop.kind == "any":
        inner = "Any"
    else:
        inner = "Mapping[str, Any]"
    return f"pulumi.Input[{inner}]"


def python_type(prop: Prop, shape_name: Callable[[Shape], str] | None = None) -> str:
    """The Python annotation of a declared value; objects are ``shape_name(shape)`` when given."""
    if prop.kind in _SCALARS:
        return _SCALARS[prop.kind]
    if prop.kind == "object" and prop.shape is not None and shape_name is not None:
        return shape_name(prop.shape)
    if prop.kind == "array":
        assert prop.items is not None
        return f"list[{python_type(prop.items, shape_name)}]"
    if prop.kind == "map":
        assert prop.items is not None
        return f"dict[str, {python_type(prop.items, shape_name)}]"
    if prop.kind == "any":
        return "Any"
    return "dict[str, Any]"


def _output_type(prop: Prop) -> str:
    return python_type(prop)


def _docstring(text: str, indent: str) -> str:
    body = textwrap.fill(text, width=100 - len(indent), subsequent_indent=indent).replace('"""', "'''")
    return f'{indent}"""{body}"""\n'


def _args_classes(name: str, doc: str, props: tuple[Prop, ...]) -> str:
    ordered = [p for p in props if p.required] + [p for p in props if not p.required]
    out = ["@dataclasses.dataclass(frozen=True, kw_only=True)", f"class {name}Args:"]
    lines = [_docstring(doc, "    ").rstrip("\n")]
    for prop in ordered:
        default = "" if prop.required else " | None = None"
        lines.append(f"    {prop.name}: {_input_type(prop)}{default}")
        lines.append(_docstring(prop.doc, "    ").rstrip("\n"))
    out += lines
    out += ["", "", f"class {name}ArgsDict(TypedDict, total=False):"]
    out += [f"    {prop.name}: {_input_type(prop)}" for prop in ordered]
    return "\n".join(out) + "\n"


def _resource_class(spec: ResourceSpec) -> str:
    provider = f"{spec.name}Provider"
    spec_name = _spec_const(spec)
    lines = [f'class {spec.name}(DidResource, module=MODULE, name="{spec.name}"):']
    lines.append(_docstring(spec.doc, "    ").rstrip("\n"))
    lines += ["", f"    _did_spec = {spec_name}", f"    _did_provider = {provider}()", ""]
    for prop in (*spec.outputs, *spec.inputs):
        optional = "" if prop.required or prop.default is not None or prop in spec.outputs[:1] else " | None"
        if prop.kind == "any":
            optional = ""  # ``Any`` already includes ``None``
        lines.append(f"    {prop.name}: pulumi.Output[{_output_type(prop)}{optional}]")
    lines += [
        "",
        "    def __init__(",
        "        self,",
        "        resource_name: str,",
        f"        args: {spec.name}Args | {spec.name}ArgsDict | None = None,",
        "        opts: pulumi.ResourceOptions | None = None,",
        f"        **kwargs: Unpack[{spec.name}ArgsDict],",
        "    ) -> None:",
        "        super().__init__(resource_name, args, opts, kwargs)",
        "",
        "    @staticmethod",
        "    def get(",
        "        resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None",
        f"    ) -> {spec.name}:",
        f'        """Read an existing {spec.name} by id into the program; never modified or deleted."""',
        f"        return {spec.name}(resource_name, opts=DidResource.read_options(id, opts))",
    ]
    return "\n".join(lines) + "\n"


def _spec_const(spec: ResourceSpec) -> str:
    return "".join(("_" + c if c.isupper() and i else c) for i, c in enumerate(spec.name)).upper()


def _shapes(specs: tuple[ResourceSpec, ...], *, wire_only: bool = False) -> list[Shape]:
    """Shapes reachable from the resources' inputs (``wire_only``: only through fields the API sees)."""
    seen: dict[str, Shape] = {}

    def visit(props: tuple[Prop, ...]) -> None:
        for prop in props:
            if wire_only and prop.wire is None:
                continue
            shape = prop.shape or (prop.items.shape if prop.items is not None else None)
            if shape is not None and shape.name not in seen:
                visit(shape.props)
                seen[shape.name] = shape

    for spec in specs:
        visit(spec.inputs)
    return list(seen.values())


def _generated_names(shapes: list[Shape], specs: tuple[ResourceSpec, ...]) -> list[str]:
    """What the generated module defines: args classes of every shape and resource, and the resources."""
    return [f"{s.name}{suffix}" for s in shapes for suffix in ("Args", "ArgsDict")] + [
        f"{r.name}{suffix}" for r in specs for suffix in ("", "Args", "ArgsDict")
    ]


def generate_python(specs: tuple[ResourceSpec, ...] = RESOURCES) -> str:
    shapes = _shapes(specs)
    parts = [
        HEADER.format(
            specs="\n".join(f"    {name}," for name in sorted(_spec_const(r) for r in specs)),
            providers="\n".join(f"    {name}," for name in sorted(f"{r.name}Provider" for r in specs)),
            exports="\n".join(f'    "{name}",' for name in sorted(_generated_names(shapes, specs))),
        )
    ]
    for shape in shapes:
        parts.append(_args_classes(shape.name, shape.doc, shape.props))
    for spec in specs:
        parts.append(_args_classes(spec.name, f"Inputs of :class:`{spec.name}`.", spec.inputs))
    for spec in specs:
        parts.append(_resource_class(spec))
    return "\n\n".join(parts)


def dynamic_exports(specs: tuple[ResourceSpec, ...] = RESOURCES) -> list[str]:
    """Every name the dynamic front end exports: the generated surface and the provider classes."""
    providers = [f"{r.name}Provider" for r in specs]
    return sorted(_generated_names(_shapes(specs), specs) + providers + ["DynamicProvider"])


def generate_exports(specs: tuple[ResourceSpec, ...] = RESOURCES) -> str:
    """``_exports.py``: the names the package loads from ``dynamic`` on first use."""
    names = "".join(f'    "{name}",\n' for name in dynamic_exports(specs))
    return (
        '"""Names of the dynamic front end, so the package can load it on first use. GENERATED by\n'
        '``python -m pulumi_did_agents.codegen``."""\n\n'
        f"DYNAMIC = (\n{names})\n"
    )


# The core's typed inputs.


def _typed(prop: Prop) -> str:
    return python_type(prop, lambda shape: f"{shape.name}Inputs")


def _typed_dict(name: str, doc: str, props: tuple[Prop, ...]) -> str:
    lines = [f"class {name}(TypedDict, total=False):", _docstring(doc, "    ").rstrip("\n"), ""]
    for prop in props:
        kind = _typed(prop)
        lines.append(f"    {prop.name}: {f'Required[{kind}]' if prop.required else kind}")
    return "\n".join(lines) + "\n"


def generate_typed_inputs(specs: tuple[ResourceSpec, ...] = RESOURCES) -> str:
    """``spec/_generated.py``: each kind's checked inputs as a ``TypedDict``, which the core's
    operations take, so a mistyped key is a type error rather than a ``KeyError`` at ``up``."""
    shapes = _shapes(specs)
    names = sorted([f"{s.name}Inputs" for s in shapes] + [f"{r.name}Inputs" for r in specs])
    header = (
        '"""Checked inputs of each resource, as the core receives them. GENERATED from the declarations\n'
        'by ``python -m pulumi_did_agents.codegen``: edit the declarations, not this file."""\n\n'
        "from __future__ import annotations\n\n"
        "from typing import Any, Required, TypedDict\n\n"
        "__all__ = [\n" + "".join(f'    "{n}",\n' for n in names) + "]\n"
    )
    parts = [header]
    parts += [_typed_dict(f"{s.name}Inputs", s.doc, s.props) for s in shapes]
    parts += [_typed_dict(f"{r.name}Inputs", f"Checked inputs of ``{r.name}``.", r.inputs) for r in specs]
    return "\n\n".join(parts)


# The client's body models.

# The head of client/_generated.py (named to fit its first line in the line length).
MODELS = '''"""Request and response bodies of the D-ID Agents API. GENERATED from ``pulumi_did_agents.spec``
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


def _model_type(prop: Prop) -> str:
    return python_type(prop, lambda shape: shape.name)


def _model_field(wire: str, prop: Prop) -> str:
    """One annotated field; a wire name that is not snake_case keeps the declaration's name as alias."""
    name, extra = wire, []
    if wire != wire.lower():
        name, extra = prop.name, [f'alias="{wire}"']
    if prop.secret:
        extra.append("repr=False")
    kind = _model_type(prop)
    if extra:
        return f"    {name}: {kind} | None = Field(default=None, {', '.join(extra)})"
    return f"    {name}: {kind} | None = None"


def _model_class(name: str, base: str, doc: str, lines: list[str]) -> str:
    return "\n".join([f"class {name}({base}):", f'    """{doc}"""', "", *(lines or ["    pass"])]) + "\n"


def _model_object(
    name: str, base: str, doc: str, node: _Node, nested: dict[str, str], head: tuple[str, ...] = ()
) -> str:
    lines = [*head, *(_model_field(wire, prop) for wire, prop in node.leaves)]
    lines += [f"    {key}: {nested[key]} | None = None" for key in node.children]
    return _model_class(name, base, doc, lines)


def _resource_models(spec: ResourceSpec) -> list[str]:
    """``<Kind>Create``/``<Kind>Update`` requests and the ``<Kind>Body`` response fields; a kind
    whose every field replaces it (``Document``) has no update."""
    inputs = tuple(p for p in spec.inputs if p.api_name is not None)
    update = any(not p.replace for p in inputs)
    request, response = _tree(inputs), _tree((*tuple(p for p in inputs if not p.write_only), *spec.outputs))
    # Nested objects serve requests and responses alike (they accept extra keys): one model of each.
    objects = _tree((*inputs, *spec.outputs)).children
    nested = {key: f"{spec.name}{key.title()}" for key in objects}
    parts = [
        _model_object(nested[key], "Open", f"``{spec.name}.{key}`` on the wire.", node, nested)
        for key, node in objects.items()
    ]
    if update:
        parts.append(
            _model_object(
                f"{spec.name}Update",
                "Closed",
                "PATCH body: every supplied top-level key replaces the stored value whole.",
                request,
                nested,
            )
        )
    parts.append(
        _model_object(
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
    parts.append(_model_object(f"{spec.name}Body", "Open", doc, body, nested, head=(f"    {ident}: str",)))
    return parts


def generate_client_models(specs: tuple[ResourceSpec, ...] = (AGENT, KNOWLEDGE_BASE, DOCUMENT)) -> str:
    """The kinds with bodies; ``ClientKey`` and ``ConversationTest`` requests are not shaped by a
    declaration (a key's domains go as arguments; a test only chats)."""
    shapes: list[Shape] = _shapes(specs, wire_only=True)
    parts = [
        _model_object(shape.name, "Open", shape.doc.replace('"', "'"), _tree(shape.props), {})
        for shape in shapes
    ]
    for spec in specs:
        parts += _resource_models(spec)
    names = sorted(["Closed", "Open", *(part.split("(", 1)[0].removeprefix("class ") for part in parts)])
    header = MODELS.format(exports="\n".join(f'    "{name}",' for name in names))
    return "\n\n".join([header, *parts])
