"""Property bags against their declared ``Prop``s: the values, the wire mapping, normalising,
validating and diffing. One module, because every step walks the same declarations the same way
(nested ``shape``s, ``UNKNOWN`` anywhere, ``None`` meaning unset), and none of it needs the HTTP
client: a program that only declares resources loads this and ``core.base``, nothing more.

Values. Property bags as the core sees them: plain JSON-like values, with ``UNKNOWN`` for values a
preview cannot know yet. Each front end translates its own unknown marker to and from this one.

Wire mapping: declared inputs ↔ API bodies, both directions, driven by each ``Prop``'s ``wire``
name. Forward, ``to_wire`` builds a request body (``name`` → ``preview_name``, ``knowledge_id`` →
``knowledge: {id}``). Backward, ``from_wire`` rebuilds inputs from a live object so that refresh
re-baselines on out-of-band edits, with three rules that keep refresh honest:

- a write-only field (``user_data``, ``llm.custom.key``) keeps its prior value: the API never
  echoes it, and its absence is not drift;
- inside a nested object the user declared, keys the user never set are ignored (the server may
  fill defaults), so they never show as drift;
- provider-only fields (``adopt_id``, ``content_hash``) keep their prior value.

Validation reports every bad field as ``Failure(path, reason)`` with the path the user wrote
(``presenter.voice.type``). Values still unknown in a preview are skipped; they are judged once
known. Reasons never echo the value of a secret field.

Diff rules from the declarations: per-property update vs replace, and what stays stable. The plan
is front-end neutral: the native provider sends ``detailed`` as the engine's detailed diff; the
dynamic one sends ``changes``/``replaces``/``stables`` (and ``detailed`` where the host forwards
it). Identical inputs never show a change; a value unknown during a preview always does.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Final, Literal

from ..spec import Failure, Prop, ResourceSpec, Rule

__all__ = [
    "UNKNOWN",
    "ChangeKind",
    "DiffPlan",
    "PropertyChange",
    "Unknown",
    "contains_unknown",
    "from_wire",
    "get_path",
    "is_unknown",
    "join",
    "normalize",
    "plan_diff",
    "prune_none",
    "set_path",
    "to_wire",
    "validate",
]


# Values.


class Unknown:
    """A value that is computed later (an output of a resource not created yet)."""

    _instance: Unknown | None = None

    def __new__(cls) -> Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __reduce__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Final = Unknown()


def is_unknown(value: Any) -> bool:
    return value is UNKNOWN


def contains_unknown(value: Any) -> bool:
    """True if ``value`` is, or anywhere contains, ``UNKNOWN``."""
    if value is UNKNOWN:
        return True
    if isinstance(value, Mapping):
        return any(contains_unknown(item) for item in value.values())
    if isinstance(value, list | tuple):
        return any(contains_unknown(item) for item in value)
    return False


def prune_none(value: Any) -> Any:
    """Drop ``None`` values from mappings, recursively: a missing key and ``None`` mean the same."""
    if isinstance(value, Mapping):
        return {key: prune_none(item) for key, item in value.items() if item is not None}
    if isinstance(value, list | tuple):
        return [prune_none(item) for item in value]
    return value


def get_path(data: Any, path: str) -> Any:
    """``get_path({"knowledge": {"id": "k"}}, "knowledge.id") == "k"``; ``None`` when absent."""
    for part in path.split("."):
        if not isinstance(data, Mapping):
            return None
        data = data.get(part)
    return data


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    head, _, rest = path.partition(".")
    if not rest:
        data[head] = value
        return
    child = data.setdefault(head, {})
    if child is None:
        child = data[head] = {}
    set_path(child, rest, value)


# The wire mapping.


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


# Normalising and validating.


def join(prefix: str, name: str) -> str:
    if not prefix:
        return name
    return f"{prefix}{name}" if name.startswith("[") else f"{prefix}.{name}"


def normalize(props: Sequence[Prop], values: Mapping[str, Any]) -> dict[str, Any]:
    """Fill declared defaults, drop ``None``, coerce whole floats of integer fields to ``int``.

    Equal intent then gives equal dicts ("not set" and "set to the API's default" are the same), so
    diffs never show noise. Undeclared keys are kept for :func:`validate` to report.
    """
    declared = {p.name: p for p in props}
    out: dict[str, Any] = {}
    for key, value in values.items():
        if value is None:
            continue
        prop = declared.get(key)
        out[key] = value if prop is None else _normalize_value(prop, value)
    for prop in props:
        if prop.name not in out and prop.default is not None:
            out[prop.name] = copy.deepcopy(prop.default)
    return out


def _normalize_value(prop: Prop, value: Any) -> Any:
    if is_unknown(value):
        return value
    if prop.kind == "object" and prop.shape is not None and isinstance(value, Mapping):
        return normalize(prop.shape.props, value)
    if prop.kind == "array" and prop.items is not None and isinstance(value, list | tuple):
        return [_normalize_value(prop.items, item) for item in value]
    if prop.kind == "map" and prop.items is not None and isinstance(value, Mapping):
        return {key: _normalize_value(prop.items, item) for key, item in value.items() if item is not None}
    if prop.kind == "integer" and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def validate(
    props: Sequence[Prop], rules: Iterable[Rule], values: Mapping[str, Any], prefix: str = ""
) -> list[Failure]:
    """Every problem of ``values`` (one object level and below) as failures with full paths."""
    failures: list[Failure] = []
    declared = {p.name for p in props}
    for key in values:
        if key not in declared:
            known = ", ".join(sorted(declared))
            failures.append(Failure(join(prefix, key), f"unknown property (expected one of: {known})"))
    for prop in props:
        value = values.get(prop.name)
        path = join(prefix, prop.name)
        if value is None:
            if prop.required:
                failures.append(Failure(path, "is required"))
            continue
        if not is_unknown(value):
            failures += _check(prop, value, path)
    if not failures:
        # Rules see unknown values too (a field that will be known later is present), and judge
        # only the values they can read.
        for rule in rules:
            failures += [Failure(join(prefix, f.path), f.reason) for f in rule(values)]
    return failures


_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "boolean": (bool,),
    "integer": (int,),
    "number": (int, float),
    "array": (list, tuple),
    "map": (Mapping,),
    "object": (Mapping,),
}
_TYPE_NAMES = {
    "string": "a string",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "map": "an object of strings",
    "object": "an object",
}


def _check(prop: Prop, raw: Any, path: str) -> list[Failure]:
    if prop.kind in ("json", "any"):
        return []
    if not isinstance(raw, _TYPES[prop.kind]) or (
        isinstance(raw, bool) and prop.kind in ("integer", "number")
    ):
        return [Failure(path, f"must be {_TYPE_NAMES[prop.kind]}")]
    value: Any = raw
    if prop.kind == "string":
        return _check_string(prop, value, path)
    if prop.kind in ("integer", "number"):
        return _check_number(prop, value, path)
    if prop.kind == "boolean":
        return []
    if prop.kind == "object":
        assert prop.shape is not None
        return validate(prop.shape.props, prop.shape.rules, value, path)
    assert prop.items is not None
    if prop.kind == "map":
        items: Iterable[tuple[str, Any]] = ((f"{path}.{key}", item) for key, item in value.items())
    else:
        if prop.min_items is not None and len(value) < prop.min_items:
            return [Failure(path, f"must have at least {prop.min_items} item(s)")]
        items = ((f"{path}[{index}]", item) for index, item in enumerate(value))
    failures: list[Failure] = []
    for item_path, item in items:
        if item is None:
            failures.append(Failure(item_path, "must not be null"))
        elif not is_unknown(item):
            failures += _check(prop.items, item, item_path)
    return failures


def _check_string(prop: Prop, value: str, path: str) -> list[Failure]:
    if prop.choices and value not in prop.choices:
        shown = "" if prop.secret else f" (got {value!r})"
        return [Failure(path, f"must be one of {', '.join(prop.choices)}{shown}")]
    if prop.min_length is not None and len(value) < prop.min_length:
        wanted = (
            "must not be empty" if prop.min_length == 1 else f"must be at least {prop.min_length} characters"
        )
        return [Failure(path, wanted)]
    if prop.max_length is not None and len(value) > prop.max_length:
        return [Failure(path, f"must be at most {prop.max_length} characters (got {len(value)})")]
    if prop.not_blank and not value.strip():
        return [Failure(path, "must not be blank")]
    if prop.pattern is not None and _regex(prop.pattern).search(value) is None:
        return [Failure(path, f"must be {prop.pattern_hint or 'of the form ' + prop.pattern}")]
    return []


def _check_number(prop: Prop, value: float, path: str) -> list[Failure]:
    if prop.kind == "integer" and isinstance(value, float) and not value.is_integer():
        return [Failure(path, "must be a whole number")]
    if prop.minimum is not None and value < prop.minimum:
        return [Failure(path, f"must be at least {prop.minimum:g}")]
    if prop.maximum is not None and value > prop.maximum:
        return [Failure(path, f"must be at most {prop.maximum:g}")]
    return []


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# Diffing.


ChangeKind = Literal["add", "delete", "update"]


@dataclass(frozen=True)
class PropertyChange:
    kind: ChangeKind
    replace: bool


@dataclass(frozen=True)
class DiffPlan:
    detailed: dict[str, PropertyChange] = field(default_factory=dict)
    """Changed property paths (``llm.instructions``, ``presenter.type``) and how each changes."""
    stables: tuple[str, ...] = ()
    """Outputs (and unchanged inputs) an update leaves as they are."""
    delete_before_replace: bool = False

    @property
    def changes(self) -> bool:
        return bool(self.detailed)

    @property
    def replaces(self) -> list[str]:
        """Top-level inputs whose change forces a replacement."""
        return sorted({_top(path) for path, change in self.detailed.items() if change.replace})

    @property
    def changed_keys(self) -> list[str]:
        return sorted({_top(path) for path in self.detailed})


def _top(path: str) -> str:
    return path.split(".", 1)[0].split("[", 1)[0]


def plan_diff(spec: ResourceSpec, old: Mapping[str, Any], new: Mapping[str, Any]) -> DiffPlan:
    """Compare the inputs recorded in state with the new checked inputs."""
    detailed: dict[str, PropertyChange] = {}
    for prop in spec.inputs:
        if prop.diff:
            _diff_prop(prop, old.get(prop.name), new.get(prop.name), prop.name, detailed)
    changed = {_top(path) for path in detailed}
    replacing = any(change.replace for change in detailed.values())
    stables = (*spec.stable_outputs, *(p.name for p in spec.inputs if p.name not in changed))
    return DiffPlan(
        detailed=detailed,
        stables=() if replacing else stables,
        delete_before_replace=spec.delete_before_replace and replacing,
    )


def _diff_prop(prop: Prop, old: Any, new: Any, path: str, out: dict[str, PropertyChange]) -> None:
    if old is None:
        old = prop.default  # state written before a default was declared means the same thing
    if is_unknown(new) or (contains_unknown(new) and prop.kind != "object"):
        out[path] = PropertyChange("update", prop.replace or _may_replace(prop))
        return
    if (
        prop.kind == "object"
        and prop.shape is not None
        and isinstance(new, Mapping)
        and isinstance(old, Mapping)
    ):
        for child in prop.shape.props:
            if child.diff:
                sub: dict[str, PropertyChange] = {}
                _diff_prop(child, old.get(child.name), new.get(child.name), f"{path}.{child.name}", sub)
                out.update({p: PropertyChange(c.kind, c.replace or prop.replace) for p, c in sub.items()})
        return
    if prune_none(old) == prune_none(new):
        return
    kind: ChangeKind = "add" if old is None else "delete" if new is None else "update"
    out[path] = PropertyChange(
        kind, prop.replace or (_may_replace(prop) and _replace_fields_differ(prop, old, new))
    )


def _may_replace(prop: Prop) -> bool:
    """Whether some part of ``prop`` forces replacement (an unknown value there might change it)."""
    if prop.replace:
        return True
    if prop.kind == "object" and prop.shape is not None:
        return any(_may_replace(child) for child in prop.shape.props)
    return False


def _replace_fields_differ(prop: Prop, old: Any, new: Any) -> bool:
    """A whole object added or removed replaces only if one of its replace-on-change fields differs."""
    if prop.replace:
        return True
    if prop.kind != "object" or prop.shape is None:
        return False
    old_map = old if isinstance(old, Mapping) else {}
    new_map = new if isinstance(new, Mapping) else {}
    return any(
        _replace_fields_differ(child, old_map.get(child.name), new_map.get(child.name))
        for child in prop.shape.props
        if _may_replace(child) and prune_none(old_map.get(child.name)) != prune_none(new_map.get(child.name))
    )
