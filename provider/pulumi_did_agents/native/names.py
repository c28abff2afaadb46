"""Property names between the engine (camelCase, as in schema.json and YAML) and the core (snake_case).

Driven by the declarations, recursively through nested objects, arrays and maps of objects; the
contents of ``json`` properties (``triggers``, ``voiceConfig``) and the keys of maps are the user's
data and are never renamed. A key the declarations do not know is reported in the user's (engine)
spelling instead of being passed on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..spec import Failure, Prop

__all__ = ["engine_path", "from_core", "props_by_name", "to_core"]


def to_core(props: Sequence[Prop], values: Mapping[str, Any]) -> tuple[dict[str, Any], list[Failure]]:
    """Engine-named ``values`` → core names, and a failure for each key the declarations lack."""
    failures: list[Failure] = []
    return _rename(props, values, inbound=True, prefix="", failures=failures), failures


def from_core(props: Sequence[Prop], values: Mapping[str, Any]) -> dict[str, Any]:
    """Core-named ``values`` → engine names (keys the declarations lack are kept as they are)."""
    return _rename(props, values, inbound=False, prefix="", failures=[])


_DECLARED: dict[tuple[int, bool], tuple[Sequence[Prop], dict[str, Prop]]] = {}


def props_by_name(props: Sequence[Prop], inbound: bool) -> dict[str, Prop]:
    """Props by engine name (``inbound``) or core name. Every engine call renames, and the declarations
    are long-lived constants, so the table is kept per declaration (held, so its ``id`` cannot be
    reused): pass those tuples, not ones built per call, or the cache grows."""
    cached = _DECLARED.get((id(props), inbound))
    if cached is None or cached[0] is not props:
        cached = _DECLARED[(id(props), inbound)] = (
            props,
            {(p.schema_key if inbound else p.name): p for p in props},
        )
    return cached[1]


def _rename(
    props: Sequence[Prop], values: Mapping[str, Any], *, inbound: bool, prefix: str, failures: list[Failure]
) -> dict[str, Any]:
    declared = props_by_name(props, inbound)
    out: dict[str, Any] = {}
    for key, value in values.items():
        prop = declared.get(key)
        path = f"{prefix}.{key}" if prefix else key
        if prop is None:
            if not inbound:
                out[key] = value
            elif not key.startswith("__"):  # the engine's own bookkeeping keys are not the user's
                expected = ", ".join(sorted(declared))
                failures.append(Failure(path, f"unknown property (expected one of: {expected})"))
            continue
        out[prop.name if inbound else prop.schema_key] = _value(prop, value, inbound, path, failures)
    return out


def _value(prop: Prop, value: Any, inbound: bool, path: str, failures: list[Failure]) -> Any:
    """One property's value, renamed wherever the declarations say it holds objects."""
    if prop.kind == "object" and prop.shape is not None and isinstance(value, Mapping):
        return _rename(prop.shape.props, value, inbound=inbound, prefix=path, failures=failures)
    item = prop.items
    if item is None or item.shape is None:
        return value
    if prop.kind == "array" and isinstance(value, list):
        return [_value(item, element, inbound, f"{path}[{i}]", failures) for i, element in enumerate(value)]
    if prop.kind == "map" and isinstance(value, Mapping):
        return {k: _value(item, element, inbound, f"{path}.{k}", failures) for k, element in value.items()}
    return value


_SEGMENT = re.compile(r"^([^.\[]+)((?:\[\d+\])*)(?:\.(.*))?$", re.DOTALL)


def engine_path(props: Sequence[Prop], path: str) -> str:
    """A core property path (``presenter.voice.voice_id``, ``allowed_domains[0]``) in engine names.

    Below a ``json`` property, a map, or a name the declarations lack, the rest is the user's own
    data and is kept verbatim.
    """
    match = _SEGMENT.match(path)
    if not match:
        return path
    name, indexes, rest = match.group(1), match.group(2), match.group(3)
    prop = props_by_name(props, False).get(name)
    if prop is None:
        return path
    head = prop.schema_key + indexes
    if not rest:
        return head
    shape = prop.shape if prop.kind == "object" else prop.items.shape if prop.items is not None else None
    if shape is None or prop.kind == "map":
        return f"{head}.{rest}"
    return f"{head}.{engine_path(shape.props, rest)}"
