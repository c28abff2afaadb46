"""Program-side handling of resource arguments, shared by both front ends' Python classes.

Kept apart (and light) so that a program imports no HTTP client or provider code to declare resources.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

__all__ = ["merge_args", "to_props"]


def to_props(value: Any) -> Any:
    """Args dataclasses and mappings → plain dicts without ``None``; Outputs pass through untouched.

    Not ``dataclasses.asdict``: that deep-copies, and Outputs must not be copied.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: to_props(getattr(value, field.name))
            for field in dataclasses.fields(value)
            if getattr(value, field.name) is not None
        }
    if isinstance(value, Mapping):
        return {str(key): to_props(item) for key, item in value.items() if item is not None}
    if isinstance(value, list | tuple):
        return [to_props(item) for item in value]
    return value


def merge_args(args: Any, kwargs: Mapping[str, Any], resource: str) -> dict[str, Any]:
    """Accept ``Resource(name, XArgs(...))``, ``Resource(name, {...})`` or keyword arguments."""
    if args is not None and kwargs:
        raise TypeError(f"{resource}: pass either an args object or keyword arguments, not both")
    props = to_props(args if args is not None else dict(kwargs))
    if not isinstance(props, dict):
        raise TypeError(f"{resource}: args must be an args object or a mapping, got {type(args).__name__}")
    return props
