"""A string that never shows itself: ``repr``, ``str`` and formatting print ``**********``.

Pydantic's ``SecretStr`` does the same inside the HTTP client; this one keeps the provider's
settings free of pydantic, so resolving them costs no import a preview does not need.
"""

from __future__ import annotations

from typing import Protocol

__all__ = ["Secret", "SecretLike"]


class SecretLike(Protocol):
    """Anything that holds a secret string and hides it: ``Secret``, pydantic's ``SecretStr``."""

    def get_secret_value(self) -> str: ...


class Secret:
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
