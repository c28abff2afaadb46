"""The declaration language: one ``Prop`` per field, ``Shape`` for nested objects, ``ResourceSpec``.

A field is written once, here, with its type, API wire name, description, default, secret-ness,
replace-on-change and validation. Everything else reads these declarations: the generated args
classes and ``schema.json``, the wire mapping, validation and the diff rules of both front ends.

Short constructors for ``Prop`` (``string``, ``url``, ``obj`` …) follow, so that a resource's
declaration reads like its documentation.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .._tokens import MODULE

__all__ = [
    "ID_PATTERN",
    "OWNER_MARKER",
    "URL_PATTERN",
    "Failure",
    "Kind",
    "Prop",
    "ResourceSpec",
    "Rule",
    "Shape",
    "boolean",
    "camel",
    "digest",
    "identifier",
    "integer",
    "json",
    "json_value",
    "number",
    "obj",
    "owner_marker",
    "string",
    "string_map",
    "strings",
    "url",
]

Kind = Literal["string", "integer", "number", "boolean", "array", "map", "object", "json", "any"]
"""``json``: a JSON object (a mapping) whose content is the user's; ``any``: any JSON value at all
(string, number, boolean, list or object, nested), typed ``Any`` in the generated Python."""


@dataclass(frozen=True)
class Failure:
    """A bad input: the property path as the user wrote it (``presenter.type``) and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason


Rule = Callable[[Mapping[str, Any]], Iterable[Failure]]
"""A cross-field check on an object's values. Values unknown during a preview are present as an
opaque marker: a rule checks presence with ``in`` and inspects only values of the types it expects."""


@functools.cache
def camel(name: str) -> str:
    """``presenter_id`` → ``presenterId``: the schema's (and YAML programs') property names."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


@dataclass(frozen=True)
class Prop:
    """One field of a resource or nested object."""

    name: str
    """The Python (and dynamic-state) name, snake_case."""
    kind: Kind
    doc: str
    wire: str | None = ""
    """API field, dotted for nesting (``knowledge.id``); ``""`` means the same as ``name``; ``None``
    means the API never sees it (a path parameter or a provider-only setting)."""
    required: bool = False
    default: Any = None
    """What an unset value normalises to: the value the API echoes for "not set" (``[]``, ``False``)."""
    secret: bool = False
    write_only: bool = False
    """The API stores it but never returns it, so refresh keeps the prior value."""
    replace: bool = False
    """A change replaces the resource instead of updating it."""
    diff: bool = True
    """``False``: never causes a diff (settings consulted only on create, e.g. ``adopt_id``)."""
    items: Prop | None = None
    """Element type of an ``array``, value type of a ``map``."""
    shape: Shape | None = None
    """Type of an ``object``."""
    choices: tuple[str, ...] = ()
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    pattern_hint: str = ""
    """Human wording of ``pattern`` for error messages (``an http(s) URL``)."""
    minimum: float | None = None
    maximum: float | None = None
    min_items: int | None = None
    not_blank: bool = False
    schema_name: str = ""
    """Name in schema.json and in native (YAML) programs; camelCase of ``name`` unless given."""

    @property
    def api_name(self) -> str | None:
        return None if self.wire is None else (self.wire or self.name)

    @property
    def schema_key(self) -> str:
        return self.schema_name or camel(self.name)


@dataclass(frozen=True)
class Shape:
    """A nested object type (``Presenter``, ``Llm`` …): its fields and cross-field rules."""

    name: str
    doc: str
    props: tuple[Prop, ...]
    rules: tuple[Rule, ...] = ()


@dataclass(frozen=True)
class ResourceSpec:
    """A resource: its inputs, the outputs the API computes, and resource-level behaviour."""

    name: str
    doc: str
    inputs: tuple[Prop, ...]
    outputs: tuple[Prop, ...]
    """Computed outputs; the first is the object's id (``agent_id``)."""
    rules: tuple[Rule, ...] = ()
    delete_before_replace: bool = False
    """Replacements delete the old object first (names and ownership markers stay unique)."""
    stable_outputs: tuple[str, ...] = ()
    """Outputs an in-place update never changes (kept known in previews of updates)."""

    @property
    def token(self) -> str:
        return f"{MODULE}:index:{self.name}"

    def schema_path(self, *names: str) -> tuple[str, ...]:
        """``("llm", "prompt_customization")`` → each field's name in schema.json and native programs
        (its ``schema_key``), following nested shapes; a name not declared is camel-cased."""
        props: tuple[Prop, ...] = (*self.inputs, *self.outputs)
        path: list[str] = []
        for name in names:
            prop = next((p for p in props if p.name == name), None)
            path.append(prop.schema_key if prop is not None else camel(name))
            props = prop.shape.props if prop is not None and prop.shape is not None else ()
        return tuple(path)

    def secret_outputs(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.outputs if p.secret)


# Short constructors for ``Prop``.

URL_PATTERN = r"^https?://\S+$"
ID_PATTERN = r"^[^\s/#?]+$"
"""An API id: non-empty, no whitespace, and nothing that would change the request path."""


def string(name: str, doc: str, **kw: Any) -> Prop:
    return Prop(name, "string", doc, **kw)


OWNER_MARKER = "owner_marker"


def owner_marker() -> Prop:
    """The output recording whose marker an object carries (agents and knowledge bases, whose
    marker the provider can rewrite): a stack that holds an object marked by another (after
    ``pulumi state move``, or by a version before owner ids) previews an update that re-marks it."""
    return string(
        OWNER_MARKER,
        "The ownership marker the object carries (`<owner id>/<URN digest>`): which stack instance "
        "it belongs to (see `did-agents init`).",
        wire=None,
    )


def url(name: str, doc: str, **kw: Any) -> Prop:
    return Prop(name, "string", doc, pattern=URL_PATTERN, pattern_hint="an http(s) URL", **kw)


def identifier(name: str, doc: str, **kw: Any) -> Prop:
    return Prop(name, "string", doc, min_length=1, pattern=ID_PATTERN, pattern_hint="an id (no spaces)", **kw)


def digest(name: str, doc: str, **kw: Any) -> Prop:
    """A content hash, ``sha256:<hex>``."""
    return Prop(
        name, "string", doc, pattern=r"^sha256:[0-9a-f]{64}$", pattern_hint="sha256:<64 hex digits>", **kw
    )


def boolean(name: str, doc: str, **kw: Any) -> Prop:
    return Prop(name, "boolean", doc, **kw)


def integer(name: str, doc: str, **kw: Any) -> Prop:
    return Prop(name, "integer", doc, **kw)


def number(name: str, doc: str, **kw: Any) -> Prop:
    return Prop(name, "number", doc, **kw)


def strings(name: str, doc: str, **kw: Any) -> Prop:
    return Prop(name, "array", doc, items=Prop("item", "string", ""), **kw)


def string_map(name: str, doc: str, **kw: Any) -> Prop:
    return Prop(name, "map", doc, items=Prop("value", "string", ""), **kw)


def obj(name: str, shape: Shape, doc: str, **kw: Any) -> Prop:
    return Prop(name, "object", doc, shape=shape, **kw)


def json(name: str, doc: str, **kw: Any) -> Prop:
    return Prop(name, "json", doc, **kw)


def json_value(name: str, doc: str, **kw: Any) -> Prop:
    """Any JSON value: a string, a number, a boolean, a list or an object, nested as deep as wanted."""
    return Prop(name, "any", doc, **kw)
