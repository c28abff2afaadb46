"""Helpers for property bags that may hold ``pulumi.output.Unknown`` (preview) and ``None``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pulumi.output import Unknown

__all__ = [
    "PROVIDER_KEY",
    "Path",
    "contains_unknown",
    "is_unknown",
    "outputs_of",
    "paths_related",
    "prune_none",
    "strip_unknowns",
    "without_provider",
]

PROVIDER_KEY = "__provider"

Path = tuple[str, ...]


def is_unknown(value: Any) -> bool:
    return isinstance(value, Unknown)


def contains_unknown(value: Any) -> bool:
    """True if ``value`` is, or anywhere contains, an ``Unknown``."""
    if is_unknown(value):
        return True
    if isinstance(value, Mapping):
        return any(contains_unknown(item) for item in value.values())
    if isinstance(value, list | tuple):
        return any(contains_unknown(item) for item in value)
    return False


def strip_unknowns(value: Any, path: Path = ()) -> tuple[Any, list[Path]]:
    """Remove every ``Unknown`` from ``value``; return the rest and the paths that were removed.

    Validation runs on the known part; failures under a removed path are then ignored, because
    a value that is computed later cannot be judged now.
    """
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        removed: list[Path] = []
        for key, item in value.items():
            if is_unknown(item):
                removed.append((*path, str(key)))
                continue
            out[key], sub = strip_unknowns(item, (*path, str(key)))
            removed.extend(sub)
        return out, removed
    if isinstance(value, list | tuple):
        items: list[Any] = []
        removed = []
        for index, item in enumerate(value):
            if is_unknown(item):
                removed.append((*path, str(index)))
                items.append(None)  # keep indices stable for error locations
                continue
            stripped, sub = strip_unknowns(item, (*path, str(index)))
            items.append(stripped)
            removed.extend(sub)
        return items, removed
    return value, []


def paths_related(a: Path, b: Path) -> bool:
    """True if one path is a prefix of the other (same node, ancestor or descendant)."""
    shortest = min(len(a), len(b))
    return a[:shortest] == b[:shortest]


def prune_none(value: Any) -> Any:
    """Drop ``None`` values from mappings, recursively: a missing key and ``None`` mean the same."""
    if isinstance(value, Mapping):
        return {key: prune_none(item) for key, item in value.items() if item is not None}
    if isinstance(value, list | tuple):
        return [prune_none(item) for item in value]
    return value


def outputs_of(inputs: Mapping[str, Any], **computed: Any) -> dict[str, Any]:
    """A resource's outputs: its known inputs as declared plus what the API computed, no ``None``s.

    Returned whole from create, read and update (an ``UpdateResult`` without outputs would wipe them).
    """
    outs = {key: value for key, value in inputs.items() if not is_unknown(value)}
    outs.update(computed)
    return prune_none(outs)  # type: ignore[no-any-return]


def without_provider(props: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in props.items() if key != PROVIDER_KEY}
