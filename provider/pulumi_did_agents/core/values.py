"""Property bags as the core sees them: plain JSON-like values, with ``UNKNOWN`` for values a preview
cannot know yet. Each front end translates its own unknown marker to and from this one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

__all__ = ["UNKNOWN", "Unknown", "contains_unknown", "get_path", "is_unknown", "prune_none", "set_path"]


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
