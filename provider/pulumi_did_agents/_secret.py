"""A string that never shows itself: ``repr``, ``str`` and formatting print ``**********``.

Pydantic's ``SecretStr`` does the same inside the HTTP client; this one keeps the provider's
settings free of pydantic, so resolving them costs no import a preview does not need.
"""

from __future__ import annotations

__all__ = ["Secret"]


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
