"""Arguments as the package receives them, in plain Python: resource args objects and mappings → the
property dicts both front ends' Python classes send, and secret arguments (the API key) that never
show themselves.

Kept apart and light (no pydantic, no HTTP client) so that a program declares resources, and the
provider resolves its settings, without importing anything a preview does not need. Pydantic's
``SecretStr`` hides the key inside the HTTP client; :class:`Secret` does the same outside it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, Protocol

__all__ = ["Secret", "SecretLike", "merge_args", "to_props"]


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


# Secret arguments.


class SecretLike(Protocol):
    """Anything that holds a secret string and hides it: ``Secret``, pydantic's ``SecretStr``."""

    def get_secret_value(self) -> str: ...


class Secret:
    """A string that never shows itself: ``repr``, ``str`` and formatting print ``**********``."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get_secret_value(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('**********')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)
