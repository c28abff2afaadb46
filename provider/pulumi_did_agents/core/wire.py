"""Declared inputs ↔ API bodies, both directions, driven by each ``Prop``'s ``wire`` name.

Forward: ``to_wire`` builds a request body (``name`` → ``preview_name``, ``knowledge_id`` →
``knowledge: {id}``). Backward: ``from_wire`` rebuilds inputs from a live object so that refresh
re-baselines on out-of-band edits, with three rules that keep refresh honest:

- a write-only field (``user_data``, ``llm.custom.key``) keeps its prior value: the API never
  echoes it, and its absence is not drift;
- inside a nested object the user declared, keys the user never set are ignored (the server may
  fill defaults), so they never show as drift;
- provider-only fields (``adopt_id``, ``content_hash``) keep their prior value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..spec import Prop
from .values import get_path, is_unknown, set_path

__all__ = ["from_wire", "to_wire"]


def to_wire(props: Sequence[Prop], values: Mapping[str, Any]) -> dict[str, Any]:
    """The API body for known, normalised ``values`` (unset and provider-only fields left out)."""
    body: dict[str, Any] = {}
    for prop in props:
        value = values.get(prop.name)
        if prop.api_name is None or value is None or is_unknown(value):
            continue
        set_path(body, prop.api_name, _value_to_wire(prop, value))
    return body


def _value_to_wire(prop: Prop, value: Any) -> Any:
    if prop.kind == "object" and prop.shape is not None and isinstance(value, Mapping):
        return to_wire(prop.shape.props, value)
    if prop.kind == "array" and prop.items is not None and prop.items.shape is not None:
        return [_value_to_wire(prop.items, item) for item in value]
    return value


def from_wire(
    props: Sequence[Prop], live: Mapping[str, Any], prior: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Inputs (or outputs) that describe ``live``, shaped by ``prior`` as explained above."""
    return _from_wire(props, live, prior, nested=False)


def _from_wire(
    props: Sequence[Prop], live: Mapping[str, Any], prior: Mapping[str, Any] | None, *, nested: bool
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for prop in props:
        before = prior.get(prop.name) if prior is not None else None
        if prop.api_name is None or prop.write_only:
            if before is not None:
                out[prop.name] = before
            continue
        if nested and prior is not None and prop.name not in prior and not prop.required:
            continue
        value = get_path(live, prop.api_name)
        if value is None:
            continue
        if prop.kind == "object" and prop.shape is not None and isinstance(value, Mapping):
            value = _from_wire(
                prop.shape.props, value, before if isinstance(before, Mapping) else None, nested=True
            )
        out[prop.name] = value
    return out
