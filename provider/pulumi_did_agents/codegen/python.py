"""The typed Python surface of the dynamic resources, generated from the declarations.

For each nested shape an args dataclass and a ``TypedDict``; for each resource its args, and a thin
``Resource`` subclass with typed outputs whose behaviour lives in ``dynamic/resource.py``. The
generated module is committed (IDEs and mypy read it); a test fails when it is stale.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from ..spec import RESOURCES, Prop, ResourceSpec, Shape

__all__ = ["generate_exports", "generate_python", "generate_typed_inputs", "python_type"]

_SCALARS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
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


def _shapes(specs: tuple[ResourceSpec, ...]) -> list[Shape]:
    seen: dict[str, Shape] = {}

    def visit(props: tuple[Prop, ...]) -> None:
        for prop in props:
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
