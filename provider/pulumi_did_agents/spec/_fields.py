"""Short constructors for ``Prop`` so that a resource's declaration reads like its documentation."""

from __future__ import annotations

from typing import Any

from ._decl import Prop, Shape

__all__ = [
    "ID_PATTERN",
    "URL_PATTERN",
    "boolean",
    "digest",
    "identifier",
    "integer",
    "json",
    "json_value",
    "number",
    "obj",
    "string",
    "string_map",
    "strings",
    "url",
]

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
