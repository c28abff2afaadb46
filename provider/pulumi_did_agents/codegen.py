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
``docs/registry/`` holds the Pulumi Registry's pages (``_index.md``: an example in Python, TypeScript,
Go and YAML rendered from one declaration, :data:`EXAMPLE`; ``installation-configuration.md``: the
plugin from pip and every config key).
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
from .spec import AGENT, COMPONENTS, DOCUMENT, KNOWLEDGE_BASE, RESOURCES, Prop, ResourceSpec, Shape

__all__ = [
    "build_schema",
    "generate_client_models",
    "generate_exports",
    "generate_native_outputs",
    "generate_native_sdk",
    "generate_python",
    "generate_reference",
    "generate_registry_index",
    "generate_registry_installation",
    "generate_typed_inputs",
    "main",
    "package_metadata",
    "python_type",
    "registry_examples",
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


def _sdk_type(prop: Prop, shape_name: Callable[[Shape], str], wrap: Callable[[str], str]) -> str:
    """An annotation of the native SDK: ``wrap`` makes each level an input (``pulumi.Input[…]``) or
    leaves it as it is (outputs); objects are named by ``shape_name`` (``PresenterArgs``,
    ``outputs.Presenter``), what Pulumi's SDK reads to name nested keys."""
    if prop.kind in _SCALARS:
        return wrap(_SCALARS[prop.kind])
    if prop.kind == "object":
        assert prop.shape is not None
        return wrap(shape_name(prop.shape))
    if prop.kind in ("array", "map"):
        assert prop.items is not None
        container = "Sequence[" if prop.kind == "array" else "Mapping[str, "
        return wrap(f"{container}{_sdk_type(prop.items, shape_name, wrap)}]")
    if prop.kind == "any":
        return "Any"
    return wrap("Mapping[str, Any]")


def _sdk_input_type(prop: Prop) -> str:
    return _sdk_type(prop, lambda shape: f"{shape.name}Args", lambda t: f"pulumi.Input[{t}]")


def _sdk_output_type(prop: Prop, qualify: str) -> str:
    return _sdk_type(prop, lambda shape: f"{qualify}{shape.name}", lambda t: t)


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
    if prop.default is not None and not isinstance(prop.default, list | tuple | dict):
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


def _component(spec: ResourceSpec, types: dict[str, Any]) -> dict[str, Any]:
    """A component: the engine asks the plugin to Construct it (remote) in every language."""
    return {
        "isComponent": True,
        "description": spec.doc,
        "inputProperties": _properties(spec.inputs, types),
        "requiredInputs": _required(spec.inputs),
        "properties": _properties(spec.outputs, types),
        "required": sorted(p.schema_key for p in spec.outputs),
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


# Package metadata. The version, license and URLs are pyproject.toml's, read from the installed
# distribution (as ``__version__`` is), so schema.json, the plugin's GetPluginInfo and the wheel
# agree, and a plugin installed from a wheel (no pyproject.toml) serves the same schema; a test checks
# schema.json against pyproject.toml (after a version bump: reinstall, then ``make generate``).
# Omitted on purpose: ``pluginDownloadURL`` (the plugin comes from pip, there is no download server;
# a URL would make the engine try to fetch it), ``logoUrl`` (there is no logo) and ``meta`` (the
# tokens use the ``index`` module: the default module format fits). ``language.python`` names the
# module Pulumi's Python code generator imports (``pulumi import``, ``pulumi convert``): the SDK
# ``pulumi_did_agents.native.sdk`` inside the pip package, not the default ``pulumi_didagents``,
# which no distribution provides; no Python SDK is generated from the schema.

DISPLAY_NAME = "D-ID Agents"
PUBLISHER = "pulumi-did-agents contributors"
KEYWORDS = ("pulumi", "d-id", "agents", "ai", "category/cloud", "kind/native")
NPM_PACKAGE = "@pulumi-did-agents/didagents"
DISTRIBUTION = "pulumi-did-agents"
PYTHON_SDK = "pulumi_did_agents.native.sdk"


def package_metadata() -> dict[str, str]:
    """``license``, ``repository`` and ``homepage`` of the installed distribution (pyproject's
    ``license`` and ``[project.urls]`` ``Repository``/``Source`` and ``Homepage``), those it has."""
    from importlib import metadata

    try:
        dist = metadata.metadata(DISTRIBUTION).json
    except metadata.PackageNotFoundError:  # a source tree never installed: what __version__ says
        return {}
    found: dict[str, str] = {}
    licence = dist.get("license_expression") or dist.get("license")
    if isinstance(licence, str) and licence:
        found["license"] = licence
    urls = dist.get("project_url", [])
    labels = {"repository": "repository", "source": "repository", "homepage": "homepage"}
    for entry in [urls] if isinstance(urls, str) else urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() in labels:
            found.setdefault(labels[label.strip().lower()], url.strip())
    if "repository" in found:
        found.setdefault("homepage", found["repository"])
    return found


def go_import_base(repository: str | None) -> str:
    """The Go SDK's import path: under the repository, else Pulumi's own default for a package with
    neither repository nor namespace (``example.com/pulumi-<name>``), written out so the docs name it."""
    root = f"example.com/pulumi-{MODULE}"
    if repository:
        root = repository.split("://", 1)[-1].removesuffix(".git").rstrip("/")
    return f"{root}/sdk/go/{MODULE}"


def build_schema(specs: tuple[ResourceSpec, ...] = RESOURCES) -> dict[str, Any]:
    types: dict[str, Any] = {}
    resources = {spec.token: _resource(spec, types) for spec in specs}
    resources.update({spec.token: _component(spec, types) for spec in COMPONENTS})
    config = _config()
    meta = package_metadata()
    description = (
        "D-ID interactive AI agents, knowledge bases, documents and client keys. Served as Python "
        "dynamic resources (`pulumi_did_agents`) and as the native provider plugin "
        "`pulumi-resource-didagents` (YAML programs, `pulumi import`)."
    )
    schema: dict[str, Any] = {
        "name": MODULE,
        "displayName": DISPLAY_NAME,
        "version": __version__,
        "description": description,
        "keywords": list(KEYWORDS),
        "publisher": PUBLISHER,
        **{key: meta[key] for key in ("homepage", "repository", "license") if key in meta},
        "config": {"variables": config},
        "provider": {
            "description": "The D-ID Agents provider: where the API is and how long to retry and wait.",
            "inputProperties": config,
        },
        "types": dict(sorted(types.items())),
        "resources": resources,
        "language": {
            "go": {
                "importBasePath": go_import_base(meta.get("repository")),
                "respectSchemaVersion": True,
            },
            "nodejs": {
                "packageName": NPM_PACKAGE,
                "packageDescription": description,
                "dependencies": {"@pulumi/pulumi": "^3.0.0"},
                "respectSchemaVersion": True,
            },
            # Generated programs `import pulumi_did_agents.native.sdk as didagents`; the language
            # host makes their requirements.txt name the distribution (pulumi-did-agents).
            "python": {"packageName": PYTHON_SDK},
        },
    }
    return schema


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
    for spec in (*specs, *COMPONENTS):
        lines += _reference_section(spec)
    lines += ["# Types", ""]
    for shape in _shapes(specs):
        lines += [f"## {shape.name}", "", shape.doc, "", *_table(shape.props), ""]
    return "\n".join(lines)


# docs/registry/: the Pulumi Registry's two pages, from the schema and the declarations.


@dataclass(frozen=True)
class _Ref:
    """An output of an earlier resource of the example (``handbook.knowledge_id``)."""

    var: str
    prop: str


@dataclass(frozen=True)
class _Step:
    """One resource of the example: its variable, kind and inputs by Python name (dicts: shapes)."""

    var: str
    spec: ResourceSpec
    values: dict[str, Any]


EXAMPLE = (
    _Step("handbook", KNOWLEDGE_BASE, {"name": "product-handbook", "description": "Product facts"}),
    _Step(
        "warranty",
        DOCUMENT,
        {
            "knowledge_id": _Ref("handbook", "knowledge_id"),
            "source_url": "https://example.com/handbook/warranty.md",
            "title": "Warranty",
        },
    ),
    _Step(
        "support",
        AGENT,
        {
            "name": "support-agent",
            "presenter": {"type": "clip", "presenter_id": "v2_public_Amber@0zSz8kflCN"},
            "llm": {
                "provider": "openai",
                "model": "gpt-4o-mini",
                "instructions": "Answer from the product handbook.",
            },
            "knowledge_id": _Ref("handbook", "knowledge_id"),
        },
    ),
)
"""The registry's example: an agent answering from a knowledge base with one document. Written
once, rendered in Python, TypeScript, Go and YAML with each language's names for the fields."""
EXAMPLE_EXPORT = ("agentId", _Ref("support", "agent_id"))


def _prop(props: tuple[Prop, ...], name: str) -> Prop:
    return next(p for p in props if p.name == name)


def _ref_prop(ref: _Ref) -> Prop:
    spec = next(step.spec for step in EXAMPLE if step.var == ref.var)
    return _prop((*spec.inputs, *spec.outputs), ref.prop)


def _referenced() -> set[str]:
    refs = [v for step in EXAMPLE for v in step.values.values() if isinstance(v, _Ref)]
    return {r.var for r in (*refs, EXAMPLE_EXPORT[1])}


def _go_name(prop: Prop) -> str:
    return prop.schema_key[0].upper() + prop.schema_key[1:]


def _python_value(prop: Prop, value: Any, indent: str) -> str:
    if isinstance(value, _Ref):
        return f"{value.var}.{value.prop}"
    if isinstance(value, dict):
        assert prop.shape is not None
        inner = indent + "    "
        lines = [
            f"{inner}{k}={_python_value(_prop(prop.shape.props, k), v, inner)}," for k, v in value.items()
        ]
        return f"{MODULE}.{prop.shape.name}Args(\n" + "\n".join(lines) + f"\n{indent})"
    return json.dumps(value)


def _python_example() -> str:
    lines = ["import pulumi", f"import pulumi_did_agents.native.sdk as {MODULE}", ""]
    for step in EXAMPLE:
        assign = f"{step.var} = " if step.var in _referenced() else ""
        lines.append(f"{assign}{MODULE}.{step.spec.name}(")
        lines.append(f'    "{step.var}",')
        for key, value in step.values.items():
            lines.append(f"    {key}={_python_value(_prop(step.spec.inputs, key), value, '    ')},")
        lines += [")", ""]
    name, ref = EXAMPLE_EXPORT
    lines.append(f'pulumi.export("{name}", {ref.var}.{ref.prop})')
    return "\n".join(lines)


def _ts_value(prop: Prop, value: Any, indent: str) -> str:
    if isinstance(value, _Ref):
        return f"{value.var}.{_ref_prop(value).schema_key}"
    if isinstance(value, dict):
        assert prop.shape is not None
        inner = indent + "    "
        lines = []
        for key, item in value.items():
            field_prop = _prop(prop.shape.props, key)
            lines.append(f"{inner}{field_prop.schema_key}: {_ts_value(field_prop, item, inner)},")
        return "{\n" + "\n".join(lines) + f"\n{indent}}}"
    return json.dumps(value)


def _typescript_example() -> str:
    lines = [f'import * as {MODULE} from "{NPM_PACKAGE}";', ""]
    for step in EXAMPLE:
        assign = f"const {step.var} = " if step.var in _referenced() else ""
        lines.append(f'{assign}new {MODULE}.{step.spec.name}("{step.var}", {{')
        for key, value in step.values.items():
            prop = _prop(step.spec.inputs, key)
            lines.append(f"    {prop.schema_key}: {_ts_value(prop, value, '    ')},")
        lines += ["});", ""]
    name, ref = EXAMPLE_EXPORT
    lines.append(f"export const {name} = {ref.var}.{_ref_prop(ref).schema_key};")
    return "\n".join(lines)


_GO_SCALARS = {"string": "String", "number": "Float64", "integer": "Int", "boolean": "Bool"}


def _go_fields(props: tuple[Prop, ...], values: dict[str, Any], indent: str) -> list[str]:
    """``Key: value,`` lines, aligned as gofmt aligns a run of one-line entries."""
    entries: list[tuple[str, str]] = []
    for key, value in values.items():
        prop = _prop(props, key)
        if isinstance(value, _Ref):
            text = f"{value.var}.{_go_name(_ref_prop(value))}"
        elif isinstance(value, dict):
            assert prop.shape is not None
            inner = _go_fields(prop.shape.props, value, indent + "\t")
            text = f"&{MODULE}.{prop.shape.name}Args{{\n" + "\n".join(inner) + f"\n{indent}}}"
        else:
            text = f"pulumi.{_GO_SCALARS[prop.kind]}({json.dumps(value)})"
        entries.append((f"{_go_name(prop)}:", text))
    lines: list[str] = []
    run: list[tuple[str, str]] = []

    def flush() -> None:
        width = max((len(k) for k, _ in run), default=0)
        lines.extend(f"{indent}{k.ljust(width)} {v}," for k, v in run)
        run.clear()

    for key, text in entries:
        if "\n" in text:
            flush()
            lines.append(f"{indent}{key} {text},")
        else:
            run.append((key, text))
    flush()
    return lines


def _go_example(import_base: str) -> str:
    imports = sorted([import_base, "github.com/pulumi/pulumi/sdk/v3/go/pulumi"])
    lines = ["package main", "", "import (", *(f'\t"{i}"' for i in imports), ")", ""]
    lines += ["func main() {", "\tpulumi.Run(func(ctx *pulumi.Context) error {"]
    for index, step in enumerate(EXAMPLE):
        target = f"{step.var}, err :=" if step.var in _referenced() else "_, err ="
        if index == 0:  # declares err
            target = target.replace(" =", " :=")
        name = step.spec.name
        lines.append(f'\t\t{target} {MODULE}.New{name}(ctx, "{step.var}", &{MODULE}.{name}Args{{')
        lines += _go_fields(step.spec.inputs, step.values, "\t\t\t")
        lines += ["\t\t})", "\t\tif err != nil {", "\t\t\treturn err", "\t\t}"]
    name, ref = EXAMPLE_EXPORT
    lines += [
        f'\t\tctx.Export("{name}", {ref.var}.{_go_name(_ref_prop(ref))})',
        "\t\treturn nil",
        "\t})",
        "}",
    ]
    return "\n".join(lines)


def _yaml_scalar(value: Any) -> str:
    text = str(value)
    plain = isinstance(value, str) and text and text[0].isalnum() and ": " not in text and " #" not in text
    return text if plain else json.dumps(value)


def _yaml_values(props: tuple[Prop, ...], values: dict[str, Any], indent: str) -> list[str]:
    lines = []
    for key, value in values.items():
        prop = _prop(props, key)
        if isinstance(value, _Ref):
            lines.append(f"{indent}{prop.schema_key}: ${{{value.var}.{_ref_prop(value).schema_key}}}")
        elif isinstance(value, dict):
            assert prop.shape is not None
            lines.append(f"{indent}{prop.schema_key}:")
            lines += _yaml_values(prop.shape.props, value, indent + "  ")
        else:
            lines.append(f"{indent}{prop.schema_key}: {_yaml_scalar(value)}")
    return lines


def _yaml_example() -> str:
    lines = ["resources:"]
    for step in EXAMPLE:
        lines += [f"  {step.var}:", f"    type: {step.spec.token}", "    properties:"]
        lines += _yaml_values(step.spec.inputs, step.values, "      ")
    name, ref = EXAMPLE_EXPORT
    lines += ["outputs:", f"  {name}: ${{{ref.var}.{_ref_prop(ref).schema_key}}}"]
    return "\n".join(lines)


def registry_examples(schema: dict[str, Any] | None = None) -> dict[str, str]:
    """The example program in each language, by the registry's language names."""
    schema = schema or build_schema()
    return {
        "typescript": _typescript_example(),
        "python": _python_example(),
        "go": _go_example(schema["language"]["go"]["importBasePath"]),
        "yaml": _yaml_example(),
    }


_GENERATED_NOTE = (
    "<!-- GENERATED from schema.json and provider/pulumi_did_agents/spec/ by `make generate`"
    " (python -m pulumi_did_agents.codegen): edit codegen.py, not this file. -->"
)


def _front_matter(title: str, meta_desc: str) -> list[str]:
    head = [
        "---",
        f"title: {json.dumps(title)}",
        f"meta_desc: {json.dumps(meta_desc)}",
        "layout: package",
        "---",
    ]
    return [*head, "", _GENERATED_NOTE, ""]


def _chooser(blocks: dict[str, str]) -> list[str]:
    fences = {"typescript": "typescript", "python": "python", "go": "go", "yaml": "yaml"}
    lines = [f'{{{{< chooser language "{",".join(blocks)}" >}}}}', ""]
    for language, code in blocks.items():
        lines += [f"{{{{% choosable language {language} %}}}}", "", f"```{fences[language]}", code, "```", ""]
        lines += ["{{% /choosable %}}", ""]
    return [*lines, "{{< /chooser >}}", ""]


def generate_registry_index(specs: tuple[ResourceSpec, ...] = RESOURCES) -> str:
    """``docs/registry/_index.md``: what the provider manages and one example in four languages."""
    schema = build_schema(specs)
    name, language = schema["displayName"], schema["language"]
    lines = _front_matter(name, f"Manage {name}: interactive AI agents, knowledge bases and documents.")
    lines += [
        f"The {name} provider manages [D-ID](https://www.d-id.com) interactive AI agents: a talking",
        "avatar, an LLM and a RAG knowledge base. Install it and set your API key as described in",
        "[Installation & Configuration](installation-configuration.md).",
        "",
        "Resources:",
        "",
        *(f"- `{s.token}`: {s.doc.split('. ')[0].rstrip('.')}." for s in specs),
        "",
        "## Example",
        "",
        "An agent that answers from a knowledge base holding one document. The Python program uses",
        "the native plugin's SDK (`pulumi_did_agents.native.sdk`; the dynamic",
        f"`import pulumi_did_agents as {MODULE}` takes the same arguments). TypeScript uses",
        f"`{language['nodejs']['packageName']}` and Go `{language['go']['importBasePath']}`,",
        "generated from the schema.",
        "",
        *_chooser(registry_examples(schema)),
        "Every field of every resource: [docs/reference.md](../reference.md).",
        "",
    ]
    return "\n".join(lines)


def _config_type(kind: str) -> str:
    return {"object": "map"}.get(kind, kind)


def generate_registry_installation() -> str:
    """``docs/registry/installation-configuration.md``: the plugin from pip, and every config key."""
    schema = build_schema()
    name, variables = schema["displayName"], schema["config"]["variables"]
    go_base, npm = schema["language"]["go"]["importBasePath"], schema["language"]["nodejs"]["packageName"]
    lines = _front_matter(
        f"{name} Installation & Configuration",
        f"How to install the {name} provider and configure its credentials.",
    )
    lines += [
        "## Installation",
        "",
        "The provider plugin is a Python package (Python 3.11 or later):",
        "",
        "```bash",
        f"pip install {DISTRIBUTION}",
        "```",
        "",
        f"It installs the plugin `pulumi-resource-{MODULE}` as a console script, and the Python SDKs",
        "(`pulumi_did_agents.native.sdk` for the plugin, `pulumi_did_agents` for dynamic resources).",
        "The engine finds the plugin on `PATH` (an activated virtualenv); it is not downloaded, so",
        "the schema has no `pluginDownloadURL`. For other projects (YAML, TypeScript, Go), install it into",
        "a virtualenv and name the folder that holds it in `Pulumi.yaml`:",
        "",
        "```yaml",
        "plugins:",
        "  providers:",
        f"    - name: {MODULE}",
        f"      path: /path/to/venv/bin   # holds pulumi-resource-{MODULE}",
        "```",
        "",
        "YAML programs need nothing else. TypeScript and Go SDKs are generated from the plugin's schema:",
        "",
        "```bash",
        f'pulumi package get-schema "$(command -v pulumi-resource-{MODULE})" > schema.json',
        f"pulumi package gen-sdk schema.json --language nodejs   # {npm}",
        f"pulumi package gen-sdk schema.json --language go       # {go_base}",
        "```",
        "",
        "## Configuration",
        "",
        "Set the API key as a secret, and the API URL if it is not D-ID's:",
        "",
        "```bash",
        f"pulumi config set --secret {MODULE}:apiKey <user:secret>",
        f"pulumi config set {MODULE}:apiUrl https://api.d-id.com",
        "```",
        "",
        "Each key falls back to its environment variable, if it has one.",
        "",
        "| Key | Type | Environment | Description |",
        "|---|---|---|---|",
    ]
    for key in CONFIG_KEYS:
        entry = variables[key.name]
        env = f"`{key.env}`" if key.env else "none"
        secret = " (secret)" if entry.get("secret") else ""
        text = key.doc.replace("|", "\\|").replace("\n", " ")
        lines.append(f"| `{key.config}` | {_config_type(entry['type'])}{secret} | {env} | {text} |")
    lines.append("")
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
REGISTRY = PACKAGE.parents[1] / "docs" / "registry"
REGISTRY_INDEX = REGISTRY / "_index.md"
REGISTRY_INSTALLATION = REGISTRY / "installation-configuration.md"


def render_schema() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    """Write ``schema.json`` (the repository root), ``docs/reference.md``, ``docs/registry/``,
    ``_exports.py`` and the ``_generated.py`` of ``dynamic/``, ``client/``, ``spec/`` and ``native/``."""
    SCHEMA.write_text(render_schema())
    GENERATED.write_text(generate_python())
    EXPORTS.write_text(generate_exports())
    CLIENT_MODELS.write_text(generate_client_models())
    REFERENCE.write_text(generate_reference())
    TYPED_INPUTS.write_text(generate_typed_inputs())
    NATIVE_SDK.write_text(generate_native_sdk())
    NATIVE_OUTPUTS.write_text(generate_native_outputs())
    REGISTRY.mkdir(exist_ok=True)
    REGISTRY_INDEX.write_text(generate_registry_index())
    REGISTRY_INSTALLATION.write_text(generate_registry_installation())
    sys.stdout.write(f"wrote {SCHEMA}, {REFERENCE}, {REGISTRY} and the generated modules\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
