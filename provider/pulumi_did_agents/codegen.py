"""Everything the declarations in ``spec/`` generate, and ``python -m pulumi_did_agents.codegen``
(``make generate``), which rewrites it all: tests fail when an artefact is stale, so a field added to
a declaration appears everywhere or the suite says what to run. The generated modules are committed
(IDEs and mypy read them).

Python: all of them walk the same shapes with the same type mapping (:func:`python_type`):

- ``dynamic/_generated.py``: for each nested shape an args dataclass and a ``TypedDict``; for each
  resource its args, and a thin ``Resource`` subclass with typed outputs whose behaviour lives in
  ``DidResource`` (``dynamic/provider.py``); and ``_exports.py``, the names the package loads from
  it on first use.
- ``client/_generated.py``: the client's pydantic models of request and response bodies. Every field
  a declaration sends to the API (its ``wire`` name, dotted for nesting) becomes a field there, so the
  client cannot drift from ``spec/``: request bodies (``AgentCreate`` …) forbid unknown top-level
  keys, nested objects and responses accept extra keys (the API grows). Every field is optional: the
  core checks what the declarations require, the API what it requires. What only responses carry
  beyond the declarations (``error``, ``knowledge.provider`` …) is written in ``client/models.py``.
- ``spec/_generated.py``: each kind's checked inputs as a ``TypedDict``.
- ``native/_generated.py`` and ``native/outputs.py``: the native plugin's Python SDK
  (``pulumi_did_agents.native.sdk``), as Pulumi's codegen writes one from schema.json:
  ``@pulumi.input_type`` args and a ``TypedDict`` of every shape and resource, ``@pulumi.output_type``
  output types, and a class per resource with typed outputs (behaviour: ``native/_resource.py``).

Besides Python: ``schema.json`` is the package's Pulumi schema (camelCase properties,
``didagents:index:<Name>`` tokens), served by the native provider's GetSchema and used to generate
SDKs in other languages. ``docs/reference.md`` lists every field of every resource, so the reference
a user reads cannot fall behind the schema; both describe a field with the same text (:func:`_doc`).
"""

from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._tokens import MODULE
from ._version import __version__
from .core.settings import CONFIG_KEYS
from .spec import AGENT, DOCUMENT, KNOWLEDGE_BASE, RESOURCES, Prop, ResourceSpec, Shape

__all__ = [
    "build_schema",
    "generate_client_models",
    "generate_exports",
    "generate_native_outputs",
    "generate_native_sdk",
    "generate_python",
    "generate_reference",
    "generate_typed_inputs",
    "main",
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
            providers="\n".join(
                f"    {name}," for name in sorted([*(f"{r.name}Provider" for r in specs), "DidResource"])
            ),
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


# The native plugin's Python SDK.

NATIVE_HEADER = '''"""Args, input types and resources of the native plugin's Python SDK
(``didagents:index:*``). GENERATED from ``pulumi_did_agents.spec`` by
``python -m pulumi_did_agents.codegen``: edit the declarations, not this file. Written the way
Pulumi's Python codegen writes an SDK from schema.json: ``@pulumi.input_type`` args with
``pulumi.getter`` names, so the SDK names properties for the engine by the declarations, nested
objects too (user data in ``json`` properties is never renamed)."""

# mypy: disable-error-code="no-any-return"

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypedDict, Unpack

import pulumi

from ..spec import (
{specs}
)
from . import outputs
from ._resource import NativeResource

__all__ = [
{exports}
]
'''

OUTPUTS_HEADER = '''"""Output types of the native plugin's Python SDK: the nested objects of resource
outputs, with snake_case attributes (``agent.presenter.apply(lambda p: p.presenter_id)``); each is
also a dict keyed by the same names. GENERATED from ``pulumi_did_agents.spec`` by
``python -m pulumi_did_agents.codegen``: edit the declarations, not this file."""

# mypy: disable-error-code="no-any-return"

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pulumi

__all__ = [
{exports}
]
'''


def _sdk_input_type(prop: Prop) -> str:
    """A getter's annotation in an input type: what Pulumi's SDK reads to name nested keys."""
    if prop.kind in _SCALARS:
        return f"pulumi.Input[{_SCALARS[prop.kind]}]"
    if prop.kind == "object":
        assert prop.shape is not None
        return f"pulumi.Input[{prop.shape.name}Args]"
    if prop.kind in ("array", "map"):
        assert prop.items is not None
        container = "Sequence[" if prop.kind == "array" else "Mapping[str, "
        return f"pulumi.Input[{container}{_sdk_input_type(prop.items)}]]"
    if prop.kind == "any":
        return "Any"
    return "pulumi.Input[Mapping[str, Any]]"


def _sdk_output_type(prop: Prop, qualify: str) -> str:
    """An output's annotation; objects are output types (``outputs.Presenter``)."""
    if prop.kind in _SCALARS:
        return _SCALARS[prop.kind]
    if prop.kind == "object":
        assert prop.shape is not None
        return f"{qualify}{prop.shape.name}"
    if prop.kind in ("array", "map"):
        assert prop.items is not None
        container = "Sequence[" if prop.kind == "array" else "Mapping[str, "
        return f"{container}{_sdk_output_type(prop.items, qualify)}]"
    if prop.kind == "any":
        return "Any"
    return "Mapping[str, Any]"


def _optional(annotation: str, optional: bool) -> str:
    return f"{annotation} | None" if optional and annotation != "Any" else annotation


def _getter(prop: Prop, annotation: str, *, setter: bool = False) -> list[str]:
    name = "" if prop.schema_key == prop.name else f'(name="{prop.schema_key}")'
    lines = [
        "    @property",
        f"    @pulumi.getter{name}",
        f"    def {prop.name}(self) -> {annotation}:",
        _docstring(_doc(prop), "        ").rstrip("\n"),
        f'        return pulumi.get(self, "{prop.name}")',
    ]
    if setter:
        lines += [
            "",
            f"    @{prop.name}.setter",
            f"    def {prop.name}(self, value: {annotation}) -> None:",
            f'        pulumi.set(self, "{prop.name}", value)',
        ]
    return [*lines, ""]


def _init(props: list[Prop], annotation: Callable[[Prop], str]) -> list[str]:
    lines = ["    def __init__(", "        __self__,", "        *,"]
    for prop in props:
        default = "" if prop.required else " = None"
        line = f"        {prop.name}: {_optional(annotation(prop), not prop.required)}{default},"
        if len(line) > 110:  # as ruff format splits it
            line = line.replace(" | None = None,", "\n        | None = None,")
        lines.append(line)
    lines.append("    ) -> None:")
    for prop in props:
        if prop.required:
            lines.append(f'        pulumi.set(__self__, "{prop.name}", {prop.name})')
        else:
            lines += [
                f"        if {prop.name} is not None:",
                f'            pulumi.set(__self__, "{prop.name}", {prop.name})',
            ]
    return [*lines, ""]


def _sdk_args_class(name: str, doc: str, props: tuple[Prop, ...]) -> str:
    """``<Name>Args`` as Pulumi generates an input type, and ``<Name>ArgsDict`` for plain dicts."""
    ordered = [p for p in props if p.required] + [p for p in props if not p.required]
    out = [f"class {name}ArgsDict(TypedDict, total=False):", _docstring(doc, "    ").rstrip("\n"), ""]
    out += [f"    {prop.name}: {_input_type(prop)}" for prop in ordered]
    out += ["", "", "@pulumi.input_type", f"class {name}Args:", _docstring(doc, "    ").rstrip("\n"), ""]
    out += _init(ordered, _input_type)
    for prop in ordered:
        out += _getter(prop, _optional(_sdk_input_type(prop), not prop.required), setter=True)
    return "\n".join(out).rstrip("\n") + "\n"


def _sdk_output_class(shape: Shape) -> str:
    ordered = [p for p in shape.props if p.required] + [p for p in shape.props if not p.required]
    out = ["@pulumi.output_type", f"class {shape.name}(dict[str, Any]):"]
    out += [_docstring(shape.doc, "    ").rstrip("\n"), ""]
    out += _init(ordered, lambda p: _sdk_output_type(p, ""))
    for prop in ordered:
        out += _getter(prop, _optional(_sdk_output_type(prop, ""), not prop.required))
    return "\n".join(out).rstrip("\n") + "\n"


def _get_signature(name: str) -> list[str]:
    params = "resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None"
    line = f"    def get({params}) -> {name}:"
    return [line] if len(line) <= 110 else ["    def get(", f"        {params}", f"    ) -> {name}:"]


def _sdk_resource_class(spec: ResourceSpec) -> str:
    lines = [f"class {spec.name}(NativeResource):", _docstring(spec.doc, "    ").rstrip("\n"), ""]
    lines += [f"    _spec = {_spec_const(spec)}", f"    _args_type = {spec.name}Args", ""]
    lines += [
        "    def __init__(",
        "        self,",
        "        resource_name: str,",
        f"        args: {spec.name}Args | {spec.name}ArgsDict | None = None,",
        "        opts: pulumi.ResourceOptions | None = None,",
        f"        **kwargs: Unpack[{spec.name}ArgsDict],",
        "    ) -> None:",
        f'        """Keyword arguments, a :class:`{spec.name}Args` or a dict (snake_case names)."""',
        "        super().__init__(resource_name, args, opts, kwargs)",
        "",
        "    @staticmethod",
        *_get_signature(spec.name),
        f'        """Read an existing {spec.name} by id into the program; never modified or deleted."""',
        f"        return {spec.name}(resource_name, opts=NativeResource.read_options(id, opts))",
        "",
    ]
    for prop in (*spec.outputs, *spec.inputs):
        optional = not (prop.required or prop.default is not None or prop in spec.outputs[:1])
        annotation = _optional(_sdk_output_type(prop, "outputs."), optional)
        lines += _getter(prop, f"pulumi.Output[{annotation}]")
    return "\n".join(lines).rstrip("\n") + "\n"


def generate_native_sdk(specs: tuple[ResourceSpec, ...] = RESOURCES) -> str:
    """``native/_generated.py``: the plugin's Python SDK as Pulumi's codegen writes one from
    schema.json: an input type (``PresenterArgs``) and a ``TypedDict`` for every shape and resource,
    and a class per resource with typed outputs, whose behaviour is ``native/_resource.py``'s."""
    shapes = _shapes(specs)
    parts = [
        NATIVE_HEADER.format(
            specs="\n".join(f"    {name}," for name in sorted(_spec_const(r) for r in specs)),
            exports="\n".join(f'    "{name}",' for name in sorted(_generated_names(shapes, specs))),
        )
    ]
    parts += [_sdk_args_class(shape.name, shape.doc, shape.props) for shape in shapes]
    parts += [_sdk_args_class(spec.name, f"Inputs of :class:`{spec.name}`.", spec.inputs) for spec in specs]
    parts += [_sdk_resource_class(spec) for spec in specs]
    return "\n\n".join(parts)


def generate_native_outputs(specs: tuple[ResourceSpec, ...] = RESOURCES) -> str:
    """``native/outputs.py``: an output type per shape (``outputs.Presenter``)."""
    shapes = _shapes(specs)
    names = "\n".join(f'    "{name}",' for name in sorted(s.name for s in shapes))
    return "\n\n".join([OUTPUTS_HEADER.format(exports=names), *(_sdk_output_class(s) for s in shapes)])


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


# ``python -m pulumi_did_agents.codegen``.

PACKAGE = Path(__file__).resolve().parent
SCHEMA = PACKAGE.parents[1] / "schema.json"
GENERATED = PACKAGE / "dynamic" / "_generated.py"
EXPORTS = PACKAGE / "_exports.py"
CLIENT_MODELS = PACKAGE / "client" / "_generated.py"
REFERENCE = PACKAGE.parents[1] / "docs" / "reference.md"
TYPED_INPUTS = PACKAGE / "spec" / "_generated.py"
NATIVE_SDK = PACKAGE / "native" / "_generated.py"
NATIVE_OUTPUTS = PACKAGE / "native" / "outputs.py"


def render_schema() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    """Write ``schema.json`` (the repository root), ``docs/reference.md``, ``_exports.py`` and the
    ``_generated.py`` of ``dynamic/``, ``client/`` and ``spec/``."""
    SCHEMA.write_text(render_schema())
    GENERATED.write_text(generate_python())
    EXPORTS.write_text(generate_exports())
    CLIENT_MODELS.write_text(generate_client_models())
    REFERENCE.write_text(generate_reference())
    TYPED_INPUTS.write_text(generate_typed_inputs())
    NATIVE_SDK.write_text(generate_native_sdk())
    NATIVE_OUTPUTS.write_text(generate_native_outputs())
    sys.stdout.write(f"wrote {SCHEMA}, {REFERENCE} and the generated modules\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
